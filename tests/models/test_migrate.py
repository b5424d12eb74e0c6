"""Moving an archive from a file to a server and back: everything arrives, the copy passes the
check, every table's content is the same, and a target that is not empty is refused."""
import datetime as dt
from urllib.parse import urlsplit, urlunsplit

import pytest

from models.demo.builder import build_demo
from models.errors import ArchiveError
from models.matters import ledger
from models.personnel.person import Secretary
from models.storage import file_store
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.attachments.tables import Attachment
from models.archive.check import run_check
from models.archive.migrate import content_hash, migrate
from models.archive.tables import ALL_TABLES
from models.writing.actor import SYSTEM
from tests.conftest import ADMIN_PASSWORD, SERVER
from tests.test_cli import ROOT

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]


def _contents() -> dict:
    return {model._meta.table_name: content_hash(model) for model in ALL_TABLES}


def _figures() -> tuple:
    overdue = ledger.count(ledger.LedgerFilter(punctuality="overdue"), today=dt.date(2026, 11, 24))
    return Secretary.live().count(), overdue, [p.name for p in Secretary.select().order_by(Secretary.name_pinyin)]


def test_a_file_moves_to_a_server_and_back_unchanged(tmp_path):
    from tests.support.server import scratch_database

    original = tmp_path / "township.sqlite"
    create_archive(original, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    build_demo(SYSTEM, secretaries=12, seed=7, today=dt.date(2026, 11, 24))
    before, figures = _contents(), _figures()
    attachments = [a.sha256 for a in Attachment.select()]
    assert attachments  # photos and scans go too
    close_archive()
    with scratch_database(SERVER) as url:
        moved = migrate(original, url)
        assert moved.faults == [] and moved.rows["secretary"] == 12 and moved.attachments == len(set(attachments))
        open_archive(url)
        assert run_check().ok and _contents() == before and _figures() == figures
        assert file_store.read_bytes(attachments[0]) == (file_store.folder_of(original) / attachments[0][:2]
                                                          / attachments[0]).read_bytes()
        close_archive()
        back = tmp_path / "back.sqlite"
        assert migrate(url, back).faults == []
    open_archive(back)
    assert run_check().ok and _contents() == before and _figures() == figures
    close_archive()


def test_a_target_that_holds_an_archive_is_refused(tmp_path):
    from tests.support.server import scratch_database

    original = tmp_path / "township.sqlite"
    create_archive(original, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    close_archive()
    with scratch_database(SERVER) as url:
        create_archive(url, township_name="另一个", admin_password=ADMIN_PASSWORD)
        close_archive()
        with pytest.raises(ArchiveError, match="已经有数据"):
            migrate(original, url)
    existing = tmp_path / "existing.sqlite"
    create_archive(existing, township_name="青石镇")
    close_archive()
    with pytest.raises(ArchiveError, match="已经存在"):
        migrate(original, existing)


def test_the_file_commands_say_a_server_is_backed_up_by_the_server(tmp_path):
    import subprocess
    import sys

    from tests.support.server import scratch_database

    with scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        close_archive()
        for command in (["backup", "--out", str(tmp_path / "copy.zip")], ["restore", str(tmp_path / "copy.zip")]):
            done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, *command], capture_output=True,
                                  text=True, cwd=ROOT)
            assert done.returncode == 1 and "由服务器备份和恢复" in done.stderr + done.stdout
        assert not (tmp_path / "copy.zip").exists()


def test_a_migration_that_fails_half_way_leaves_no_half_made_archive(tmp_path, monkeypatch):
    from models.archive import migrate as moving
    from tests.support.server import scratch_database

    original = tmp_path / "township.sqlite"
    create_archive(original, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    build_demo(SYSTEM, secretaries=3, seed=7, today=dt.date(2026, 11, 24))
    close_archive()

    def unplugged(reading, source):
        raise OSError("U盘被拔出")

    with scratch_database(SERVER) as url:
        with monkeypatch.context() as patched:
            patched.setattr(moving, "_copy_attachments", unplugged)
            with pytest.raises(OSError):
                migrate(original, url)
            with pytest.raises(OSError):
                migrate(original, tmp_path / "copy.sqlite")
        assert not (tmp_path / "copy.sqlite").exists() and not (tmp_path / "copy-files").exists()
        assert migrate(original, url).faults == []  # the server's database was left empty: it goes again


def test_the_check_on_a_server_reads_one_moment_while_a_clerk_writes(tmp_path, monkeypatch):
    """A clerk's save committed while the check reads must not look like tampering."""
    import threading

    from models.org.tables import Township
    from models.archive import check
    from models.writing import services
    from tests.support.server import scratch_database

    with scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        unlocked, checking, written = check.vault.unlocked, threading.current_thread(), []

        def meanwhile():  # asked between reading the log's head and reading its seal
            if threading.current_thread() is checking and not written:  # (the writer asks it too)
                written.append(True)
                writer = threading.Thread(target=lambda: (services.create(SYSTEM, Township, {"name": "柳河镇"}),
                                                          check.db.close()))
                writer.start()
                writer.join(30)
            return unlocked()

        monkeypatch.setattr(check.vault, "unlocked", meanwhile)
        result = run_check()
        assert result.ok, result.faults
        assert Township.select().where(Township.name == "柳河镇").exists()  # the clerk's save is there
        close_archive()


def test_a_server_archive_the_account_may_not_read_is_not_called_damaged(tmp_path, monkeypatch):
    import psycopg2

    from models.errors import ArchiveDamaged
    from tests.support.server import _dsn, scratch_database

    with scratch_database(SERVER) as url:
        create_archive(url, township_name="青石镇", admin_password=ADMIN_PASSWORD)
        close_archive()
        name = url.rsplit("/", 1)[1]
        admin = psycopg2.connect(_dsn(urlsplit(SERVER)._replace(path=f"/{name}")))
        admin.autocommit = True
        with admin.cursor() as cursor:  # an account without rights on the archive's tables
            cursor.execute("CREATE ROLE archive_reader_test LOGIN PASSWORD 'reader-pw'")
            cursor.execute("GRANT CONNECT ON DATABASE \"%s\" TO archive_reader_test" % name)
        try:
            parts = urlsplit(url)
            stranger = urlunsplit(parts._replace(netloc=f"archive_reader_test@{parts.netloc.split('@')[-1]}"))
            monkeypatch.setenv("PGPASSWORD", "reader-pw")  # libpq's way, as on a clerk's PC
            with pytest.raises(ArchiveError) as refused:
                open_archive(stranger)
            assert not isinstance(refused.value, ArchiveDamaged) and "无法读取服务器上的档案" in str(refused.value)
        finally:
            with admin.cursor() as cursor:
                cursor.execute("DROP OWNED BY archive_reader_test")
                cursor.execute("DROP ROLE archive_reader_test")
            admin.close()
