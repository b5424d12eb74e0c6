"""A township's package imported at the district, against the storage floor: the same rows
written with ``executemany`` into the same schema (no checks, no audit). Also the re-import of a
later package with changes, and the longest gap of the GUI's event loop while the page imports."""
import datetime as dt
import random

import pytest

from models.demo.builder import build_demo
from models.exchange.export import export_package
from models.exchange.importer import apply_preview, preview_package, read_package
from models.exchange.keys import export_public_key, install_public_key
from models.matters.tables import MatterReport, MatterType
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.storage.db import db
from models.writing import services
from models.writing.actor import SYSTEM

from .conftest import fresh_copy, paired, report, report_pair, timed
from .heartbeat import Heartbeat


def more_reports(total: int, seed: int) -> None:
    """Audited reports through the service layer until the archive holds ``total``."""
    rng = random.Random(seed)
    people = [s.id for s in Secretary.live().select(Secretary.id)]
    kinds = [t for t in MatterType.live() if t.timing != "事前+事后"]
    rows = []
    for _ in range(total - MatterReport.select().count()):
        kind = rng.choice(kinds)
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))
        rows.append((None, {"secretary": rng.choice(people), "kind": "平时报告", "matter_type": kind.id,
                            "timing": kind.timing, "matter_date": day, "report_date": min(day, dt.date(2026, 11, 20)),
                            "status": "已提交", "content": "宴请亲友,按规定从简办理"}))
    with db.atomic():
        for record_id, data in rows:
            services.create(SYSTEM, MatterReport, data, record_id=record_id)


def later_changes(seed: int) -> None:
    """What a township does between two packages: phones corrected, reports added, a file removed."""
    rng = random.Random(seed)
    people = list(Secretary.live().order_by(Secretary.id))
    with db.atomic():
        for person in rng.sample(people, len(people) // 10):
            services.update(SYSTEM, Secretary, person.id, {"phone": f"139{rng.randrange(10**8):08d}"})
        services.delete(SYSTEM, Secretary, people[-1].id, reason="调出")
    more_reports(MatterReport.select().count() + 300, seed)


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """An empty district, and two packages of a 209-person township with 5,000 reports."""
    folder = tmp_path_factory.mktemp("exchange")
    create_archive(folder / "district.sqlite", mode="district")
    export_public_key(SYSTEM, folder / "district.key")
    close_archive()
    create_archive(folder / "town.sqlite", township_name="青石镇")
    install_public_key(SYSTEM, folder / "district.key")
    build_demo(SYSTEM, secretaries=209, today=dt.date(2026, 11, 24))
    more_reports(5000, 5000)
    first = export_package(SYSTEM, folder / "stick").path.read_bytes()
    later_changes(7)
    later = export_package(SYSTEM, folder / "stick").path.read_bytes()
    close_archive()
    return folder, first, later


def import_package(data: bytes) -> dict:
    preview = preview_package(read_package(data))
    return apply_preview(SYSTEM, preview, trust=preview.package.fingerprint, accept_deletions=True)


def floor_rows(data: bytes) -> dict:
    """The package's rows as plain tuples per table (matter types and campaigns mapped to the
    district's, as the import maps them): what ``executemany`` needs."""
    tables = {}
    preview = preview_package(read_package(data))
    for planned in preview.plan:
        model = planned.model
        columns, rows = tables.setdefault(model._meta.table_name, (
            [model._meta.fields[name].column_name for name in planned.values], []))
        rows.append(tuple(planned.values.values()))
    return tables, preview.campaigns


def make_campaigns(campaigns: dict) -> None:
    """The district's campaign of each year the package reports on (made by the import itself)."""
    from models.exchange.importer import campaign_due_date
    from models.matters.tables import Campaign

    for year, record_id in campaigns.items():
        services.create(SYSTEM, Campaign, {"year": year, "opened_on": dt.date(year + 1, 1, 1),
                                           "due_date": campaign_due_date(year)}, record_id=record_id)


def floor(tables: dict) -> float:
    """The storage floor: the same rows, one executemany per table, one transaction."""
    def write():
        with db.atomic():
            db.execute_sql("PRAGMA defer_foreign_keys = ON")
            cursor = db.cursor()
            for table, (columns, rows) in tables.items():
                listed = ", ".join(f'"{c}"' for c in columns)
                cursor.executemany(f'INSERT OR REPLACE INTO "{table}" ({listed}) VALUES '
                                   f'({", ".join("?" * len(columns))})', rows)
    return timed(write)


def in_copy(folder, source, work, *, before=None) -> float:
    path = fresh_copy(folder / source, folder / "run.sqlite")
    open_archive(path)
    try:
        if before:
            before()
        return work()
    finally:
        close_archive()


def test_import_against_the_storage_floor(packages):
    folder, first, _ = packages
    open_archive(folder / "district.sqlite")
    tables, campaigns = floor_rows(first)
    close_archive()
    count = sum(len(rows) for _, rows in tables.values())
    pair = paired(lambda: in_copy(folder, "district.sqlite", lambda: timed(lambda: import_package(first))),
                  lambda: in_copy(folder, "district.sqlite", lambda: floor(tables),
                                  before=lambda: make_campaigns(campaigns)), rounds=5)
    report_pair(f"import of a new township's package ({count} records: read, verify, preview, apply)",
                "executemany of the same rows", pair, limit=2)


def test_reimport_of_a_later_package_with_changes(packages):
    folder, first, later = packages
    open_archive(folder / "district.sqlite")
    tables, campaigns = floor_rows(later)
    close_archive()
    pair = paired(lambda: in_copy(folder, "district.sqlite", lambda: timed(lambda: import_package(later)),
                                  before=lambda: import_package(first)),
                  lambda: in_copy(folder, "district.sqlite", lambda: floor(tables),
                                  before=lambda: make_campaigns(campaigns) or floor(tables)),
                  rounds=5)
    report_pair("import of the later package (10% of files changed, 300 reports added, 1 removed)",
                "executemany of its rows over the same archive", pair, limit=2)


def garbage_as_the_application_collects_it(qapp) -> None:
    """The window's arrangement (ui/app.py): collections from a timer on the GUI thread, the
    start-up's objects frozen out of them."""
    from ui.background import collect_garbage_on_gui_thread, freeze_start_up

    collect_garbage_on_gui_thread(qapp)
    freeze_start_up()


def test_gui_stays_responsive_while_the_page_imports(packages, qapp, qtbot, monkeypatch):
    from ui.exchange import page as page_module
    from ui.exchange.page import ExchangePage

    folder, first, _ = packages
    (folder / "first.sap").write_bytes(first)
    path = fresh_copy(folder / "district.sqlite", folder / "gui.sqlite")
    open_archive(path)
    page = ExchangePage(SYSTEM)
    page.show()
    garbage_as_the_application_collects_it(qapp)
    monkeypatch.setattr(page, "confirm", lambda preview: True)
    monkeypatch.setattr(page, "apply", lambda preview: ExchangePage.apply(
        page, preview, trust=preview.package.fingerprint, accept_deletions=True))
    with Heartbeat() as beat:
        page.start_preview(folder / "first.sap")
        qtbot.waitUntil(lambda: "已导入" in page.message.text(), timeout=120_000)
    page.close()
    del page_module
    close_archive()
    report("longest GUI gap while importing (backup, preview and apply in the background)", beat.longest_ms, "ms",
           target=100)
