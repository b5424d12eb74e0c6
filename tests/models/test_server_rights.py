"""The clerks' database account on a server: the program works with it, and it can do no more —
no row deleted, the audit log only appended to, the schema unchanged; an upgrade waits for the
owner and leaves the clerks their rights."""
import datetime as dt
import json
from argparse import Namespace

import pytest
from peewee import ProgrammingError

from models.accounts.users import authenticate
from models.app import commands
from models.errors import ArchiveError
from models.matters.tables import MatterType
from models.matters.workflow import save_report, submit_report
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.archive import schema, server_rights
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.archive.check import run_check
from models.storage.db import db
from models.writing import services
from models.writing.actor import SYSTEM
from tests.conftest import ADMIN_PASSWORD, SERVER
from tests.test_cli import run

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]


@pytest.fixture
def archive_and_clerk(monkeypatch, tmp_path):
    """A server archive made by its owner, and a clerks' account granted with ``grant``."""
    from tests.support.server import as_account, scratch_database, server_account, use_passwords

    with server_account(SERVER) as (account, password), scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        close_archive()
        granted = commands.run("grant", Namespace(db=url, account=account))
        assert granted.result["rights"]["audit_entry"] == "SELECT, INSERT" and "不能删除任何行" in granted.text
        use_passwords(monkeypatch, tmp_path, {account: password})  # as on a clerk's PC (libpq reads it)
        yield url, as_account(url, account)
        close_archive()


def _signed_in(url: str):
    """The archive opened on a clerk's PC and its administrator signed in (to the server too)."""
    open_archive(url)
    return authenticate("admin", ADMIN_PASSWORD)


def _refused(statement: str) -> None:
    with pytest.raises(ProgrammingError, match="permission denied|must be owner|archive guard"):
        with db.atomic():
            db.execute_sql(statement)


def test_the_clerks_account_keeps_the_archive_but_cannot_delete_or_rewrite(archive_and_clerk):
    _, clerk = archive_and_clerk
    admin = _signed_in(clerk)
    township = services.create(admin, Township, {"name": "白沙镇"}).record
    unit = services.create(admin, Unit, {"township": township.id, "name": "东王家村"}).record
    person = services.create(admin, Secretary, {"name": "曾小明", "unit": unit.id}).record
    report = save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "02").id,
        "timing": "事前", "matter_date": dt.date(2026, 12, 20), "place": "本村"}).record
    submit_report(admin, report.id, today=dt.date(2026, 11, 24))
    services.delete(admin, Secretary, person.id, reason="测试删除")  # a tombstone: an UPDATE
    assert Secretary.get_by_id(person.id).deleted_at is not None
    assert run_check().ok
    _refused(f"DELETE FROM secretary WHERE id = '{person.id}'")
    _refused("UPDATE audit_entry SET summary = 'rewritten'")
    _refused("DELETE FROM audit_entry")
    _refused("UPDATE schema_version SET version = 1")
    _refused("DROP TABLE matter_report")
    _refused("CREATE TABLE stolen (x INTEGER)")
    assert run_check().ok


def test_an_upgrade_waits_for_the_owner_and_keeps_the_clerks_rights(archive_and_clerk, monkeypatch):
    owner, clerk = archive_and_clerk
    _sql(owner, "CREATE ROLE archive_reports_test NOLOGIN", "GRANT SELECT ON secretary TO archive_reports_test")
    step = lambda: db.execute_sql("CREATE TABLE later_table (id VARCHAR(36) PRIMARY KEY)")  # noqa: E731
    monkeypatch.setattr(schema, "UPGRADES", (*schema.UPGRADES, (schema.SCHEMA_VERSION + 1, step)))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setattr(server_rights, "SERVER_TABLES", (*server_rights.SERVER_TABLES, "later_table"))
    with pytest.raises(ArchiveError, match="无权修改结构"):
        open_archive(clerk)
    open_archive(owner)  # the owner's start upgrades, and grants the new table to the clerks
    assert schema.current_version() == schema.SCHEMA_VERSION
    close_archive()
    open_archive(clerk)
    db.execute_sql("INSERT INTO later_table (id) VALUES ('x')")
    assert db.execute_sql("SELECT count(*) FROM later_table").fetchone()[0] == 1
    close_archive()
    # an account the district gave reading rights for its reports stays as it was
    rights = _sql(owner, "SELECT privilege_type FROM information_schema.table_privileges "
                         "WHERE grantee = 'archive_reports_test'")
    _sql(owner, "DROP OWNED BY archive_reports_test", "DROP ROLE archive_reports_test")
    assert rights == [("SELECT",)]


def _sql(url: str, *statements: str) -> list:
    """Statements run by the server's administrator in the archive's database."""
    from urllib.parse import urlsplit

    import psycopg2

    from tests.support.server import _dsn

    connection = psycopg2.connect(_dsn(urlsplit(url)))
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        rows = cursor.fetchall() if cursor.description else []
    connection.close()
    return rows


def test_grant_names_what_is_wrong(archive_and_clerk):
    owner, clerk = archive_and_clerk
    with pytest.raises(ArchiveError, match="没有数据库账号“nobody_here”"):
        commands.run("grant", Namespace(db=owner, account="nobody_here"))
    with pytest.raises(ArchiveError, match="不合规范"):
        commands.run("grant", Namespace(db=owner, account="clerk; DROP TABLE secretary"))
    with pytest.raises(ArchiveError, match="用于服务器上的档案"):
        commands.run("grant", Namespace(db="archive.sqlite", account="archive_clerk"))
    with pytest.raises(ArchiveError, match="所有者或超级用户"):
        commands.run("grant", Namespace(db=owner, account="postgres"))
    with pytest.raises(ArchiveError, match="只有档案数据库的所有者账号可以授权"):
        commands.run("grant", Namespace(db=clerk, account="postgres"))
    refused = run("--db", owner, "grant", "--to", "nobody_here")  # as district IT types it
    assert refused.returncode == 1 and "没有数据库账号“nobody_here”" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_name_the_clerks_wrote_into_the_accounts_setting_is_never_pasted_into_sql(archive_and_clerk):
    """The clerks' account may write the settings table: a quoted name put into the recorded
    accounts reaches no GRANT at the owner's next upgrade (it once gave the clerks DELETE)."""
    owner, clerk = archive_and_clerk
    open_archive(clerk)
    accounts = server_rights.clerk_accounts()
    close_archive()
    hostile = 'x" TO PUBLIC; GRANT DELETE ON audit_entry TO PUBLIC; --'
    # (the clerks' account can no longer write it, the guard stops them: planted by the administrator)
    _sql(owner, "UPDATE setting SET value = '{}' WHERE key = '{}'".format(
        json.dumps([*accounts, hostile, "postgres"]).replace("'", "''"), server_rights.ACCOUNTS_KEY))
    open_archive(owner)
    server_rights.grant_again()  # what an upgrade runs
    close_archive()
    public = _sql(owner, "SELECT privilege_type FROM information_schema.table_privileges "
                         "WHERE table_name = 'audit_entry' AND grantee = 'PUBLIC'")
    assert public == []
    open_archive(clerk)
    try:
        _refused("DELETE FROM audit_entry")
    finally:
        close_archive()


def test_a_revoked_right_and_a_wrong_saved_password_are_told_in_words_a_clerk_can_act_on(archive_and_clerk,
                                                                                        monkeypatch, tmp_path):
    """They reached clerks as 内部错误:InsufficientPrivilege… and as libpq's last line only
    (“password retrieved from file …”), which named neither the password nor what to do."""
    from models.errors import describe_failure
    from tests.support.server import use_passwords

    owner, clerk = archive_and_clerk
    account = clerk.split("//")[1].split("@")[0]
    _sql(owner, f'REVOKE INSERT ON secretary FROM "{account}"')
    admin = _signed_in(clerk)
    township = services.create(admin, Township, {"name": "白沙镇"}).record
    unit = services.create(admin, Unit, {"township": township.id, "name": "东王家村"}).record
    with pytest.raises(Exception) as refused:
        services.create(admin, Secretary, {"name": "曾小明", "unit": unit.id})
    assert "权限不足" in describe_failure(refused.value) and "grant" in describe_failure(refused.value)
    assert not Secretary.select().exists()
    close_archive()
    use_passwords(monkeypatch, tmp_path, {account: "an-old-password"})
    with pytest.raises(ArchiveError) as wrong:
        open_archive(clerk)
    assert "密码不对" in str(wrong.value) and "password authentication failed" in str(wrong.value)
