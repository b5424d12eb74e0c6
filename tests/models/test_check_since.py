"""The start-up check after one that passed on this PC: what changed since, a whole one weekly."""
import datetime as dt
import json

from models.archive import check
from models.archive.check import Since, remember, run_check, start_up_since
from models.personnel.person import Secretary
from models.storage.db import db
from models.storage.paths import data_folder
from models.values import clock
from models.writing import services
from models.writing.audit import AuditEntry


def start_up_check():
    """As the window's child does it: from this PC's point, which a passing check moves on."""
    result = run_check(start_up_since())
    remember(result)
    return result


def people(admin, unit, count=3):
    return [services.create(admin, Secretary, {"name": "张王李赵"[n] + "明", "unit": unit.id}).record for n in range(count)]


def last_seq() -> int:
    return AuditEntry.select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).first().seq


def test_after_a_passing_check_the_next_reads_only_the_records_changed_since(archive, admin, unit):
    first, second, third = people(admin, unit)
    whole = start_up_check()
    assert whole.ok and whole.since is None and whole.counts["secretary"] == 3
    point = last_seq()
    services.update(admin, Secretary, second.id, {"phone": "13900001111"})
    since = start_up_check()
    assert since.ok, since.faults
    assert since.since == point and since.counts["secretary"] == 1  # the one record written since
    assert start_up_since() == Since(*since.head) and since.head[0] == last_seq()


def test_an_outside_edit_to_a_record_written_since_the_point_is_found(archive, admin, unit):
    first, second, _ = people(admin, unit)
    assert start_up_check().ok
    services.update(admin, Secretary, second.id, {"phone": "13900001111"})
    db.execute_sql(f"UPDATE secretary SET remarks = '改过' WHERE id = {db.param}", (second.id,))
    found = start_up_check()
    assert found.since is not None and any("操作日志不符" in fault for fault in found.faults)
    assert start_up_check().faults == found.faults  # a failing check leaves the point where it was


def test_a_removed_entry_after_the_point_is_named(archive, admin, unit):
    first, second, _ = people(admin, unit)
    assert start_up_check().ok
    for phone in ("13900001111", "13900002222", "13900003333"):
        services.update(admin, Secretary, first.id, {"phone": phone})
    gone = last_seq() - 1
    AuditEntry.delete().where(AuditEntry.seq == gone).execute()
    found = start_up_check()
    assert found.since is not None and f"操作日志第{gone}条缺失" in " ".join(found.faults)


def test_a_week_after_the_last_whole_check_the_start_up_check_is_whole_again(archive, admin, unit, monkeypatch):
    """An edit outside the program to a record nobody wrote since waits for the weekly whole check."""
    first, second, _ = people(admin, unit)
    assert start_up_check().ok
    db.execute_sql(f"UPDATE secretary SET remarks = '改过' WHERE id = {db.param}", (first.id,))
    services.update(admin, Secretary, second.id, {"phone": "13900001111"})
    assert start_up_check().ok  # (first untouched since the point)
    monkeypatch.setenv(clock.TODAY_VARIABLE, (clock.today() + dt.timedelta(days=check.WHOLE_EVERY)).isoformat())
    assert start_up_since() is None
    found = start_up_check()
    assert found.since is None and any("操作日志不符" in fault for fault in found.faults)


def test_a_point_that_no_longer_fits_the_log_makes_the_check_whole(archive, admin, unit):
    """A restored or replaced archive at the same place: the entry the point names is not there."""
    people(admin, unit)
    assert start_up_check().ok
    points = json.loads((data_folder() / check.POINTS).read_text(encoding="utf-8"))
    [place] = points
    points[place]["hash"] = "0" * 64
    (data_folder() / check.POINTS).write_text(json.dumps(points), encoding="utf-8")
    result = start_up_check()
    assert result.ok and result.since is None and result.counts["secretary"] == 3
    points[place]["installation"] = "another"
    (data_folder() / check.POINTS).write_text(json.dumps(points), encoding="utf-8")
    assert start_up_since() is None


def test_a_damaged_points_file_means_a_whole_check(archive, admin, unit):
    people(admin, unit)
    (data_folder()).mkdir(parents=True, exist_ok=True)
    (data_folder() / check.POINTS).write_text("{not json", encoding="utf-8")
    assert start_up_since() is None
    assert start_up_check().ok and start_up_since() is not None
