"""Recovery that keeps everything: a backup is the whole archive and restores on a PC that never
held it; a restore refuses while the archive is open, verifies the backup, keeps the current
archive and cannot lose committed writes; ``check`` sees every edit made outside the program;
private keys are sealed; failures of the disk are told in sentences."""
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from models.accounts.users import authenticate
from models.demo.builder import build_demo
from models.errors import ArchiveError, describe_failure
from models.exchange.keys import export_public_key
from models.personnel.person import Secretary
from models.storage import backup as backups
from models.storage import settings, vault
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.archive.check import run_check
from models.storage.db import db
from models.storage.lock import ArchiveLock, exclusive
from models.archive.restore import restore_from
from models.writing import services
from models.writing.actor import SYSTEM, Actor
from models.writing.audit import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-9"


def cli(*args, home=None):
    env = dict(os.environ, **({"SECRETARY_ARCHIVE_HOME": str(home)} if home else {}))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env)


@pytest.fixture
def archive_with_scans(tmp_path):
    path = tmp_path / "town" / "archive.sqlite"
    create_archive(path, township_name="青石镇", admin_password=PASSWORD)
    build_demo(SYSTEM, secretaries=6, seed=5)  # a small demo scans its first materials
    from models.attachments.tables import Attachment
    assert Attachment.select().count() > 0
    close_archive()
    return path


# -- backups ----------------------------------------------------------------------------------------

def test_a_backup_restores_whole_on_a_pc_that_never_held_the_archive(archive_with_scans, tmp_path):
    out = tmp_path / "stick" / "档案备份.zip"
    made = cli("backup", "--db", archive_with_scans, "--out", out, "--json")
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(out) as copy:
        names = copy.namelist()
    assert "archive.sqlite" in names and any(n.startswith("files/") for n in names)
    new_pc = tmp_path / "new-pc"
    restored = cli("restore", out, "--db", new_pc / "archive.sqlite", "--json", home=new_pc / "home")
    assert restored.returncode == 0, restored.stderr
    report = json.loads(cli("check", "--db", new_pc / "archive.sqlite", "--json", home=new_pc / "home").stdout)
    assert report["ok"], report["faults"]
    assert report["records"]["secretary"] == 6 and report["records"]["attachment"] > 0
    stats = cli("stats", "--year", "2025", "--db", new_pc / "archive.sqlite", home=new_pc / "home")
    assert stats.returncode == 0, stats.stderr  # the administrator's sign-in unlocks the key on this PC …
    open_archive(new_pc / "archive.sqlite")
    try:  # … and the restore, kept aside until a PC could seal it, is in the log
        entry = AuditEntry.get(AuditEntry.action == "restored")
        assert out.name in entry.summary and "解锁后补记" in entry.summary and entry.actor.startswith("cli:")
    finally:
        close_archive()


def test_automatic_copies_hold_the_scans_once_and_restore_alone(archive_with_scans):
    open_archive(archive_with_scans)
    try:
        first = backups.automatic_backup("close")
        second = backups.automatic_backup("before-import")
    finally:
        close_archive()
    pool = first.parent / "files"
    stored = list(pool.glob("*/*"))
    assert stored and all(backups.read_backup(p).pooled for p in (first, second))
    assert not [n for n in zipfile.ZipFile(first).namelist() if n.startswith("files/")]  # the scans are not inside
    (archive_with_scans.parent / "archive-files").rename(archive_with_scans.parent / "gone")  # files lost
    with exclusive(archive_with_scans):
        restore_from(archive_with_scans, second, actor=SYSTEM)
    open_archive(archive_with_scans)
    try:
        assert run_check().ok
    finally:
        close_archive()


def test_a_full_disk_leaves_no_backup_that_looks_good(archive_with_scans, monkeypatch):
    open_archive(archive_with_scans)
    real_write = zipfile.ZipFile.write

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    try:
        with pytest.raises(OSError) as caught:
            backups.write_backup(archive_with_scans.parent / "b.zip")
        assert describe_failure(caught.value).startswith("磁盘空间已满")
        assert not list(archive_with_scans.parent.glob("b.zip*"))
    finally:
        monkeypatch.setattr(zipfile.ZipFile, "write", real_write)
        close_archive()


# -- restore --------------------------------------------------------------------------------------------

def backup_of(archive, tmp_path) -> Path:
    open_archive(archive)
    try:
        return backups.write_backup(tmp_path / "good.zip")
    finally:
        close_archive()


def test_a_restore_is_refused_while_the_archive_is_open_even_under_another_name(archive_with_scans, tmp_path):
    good = backup_of(archive_with_scans, tmp_path)
    window = ArchiveLock(archive_with_scans)
    assert window.acquire()  # the GUI has the archive open
    try:
        refused = cli("restore", good, "--db", archive_with_scans)
        assert refused.returncode == 1 and "正在被另一个窗口或程序使用" in refused.stderr
        link = tmp_path / "elsewhere" / "same.sqlite"
        link.parent.mkdir()
        link.hardlink_to(archive_with_scans)
        assert cli("restore", good, "--db", link).returncode == 1
        assert cli("import", good, "--db", link).returncode == 1  # no writer either
        other_user = cli("restore", good, "--db", link, home=tmp_path / "another-users-folder")
        assert other_user.returncode == 1 and "正在被另一个窗口或程序使用" in other_user.stderr
        printing = cli("print", "catalogue", "--all", "--out", tmp_path / "c.pdf", "--db", archive_with_scans)
        assert printing.returncode == 1 and not (tmp_path / "c.pdf").exists()  # its audit entry is a write too
    finally:
        window.release()
    assert cli("restore", good, "--db", archive_with_scans).returncode == 0


def test_files_that_are_not_good_backups_are_refused_and_nothing_changes(archive_with_scans, tmp_path):
    good = backup_of(archive_with_scans, tmp_path)
    before = archive_with_scans.read_bytes()
    only_settings = tmp_path / "settings-only.sqlite"
    connection = sqlite3.connect(only_settings)
    connection.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO setting VALUES ('installation_id', '\"x\"')")
    connection.commit()
    connection.close()
    disguised = tmp_path / "disguised.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(disguised, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["database"]["sha256"] = __import__("hashlib").sha256(only_settings.read_bytes()).hexdigest()
        target.writestr("manifest.json", json.dumps(manifest))
        target.write(only_settings, "archive.sqlite")
        for name in source.namelist():
            if name.startswith("files/"):
                target.writestr(name, source.read(name))
    damaged_scan = tmp_path / "damaged-scan.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged_scan, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[:-1] + b"?" if name.startswith("files/") else data)
    for bad, words in ((only_settings, "不是本程序的备份文件"), (disguised, "不是本程序的档案文件"),
                       (damaged_scan, "已损坏")):
        result = cli("restore", bad, "--db", archive_with_scans)
        assert result.returncode == 1 and words in result.stderr, (bad, result.stderr)
        assert archive_with_scans.read_bytes() == before


def test_a_restore_interrupted_before_the_swap_keeps_every_committed_write(archive_with_scans, tmp_path,
                                                                           monkeypatch):
    good = backup_of(archive_with_scans, tmp_path)
    open_archive(archive_with_scans)
    person = Secretary.select().first()
    services.update(SYSTEM, Secretary, person.id, {"phone": "13800000077"})  # committed, still in the WAL
    assert Path(str(archive_with_scans) + "-wal").stat().st_size > 0
    db.close()  # the process "dies" without folding the WAL in
    from models.archive import restore as restoring

    def killed(archive, database):
        raise KeyboardInterrupt  # the restore is stopped just before the new archive replaces the old

    monkeypatch.setattr(restoring, "_replace", killed)
    with pytest.raises(KeyboardInterrupt), exclusive(archive_with_scans):
        restore_from(archive_with_scans, good, actor=SYSTEM)
    monkeypatch.undo()
    open_archive(archive_with_scans)
    try:
        assert Secretary.get_by_id(person.id).phone == "13800000077"
        assert run_check().ok
    finally:
        close_archive()
    kept = backups.list_backups(archive_with_scans.parent / "backups")
    assert any(copy.reason == "before-restore" for copy in kept)


# -- check sees every edit --------------------------------------------------------------------------------

def edit_outside(path, sql, *params):
    connection = sqlite3.connect(path)
    connection.execute(sql, params)
    connection.commit()
    connection.close()


@pytest.mark.parametrize("edit, words", [
    (("UPDATE setting SET value = '\"00ff\"' WHERE key = 'district_public_key'",), "district_public_key"),
    (("UPDATE setting SET value = '\"内部\"' WHERE key = 'mode'",), "设置“mode”"),
    (("UPDATE user SET password_hash = 'forged' WHERE username = 'admin'",), "密码"),
    (("UPDATE secretary SET version = version + 5 WHERE rowid = 1",), "version"),
    (("UPDATE secretary SET modified_at = '2020-01-01T00:00:00+00:00' WHERE rowid = 2",), "modified_at"),
    (("UPDATE secretary SET origin = 'elsewhere' WHERE rowid = 3",), "origin"),
    (("INSERT INTO setting (key, value) VALUES ('classification', '\"绝密\"')",), "classification"),
])
def test_check_sees_edits_made_outside_the_program(tmp_path, edit, words):
    path = tmp_path / "d.sqlite"
    create_archive(path, mode="district", admin_password=PASSWORD)
    export_public_key(SYSTEM, tmp_path / "district.key")
    build_demo(SYSTEM, secretaries=4, seed=1)
    assert run_check().ok
    close_archive()
    edit_outside(path, *edit)
    open_archive(path)
    try:
        result = run_check()
        assert not result.ok and any(words in fault for fault in result.faults), result.faults
    finally:
        close_archive()


def test_cutting_off_the_log_with_its_head_is_seen_by_the_seal(archive_with_scans):
    open_archive(archive_with_scans)
    last = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    cut = last.seq - 3
    keep = AuditEntry.get_by_id(cut)
    close_archive()
    edit_outside(archive_with_scans, "DELETE FROM audit_entry WHERE seq > ?", cut)
    edit_outside(archive_with_scans, "UPDATE setting SET value = ? WHERE key = 'audit_head'",
                 json.dumps([cut, keep.hash]))
    open_archive(archive_with_scans)
    try:
        faults = run_check().faults
        assert any("被删除" in fault or "封印" in fault for fault in faults), faults
    finally:
        close_archive()


def test_a_damaged_log_entry_is_named_by_its_number(archive_with_scans):
    open_archive(archive_with_scans)
    entry = AuditEntry.get_by_id(5)
    close_archive()
    edit_outside(archive_with_scans, "UPDATE audit_entry SET changes = '{不是JSON' WHERE seq = ?", entry.seq)
    result = cli("check", "--db", archive_with_scans)
    assert result.returncode == 1 and f"第{entry.seq}条" in result.stdout + result.stderr
    assert "内部错误" not in result.stderr


# -- sealed keys --------------------------------------------------------------------------------------

def test_private_keys_are_sealed_and_open_at_the_administrators_sign_in_on_a_new_pc(tmp_path, monkeypatch):
    path = tmp_path / "d.sqlite"
    create_archive(path, mode="district", admin_password=PASSWORD)
    export_public_key(SYSTEM, tmp_path / "district.key")
    private = vault.unseal(settings.get("district_private_key"))
    assert len(private) == 64
    out = backups.write_backup(tmp_path / "d.zip")
    close_archive()
    raw = path.read_bytes() + zipfile.ZipFile(out).read("archive.sqlite")
    assert private.encode() not in raw  # neither the archive nor its backup holds it in clear
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(tmp_path / "another-pc"))
    with exclusive(tmp_path / "restored.sqlite"):
        restore_from(tmp_path / "restored.sqlite", out, actor=SYSTEM)
    open_archive(tmp_path / "restored.sqlite")
    try:
        assert not vault.unlocked()
        with pytest.raises(ArchiveError, match="管理员登录一次"):
            vault.unseal(settings.get("district_private_key"))
        keyless = run_check()  # the head's signature verifies without the key, its key not yet this PC's
        assert keyless.ok and any("签名密钥未经本机确认" in w for w in keyless.warnings)
        authenticate("admin", PASSWORD)
        assert vault.unseal(settings.get("district_private_key")) == private
        assert run_check().ok
    finally:
        close_archive()
    open_archive(tmp_path / "restored.sqlite")  # this PC can open it by itself from now on
    try:
        assert vault.unlocked()
    finally:
        close_archive()


# -- failures told in sentences -------------------------------------------------------------------------

def test_disk_full_read_only_and_locked_are_sentences_with_what_to_do(archive_with_scans):
    open_archive(archive_with_scans)
    try:
        db.execute_sql("PRAGMA max_page_count = 1")  # the disk "is full" for this connection
        with pytest.raises(Exception) as full:
            services.update(SYSTEM, Secretary, Secretary.select().first().id, {"remarks": "x" * 5000})
        assert describe_failure(full.value).startswith("磁盘空间已满")
    finally:
        close_archive()
    holder = sqlite3.connect(archive_with_scans)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = sqlite3.connect(archive_with_scans, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as locked:
            other.execute("INSERT INTO setting VALUES ('x', '1')")
        assert "另一个程序占用" in describe_failure(locked.value)
    finally:
        holder.rollback()
        holder.close()
    assert "权限" in describe_failure(PermissionError(errno.EACCES, "denied"))
    assert "拔出" in describe_failure(OSError(errno.EIO, "I/O error"))
    assert describe_failure(KeyError("a bug")) is None


def test_the_command_line_says_what_went_wrong_with_the_place_not_internal_error(archive_with_scans, tmp_path):
    stick = tmp_path / "full-stick"
    stick.mkdir()
    (stick / "b.zip.part").mkdir()  # the temporary name cannot be written: an unwritable stick
    result = cli("backup", "--db", archive_with_scans, "--out", stick / "b.zip")
    assert result.returncode == 1 and "内部错误" not in result.stderr and result.stderr.startswith("错误:")
    assert shutil.disk_usage(stick)  # nothing else left behind
    assert not (stick / "b.zip").exists()


def test_check_with_a_password_file_confirms_the_seal_on_another_pc(archive_with_scans, tmp_path):
    other_pc = tmp_path / "other-pc"
    plain = json.loads(cli("check", "--db", archive_with_scans, "--json", home=other_pc).stdout)
    assert plain["ok"] and any("签名密钥未经本机确认" in w for w in plain["warnings"])  # the signature alone
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    sealed = json.loads(cli("check", "--db", archive_with_scans, "--json", "--password-file", tmp_path / "pw.txt",
                            home=other_pc).stdout)
    assert sealed["ok"] and not sealed["warnings"]
    (tmp_path / "bad.txt").write_text("wrong-password-1", encoding="utf-8")
    wrong = cli("check", "--db", archive_with_scans, "--password-file", tmp_path / "bad.txt", home=other_pc)
    assert wrong.returncode == 1 and "密码不正确" in wrong.stderr


def test_a_server_failure_is_told_by_its_sqlstate_whatever_the_servers_language():
    """A Chinese server says 由于锁超时,取消语句: the sentence comes from the SQLSTATE, not the words."""
    from peewee import InterfaceError, OperationalError

    class ServerSaid(Exception):
        def __init__(self, text, pgcode):
            super().__init__(text)
            self.pgcode = pgcode

    def raised(text, pgcode, kind=OperationalError):
        driver = ServerSaid(text, pgcode)
        return kind(driver, *driver.args)  # as peewee wraps the driver's error

    assert "写入顺序锁被另一个数据库连接占着" in describe_failure(raised("由于锁超时,取消语句", "55P03"))
    assert "连接中断" in describe_failure(raised("由于管理员命令中断联接", "57P01"))
    assert "连接中断" in describe_failure(raised("SSL SYSCALL error: EOF detected", None, InterfaceError))
    assert "正在启动" in describe_failure(raised("数据库系统启动中", "57P03"))
    assert "服务器的磁盘已满" in describe_failure(raised('could not extend file "base/16384/2619": 设备上没有空间',
                                                         "53100"))
    assert "权限不足" in describe_failure(raised("对表 audit_entry 权限不够", "42501"))
    assert "密码不对" in describe_failure(raised('password authentication failed for user "clerk"', "28P01"))
    assert describe_failure(raised('duplicate key value violates unique constraint "x"', "23505")) is None


def test_a_connection_refused_before_any_sqlstate_is_told_by_libpqs_words_and_keeps_its_cause():
    """At connecting libpq gives no SQLSTATE; a wrong password in .pgpass ends its message with
    only where the password came from, which alone told a clerk nothing."""
    from peewee import OperationalError

    from models.errors import describe_server_failure

    said = ('connection to server at "10.0.0.5", port 5432 failed: FATAL:  password authentication failed for '
            'user "clerk"\nconnection to server at "10.0.0.5", port 5432 failed: '
            'password retrieved from file "C:\\Users\\clerk\\AppData\\Roaming\\postgresql\\pgpass.conf"\n')
    assert "密码不对" in describe_server_failure(OperationalError(said))
    assert "正在启动" in describe_server_failure(OperationalError("FATAL:  the database system is starting up"))
    assert "账号" in describe_server_failure(OperationalError('FATAL:  role "clerk2" does not exist'))
    assert "没有这个数据库" in describe_server_failure(OperationalError('FATAL:  database "arch" does not exist'))
    assert "连接中断" in describe_server_failure(OperationalError("could not connect to server: Connection refused"))
    refused = OperationalError('connection to server at "10.0.0.5", port 5433 failed: Connection refused\n'
                               '\tIs the server running on that host and accepting TCP/IP connections?')
    assert "连不上档案数据库服务器" in describe_server_failure(refused, connecting=True)  # nothing was open to lose
    assert "没有找到这个数据库账号的密码" in describe_server_failure(
        OperationalError("fe_sendauth: no password supplied"), connecting=True)
    for said, words in (('FATAL:  remaining connection slots are reserved for non-replication superuser connections',
                         "连接已满"), ("FATAL:  the database system is not yet accepting connections", "正在启动"),
                        ('FATAL:  permission denied for database "arch"', "权限不足")):
        assert words in describe_server_failure(OperationalError(said), connecting=True), said
    assert describe_server_failure(OperationalError("no such table: secretary")) is None


def test_only_an_administrator_restores_and_the_restore_is_in_the_restored_log(archive_with_scans):
    """Below the window too: a clerk's or a viewer's restore is refused with the archive as it was;
    an administrator's is written in the restored archive's own log, which still checks."""
    open_archive(archive_with_scans)
    try:
        copy = backups.automatic_backup("close")
        services.update(SYSTEM, Secretary, Secretary.live().first().id, {"remarks": "备份之后的修改"})
        written_after = AuditEntry.select().count()
    finally:
        close_archive()
    for role in ("clerk", "reviewer", "viewer"):
        with exclusive(archive_with_scans), pytest.raises(ArchiveError, match="无权系统管理"):
            restore_from(archive_with_scans, copy, actor=Actor("someone", "某人", role))
    open_archive(archive_with_scans)
    try:
        assert AuditEntry.select().count() == written_after  # nothing replaced
    finally:
        close_archive()
    with exclusive(archive_with_scans):
        kept = restore_from(archive_with_scans, copy, actor=Actor("admin", "管理员", "admin"))
    open_archive(archive_with_scans)
    try:
        last = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
        assert last.action == "restored" and last.actor == "admin" and copy.name in last.summary
        assert json.loads(last.changes)["previous_kept_as"] == kept.name
        assert not Secretary.live().where(Secretary.remarks == "备份之后的修改").exists()
        assert run_check().ok
    finally:
        close_archive()


def _repacked(good: Path, target: Path, edit) -> Path:
    """The backup with its database changed by ``edit(connection)`` and the manifest's hash and
    size made to match: what every member check passes, and only the database's own checks see."""
    database = target.with_suffix(".sqlite")
    with zipfile.ZipFile(good) as source:
        database.write_bytes(source.read("archive.sqlite"))
        manifest = json.loads(source.read("manifest.json"))
        members = {name: source.read(name) for name in source.namelist() if name.startswith("files/")}
    connection = sqlite3.connect(database)
    edit(connection)
    connection.commit()
    connection.close()
    data = database.read_bytes()
    manifest["database"].update(sha256=__import__("hashlib").sha256(data).hexdigest(), size=len(data))
    with zipfile.ZipFile(target, "w") as copy:
        copy.writestr("archive.sqlite", data)
        copy.writestr("manifest.json", json.dumps(manifest))
        for name, content in members.items():
            copy.writestr(name, content)
    return target


def _edited_log(connection) -> None:
    connection.execute("UPDATE audit_entry SET summary = '新建档案:某人' WHERE seq = 30")


def _index_out_of_step(connection) -> None:
    """An index that no longer matches its table (its rows readable, SQLite's own check fails)."""
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_master SET sql = 'CREATE UNIQUE INDEX secretary_by_name ON secretary "
                       "(name, id)' WHERE name = 'secretary_by_name'")


@pytest.mark.parametrize("edit, words", [(_edited_log, "的操作日志不完整(操作日志第30条内容被改动(哈希不符))"),
                                         (_index_out_of_step, "中的档案已损坏,不能用来恢复")])
def test_a_backup_whose_database_was_altered_inside_is_refused(archive_with_scans, tmp_path, edit, words):
    """Every member matching its manifest is not enough: the restored database passes SQLite's
    integrity check and its audit chain holds, or nothing is replaced."""
    tampered = _repacked(backup_of(archive_with_scans, tmp_path), tmp_path / "tampered.zip", edit)
    before = archive_with_scans.read_bytes()
    with exclusive(archive_with_scans), pytest.raises(ArchiveError) as refused:
        restore_from(archive_with_scans, tampered, actor=SYSTEM)
    assert words in str(refused.value)
    assert archive_with_scans.read_bytes() == before


def test_only_the_passwords_of_who_exports_open_the_keys_of_a_copied_archive(tmp_path, monkeypatch):
    """A copied township archive on another PC: a viewer's, a reviewer's or a deactivated clerk's
    password opens neither the archive key nor so the signing key — no package the district would
    take as the township's can be made with it; an administrator's or a clerk's still does."""
    from models.accounts.users import create_user, prune_key_wraps, set_active
    from models.exchange.export import export_package, signing_key
    from models.writing.actor import Actor

    path = tmp_path / "town.sqlite"
    create_archive(path, township_name="青石镇", admin_password=PASSWORD)
    admin = authenticate("admin", PASSWORD)
    signing_key(admin)  # made and sealed
    people = {role: create_user(admin, username=role, display_name=role, role=role, password=f"{role}-pass-123")
              for role in ("clerk", "reviewer", "viewer")}
    gone = create_user(admin, username="former", display_name="离职录入员", role="clerk", password="former-pass-1")
    set_active(admin, gone.id, False)
    settings_wraps = set(vault.user_wrap_keys())
    assert settings_wraps == {vault.USER_WRAP + u for u in (admin.user_id, people["clerk"].id)}
    assert prune_key_wraps(admin) == 0
    services.set_setting(admin, vault.USER_WRAP + people["viewer"].id, vault.user_wrap("viewer-pass-123"))
    authenticate("reviewer", "reviewer-pass-123")  # an older archive wrapped it for everyone: any sign-in prunes
    assert set(vault.user_wrap_keys()) == settings_wraps
    close_archive()
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(tmp_path / "another-pc"))  # no machine wrap there
    open_archive(path)
    try:
        for user, password in ((people["viewer"], "viewer-pass-123"), (people["reviewer"], "reviewer-pass-123"),
                               (gone, "former-pass-1")):
            assert not vault.unlock_with_password(user.id, password)
        assert not vault.unlock_with_any_password("viewer-pass-123")
        with pytest.raises(ArchiveError, match="尚未解锁档案密钥"):
            export_package(Actor("x", "伪装", "admin"), tmp_path / "stick", password="forger-password")
        authenticate("clerk", "clerk-pass-123")
        assert vault.unlocked()
    finally:
        close_archive()


def test_an_archive_without_users_works_under_any_account_until_its_first_administrator(tmp_path, monkeypatch):
    """Made by init without a password (or demo), it must open and take its first administrator
    under another Windows account or on another PC; from then on only passwords open its key."""
    path = tmp_path / "new.sqlite"
    create_archive(path, township_name="青石镇")
    close_archive()
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(tmp_path / "another-account"))
    open_archive(path)
    try:
        assert vault.unlocked()
        from models.accounts.users import create_first_admin
        create_first_admin(password=PASSWORD)
        assert settings.get(vault.OPEN_WRAP) is None and run_check().ok
    finally:
        close_archive()
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(tmp_path / "a-third-account"))
    open_archive(path)
    try:
        assert not vault.unlocked()  # the open wrap went with the first user
        authenticate("admin", PASSWORD)
        assert vault.unlocked()
    finally:
        close_archive()


def test_a_damaged_archive_is_restored_from_the_command_line_by_the_backups_administrator(archive_with_scans,
                                                                                         tmp_path):
    good = backup_of(archive_with_scans, tmp_path)
    raw = bytearray(archive_with_scans.read_bytes())
    raw[:100] = bytes(100)  # the file's header gone: it does not open any more
    archive_with_scans.write_bytes(bytes(raw))
    Path(str(archive_with_scans) + "-wal").unlink(missing_ok=True)
    restored = cli("restore", good, "--db", archive_with_scans, "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(cli("check", "--db", archive_with_scans, "--json").stdout)["ok"]
    assert not [p for p in archive_with_scans.parent.glob("restore-*")]  # no temporary copy left behind


def test_a_reviewer_signs_in_where_no_key_holder_has_and_wrong_passwords_still_lock(archive_with_scans, tmp_path,
                                                                                    monkeypatch):
    """On a PC (or a server clerk's PC) where nobody who holds the archive key has signed in yet, a
    reviewer still signs in (and writes nothing there); five wrong passwords lock the account for
    this program all the same."""
    from models.accounts.users import create_user
    from models.errors import AuthenticationFailed

    open_archive(archive_with_scans)
    try:
        create_user(SYSTEM, username="rev", display_name="李书记", role="reviewer", password="review-pass-1")
    finally:
        close_archive()
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(tmp_path / "a-new-pc"))
    open_archive(archive_with_scans)
    try:
        assert not vault.unlocked()
        assert authenticate("rev", "review-pass-1").role == "reviewer"
        for _ in range(5):
            with pytest.raises(AuthenticationFailed, match="用户名或密码不正确"):
                authenticate("rev", "wrong-password")
        with pytest.raises(AuthenticationFailed, match="账号已锁定"):
            authenticate("rev", "review-pass-1")
    finally:
        close_archive()


# -- the log's repair -----------------------------------------------------------------------------

def test_an_administrator_repairs_a_forged_tail_on_the_command_line(archive_with_scans):
    """``repair-log``: the administrator signs in (nothing is written at the sign-in over the
    forged entry), the entry is set aside, and the check then names the record it changed."""
    from tests.models.test_check import _forge_tail_entry

    open_archive(archive_with_scans)
    victim, forged = _forge_tail_entry()
    close_archive()
    stopped = cli("print", "dossier", "--all", "--out", archive_with_scans.parent / "x.pdf", "--db", archive_with_scans)
    assert stopped.returncode == 1 and f"第{forged['seq']}条没有封印" in stopped.stderr + stopped.stdout
    planned = cli("repair-log", "--dry-run", "--db", archive_with_scans)
    assert planned.returncode == 0 and f"移出第{forged['seq']}条(共1条" in planned.stdout, planned.stderr
    repaired = cli("repair-log", "--db", archive_with_scans, "--json")
    assert repaired.returncode == 0, repaired.stderr
    outcome = json.loads(repaired.stdout)
    assert outcome["set_aside"] == [forged["seq"]] and outcome["records"] == [{"table": "secretary", "id": victim.id}]
    report = json.loads(cli("check", "--db", archive_with_scans, "--json").stdout)
    assert not any("封印" in fault for fault in report["faults"])
    assert any("联系电话" in fault for fault in report["faults"]), report
    again = cli("repair-log", "--db", archive_with_scans)
    assert again.returncode == 1 and "没有需要修复的部分" in again.stderr + again.stdout
    assert any("修复操作日志前" == copy.reason_text for copy in backups.list_backups(archive_with_scans.parent / "backups"))
