"""Plain data for the 集中报告表 of a year."""
from __future__ import annotations

from models.errors import ArchiveError
from models.matters.blocks import answer_rows
from models.matters.tables import Campaign, MatterReport, MatterType
from models.org.tables import Township, Unit
from models.personnel.person import Secretary


def campaign_print_data(*, year: int, secretary_id: str | None = None, township: str | None = None) -> dict:
    campaign = Campaign.live().where(Campaign.year == year).first()
    if campaign is None:
        raise ArchiveError(f"没有{year}年度的集中报告")
    query = (MatterReport.select(MatterReport, Secretary, Unit, Township).join(Secretary).join(Unit).join(Township)
             .where(MatterReport.deleted_at.is_null() & (MatterReport.campaign == campaign.id)))
    if secretary_id:
        query = query.where(MatterReport.secretary == secretary_id)
    if township:
        query = query.where(Township.name == township)
    names = {t.code: t.name for t in MatterType.select(MatterType.code, MatterType.name).order_by(MatterType.sort_order)}
    people = []
    for report in query:
        people.append({"year": year, "name": report.secretary.name, "post": report.secretary.current_post or "",
                       "report_date": f"{report.report_date:%Y.%m.%d}" if report.report_date else "",
                       "answers": [list(row) for row in answer_rows(report.details, names)]})
    return {"people": people}
