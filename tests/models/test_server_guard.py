"""On a server the database guards the archive against its clerks' account (issue 26): whoever
has the password every PC keeps in .pgpass can forge nothing `check` accepts, write nothing in
another user's name, break the log with no statement, and read no password hash or key wrap."""
import datetime as dt
import json
from argparse import Namespace

import psycopg2
import pytest
from peewee import DatabaseError

from models.accounts.tables import User
from models.accounts.users import authenticate, create_user, locked_accounts, unlock
from models.app import commands
from models.archive.check import run_check
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.errors import AuthenticationFailed, describe_failure
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage.db import db
from models.writing import audit, services
from models.writing.actor import SYSTEM
from models.writing.audit import AuditEntry
from tests.conftest import ADMIN_PASSWORD, SERVER

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]

CLERK_PASSWORD = "clerk-one-pass-7"


@pytest.fixture
def guarded(monkeypatch, tmp_path):
    """A server archive made by its owner with an administrator and a 录入员 (clerk1), and the
    clerks' database account granted: yields the owner's and the clerks' URLs."""
    from tests.support.server import as_account, scratch_database, server_account, use_passwords

    with server_account(SERVER) as (account, password), scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        admin = authenticate("admin", ADMIN_PASSWORD)
        create_user(admin, username="clerk1", display_name="王干事", role="clerk", password=CLERK_PASSWORD)
        create_user(admin, username="viewer1", display_name="赵查阅", role="viewer", password=CLERK_PASSWORD)
        township = services.create(admin, Township, {"name": "白沙镇"}).record
        services.create(admin, Unit, {"township": township.id, "name": "东王家村"})
        close_archive()
        commands.run("grant", Namespace(db=url, account=account))
        use_passwords(monkeypatch, tmp_path, {account: password})
        yield url, as_account(url, account)
        close_archive()


def _psql(url: str):
    """A connection as someone typing SQL with the account's password (psql), autocommit off."""
    from urllib.parse import urlsplit

    from tests.support.server import _dsn

    return psycopg2.connect(_dsn(urlsplit(url)))


def _forged_entry(cursor, *, actor: str, role: str, table: str, record_id, changes: dict, prev=None) -> dict:
    """The next entry of the log as a forger computes it: the chain's public arithmetic."""
    cursor.execute("SELECT seq, hash, installation FROM audit_entry ORDER BY seq DESC LIMIT 1")
    seq, prev_hash, installation = cursor.fetchone()
    entry = {"seq": seq + 1, "at": "2026-12-07T08:00:00+00:00", "actor": actor, "role": role,
             "installation": installation, "action": "update", "table": table, "record_id": record_id,
             "summary": "改电话", "changes": audit.to_json(changes), "prev_hash": prev or prev_hash}
    entry["hash"] = audit.compute_hash(entry)
    entry["seal"] = "0f" * 32  # made up, of the right shape (the forger has no archive key)
    return entry


def _insert_entry(cursor, entry: dict) -> None:
    columns = ", ".join("table_name" if name == "table" else name for name in entry)
    cursor.execute(f"INSERT INTO audit_entry ({columns}) VALUES ({', '.join(['%s'] * len(entry))})",
                   tuple(entry.values()))


def _refused(url: str, *steps) -> str:
    """Each step run in one transaction on a psql connection; the error the server gave."""
    connection = _psql(url)
    try:
        with pytest.raises(psycopg2.Error) as refused:
            with connection.cursor() as cursor:
                for step in steps:
                    step(cursor)
            connection.commit()
        return str(refused.value)
    finally:
        connection.close()


def _township(url: str) -> str:
    connection = _psql(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM township WHERE name = '白沙镇'")
        found = cursor.fetchone()[0]
    connection.close()
    return found


def _new_person(actor):
    return services.create(actor, Secretary, {"name": "曾小明", "unit": Unit.get(Unit.name == "东王家村").id}).record


def test_with_only_the_clerks_password_no_forged_change_reaches_the_archive(guarded):
    owner, clerk = guarded
    township = _township(owner)

    def change_and_log(cursor):
        cursor.execute("UPDATE township SET name = '黑沙镇', version = version + 1 WHERE id = %s", (township,))
        _insert_entry(cursor, _forged_entry(cursor, actor="admin", role="admin", table="township",
                                            record_id=township, changes={"name": ["白沙镇", "黑沙镇"]}))

    assert "archive guard" in _refused(clerk, change_and_log)
    # the record alone, the log alone, a user made administrator, a setting: each refused
    assert "archive guard" in _refused(clerk, lambda c: c.execute("UPDATE township SET name = '黑沙镇'"))
    assert "archive guard" in _refused(clerk, lambda c: _insert_entry(c, _forged_entry(
        c, actor="admin", role="admin", table="township", record_id=township, changes={})))
    assert "archive guard" in _refused(clerk, lambda c: c.execute("UPDATE \"user\" SET role = 'admin'"))
    assert "archive guard" in _refused(clerk, lambda c: c.execute(
        "INSERT INTO setting (key, value) VALUES ('mode', '\"district\"') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
    # what a forger would move to hide a cut: the server writes the log's real head, whatever is sent
    connection = _psql(clerk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE setting SET value = '[1,\"00\"]' WHERE key = 'audit_head'")
        connection.commit()
        cursor.execute("SELECT value FROM setting WHERE key = 'audit_head'")
        head = json.loads(cursor.fetchone()[0])
    connection.close()
    open_archive(clerk)  # the program itself, nobody signed in: refused too, and told in words
    with pytest.raises(DatabaseError) as refused:
        services.create(SYSTEM, Township, {"name": "黑沙镇"})
    assert "服务器拒绝了这次写入" in describe_failure(refused.value)
    close_archive()
    open_archive(owner)
    assert head == [audit.last_seq(), AuditEntry.get(AuditEntry.seq == audit.last_seq()).hash]
    assert run_check().ok
    assert db.execute_sql("SELECT name FROM township WHERE id = %s", (township,)).fetchone()[0] == "白沙镇"


def test_the_clerks_account_reads_no_password_hash_and_no_key_wrap(guarded):
    _, clerk = guarded
    assert "permission denied" in _refused(clerk, lambda c: c.execute('SELECT password_hash FROM "user"'))
    connection = _psql(clerk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM setting WHERE key LIKE 'key\\_wrap.user.%'")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT archive_password_salt('admin')")  # what the program hashes with: no hash
        salt = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM archive_password_digests()")
        assert cursor.fetchone()[0] == 0
    connection.close()
    assert salt.startswith("$argon2id$") and salt.count("$") == 4
    open_archive(clerk)  # the program on a clerk's PC: users listed, signed in, checked
    assert {u.username for u in User.live()} == {"admin", "clerk1", "viewer1"}
    authenticate("clerk1", CLERK_PASSWORD)
    assert run_check().ok  # (the hashes the clerks cannot read are compared by an administrator's check)
    authenticate("admin", ADMIN_PASSWORD)
    result = run_check()
    assert result.ok and not any("密码哈希" in warning for warning in result.warnings)


def test_signed_in_a_clerk_writes_in_their_own_name_and_within_their_role(guarded):
    owner, clerk = guarded
    open_archive(clerk)
    clerk1 = authenticate("clerk1", CLERK_PASSWORD)
    person = _new_person(clerk1)  # the program's own write
    entry = db.execute_sql("SELECT actor, db_role, app_user FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    assert entry == ("clerk1", clerk.split("//")[1].split("@")[0], User.get(User.username == "clerk1").id)
    connection = db.connection()

    def in_this_connection(*statements):
        with pytest.raises((psycopg2.Error, DatabaseError)) as refused:  # (at the commit: peewee's)
            with db.atomic():
                for statement in statements:
                    statement(db.cursor())
        return str(refused.value)

    # the connection is clerk1's: an entry in the administrator's name, a role of their own choosing
    assert "another user" in in_this_connection(lambda c: _insert_entry(c, _forged_entry(
        c, actor="admin", role="admin", table="secretary", record_id=person.id, changes={})))
    assert "administrator" in in_this_connection(lambda c: c.execute(
        "UPDATE \"user\" SET role = 'admin' WHERE username = 'clerk1'"))
    # a change with no entry never commits; a 录入员 writes no user, however the entry reads
    assert "without its audit entry" in in_this_connection(lambda c: c.execute(
        "UPDATE secretary SET phone = '13900000000' WHERE id = %s", (person.id,)))
    assert "may not update user" in in_this_connection(lambda c: _insert_entry(c, _forged_entry(
        c, actor="clerk1", role="clerk", table="user", record_id=None, changes={})))
    assert connection is db.connection()
    assert run_check().ok


def test_no_statement_breaks_the_chain_for_everyone(guarded):
    owner, clerk = guarded
    open_archive(clerk)
    authenticate("clerk1", CLERK_PASSWORD)

    def entry(**wrong):
        def step(cursor):
            forged = _forged_entry(cursor, actor="clerk1", role="clerk", table="township", record_id=None, changes={})
            forged.update(wrong)
            _insert_entry(cursor, forged)
        return step

    for wrong, said in (({"prev_hash": "0" * 64}, "does not follow"), ({"seq": 10**6}, "does not follow"),
                        ({"hash": "f" * 64}, "hash that is not"), ({"summary": "x"}, "hash that is not"),
                        ({"seal": "a seal"}, "misshapen seal"), ({"seal": ""}, "has no seal")):
        with pytest.raises(psycopg2.Error, match=said):
            with db.atomic():
                entry(**wrong)(db.cursor())
    close_archive()
    open_archive(owner)
    assert run_check().ok


def test_wrong_passwords_lock_the_account_on_the_server_and_an_administrator_unlocks_it(guarded):
    _, clerk = guarded
    open_archive(clerk)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="不正确"):
            authenticate("clerk1", "not-the-password")
    with pytest.raises(AuthenticationFailed, match="已锁定,请15分钟后再试"):
        authenticate("clerk1", CLERK_PASSWORD)
    with pytest.raises(AuthenticationFailed, match="不正确"):  # a name nobody has: told as a wrong password
        authenticate("nobody", CLERK_PASSWORD)
    admin = authenticate("admin", ADMIN_PASSWORD)
    until = dict(db.execute_sql("SELECT username, locked_until FROM archive_locked_users()").fetchall())["clerk1"]
    during = until - dt.timedelta(minutes=1)  # (a moment of the lock the server itself set: no clock read here)
    assert locked_accounts(during) == {"clerk1"}  # as 设置 → 用户 lists it
    unlock(admin, User.get(User.username == "clerk1").id)
    assert locked_accounts(during) == set()
    assert authenticate("clerk1", CLERK_PASSWORD).role == "clerk"


def test_the_server_knows_the_user_again_after_a_reconnect(guarded):
    owner, clerk = guarded
    open_archive(clerk)
    clerk1 = authenticate("clerk1", CLERK_PASSWORD)
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    connection = _psql(owner)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
    connection.close()
    person = _new_person(clerk1)  # reconnects, signs in again, writes
    assert db.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != pid
    assert Secretary.get_by_id(person.id).name == "曾小明"


def test_a_lock_held_from_psql_no_longer_stops_every_save(guarded):
    from models.storage.db import WRITERS_LOCK

    _, clerk = guarded
    holder = _psql(clerk)
    holder.autocommit = True
    with holder.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", (WRITERS_LOCK,))  # held as long as the session lives
    try:
        open_archive(clerk)
        clerk1 = authenticate("clerk1", CLERK_PASSWORD)
        person = _new_person(clerk1)
        assert Secretary.get_by_id(person.id).name == "曾小明"
        # and the turn itself is taken only through the guard's function, inside a transaction
        assert "permission denied" in _refused(clerk, lambda c: c.execute("SELECT * FROM guard_turn FOR UPDATE"))
    finally:
        holder.close()


def test_an_archive_with_its_administrator_alone_is_not_taken_over_as_if_new(monkeypatch, tmp_path):
    """The first administrator is written without a sign-in; a forger once passed the existing
    one off as "made now" by appending an entry naming it, then chose its password."""
    from tests.support.server import as_account, scratch_database, server_account, use_passwords

    with server_account(SERVER) as (account, password), scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        admin_id = User.get(User.username == "admin").id
        close_archive()
        commands.run("grant", Namespace(db=url, account=account))
        use_passwords(monkeypatch, tmp_path, {account: password})
        clerk = as_account(url, account)

        def take_over(cursor):
            _insert_entry(cursor, _forged_entry(cursor, actor="admin", role="admin", table="user",
                                                record_id=admin_id, changes={}))
            cursor.execute('UPDATE "user" SET password_hash = %s WHERE id = %s', ("$argon2id$v=19$chosen", admin_id))

        assert "archive guard" in _refused(clerk, take_over)
        open_archive(clerk)
        assert authenticate("admin", ADMIN_PASSWORD).role == "admin"


def test_a_viewer_signed_in_cannot_stop_the_archive_with_sql(guarded):
    """A 查阅 user once wrote the head's seal, the PCs' key wraps and a "save" entry on the users."""
    owner, clerk = guarded
    open_archive(clerk)
    authenticate("viewer1", CLERK_PASSWORD)
    admin_id = User.get(User.username == "admin").id

    def refused(step) -> str:
        with pytest.raises((psycopg2.Error, DatabaseError)) as caught:
            with db.atomic():
                step(db.cursor())
        return str(caught.value)

    upsert = "INSERT INTO setting (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    assert "without an entry" in refused(lambda c: c.execute(upsert, ("audit_head_seal", '{"seq": 1}')))
    assert "may not write setting:pending_events" in refused(lambda c: c.execute(upsert, ("pending_events", "[]")))
    assert "may not write setting:key_wrap." in refused(lambda c: c.execute(upsert, ("key_wrap.machine.evil", "null")))
    for action in ("save", "undo", "update", "create"):
        def entry(cursor, action=action):
            forged = _forged_entry(cursor, actor="viewer1", role="viewer", table="user", record_id=admin_id,
                                   changes={})
            forged["action"] = action
            forged["hash"] = audit.compute_hash(forged)
            _insert_entry(cursor, forged)
        assert "the role viewer may not" in refused(entry)
    close_archive()
    open_archive(owner)
    assert run_check().ok


def test_a_check_on_a_clerks_pc_verifies_the_seals_once_its_user_signs_in(guarded, tmp_path, monkeypatch):
    """`check --password-file` said the right password was wrong: on a guarded server only the
    user signed in there sees their wrap of the archive key."""
    from tests.test_cli import run

    _, clerk = guarded
    password = tmp_path / "admin.txt"
    password.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
    monkeypatch.delenv("SECRETARY_ARCHIVE_USER")  # (the suite signs its commands in as admin)
    unnamed = run("--db", clerk, "check", "--password-file", str(password))
    assert unnamed.returncode == 1 and "--user" in unnamed.stderr and "Traceback" not in unnamed.stderr
    signed = run("--db", clerk, "--user", "admin", "check", "--password-file", str(password))
    assert signed.returncode == 0, signed.stderr
    assert "检查通过" in signed.stdout and "未核对" not in signed.stdout


def test_a_wrong_password_on_a_connection_already_signed_in_signs_nobody_in(guarded):
    """The connection's earlier sign-in once answered for a later attempt with a wrong password."""
    _, clerk = guarded
    open_archive(clerk)
    authenticate("clerk1", CLERK_PASSWORD)
    for name, password in (("clerk1", "not-the-password"), ("admin", "not-the-password")):
        with pytest.raises(AuthenticationFailed, match="不正确"):
            authenticate(name, password)
    assert db.execute_sql("SELECT count(*) FROM archive_signed_in()").fetchone()[0] == 0


def test_a_sign_in_rolled_back_tells_nothing_and_counts_when_committed(guarded):
    """Guesses made inside a transaction and rolled back were never counted: unlimited guessing."""
    _, clerk = guarded
    connection = _psql(clerk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT archive_password_salt('admin')")
        from models.accounts.users import _same_hash

        right = _same_hash(cursor.fetchone()[0], ADMIN_PASSWORD)
        cursor.execute("SELECT archive_sign_in('admin', %s)", (right,))
        cursor.execute("SELECT count(*) FROM archive_signed_in()")
        assert cursor.fetchone()[0] == 0  # the right guess tells nothing before its commit
        cursor.execute("SELECT archive_locked_minutes('admin')")
        assert cursor.fetchone()[0] is None
        connection.rollback()
        for _ in range(5):  # wrong guesses, each committed: counted
            cursor.execute("SELECT archive_sign_in('admin', 'x')")
            connection.commit()
        cursor.execute("SELECT archive_locked_minutes('admin')")
        assert cursor.fetchone()[0] == 15
    connection.close()


def test_a_clerk_renames_no_setting_and_moves_no_record(guarded):
    """A 录入员 signed in once renamed installation_id to a key of their own, breaking the archive."""
    _, clerk = guarded
    open_archive(clerk)
    clerk1 = authenticate("clerk1", CLERK_PASSWORD)
    person = _new_person(clerk1)

    def refused(step) -> str:
        with pytest.raises((psycopg2.Error, DatabaseError)) as caught:
            with db.atomic():
                step(db.cursor())
        return str(caught.value)

    assert "key is never changed" in refused(lambda c: c.execute(
        "UPDATE setting SET key = 'key_wrap.machine.zz' WHERE key = 'installation_id'"))
    assert "id is never changed" in refused(lambda c: c.execute(
        "UPDATE secretary SET id = 'moved' WHERE id = %s", (person.id,)))
    assert run_check().ok


def test_a_tail_the_owner_appended_fails_every_pcs_check_and_only_the_owner_repairs_it(guarded):
    """The owner writes past the guard: an entry appended with a made-up seal of the right shape
    fails `check` on a clerks' PC that has not unlocked the key (the head's signature stops before
    it); the program writes nothing over it; the clerks' account cannot repair, the owner can."""
    from models.archive.repair import set_aside_tail
    from models.errors import ArchiveError
    from models.storage import vault

    owner, clerk = guarded
    connection = _psql(owner)
    with connection.cursor() as cursor:
        forged = _forged_entry(cursor, actor="admin", role="admin", table="township", record_id=None, changes={})
        _insert_entry(cursor, forged)
        cursor.execute("UPDATE setting SET value = %s WHERE key = 'audit_head'",
                       (audit.to_json([forged["seq"], forged["hash"]]),))
    connection.commit()
    connection.close()
    open_archive(clerk)
    vault.forget()  # IT's command line on a PC that never unlocked it
    assert f"操作日志第{forged['seq']}条没有本档案密钥的封印和签名" in " ".join(run_check().faults)
    admin = authenticate("admin", ADMIN_PASSWORD)  # signed in, nothing written over it
    assert audit.last_seq() == forged["seq"]
    with pytest.raises(ArchiveError, match="已停止写入"):
        _new_person(admin)
    with pytest.raises(ArchiveError, match="所有者账号"):
        set_aside_tail(admin)
    close_archive()
    open_archive(owner)
    repaired = set_aside_tail(authenticate("admin", ADMIN_PASSWORD))
    assert [entry["seq"] for entry in repaired.set_aside] == [forged["seq"]]
    assert run_check().ok, run_check().faults
    close_archive()
    open_archive(clerk)
    _new_person(authenticate("clerk1", CLERK_PASSWORD))
    assert run_check().ok


def _signs_in_as(url: str, login: str, proof: str) -> bool:
    """Whether the server signs ``login`` in on a psql connection given ``proof`` (committed first)."""
    connection = _psql(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT archive_sign_in(%s, %s)", (login, proof))
            connection.commit()
            cursor.execute("SELECT username FROM archive_signed_in()")
            return cursor.fetchone() is not None
    finally:
        connection.close()


def _stored_hash(owner: str, login: str) -> str:
    connection = _psql(owner)
    with connection.cursor() as cursor:
        cursor.execute('SELECT password_hash FROM "user" WHERE username = %s', (login,))
        stored = cursor.fetchone()[0]
    connection.close()
    return stored


def test_the_stored_password_hash_signs_nobody_in(guarded):
    """Whoever holds a user's stored hash (the owner, a pg_dump, the file migrate writes back)
    and the clerks' password does not sign in as that user: the server compares a second hash of
    the password, with its own salt, by its digest — made at the user's creation or new password,
    or at the first sign-in of a user made before; the clerks' account reads none of it."""
    from models.accounts.users import set_password

    owner, clerk = guarded
    for login in ("admin", "clerk1"):  # (made by this program: the administrator, a user it made)
        assert not _signs_in_as(clerk, login, _stored_hash(owner, login))
    assert "permission denied" in _refused(clerk, lambda c: c.execute("SELECT * FROM guard_verifier"))
    connection = _psql(owner)  # a user from before the verifiers (a migrated file, an older guard)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM guard_verifier WHERE user_id = (SELECT id FROM \"user\" WHERE username = 'viewer1')")
    connection.commit()
    connection.close()
    old_hash = _stored_hash(owner, "viewer1")
    assert _signs_in_as(clerk, "viewer1", old_hash)  # compared by the stored hash until their sign-in

    def take_over(cursor):  # …but whoever signs in with it cannot set a password of their own unlogged
        cursor.execute("SELECT archive_sign_in('viewer1', %s)", (old_hash,))
        cursor.connection.commit()
        cursor.execute("SELECT archive_set_verifier((SELECT id FROM \"user\" WHERE username = 'viewer1'), %s)",
                       ("$argon2id$v=19$m=65536,t=3,p=4$" + "A" * 22 + "$" + "B" * 43,))
    assert "a password set without its audit entry" in _refused(clerk, take_over)
    open_archive(owner)  # an administrator's check names who is still compared by the stored hash
    assert any("viewer1" in warning and "密码校验值" in warning for warning in run_check().warnings)
    close_archive()
    open_archive(clerk)
    authenticate("viewer1", CLERK_PASSWORD)  # the right password: signed in, and the verifier made
    assert not _signs_in_as(clerk, "viewer1", old_hash)
    authenticate("viewer1", CLERK_PASSWORD)  # and signed in by it from now on
    admin = authenticate("admin", ADMIN_PASSWORD)
    set_password(admin, User.get(User.username == "clerk1").id, "clerk-new-pass-8")
    with pytest.raises(AuthenticationFailed):
        authenticate("clerk1", CLERK_PASSWORD)
    clerk1 = authenticate("clerk1", "clerk-new-pass-8")
    assert not _signs_in_as(clerk, "clerk1", _stored_hash(owner, "clerk1"))
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    connection = _psql(owner)  # a reconnect signs in again with what the server compares
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (pid,))
    connection.close()
    _new_person(clerk1)
    assert run_check().ok
    authenticate("admin", ADMIN_PASSWORD)
    assert not any("密码校验值" in warning for warning in run_check().warnings)


def test_the_owners_open_renews_an_older_guard(guarded):
    """A guard installed by an earlier program (here: its verifiers' functions missing) is made
    again at the owner's next open, with no schema step; a clerk's PC leaves it alone."""
    owner, clerk = guarded
    _guard_installed_as(owner, version=1)
    open_archive(clerk)
    authenticate("clerk1", CLERK_PASSWORD)  # an older guard: signed in by the stored hash
    assert not _verifiers_there()
    close_archive()
    open_archive(owner)
    assert _verifiers_there()
    close_archive()
    open_archive(clerk)
    authenticate("clerk1", CLERK_PASSWORD)
    _new_person(authenticate("clerk1", CLERK_PASSWORD))


def test_a_newer_guard_is_never_replaced_by_an_older_programs(guarded):
    owner, _ = guarded
    _guard_installed_as(owner, version=99)
    open_archive(owner)
    assert not _verifiers_there()


def _guard_installed_as(owner: str, *, version: int) -> None:
    """The server's guard as another program left it: of ``version``, its verifiers' function missing."""
    connection = _psql(owner)
    with connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION archive_verifier_missing(); "
                       "UPDATE guard_installed SET digest = 'x', version = %s", (version,))
    connection.commit()
    connection.close()


def _verifiers_there() -> bool:
    return db.execute_sql("SELECT to_regprocedure('archive_verifier_missing()')").fetchone()[0] is not None


def test_a_viewer_cannot_plant_a_head_seal_that_stops_the_archive(guarded):
    """A 查阅员 signed in with psql appended an entry and, in its transaction, wrote 'garbage' as
    the head's seal: every sign-in failed after. The server refuses a seal of another shape."""
    owner, clerk = guarded

    def plant(value):
        def steps(cursor):
            cursor.execute("SELECT archive_sign_in('viewer1', %s)", (_proof(clerk, "viewer1", CLERK_PASSWORD),))
            cursor.connection.commit()
            forged = _forged_entry(cursor, actor="viewer1", role="viewer", table="secretary", record_id=None, changes={})
            forged["action"] = "view"
            forged["hash"] = audit.compute_hash(forged)
            _insert_entry(cursor, forged)
            cursor.execute("UPDATE setting SET value = %s WHERE key = 'audit_head_seal'", (value,))
        return steps

    for value in ("garbage", '{"seq": 1, "mac": "x"}', '[1]'):
        assert "not of the program's shape" in _refused(clerk, plant(value))
    open_archive(clerk)
    authenticate("admin", ADMIN_PASSWORD)
    assert run_check().ok


def _proof(url: str, login: str, password: str) -> str:
    """The hash the program sends for ``password`` (with the salt the server gives)."""
    from models.accounts.users import _same_hash

    connection = _psql(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT archive_password_salt(%s)", (login,))
        salt = cursor.fetchone()[0]
    connection.close()
    return _same_hash(salt, password)


def test_the_first_administrator_is_made_from_a_clerks_pc(monkeypatch, tmp_path):
    """A server archive made by its owner without users, then granted: the first start on a clerk's
    PC creates the administrator (its wrap of the archive key was hidden from the transaction
    writing it)."""
    from models.accounts.users import create_first_admin
    from tests.support.server import as_account, scratch_database, server_account, use_passwords

    with server_account(SERVER) as (account, password), scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇")
        close_archive()
        commands.run("grant", Namespace(db=url, account=account))
        use_passwords(monkeypatch, tmp_path, {account: password})
        open_archive(as_account(url, account))
        create_first_admin(password=ADMIN_PASSWORD)
        authenticate("admin", ADMIN_PASSWORD)
        assert run_check().ok
        close_archive()


def test_grant_sets_the_clerks_accounts_time_limits(guarded):
    """An idle transaction, a lock waited on and a statement running on each end on their own for
    the clerks' account (a session holding the writers' turn with a long statement held every save)."""
    owner, clerk = guarded
    open_archive(clerk)
    settings = {name: db.execute_sql(f"SHOW {name}").fetchone()[0]
                for name in ("idle_in_transaction_session_timeout", "lock_timeout", "statement_timeout")}
    assert settings == {"idle_in_transaction_session_timeout": "1min", "lock_timeout": "30s", "statement_timeout": "5min"}
