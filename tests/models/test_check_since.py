"""The start-up check after one that passed on this PC: what changed since, a whole one weekly."""
import datetime as dt
import json

import pytest

from models.archive import check
from models.archive.check import Since, remember, run_check, start_up_since
from models.archive.lifecycle import close_archive, open_archive
from models.personnel.person import Secretary
from models.storage.db import db, on_postgresql
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
    assert start_up_since() == Since(*since.head, since.rows) and since.head[0] == last_seq()


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


def test_a_row_put_in_from_outside_after_the_point_makes_the_check_whole(archive, admin, unit):
    """No entry names it, so no entry since the point touches it: the rows are counted."""
    first, second, _ = people(admin, unit)
    assert start_up_check().ok
    columns = [c.name for c in db.get_columns("secretary")]
    listed = ", ".join(columns)
    db.execute_sql(f"INSERT INTO secretary ({listed}) SELECT {', '.join('name' if c == 'name' else (db.param if c == 'id' else c) for c in columns)} "
                   f"FROM secretary WHERE id = {db.param}", ("00000000-0000-4000-8000-000000000001", first.id))
    services.update(admin, Secretary, second.id, {"phone": "13900001111"})  # a day's work meanwhile
    found = start_up_check()
    assert found.since is None and any("没有操作日志" in fault for fault in found.faults)
    assert start_up_since() is None  # (forgotten: the next is whole too)


def test_after_a_log_repair_the_records_its_tail_changed_are_checked_whole(archive, admin, unit):
    from tests.models.test_check import _forge_tail_entry
    from models.archive.repair import set_aside_tail

    people(admin, unit)
    assert start_up_check().ok
    _forge_tail_entry()  # an edit outside the program, with an entry chained on without the key
    assert start_up_check().faults
    set_aside_tail(admin)
    found = start_up_check()
    assert found.since is None and any("操作日志不符" in fault for fault in found.faults)


def test_after_a_restore_from_a_backup_the_check_is_whole(archive, admin, unit, tmp_path):
    from models.archive.restore import restore_from
    from models.storage.backup import write_backup
    from models.accounts.users import authenticate
    from tests.conftest import ADMIN_PASSWORD

    if on_postgresql():
        pytest.skip("a server is kept by pg_dump and pg_restore, which write no entry (see models/archive/check.py)")
    first, _, _ = people(admin, unit)
    assert start_up_check().ok
    backup = write_backup(tmp_path / "备份.zip")  # (the point is in it: entry and hash alike)
    services.update(admin, Secretary, first.id, {"phone": "13900001111"})
    close_archive()
    restore_from(archive, backup, actor=admin)
    open_archive(archive)
    restored = start_up_check()  # (the restore's own entry is after the point)
    assert restored.ok and restored.since is None
    authenticate("admin", ADMIN_PASSWORD)
    assert start_up_check().since == restored.head[0]  # from the restored archive's checked head on


def test_a_whole_check_that_fails_forgets_the_point(archive, admin, unit):
    """main.py check finds an edit the start-up check since the point cannot see: the next start-up
    check is whole and finds it again."""
    first, second, _ = people(admin, unit)
    assert start_up_check().ok
    db.execute_sql(f"UPDATE secretary SET remarks = '改过' WHERE id = {db.param}", (first.id,))
    remember(run_check())  # (as main.py check does)
    services.update(admin, Secretary, second.id, {"phone": "13900001111"})
    found = start_up_check()
    assert found.since is None and any("操作日志不符" in fault for fault in found.faults)
