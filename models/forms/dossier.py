"""Plain data for the dossier: every form of one person, in archive order."""
from __future__ import annotations

import decimal
import datetime as dt

from models.forms.campaign import campaign_print_data
from models.forms.catalogue import catalogue_data
from models.forms.people import person_on_file, records_of
from models.forms.registers import register_book_data
from models.forms.registration import registration_data
from models.forms.report_form import report_form_data
from models.forms.transfer import transfer_data, transfers_of
from models.matters.person_reports import with_matter
from models.matters.tables import MatterReport, ReportKind, ReportStatus
from models.personnel.person import Appointment, Training
from models.storage import memo


def _period(start, end) -> str:
    return f"{start or ''}--{end or ''}" if start or end else ""


def _number(value) -> str:
    """40 hours as ``40``, 40.5 as ``40.5`` — from a file (which keeps 40) and from a server (which
    gives 40.0) alike."""
    return "" if value is None else format(decimal.Decimal(str(value)).normalize(), "f")


def service_data(secretary_id: str) -> dict:
    """培训 and 任职 of the person, as the dossier lists them."""
    person = person_on_file(secretary_id)
    training = [[_period(t.start, t.end), t.name, t.organiser or "", _number(t.hours), _number(t.days)]
                for t in records_of(Training, secretary_id)]
    appointments = [[a.post, a.start or "", a.end or "", a.term or "", a.method or "", a.document or "",
                     "是" if a.concurrent_head else ""] for a in records_of(Appointment, secretary_id)]
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}", "training": training,
            "appointments": appointments}


def _report_part(report: MatterReport) -> dict:
    """A 一事一报 report on its form; a centralised report on the 集中报告表 of its year."""
    if report.kind == ReportKind.CENTRALISED:
        return {"form": "campaign",
                "data": campaign_print_data(year=report.campaign.year, secretary_id=report.secretary_id)["people"][0]}
    memo.keep(("report", report.id), report)  # read with its type already: its form reads it no more
    return {"form": "report", "data": report_form_data(report_id=report.id)}


def dossier_data(*, secretary_id: str, age_at: dt.date | None = None, filled_by: str | None = None) -> dict:
    with memo.batch():  # the person, their village and the code lists: read once for all the forms
        return _dossier_data(secretary_id, age_at, filled_by)


def _dossier_data(secretary_id: str, age_at: dt.date | None, filled_by: str | None) -> dict:
    reports = (with_matter().where(MatterReport.deleted_at.is_null() & (MatterReport.secretary == secretary_id) &
                                   (MatterReport.status != ReportStatus.DRAFT))  # a draft was never handed in
               .order_by(MatterReport.report_date.asc(nulls="first"), MatterReport.id))
    person = person_on_file(secretary_id)
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}",
            "registration": registration_data(secretary_id=secretary_id, age_at=age_at, filled_by=filled_by),
            "catalogue": catalogue_data(secretary_id=secretary_id), "service": service_data(secretary_id),
            "reports": [_report_part(r) for r in reports],  # each at its own report date
            "transfers": [transfer_data(secretary_id=secretary_id, transfer=t) for t in transfers_of(secretary_id)],
            "registers": register_book_data(secretary_id=secretary_id)}
