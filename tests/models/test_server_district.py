"""A district whose archive is on a server merges its townships' packages exactly as a district
whose archive is a file: the same packages end in the same records, and the copy passes the check."""
import json
import subprocess
import sys
from argparse import Namespace

import pytest

from models.exchange.export import export_package
from models.exchange.importer import apply_preview, preview_package, read_package
from models.matters.tables import MatterReport
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive
from models.archive.check import run_check
from models.archive.migrate import migrate
from models.writing import services
from models.writing.actor import SYSTEM
from tests.conftest import SERVER
from tests.models.test_district_merge import ROOT, Archive, make_world
from tests.support.digest import table_digests

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]


def export(world, file) -> bytes:
    with Archive(world / f"{file}.sqlite"):
        return export_package(SYSTEM, world / "stick").path.read_bytes()


def accept(target, data) -> dict:
    """Import as a district clerk who compared the fingerprint and confirmed the deletions."""
    with Archive(target):
        preview = preview_package(read_package(data))
        return apply_preview(SYSTEM, preview, trust=preview.package.fingerprint, accept_deletions=True)


def test_a_district_on_a_server_ends_with_what_a_district_file_does(tmp_path, monkeypatch):
    from models.app import commands
    from tests.support.server import as_account, scratch_database, server_account

    world = make_world(tmp_path)
    first_a, first_b = export(world, "a"), export(world, "b")
    with Archive(world / "a.sqlite"):  # between two packages the township corrects a phone
        person = Secretary.live().order_by(Secretary.id).first()
        services.update(SYSTEM, Secretary, person.id, {"phone": "13912345678"})
    later_a = export(world, "a")
    with server_account(SERVER) as (clerk, password), scratch_database(SERVER) as owner:
        assert migrate(world / "district.sqlite", owner).faults == []  # the same district, keys and all
        commands.run("grant", Namespace(db=owner, account=clerk))  # the clerks import with the account the PCs use: no more rights
        monkeypatch.setenv("PGPASSWORD", password)
        url = as_account(owner, clerk)
        for data in (first_a, first_b, later_a):
            accept(world / "district.sqlite", data)
        # the server's district imports the first two through the program, the later one from the command line
        accept(url, first_a)
        accept(url, first_b)
        package = tmp_path / "later.sap"
        package.write_bytes(later_a)
        command = [sys.executable, str(ROOT / "main.py"), "--db", url, "import", str(package), "--json"]
        preview = subprocess.run([*command, "--dry-run"], capture_output=True, text=True, cwd=ROOT, check=True)
        trusted = [*command, "--trust", json.loads(preview.stdout)["fingerprint"], "--accept-deletions"]
        imported = subprocess.run(trusted, capture_output=True, text=True, cwd=ROOT)
        assert imported.returncode == 0, imported.stderr
        with Archive(world / "district.sqlite"):
            in_file = table_digests(compare_local_times=False)
        with Archive(url):
            assert table_digests(compare_local_times=False) == in_file
            assert Secretary.get_by_id(person.id).phone == "13912345678"
            assert Secretary.live().count() == 12 and MatterReport.live().count() > 0
            assert run_check().ok
    close_archive()


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_archive()
