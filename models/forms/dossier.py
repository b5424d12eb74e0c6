"""Plain data for the dossier: every form of one person, in archive order."""
from __future__ import annotations

import datetime as dt

from models.forms.catalogue import catalogue_data
from models.forms.registration import registration_data
from models.forms.report_form import report_form_data
from models.matters.tables import MatterReport
from models.personnel.person import Secretary


def dossier_data(*, secretary_id: str, age_at: dt.date | None = None) -> dict:
    reports = MatterReport.live().where(MatterReport.secretary == secretary_id).order_by(MatterReport.report_date)
    person = Secretary.get_by_id(secretary_id)
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}",
            "registration": registration_data(secretary_id=secretary_id, age_at=age_at),
            "catalogue": catalogue_data(secretary_id=secretary_id),
            "reports": [report_form_data(report_id=r.id, age_at=age_at) for r in reports]}
