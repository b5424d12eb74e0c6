import json

import pytest

from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.storage import schema
from models.storage.archive_file import close_archive, open_archive
from models.storage.db import db, open_database
from models.storage.tables import ALL_TABLES


def make_version_1_archive(path):
    """An archive exactly as the first released version wrote it, with one person in it."""
    open_database(path)
    with db.atomic():
        schema.UPGRADES[0][1]()
        db.execute_sql("PRAGMA user_version = 1")
        db.execute_sql("INSERT INTO setting (key, value) VALUES ('installation_id', ?)", (json.dumps("inst-1"),))
        stamp = "2025-01-01T00:00:00.000000+00:00"
        common = (stamp, stamp, 1, "inst-1")
        db.execute_sql("INSERT INTO township (id, created_at, modified_at, version, origin, name, sort_order)"
                       " VALUES ('t1', ?, ?, ?, ?, '青石镇', 0)", common)
        db.execute_sql("INSERT INTO unit (id, created_at, modified_at, version, origin, township_id, name, kind,"
                       " sort_order) VALUES ('u1', ?, ?, ?, ?, 't1', '东王家村', '村', 0)", common)
        db.execute_sql("INSERT INTO secretary (id, created_at, modified_at, version, origin, name, unit_id,"
                       " concurrent_head, status) VALUES ('s1', ?, ?, ?, ?, '张三丰', 'u1', 1, '在任')", common)
        db.execute_sql("INSERT INTO matter_type (id, created_at, modified_at, version, origin, code, name, timing,"
                       " days_after, extra_block, active, sort_order) VALUES ('m1', ?, ?, ?, ?, '03', '操办丧事',"
                       " '事后', 15, 'funeral', 1, 0)", common)
        db.execute_sql("INSERT INTO matter_report (id, created_at, modified_at, version, origin, secretary_id, kind,"
                       " matter_type_id, timing, matter_date, status) VALUES ('r1', ?, ?, ?, ?, 's1', '平时报告',"
                       " 'm1', '事后', '2024-12-20', '已提交')", common)
    db.close()


def test_a_version_1_archive_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    make_version_1_archive(path)
    open_archive(path)
    try:
        assert schema.current_version() == schema.SCHEMA_VERSION
        person = Secretary.get_by_id("s1")
        assert (person.name, person.name_initials, person.name_pinyin) == ("张三丰", "zsf", "zhangsanfeng")
        from models.matters.tables import MatterReport
        assert MatterReport.get_by_id("r1").due_date.isoformat() == "2025-01-04"  # 15 days after
        backups = list((tmp_path / "backups").glob("old-*-before-upgrade-v1.sqlite"))
        assert len(backups) == 1
    finally:
        close_archive()


def test_the_upgraded_schema_has_every_column_the_models_declare(archive):
    for model in ALL_TABLES:
        table = model._meta.table_name
        columns = {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}
        assert columns == {f.column_name for f in model._meta.sorted_fields}, table


def test_an_archive_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    make_version_1_archive(path)
    open_database(path)
    db.execute_sql(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(ArchiveError, match="较新版本"):
        open_archive(path)


def test_a_failed_upgrade_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_version_1_archive(path)

    def broken_step():
        db.execute_sql("ALTER TABLE secretary ADD COLUMN half_done TEXT")
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(schema, "UPGRADES", (schema.UPGRADES[0], (2, broken_step)))
    open_database(path)
    with pytest.raises(RuntimeError):
        schema.upgrade()
    assert schema.current_version() == 1
    columns = {row[1] for row in db.execute_sql('PRAGMA table_info("secretary")')}
    assert "half_done" not in columns
    db.close()


def test_the_archive_opens_with_wal_full_sync_and_foreign_keys(archive):
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert (pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys")) == ("wal", 2, 1)


def test_close_backups_are_thinned_to_daily_weekly_monthly(tmp_path):
    from models.storage.backup import thin
    folder = tmp_path / "backups"
    folder.mkdir()
    import datetime as dt
    start = dt.datetime(2026, 1, 1, 12, 0, 0)
    for hours in range(0, 24 * 120, 8):  # three copies a day for four months
        stamp = (start + dt.timedelta(hours=hours)).strftime("%Y%m%d-%H%M%S-000000")
        (folder / f"archive-{stamp}-close.sqlite").write_bytes(b"x")
    (folder / "archive-20260101-000000-000000-before-import.sqlite").write_bytes(b"x")
    newest = max(p.name for p in folder.glob("*-close.sqlite"))
    thin(folder)
    kept = sorted(p.name for p in folder.glob("*-close.sqlite"))
    assert 7 <= len(kept) <= 7 + 5 + 12
    assert (folder / "archive-20260101-000000-000000-before-import.sqlite").exists()
    assert kept[-1] == newest  # the newest is always kept
