"""The register (人事档案) at 50,000 files: first rows shown and the filter per keystroke, each
against reading the same rows with a plain query, alternately; and the window's peak memory
with the register shown, in a fresh process."""
import pytest

from models.personnel.roster import RosterFilter, load_roster
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import db

from .conftest import ROOT, fresh_copy, paired, peak_memory_mb, report, report_pair, timed

PEOPLE = 50_000
TYPED = ["z", "zh", "zha", "zhan", "张", "王", "370281", "ws", "张家", "社区"]


@pytest.fixture(scope="module")
def register_archive(realistic_archive, tmp_path_factory):
    """The realistic district and four more copies of its people (new ids, no ID numbers): reading
    figures only, rows as the register reads them."""
    path = fresh_copy(realistic_archive, tmp_path_factory.mktemp("register") / "register.sqlite")
    open_archive(path)
    try:
        columns = [row[1] for row in db.execute_sql("PRAGMA table_info(secretary)").fetchall()]
        chosen = ", ".join({"id": "lower(hex(randomblob(16)))", "id_number": "NULL"}.get(c, f'"{c}"') for c in columns)
        listed = ", ".join(f'"{c}"' for c in columns)
        with db.atomic():
            while db.execute_sql("SELECT COUNT(*) FROM secretary").fetchone()[0] < PEOPLE:
                db.execute_sql(f"INSERT INTO secretary ({listed}) SELECT {chosen} FROM secretary LIMIT "
                               f"{PEOPLE} - (SELECT COUNT(*) FROM secretary)")
    finally:
        close_archive()
    return path


def plain_rows() -> float:
    return timed(lambda: db.execute_sql("SELECT id, unit_id, name, sex, birth_date, phone FROM secretary "
                                        "WHERE deleted_at IS NULL").fetchall())


def test_register_with_50000_files(register_archive, qapp, qtbot):
    open_archive(register_archive)
    try:
        register_figures(PEOPLE, qapp, qtbot)
    finally:
        close_archive()


def register_figures(people: int, qapp, qtbot) -> None:
    """First rows shown and the filter per keystroke in the open archive's register (a file or a
    server's), ``people`` files."""
    from PySide6.QtWidgets import QTableView

    from ui.personnel.roster_model import RosterModel

    size = f"{people:,} files"
    model, view = RosterModel(), QTableView()
    view.setModel(model)
    view.resize(1100, 700)
    view.show()

    def first_rows() -> float:
        def work():
            model.set_rows(load_roster())
            qapp.processEvents()
        return timed(work)

    report_pair(f"register: all rows read, {size} (the page does this in the background)",
                "plain query of the same people", paired(first_rows, plain_rows, rounds=5), unit="ms")

    def page_shown() -> float:
        from models.writing.actor import SYSTEM
        from ui.personnel.roster_page import RosterPage

        pages = []

        def work():
            pages.append(RosterPage(SYSTEM))
            pages[-1].show()
            qapp.processEvents()
        seconds = timed(work)
        qtbot.waitUntil(lambda: pages[-1].model.total == people, timeout=120_000)  # the rest, read meanwhile
        pages[-1].close()
        return seconds

    report_pair(f"register page: first rows shown, {size}", "plain query of the same people",
                paired(page_shown, plain_rows, rounds=5), unit="ms", target=300)
    rows = load_roster()
    model.set_rows(rows)
    assert model.total == people

    def keystrokes() -> float:
        def work():
            for text in TYPED:
                model.apply(RosterFilter(text))
                qapp.processEvents()
        return timed(work) / len(TYPED)

    def plain_filter() -> float:  # the same rows' search text, scanned in plain Python
        return timed(lambda: [[r for r in rows if text in r.haystack] for text in TYPED]) / len(TYPED)

    report_pair(f"register: filter per keystroke (mean of 10 texts), {size}", "a plain Python scan of the names",
                paired(keystrokes, plain_filter, rounds=5), unit="ms", target=30)


def test_window_memory_with_the_register_shown(register_archive, bench_password):
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from ui.app import make_application, open_or_create\n"
            "from models.accounts.users import authenticate\n"
            "from ui.main_window import MainWindow\n"
            "from pathlib import Path\n"
            f"app = make_application(); open_or_create(Path({str(register_archive)!r}))\n"
            f"window = MainWindow(authenticate('admin', {bench_password!r})); window.show()\n"
            "window.show_page('人事档案'); app.processEvents()\n"
            # the whole register read (in the background) and that thread ended before measuring
            f"while window.roster.model.total < {PEOPLE}: app.processEvents()\n"
            "from ui.background import finish_all; finish_all()\n")
    report("peak memory (VmHWM) of a fresh window with the 50,000-file register shown", peak_memory_mb(code), "MB",
           target=300)
