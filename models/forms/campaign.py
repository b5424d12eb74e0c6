"""Plain data for the 集中报告表 of a year: the filed forms, or a blank one to fill in by hand."""
from __future__ import annotations

from models.errors import ArchiveError
from models.matters.blocks import answer_rows
from models.matters.tables import Campaign, MatterReport, MatterType
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage import memo


def _type_names() -> dict[str, str]:
    query = MatterType.live().order_by(MatterType.sort_order, MatterType.code)
    return memo.remembered(("matter type names",), lambda: {t.code: t.name for t in query})


def _day(value) -> str:
    return f"{value:%Y.%m.%d}" if value else ""


def campaign_print_data(*, year: int, secretary_id: str | None = None, township: str | None = None,
                        people: list[str] | None = None) -> dict:
    """The 集中报告表 filed for ``year``: by one person, the ``people`` chosen, or everyone of a
    township or the archive."""
    campaign = Campaign.live().where(Campaign.year == year).first()
    if campaign is None:
        raise ArchiveError(f"没有{year}年度的集中报告")
    query = (MatterReport.select(MatterReport, Secretary, Unit, Township).join(Secretary).join(Unit).join(Township)
             .where(MatterReport.deleted_at.is_null() & (MatterReport.campaign == campaign.id))
             .order_by(Township.sort_order, Unit.sort_order, Secretary.name_pinyin, Secretary.id))
    if secretary_id:
        query = query.where(MatterReport.secretary == secretary_id)
    if people:
        query = query.where(MatterReport.secretary.in_(people))
    if township:
        query = query.where(Township.name == township)
    names = _type_names()
    forms = [{"year": year, "name": r.secretary.name, "post": r.secretary.current_post or "",
               "unit": _unit_of(r.secretary), "report_date": _day(r.report_date),
               "answers": [list(row) for row in answer_rows(r.details, names, every_type=True)],
               "opinion": r.review_opinion or "", "reviewer": r.reviewer or "", "reviewed_on": _day(r.reviewed_on)}
              for r in query]
    if not forms:
        raise ArchiveError(_nobody(year, secretary_id, township, people))
    return {"people": forms}


def _unit_of(person: Secretary) -> str:
    """单位 as the post does not already say it: "青石镇" before "东王家村党支部书记", not
    "青石镇 东王家村 东王家村党支部书记"."""
    post = person.current_post or ""
    return "".join(place for place in (person.unit.township.name, person.unit.name) if place not in post)


def _nobody(year: int, secretary_id: str | None, township: str | None, people: list[str] | None) -> str:
    if secretary_id or (people and len(people) == 1):
        who = Secretary.get_by_id(secretary_id or people[0]).name
        return f"{who}还没有提交{year}年度集中报告，没有可打印的集中报告表（可打印空白集中报告表供手工填写）"
    where = "所选人员" if people else (township or "本档案")
    return f"{where}还没有人提交{year}年度集中报告，没有可打印的集中报告表"


def blank_campaign_data(*, year: int | None = None) -> dict:
    """One empty 集中报告表 listing every matter type, to be filled in by hand."""
    names = _type_names()
    return {"people": [{"year": year, "name": "", "post": "", "unit": "", "report_date": "",
                        "answers": [[name, ""] for name in names.values()], "opinion": "", "reviewer": "",
                        "reviewed_on": ""}]}
