"""Schema versions: ``PRAGMA user_version`` and an ordered list of upgrade steps.

A new archive runs every step from version 0; an older archive runs the steps it lacks, all in
one transaction after a backup. Version 1 is frozen in ``sql/schema_v1.sql``; later versions
change the schema only by adding a step here.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from peewee import CharField, DatabaseError, DateField, TextField

from models.archive import server_guard, server_rights
from models.archive.tables import ALL_TABLES, RECORD_TABLES
from models.errors import ArchiveError
from models.matters.deadlines import report_due_date
from models.personnel.findings import Finding
from models.storage import settings, vault
from models.storage.backup import automatic_backup
from models.storage.db import current_version, db, may_change_schema, on_postgresql, refresh_statistics
from models.storage.settings import UNAUDITED
from models.values.pinyin import name_keys
from models.writing import audit, services
from models.writing.actor import SYSTEM

log = logging.getLogger(__name__)

SQL_FOLDER = Path(__file__).resolve().parent / "sql"


def _v1_initial_schema() -> None:
    script = (SQL_FOLDER / "schema_v1.sql").read_text(encoding="utf-8")
    for statement in script.split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
        if body:
            db.execute_sql(body)


def _migrating():
    """playhouse's migrator for this archive's engine, and its ``migrate``: imported only when a
    step runs (playhouse.migrate pulls in the server's driver, which a file archive's start need
    not load; see models.storage.driver)."""
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator, migrate

    return (PostgresqlMigrator(db) if on_postgresql() else SqliteMigrator(db)), migrate


def _v2_pinyin_search_keys() -> None:
    """Pinyin initials and full pinyin of each secretary's name, for search as you type."""
    migrator, migrate = _migrating()
    migrate(
        migrator.add_column("secretary", "name_initials", CharField(max_length=60, default="")),
        migrator.add_column("secretary", "name_pinyin", CharField(max_length=200, default="")),
        migrator.add_index("secretary", ("name_initials",), False),
    )
    rows = db.execute_sql("SELECT id, name FROM secretary").fetchall()
    for record_id, name in rows:
        initials, full = name_keys(name)
        _audited_backfill("secretary", record_id, {"name_initials": initials, "name_pinyin": full})


def _v3_report_due_dates() -> None:
    """Each report's deadline, kept with the report so the ledger can filter on time / overdue;
    and an index on the report date, by which the ledger is paged."""
    migrator, migrate = _migrating()
    migrate(
        migrator.add_column("matter_report", "due_date", DateField(null=True)),
        migrator.add_index("matter_report", ("due_date",), False),
        migrator.add_index("matter_report", ("report_date",), False),
    )
    rows = db.execute_sql("SELECT id, kind, campaign_id, matter_type_id, matter_date, timing FROM matter_report")
    for record_id, kind, campaign, matter_type, matter_date, timing in rows.fetchall():
        values = {"kind": kind, "campaign": campaign, "matter_type": matter_type, "timing": timing,
                  "matter_date": dt.date.fromisoformat(matter_date) if matter_date else None}
        due = report_due_date(values)
        if due is not None:
            _audited_backfill("matter_report", record_id, {"due_date": due})


def _audited_backfill(table: str, record_id: str, values: dict, old: dict | None = None) -> None:
    """Fill computed columns of an existing row, logged like any change so the audit log still
    describes every record exactly (the integrity check replays it)."""
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    stored = [v.isoformat() if isinstance(v, dt.date) else v for v in values.values()]
    db.execute_sql(f'UPDATE "{table}" SET {assignments} WHERE id = ?', (*stored, record_id))
    if settings.get("installation_id"):
        audit.append(SYSTEM, settings.installation_id(), action="update", table=table, record_id=record_id,
                     summary="结构升级:计算派生字段", changes={k: [(old or {}).get(k), v] for k, v in values.items()})


def _v4_exchange_bookkeeping() -> None:
    """The townships a district has registered, and the packages it has imported."""
    for statement in (
        'CREATE TABLE "exchange_sender" ("installation_id" VARCHAR(36) NOT NULL PRIMARY KEY, '
        '"township" VARCHAR(40) NOT NULL, "signing_key" VARCHAR(64) NOT NULL, "registered_at" VARCHAR(32) NOT NULL, '
        '"last_sequence" INTEGER NOT NULL, "last_package" VARCHAR(64) NOT NULL)',
        'CREATE TABLE "exchange_package" ("sha256" VARCHAR(64) NOT NULL PRIMARY KEY, "sender" VARCHAR(36) NOT NULL, '
        '"township" VARCHAR(40) NOT NULL, "sequence" INTEGER NOT NULL, "created_at" VARCHAR(32) NOT NULL, '
        '"imported_at" VARCHAR(32) NOT NULL, "imported_by" VARCHAR(64) NOT NULL, "counts" TEXT NOT NULL)',
        'CREATE INDEX "exchange_package_sender" ON "exchange_package" ("sender")',
    ):
        db.execute_sql(statement)


def _v5_sender_keys_by_township() -> None:
    """A township's signing key is pinned to the township (not to one installation, which a new PC
    changes), with the anchor of its audit history; the registrations made so far carry over."""
    db.execute_sql(
        'CREATE TABLE "sender_key" ("township" VARCHAR(40) NOT NULL PRIMARY KEY, "signing_key" VARCHAR(64) NOT NULL, '
        '"installation_id" VARCHAR(36) NOT NULL, "pinned_at" VARCHAR(32) NOT NULL, "pinned_by" VARCHAR(64) NOT NULL, '
        '"last_sequence" INTEGER NOT NULL, "last_package" VARCHAR(64) NOT NULL, "audit_seq" INTEGER NOT NULL, '
        '"audit_hash" VARCHAR(64) NOT NULL)')
    db.execute_sql(
        'INSERT INTO "sender_key" SELECT township, signing_key, installation_id, registered_at, \'upgrade\', '
        'last_sequence, last_package, 0, \'\' FROM "exchange_sender" s WHERE registered_at = '
        '(SELECT MAX(registered_at) FROM "exchange_sender" t WHERE t.township = s.township) GROUP BY township')
    db.execute_sql('DROP TABLE "exchange_sender"')


def _v6_sealed_keys_and_full_audit() -> None:
    """The archive key (private keys sealed, the audit head sealed), and a baseline in the audit log
    of what it did not describe before: every setting, and every record's bookkeeping columns."""
    if not settings.get("installation_id"):
        return  # a new archive: made with its key and a complete log from the start
    write = lambda key, value, summary="结构升级": services.set_setting(SYSTEM, key, value, summary=summary)  # noqa: E731
    vault.create(lambda key, value: write(key, value, "结构升级:本机的档案密钥"))
    for key in ("district_private_key", "signing_private_key"):
        if isinstance(settings.get(key), str):
            write(key, vault.seal(settings.get(key)), "结构升级:密钥加密保存")
    rows = db.execute_sql("SELECT key, value FROM setting").fetchall()
    baseline = {key: [None, audit.digest(json.loads(value)) if settings.is_secret(key) else json.loads(value)]
                for key, value in rows if key not in UNAUDITED}
    audit.append(SYSTEM, settings.installation_id(), action="setting", table="setting", record_id=None,
                 summary="结构升级:设置基线", changes=baseline)
    existing = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    for model in RECORD_TABLES:
        table = model._meta.table_name
        if table not in existing:
            continue  # added by a later step, empty until then
        columns = ("id", "version", "created_at", "modified_at", "origin", "deleted_by")
        rows = db.execute_sql(f'SELECT {", ".join(columns)} FROM "{table}" ORDER BY id').fetchall()
        for start in range(0, len(rows), 2000):
            records = {row[0]: {f"__{name}": value for name, value in zip(columns[1:], row[1:])}
                       for row in rows[start:start + 2000]}
            audit.append(SYSTEM, settings.installation_id(), action="baseline", table=table, record_id=None,
                         summary="结构升级:记录簿记字段基线", changes={"records": records})


def _v7_appointment_bands() -> None:
    """拟任职务, 拟免职务 and 任免理由 of the 干部任免审批表 (printed, and exchanged as .lrmx)."""
    migrator, migrate = _migrating()
    migrate(migrator.add_column("secretary", "proposed_post", CharField(max_length=80, null=True)),
            migrator.add_column("secretary", "proposed_removal", CharField(max_length=80, null=True)),
            migrator.add_column("secretary", "appointment_reason", TextField(null=True)))


def _v8_findings() -> None:
    """认定 of the 专审 checks (a part of each file)."""
    Finding.create_table(safe=False)


LIVE_REPORT_INDEXES = {
    # the ledger's count and first page at a district's million reports walk one of these: only
    # live reports, in report-date order within each filter's value
    "live_report_date": "report_date, due_date", "live_report_status": "status, report_date",
    "live_report_timing": "timing, report_date",
    "live_report_due": "due_date, report_date",  # on time / overdue judged from the index alone
    "live_report_kind": "kind, report_date", "live_report_result": "review_result, report_date",
    "live_report_matter_date": "matter_date, report_date",
}


def _live_report_indexes(indexes: dict[str, str]) -> None:
    for name, columns in indexes.items():
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON matter_report ({_nulls_first(columns)}) "
                       "WHERE deleted_at IS NULL")


def _nulls_first(columns: str) -> str:
    """On a server, empty values first in each column, as SQLite orders them (see ledger._direction)."""
    if not on_postgresql():
        return columns
    return ", ".join(f"{column.strip()} NULLS FIRST" for column in columns.split(","))


def _v9_indexes_for_a_district() -> None:
    _live_report_indexes(LIVE_REPORT_INDEXES)
    # the integrity check rebuilds one table at a time from the log
    db.execute_sql("CREATE INDEX IF NOT EXISTS audit_entry_table_seq ON audit_entry (table_name, seq)")
    # the few reports in the recycle bin: live = all (counted from the b-tree) − these
    db.execute_sql("CREATE INDEX IF NOT EXISTS deleted_report ON matter_report (deleted_at) "
                   "WHERE deleted_at IS NOT NULL")
    refresh_statistics()


# A ledger sorted by township, village, name or matter type walks these in order, report by report,
# and stops at the page it shows. UNIQUE (each ends in the id) is what lets SQLite trust that the
# order of one table's rows carries through the join to the next one's.
ORDER_INDEXES = {
    "township_order": "township (sort_order, name, id)",
    "unit_order": "unit (township_id, sort_order, name, id)", "unit_by_name": "unit (name, id)",
    "secretary_order": "secretary (unit_id, name_pinyin, id)", "secretary_by_name": "secretary (name_pinyin, id)",
    "matter_type_order": "matter_type (sort_order, name, id)", "campaign_order": "campaign (year, id)",
}
LIVE_REPORTS_BY_MATTER = {"live_report_type": "matter_type_id, report_date",
                          "live_report_campaign": "campaign_id, report_date"}
# 是否按期 of a report made: the days between its deadline and its report, as
# ``deadlines.reported_lateness_sql`` writes them (SQLite uses the index only for the same expression)
LATENESS_INDEX = ("CREATE INDEX IF NOT EXISTS live_report_lateness ON matter_report "
                  "(julianday(report_date) - julianday(due_date), report_date) "
                  "WHERE deleted_at IS NULL AND report_date IS NOT NULL AND due_date IS NOT NULL")


def _v10_ledger_sort_indexes() -> None:
    for name, table_columns in ORDER_INDEXES.items():
        db.execute_sql(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} ON {table_columns}")
    _live_report_indexes(LIVE_REPORTS_BY_MATTER)
    db.execute_sql(LATENESS_INDEX)
    # one index of a person's reports for everything: the foreign key, a person's reports in date
    # order (deleted_at IS NULL is an equality on it), and a township's count with dates, timing,
    # status and kind read from the index alone (a partial index did not cover: 0.5 s → 50 ms)
    db.execute_sql("DROP INDEX IF EXISTS live_report_secretary")
    db.execute_sql("DROP INDEX IF EXISTS matter_report_secretary_id")
    db.execute_sql("CREATE INDEX IF NOT EXISTS report_by_person ON matter_report "
                   "(secretary_id, deleted_at, report_date, due_date, timing, status, kind)")
    # statistics for the new indexes alone: without them SQLite, knowing the table's other indexes,
    # scans a small table by its primary key and sorts a million reports (3 s instead of 20 ms)
    for name in (*ORDER_INDEXES, *LIVE_REPORTS_BY_MATTER, "live_report_lateness", "report_by_person"):
        db.execute_sql(f"ANALYZE {name}")


def _v11_surname_readings() -> None:
    """Names keyed again with the surnames' own readings (曾 zeng, not ceng): sorting and
    search as you type find 曾, 单, 解, 仇… where a reader looks for them."""
    rows = db.execute_sql("SELECT id, name, name_initials, name_pinyin FROM secretary").fetchall()
    for record_id, name, initials, full in rows:
        keys = name_keys(name)
        if keys != (initials, full):
            _audited_backfill("secretary", record_id, {"name_initials": keys[0], "name_pinyin": keys[1]},
                              old={"name_initials": initials, "name_pinyin": full})


def _v12_entry_seals() -> None:
    """Each audit entry's own seal (``audit``, ``vault.entry_sealer``). The entries before it keep
    none: the head seal names the first sealed one, and every later one must carry its seal."""
    if on_postgresql():
        db.execute_sql("ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS seal VARCHAR(64) NOT NULL DEFAULT ''")
    elif "seal" not in {row[1] for row in db.execute_sql("PRAGMA table_info(audit_entry)").fetchall()}:
        db.execute_sql("ALTER TABLE audit_entry ADD COLUMN seal VARCHAR(64) NOT NULL DEFAULT ''")


def _v13_server_guard() -> None:
    """On a server, the database itself guards the archive against its clerks' account
    (``server_guard``, docs/server-guard.md); a file has no second account to guard against."""
    if on_postgresql():
        server_guard.install()


def _v14_access_register() -> None:
    """The 查阅登记簿's columns FORMS.md §5 asks for: the reader's 政治面貌 and 联系方式, 单位意见,
    领导意见 and its 批示时间 (empty in the rows written before)."""
    from models.personnel.registers import AccessLog

    _add_columns(AccessLog, ACCESS_REGISTER_COLUMNS)


ACCESS_REGISTER_COLUMNS = ("reader_political", "reader_phone", "unit_opinion", "leader_opinion", "instructed_on")


def _v15_card_fields() -> None:
    """What the 任免审批表 files carry and the archive did not keep: 学位的院校系及专业 apart from
    the 学历's, and the 填表人 (empty before)."""
    from models.personnel.person import Secretary

    _add_columns(Secretary, ("ft_degree_school", "pt_degree_school", "filled_by"))


def _v16_signed_heads() -> None:
    """From this version the log's head is signed as well as sealed (``vault.seal_head``) and a
    server compares a second hash of each password (``guard_verifier``). No table of the archive
    changes: the step keeps an older program out — it would write unsigned heads, and seal over
    entries it did not verify —; on a server the guard is installed again, with the verifiers."""
    if on_postgresql():
        server_guard.install()


def _add_columns(model, names: tuple[str, ...]) -> None:
    """The model's new nullable columns, on either engine; those present are left alone (a server
    archive made from the models has them already)."""
    migrator, migrate = _migrating()
    table = model._meta.table_name
    present = {column.name for column in db.get_columns(table)}
    fields = [model._meta.fields[name] for name in names if name not in present]
    if fields:
        migrate(*(migrator.add_column(table, f.column_name, _copy(f)) for f in fields))


def _copy(field):
    """A field as the migrator adds it (it binds the field to the table: the model's own stays)."""
    copied = type(field)(max_length=field.max_length, null=True) if hasattr(field, "max_length") else \
        type(field)(null=True)
    return copied


UPGRADES = (
    (1, _v1_initial_schema),
    (2, _v2_pinyin_search_keys),
    (3, _v3_report_due_dates),
    (4, _v4_exchange_bookkeeping),
    (5, _v5_sender_keys_by_township),
    (6, _v6_sealed_keys_and_full_audit),
    (7, _v7_appointment_bands),
    (8, _v8_findings),
    (9, _v9_indexes_for_a_district),
    (10, _v10_ledger_sort_indexes),
    (11, _v11_surname_readings),
    (12, _v12_entry_seals),
    (13, _v13_server_guard),
    (14, _v14_access_register),
    (15, _v15_card_fields),
    (16, _v16_signed_heads),
)
SCHEMA_VERSION = UPGRADES[-1][0]
SEALED_KEYS = 6  # from this version the archive key is kept wrapped in the settings


# An archive on a PostgreSQL server is made at this version from the models (the steps up to it are
# the history of SQLite files); steps after it must run on both engines.
SERVER_BASE = 11


def _set_version(number: int) -> None:
    if on_postgresql():
        db.execute_sql("DELETE FROM schema_version")
        db.execute_sql("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    else:
        db.execute_sql(f"PRAGMA user_version = {int(number)}")


def upgrade(*, backup: bool = True) -> list[int]:
    """Bring the open archive to ``SCHEMA_VERSION``; returns the versions applied."""
    version = current_version()
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"此档案由较新版本的程序创建(结构版本{version}),请先升级本程序后再打开")
    if on_postgresql():
        return _upgrade_on_server(version)
    pending = [(number, step) for number, step in UPGRADES if number > version]
    if not pending:
        return []
    if backup and version > 0:
        automatic_backup(f"before-upgrade-v{version}")
    # foreign keys cannot be switched inside a transaction; table rebuilds need them off
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            for number, step in pending:
                step()
                _set_version(number)
            _assert_foreign_keys()
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")
    return [number for number, _ in pending]


def _assert_foreign_keys() -> None:
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise ArchiveError(f"升级后外键检查失败:{broken[0]}")


# -- an archive on a PostgreSQL server ---------------------------------------------------------------

def _upgrade_on_server(version: int) -> list[int]:
    """A new server archive gets the current schema at once; later steps run as on a file (the
    server takes the backup: pg_dump, see the README)."""
    pending = [(number, step) for number, step in UPGRADES if number > max(version, SERVER_BASE)]
    if version and not pending:
        _offer_name_search_index()
        if server_guard.install_if_changed():  # (the owner's open: a clerk's PC leaves it to the owner)
            db.obj.forget_learnt()
        return []  # the usual start: no transaction (it would wait for the writers' turn)
    if version and not may_change_schema():
        raise ArchiveError(f"服务器上的档案需要升级到本程序的结构(版本{version} → {SCHEMA_VERSION}),本账号无权修改结构:"
                           "请数据库管理员用档案数据库的所有者账号运行一次 main.py --db … check"
                           "(升级后自动为各账号授权)")
    with db.atomic():
        if version and current_version() != version:  # another owner upgraded it meanwhile
            return []
        if version == 0:
            _server_schema()
            _set_version(SERVER_BASE)
        for number, step in pending:
            step()
            _set_version(number)
        if pending and version:  # the clerks' accounts get their rights on what the steps made
            server_rights.grant_again()
    db.obj.forget_learnt()  # (whether the archive is guarded, what this account may read)
    _offer_name_search_index()
    return ([SERVER_BASE] if version == 0 else []) + [number for number, _ in pending]


# A typed name (“wang”, “zs”, part of an ID number) is looked for in every person's name, pinyin
# keys and ID number. A server finds it in the keys and ID numbers by their trigrams (pg_trgm, part
# of PostgreSQL) instead of reading 100,000 people (a common name's first page 0.11 → 0.05 s in a
# province). The name is in the index only so the four patterns are looked up together: under the
# archive's byte-order character type Chinese characters make no trigrams, and a text of Chinese
# characters is looked for in the names alone (see ledger._conditions), by reading them.
NAME_SEARCH_INDEX = ("CREATE INDEX IF NOT EXISTS secretary_name_search ON secretary USING gin (name gin_trgm_ops, "
                     "name_initials gin_trgm_ops, name_pinyin gin_trgm_ops, id_number gin_trgm_ops)")


def _offer_name_search_index() -> None:
    """The name search's index, made by the archive's owner when it is missing: at the archive's
    first open, or the first after the server offers pg_trgm (a clerk's PC leaves it to the
    owner). Not a schema step: an archive without it is the same archive — its packages, its
    other PCs and its checks do not know the difference — only its name search reads every person."""
    if db.execute_sql("SELECT to_regclass('secretary_name_search')").fetchone()[0]:
        return
    if not may_change_schema():
        return
    try:
        with db.atomic():
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            db.execute_sql(NAME_SEARCH_INDEX)
    except DatabaseError as error:  # not installed, not offered to the owner, or in another schema
        log.warning("no trigram index for the name search (a typed name reads every person): %s", error)


def _server_schema() -> None:
    """The tables as the models declare them and the indexes the SQLite steps made, the lateness
    index in the server's date arithmetic (as ``deadlines.reported_lateness_sql`` writes it);
    foreign keys checked at commit when an import asks (``SET CONSTRAINTS ALL DEFERRED``)."""
    db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    # attachments' bytes (see models/storage/file_store.py): one copy per content
    db.execute_sql("CREATE TABLE stored_file (sha256 VARCHAR(64) PRIMARY KEY, content BYTEA NOT NULL)")
    db.create_tables(ALL_TABLES)
    _live_report_indexes(LIVE_REPORT_INDEXES)
    db.execute_sql("CREATE INDEX audit_entry_table_seq ON audit_entry (table_name, seq)")
    db.execute_sql("CREATE INDEX deleted_report ON matter_report (deleted_at) WHERE deleted_at IS NOT NULL")
    for name, table_columns in ORDER_INDEXES.items():
        table, columns = table_columns.rstrip(")").split(" (")
        db.execute_sql(f"CREATE UNIQUE INDEX {name} ON {table} ({_nulls_first(columns)})")
    _live_report_indexes(LIVE_REPORTS_BY_MATTER)
    db.execute_sql("CREATE INDEX live_report_lateness ON matter_report "
                   f"({_nulls_first('(report_date - due_date), report_date')}) "
                   "WHERE deleted_at IS NULL AND report_date IS NOT NULL AND due_date IS NOT NULL")
    db.execute_sql("DROP INDEX IF EXISTS matter_report_secretary_id")
    db.execute_sql("CREATE INDEX report_by_person ON matter_report "
                   f"({_nulls_first('secretary_id, deleted_at, report_date, due_date, timing, status, kind')})")
    constraints = db.execute_sql("SELECT conrelid::regclass::text, conname FROM pg_constraint "
                                 "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace").fetchall()
    for table, name in constraints:
        db.execute_sql(f'ALTER TABLE {table} ALTER CONSTRAINT "{name}" DEFERRABLE INITIALLY IMMEDIATE')
