"""services.create_many: many records in one go, each exactly as services.create makes it."""
import datetime as dt
import json

import pytest

from models.errors import PermissionDenied, ValidationError
from models.matters.tables import MatterReport, MatterType, ReportKind, ReportStatus, Timing
from models.personnel.catalogue import Material
from models.personnel.person import ResumeEntry, Secretary
from models.archive.check import run_check
from models.storage.record import new_id
from models.writing import services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry, verify_chain

TODAY = dt.date(2026, 11, 24)
ID = "370281197503120018"
MOMENTS = ("id", "created_at", "modified_at")


def _row(model, record_id) -> dict:
    row = model.select().where(model.id == record_id).dicts().get()
    return {k: v for k, v in row.items() if k not in MOMENTS}


def _entry(record_id) -> tuple:
    entry = AuditEntry.get((AuditEntry.record_id == record_id) & (AuditEntry.action == "create"))
    changes = {k: v for k, v in json.loads(entry.changes).items() if k not in ("__created_at", "__modified_at")}
    return entry.action, entry.table, entry.summary, entry.actor, changes


def _same_as_create(admin, model, data):
    one = services.create(admin, model, data, record_id=new_id(), today=TODAY).record
    many = services.create_many(admin, model, [(new_id(), data)], today=TODAY)[0].record
    assert _row(model, many.id) == _row(model, one.id)
    assert _entry(many.id) == _entry(one.id)
    return one, many


def test_a_secretary_made_in_a_batch_is_indistinguishable_from_one_made_alone(admin, unit):
    data = {"name": " 张三 ", "unit": unit.id, "id_number": ID, "phone": "13800138000", "party_date": "1998.07"}
    one = services.create(admin, Secretary, data, record_id=new_id(), today=TODAY).record
    services.delete(admin, Secretary, one.id)  # the same ID number may be typed again
    many = services.create_many(admin, Secretary, [(new_id(), data)], today=TODAY)[0].record
    assert _row(Secretary, many.id) == {**_row(Secretary, one.id), "deleted_at": None, "deleted_by": None,
                                        "version": 1}
    assert _entry(many.id) == _entry(one.id)
    assert many.name == "张三" and many.name_initials == "zs"


def test_parts_and_reports_made_in_a_batch_match_the_single_write(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    _same_as_create(admin, ResumeEntry, {"secretary": person.id, "start": "1990.07", "end": "1995.01",
                                         "text": "务农", "sort_order": 0})
    _same_as_create(admin, Material, {"secretary": person.id, "category": "4-1", "title": "学历证书复印件",
                                      "date": "1993.07", "copies": 1, "pages": 3})
    wedding = MatterType.get(MatterType.code == "02")
    _same_as_create(admin, MatterReport, {
        "secretary": person.id, "kind": ReportKind.ORDINARY, "matter_type": wedding.id, "timing": Timing.BEFORE,
        "matter_date": dt.date(2026, 10, 1), "report_date": dt.date(2026, 9, 1), "status": ReportStatus.SUBMITTED,
        "details": json.dumps({"tables": 10}), "content": "操办婚礼"})


def test_a_batch_is_chained_in_order_and_the_archive_passes_the_check(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    rows = [(new_id(), {"secretary": person.id, "start": f"{1900 + i // 12}.{i % 12 + 1:02d}", "text": f"第{i}段",
                        "sort_order": i}) for i in range(1200)]  # more than one insert chunk
    made = services.create_many(admin, ResumeEntry, rows, today=TODAY)
    assert [s.record.id for s in made] == [record_id for record_id, _ in rows]
    entries = list(AuditEntry.select().where(AuditEntry.table == "resume_entry").order_by(AuditEntry.seq))
    assert [e.record_id for e in entries] == [record_id for record_id, _ in rows]
    assert verify_chain() is None
    assert run_check().ok, run_check().faults


def test_one_bad_row_refuses_the_whole_batch_naming_the_field(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    before = AuditEntry.select().count()
    rows = [(new_id(), {"secretary": person.id, "start": "1990.01", "text": "务农"}),
            (new_id(), {"secretary": person.id, "start": "1990.07", "end": "1986.09", "text": "务农"})]
    with pytest.raises(ValidationError, match="截止时间:不能早于起始时间"):
        services.create_many(admin, ResumeEntry, rows, today=TODAY)
    assert ResumeEntry.select().count() == 0 and AuditEntry.select().count() == before


def test_the_same_id_number_twice_in_one_batch_is_refused(admin, unit):
    rows = [(new_id(), {"name": "张三", "unit": unit.id, "id_number": ID}),
            (new_id(), {"name": "李四", "unit": unit.id, "id_number": ID})]
    with pytest.raises(ValidationError, match="身份证号相同"):
        services.create_many(admin, Secretary, rows, today=TODAY)
    assert Secretary.select().count() == 0


def test_a_viewer_may_not_write_a_batch(admin, unit):
    with pytest.raises(PermissionDenied):
        services.create_many(Actor("guest", "访客", "viewer"), Secretary,
                             [(new_id(), {"name": "张三", "unit": unit.id})])


def test_an_empty_batch_writes_nothing(admin):
    before = AuditEntry.select().count()
    assert services.create_many(admin, Secretary, []) == []
    assert AuditEntry.select().count() == before
