"""Test set-up: offscreen Qt, a private data folder, and a fresh archive file per test."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.accounts.users import authenticate  # noqa: E402
from models.org.tables import Township, Unit  # noqa: E402
from models.storage.archive_file import close_archive, create_archive  # noqa: E402
from models.writing import services  # noqa: E402
from models.writing.actor import Actor  # noqa: E402

ADMIN_PASSWORD = "correct-horse-9"


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path, monkeypatch):
    """Nothing a test does touches the real per-user data folder."""
    home = tmp_path / "data-home"
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(home))
    return home


@pytest.fixture
def archive(tmp_path):
    """A new township archive (made by the production upgrade path) with an administrator."""
    path = tmp_path / "archive.sqlite"
    create_archive(path, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    yield path
    close_archive()


@pytest.fixture
def admin(archive) -> Actor:
    return authenticate("admin", ADMIN_PASSWORD)


@pytest.fixture
def unit(admin):
    township = services.create(admin, Township, {"name": "青石镇"}).record
    return services.create(admin, Unit, {"township": township.id, "name": "东王家村"}).record
