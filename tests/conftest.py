"""Test set-up: offscreen Qt, a private data folder, and a fresh archive file per test."""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.accounts.users import authenticate  # noqa: E402
from models.org.tables import Township, Unit  # noqa: E402
from models.archive.lifecycle import close_archive, create_archive  # noqa: E402
from models.values import clock  # noqa: E402
from models.writing import services  # noqa: E402
from models.writing.actor import Actor  # noqa: E402

ADMIN_PASSWORD = "correct-horse-9"

# Command-line children sign in as the administrator the archive fixtures make, when an archive
# has users (models/app/signing_in.py); a test of the sign-in itself removes these.
_signing_in = Path(tempfile.mkdtemp(prefix="secretary-archive-tests-")) / "admin-password.txt"
_signing_in.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
os.environ["SECRETARY_ARCHIVE_USER"], os.environ["SECRETARY_ARCHIVE_PASSWORD_FILE"] = "admin", str(_signing_in)

# The day every test lives on, read by the program's clock in this process and in every
# command-line child a test starts. Fixed, so that the figures do not change with the month the
# suite runs in; ``SECRETARY_ARCHIVE_TEST_TODAY=2027-01-01 make test`` runs the whole suite on
# another day (it is kept green on 1 and 31 December, 1 and 31 January and 29 February).
TODAY = dt.date.fromisoformat(os.environ.get("SECRETARY_ARCHIVE_TEST_TODAY") or "2026-12-06")
os.environ[clock.TODAY_VARIABLE] = TODAY.isoformat()


@pytest.fixture
def today() -> dt.date:
    """The frozen day (a test that lives on another day sets ``clock.TODAY_VARIABLE`` itself)."""
    return TODAY


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path, monkeypatch):
    """Nothing a test does touches the real per-user data folder."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(home))
    return home


# The model tests run on both engines: an archive file, and a database on a PostgreSQL server
# (``make test`` starts a throwaway one with Debian's pg_virtualenv; libpq's PGHOST, PGPORT,
# PGUSER and PGPASSWORD say where). ``-m sqlite`` or ``-m postgresql`` runs one engine alone.
SERVER = os.environ.get("SECRETARY_ARCHIVE_TEST_SERVER")
BOTH_ENGINES = ("tests/models/",)


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames:
        where = metafunc.definition.nodeid
        both = where.startswith(BOTH_ENGINES) and not metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("engine", ["sqlite", "postgresql"] if both else ["sqlite"], indirect=True)


def pytest_collection_modifyitems(config, items):
    for item in items:
        engine = getattr(item, "callspec", None) and item.callspec.params.get("engine")
        if engine or not item.get_closest_marker("postgresql"):
            item.add_marker(getattr(pytest.mark, engine or "sqlite"))
        if engine == "postgresql" and not SERVER:
            item.add_marker(pytest.mark.skip(reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set"))


@pytest.fixture
def engine(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def archive_target(engine, tmp_path):
    """Where a test's archive lives: a file, or a new empty database on the server (dropped after)."""
    if engine == "sqlite":
        yield tmp_path / "archive.sqlite"
        return
    from tests.support.server import scratch_database

    with scratch_database(SERVER) as url:
        yield url


@pytest.fixture
def archive(archive_target):
    """A new township archive (made by the production upgrade path) with an administrator."""
    create_archive(archive_target, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    yield archive_target
    close_archive()


@pytest.fixture
def admin(archive) -> Actor:
    return authenticate("admin", ADMIN_PASSWORD)


@pytest.fixture
def unit(admin):
    township = services.create(admin, Township, {"name": "青石镇"}).record
    return services.create(admin, Unit, {"township": township.id, "name": "东王家村"}).record
