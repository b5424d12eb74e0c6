import json

import pytest

from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.archive import schema, server_guard
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import db, on_postgresql, open_database
from models.archive.tables import ALL_TABLES


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
        from models.storage.backup import list_backups
        [copy] = list_backups(tmp_path / "backups")
        assert copy.reason == "before-upgrade-v1" and copy.installation_id == "inst-1"
    finally:
        close_archive()


def test_the_upgraded_schema_has_every_column_the_models_declare(archive):
    stamped = set(server_guard.STAMPED) if on_postgresql() else set()  # the server's own, beside the log's
    for model in ALL_TABLES:
        table = model._meta.table_name
        columns = {column.name for column in db.get_columns(table)} - (stamped if table == "audit_entry" else set())
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


@pytest.mark.sqlite_only  # the file's own settings
def test_the_archive_opens_with_wal_full_sync_and_foreign_keys(archive):
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert (pragma("journal_mode"), pragma("synchronous"), pragma("foreign_keys")) == ("wal", 2, 1)


def fake_copy(folder, installation, when, reason, size=1):
    """A copy as ``thin`` sees it: its manifest (and ``size`` bytes of padding)."""
    import zipfile
    name = folder / f"archive-{when:%Y%m%d-%H%M%S}-{installation}-{reason}.zip"
    with zipfile.ZipFile(name, "w") as copy:
        copy.writestr("manifest.json", json.dumps({"format": 1, "created_at": when.isoformat(), "reason": reason,
                                                   "installation_id": installation, "database": {"sha256": ""}}))
        copy.writestr("padding", b"x" * size)
    return name


def test_backups_are_thinned_per_archive_to_daily_weekly_monthly(tmp_path):
    import datetime as dt

    from models.storage.backup import list_backups, thin
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 12, 0, 0)
    for hours in range(0, 24 * 120, 8):  # three copies a day for four months, of two archives in one folder
        fake_copy(folder, "A", start + dt.timedelta(hours=hours), "close")
        fake_copy(folder, "B", start + dt.timedelta(hours=hours, minutes=3), "close")
    for day in range(20):  # twenty imports
        fake_copy(folder, "A", start + dt.timedelta(days=day, minutes=30), "before-import")
    newest_b = list_backups(folder, installation_id="B")[0].path
    latest_five = sorted(c.created_at for c in list_backups(folder, installation_id="A") if c.reason == "close")[-5:]
    thin(folder, installation_id="A")
    kept = list_backups(folder, installation_id="A")
    closes = [c for c in kept if c.reason == "close"]
    assert 7 <= len(closes) <= 5 + 7 + 5 + 12
    assert sorted(c.created_at for c in closes)[-5:] == latest_five  # several a day: the morning's copy stays
    assert len([c for c in kept if c.reason == "before-import"]) == 3  # the last few imports
    assert len(list_backups(folder, installation_id="B")) == 360 and newest_b.exists()  # the other archive: untouched


def test_backups_stay_within_their_budget(archive, tmp_path):  # the budget is a setting of the archive
    import datetime as dt

    from models.storage.backup import list_backups, thin
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2026, 1, 1, 12, 0, 0)
    for day in range(30):
        fake_copy(folder, "A", start + dt.timedelta(days=day), "close", size=100_000)
    thin(folder, installation_id="A", archive_size=50_000)  # budget: 10 × the archive = 500 kB
    kept = list_backups(folder, installation_id="A")
    assert sum(c.size for c in kept) <= 500_000 + 100_000 and kept[0].created_at.startswith("2026-01-30")


@pytest.mark.sqlite_only  # a server's autovacuum keeps its statistics
def test_statistics_are_made_again_when_the_reports_have_grown(admin, unit):
    """A new archive's statistics describe empty tables; after a district's first large import
    the ledger's plans must follow the real numbers (a stale plan read half a million rows)."""
    import uuid

    from models.matters.tables import MatterType
    from models.personnel.person import Secretary
    from models.storage.db import _analysed_rows, db, refresh_statistics
    from models.writing import services

    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    kind = MatterType.select().first()
    rows = [(str(uuid.uuid4()), "2026-01-01T00:00:00", "2026-01-01T00:00:00", 1, "test", person.id, "平时报告",
             kind.id, "事后", "2026-01-01", "2026-01-05", "已提交", "2026-01-20") for _ in range(3000)]
    with db.atomic():
        db.cursor().executemany(
            "INSERT INTO matter_report (id, created_at, modified_at, version, origin, secretary_id, kind,"
            " matter_type_id, timing, matter_date, report_date, status, due_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows)
    assert _analysed_rows("matter_report") < 3000
    refresh_statistics()
    assert _analysed_rows("matter_report") >= 3000


@pytest.mark.sqlite_only  # a file's upgrade: a server's archive starts at version 11
def test_names_keyed_before_the_surname_readings_are_keyed_again_and_logged(archive, admin, unit):
    """An archive of version 10 keyed 曾 as ceng (as in 曾经): the upgrade keys it zeng, logs the
    change, and the integrity check still rebuilds every record from the log."""
    from models.archive.check import run_check
    from models.writing import services
    from models.writing.audit import AuditEntry

    person = services.create(admin, Secretary, {"name": "曾小明", "unit": unit.id}).record
    db.execute_sql(f"UPDATE secretary SET name_initials = 'cxm', name_pinyin = 'cengxiaoming' WHERE id = {db.param}",
                   (person.id,))
    db.execute_sql("PRAGMA user_version = 10")
    assert schema.upgrade(backup=False) == [11, 12, 13, 14, 15, 16]
    again = Secretary.get_by_id(person.id)
    assert (again.name_initials, again.name_pinyin) == ("zxm", "zengxiaoming")
    logged = AuditEntry.select().where(AuditEntry.record_id == person.id).order_by(AuditEntry.seq.desc()).first()
    assert json.loads(logged.changes)["name_pinyin"] == ["cengxiaoming", "zengxiaoming"]
    assert run_check().ok


def test_a_servers_archive_finds_a_typed_name_through_its_trigram_index(engine, archive, admin, unit):
    from models.matters import ledger
    from models.writing import services

    if engine == "sqlite":
        pytest.skip("a file reads its few thousand people for a typed name")
    assert db.execute_sql("SELECT to_regclass('secretary_name_search')").fetchone()[0] == "secretary_name_search"
    person = services.create(admin, Secretary, {"name": "王芳", "unit": unit.id}).record
    services.create(admin, Secretary, {"name": "李四", "unit": unit.id})
    db.execute_sql("SET enable_seqscan = off")  # (a few people: the planner would rather read them all)
    try:
        plan = "\n".join(row[0] for row in db.execute_sql(
            "EXPLAIN SELECT id FROM secretary WHERE name_pinyin LIKE %s OR name_initials LIKE %s", ("%wang%",) * 2))
        found = [p.id for p in Secretary.select().where(ledger._like(Secretary.name_pinyin, "wangf"))]
    finally:
        db.execute_sql("RESET enable_seqscan")
    assert "secretary_name_search" in plan and found == [person.id]


def test_a_server_without_the_trigram_extension_opens_and_gets_the_index_once_offered(engine, archive_target,
                                                                                      monkeypatch):
    """(pg_trgm comes with PostgreSQL, but a server may not have it installed or not offer it to
    the archive's owner: the archive is made and used all the same, its name search reading every
    person; the owner's first open after the extension is offered makes the index.)"""
    from peewee import ProgrammingError

    from models.archive.lifecycle import create_archive
    from models.storage.db import ServerDatabase

    if engine == "sqlite":
        pytest.skip("a file needs no extension")
    execute = ServerDatabase.execute_sql

    def refusing(self, sql, params=None, *args, **kwargs):
        if sql.startswith("CREATE EXTENSION"):
            raise ProgrammingError('permission denied to create extension "pg_trgm"')
        return execute(self, sql, params, *args, **kwargs)

    def index() -> str | None:
        return db.execute_sql("SELECT to_regclass('secretary_name_search')").fetchone()[0]

    with monkeypatch.context() as refused:
        refused.setattr(ServerDatabase, "execute_sql", refusing)
        create_archive(archive_target, township_name="青石镇", admin_password="Admin-pass-2026")
        assert schema.current_version() == schema.SCHEMA_VERSION and index() is None
        assert Secretary.select().count() == 0  # made and used
        close_archive()
    open_archive(archive_target)  # the extension offered now
    try:
        assert index() == "secretary_name_search" and schema.current_version() == schema.SCHEMA_VERSION
    finally:
        close_archive()


@pytest.mark.sqlite_only  # (a file made by the program before: its secretary table lacks the columns)
def test_an_archive_of_version_14_takes_the_degrees_schools_and_keeps_its_files(archive, admin, unit):
    from models.writing import services

    person = services.create(admin, Secretary, {"name": "孙立", "unit": unit.id, "ft_school": "山东大学法律系"}).record
    for column in ("ft_degree_school", "pt_degree_school", "filled_by"):
        db.execute_sql(f"ALTER TABLE secretary DROP COLUMN {column}")
    db.execute_sql("PRAGMA user_version = 14")
    assert schema.upgrade(backup=False) == [15, 16]
    services.update(admin, Secretary, person.id, {"ft_degree_school": "山东大学法学专业"})
    again = Secretary.get_by_id(person.id)
    assert (again.ft_school, again.ft_degree_school) == ("山东大学法律系", "山东大学法学专业")
