"""The ledger (一事一报台账) with 1,000,000 reports: shown (count + first page), every filter and
every sort, each against the plainest query SQLite answers on the same table (a count and the
first page by the report-date index), alternately."""
import datetime as dt
import time

from models.matters import ledger
from models.matters.ledger import LedgerFilter
from models.org.tables import Township
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import db
from ui.matters.ledger_model import counts_apart

from .conftest import paired, report, report_pair, timed

PAGE = 100
TODAY = dt.date(2026, 11, 24)


def shown(wanted: LedgerFilter, sort: str = "report_date", descending: bool = True) -> float:
    """What the ledger page does on a change before its rows show: count the matches (on a server
    many only as far as choosing how to read the page: the exact count follows in the background)
    and read the first page."""
    return timed(lambda: ledger.first_page(wanted, limit=PAGE, sort=sort, descending=descending, today=TODAY,
                                           exact=not counts_apart()))


def plain_query() -> float:
    def work():
        db.execute_sql("SELECT COUNT(*) FROM matter_report").fetchone()
        db.execute_sql(f"SELECT * FROM matter_report ORDER BY report_date DESC LIMIT {db.param}", (PAGE,)).fetchall()
    return timed(work)


def test_ledger_with_a_million_reports(million_archive):
    open_archive(million_archive)
    try:
        ledger_figures("1,000,000 reports")
    finally:
        close_archive()


def ledger_figures(size: str) -> None:
    """Shown, every filter and every sort of the open archive's ledger (a file or a server's)."""
    township = Township.select().order_by(Township.sort_order).first().id
    report_pair(f"ledger shown, {size} (count + first page)", "plain count + first page",
                paired(lambda: shown(LedgerFilter()), plain_query, rounds=5), unit="ms", target=300)
    filters = {
        "overdue": LedgerFilter(punctuality="overdue"), "事前": LedgerFilter(timing="事前"),
        "name typed (wang)": LedgerFilter(text="wang"), "status 已提交": LedgerFilter(status="已提交"),
        "half a year": LedgerFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30)),
        "one township": LedgerFilter(township_id=township),
        "township + on time + 事后": LedgerFilter(township_id=township, punctuality="on_time", timing="事后"),
    }
    for name, wanted in filters.items():
        report_pair(f"ledger filter, {size}: {name}", "plain count + first page",
                    paired(lambda: shown(wanted), plain_query, rounds=3), unit="ms", target=100)
        if counts_apart():
            report_pair(f"ledger filter, {size}: {name}, exact count in the background (the rows already shown)",
                        "plain count + first page", paired(lambda: timed(lambda: ledger.count(wanted, today=TODAY)),
                                                           plain_query, rounds=3), unit="ms")
    total = ledger.count(LedgerFilter(), today=TODAY)
    for sort in [s for s in ledger.SORTABLE if s]:  # a sort reorders the matches: not counted again
        report_pair(f"ledger sort, {size}: {sort} (first page in the new order)", "plain first page by date",
                    paired(lambda: resorted(total, sort), plain_page, rounds=3), unit="ms", target=100)


def resorted(total: int, sort: str) -> float:
    return timed(lambda: ledger.page(LedgerFilter(), offset=0, limit=PAGE, sort=sort, descending=False, today=TODAY,
                                     matched=total))


def plain_page() -> float:
    return timed(lambda: db.execute_sql(f"SELECT * FROM matter_report ORDER BY report_date DESC LIMIT {db.param}",
                                        (PAGE,)).fetchall())


# -- the page itself, as the clerk has it -----------------------------------------------------------

def test_the_ledger_page_with_a_million_reports(million_archive, qapp, qtbot):
    """The real 一事一报 page on 1,000,000 reports: the time until its first rows and count show,
    and the longest freeze of the window (a heartbeat) on first open, on every filter and every
    sort — each beside the plain count + first page of the same table."""
    open_archive(million_archive)
    try:
        page_figures(qtbot, "1,000,000 reports")
    finally:
        close_archive()


def page_figures(qtbot, size: str) -> None:
    from PySide6.QtCore import Qt

    from models.writing.actor import SYSTEM
    from ui.matters.ledger_page import LedgerPage

    from .heartbeat import Heartbeat

    pages = []

    def first_open() -> float:
        started = time.perf_counter()
        page = LedgerPage(SYSTEM)
        page.show()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0 and "共" in page.count.text(), timeout=60_000)
        pages.append(page)
        return time.perf_counter() - started

    report_pair(f"ledger page opened, {size} (rows and count shown)", "plain count + first page",
                paired(first_open, plain_query, rounds=3), unit="ms", target=300)
    with Heartbeat() as beat:
        first_open()
        qtbot.wait(20)  # (a tick after the rows: the freeze of a page built at once shows only then)
    report(f"longest GUI gap, ledger page first opened, {size}", beat.longest_ms, "ms", target=100)
    page = pages[-1]

    def changed(change, undo) -> float:
        """The longest freeze from a change until its rows are shown."""
        with Heartbeat() as beat:
            shown = page.model.modelReset
            with qtbot.waitSignal(shown, timeout=60_000):
                change()
            qtbot.wait(20)  # (a tick after the rows: a freeze right after them counts too)
        undo()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=60_000)
        return beat.longest_ms

    combos = {"overdue": (page.punctuality, 2), "事前": (page.timing, 1), "status 已提交": (page.status, 2),
              "one township": (page.township, 1)}
    for name, (combo, index) in combos.items():
        report(f"longest GUI gap, ledger page filter {name}, {size}",
               max(changed(lambda: combo.setCurrentIndex(index), lambda: combo.setCurrentIndex(0))
                   for _ in range(3)), "ms", target=100)
    header = page.table.horizontalHeader()
    for column, key in enumerate(ledger.SORTABLE):
        if key:
            report(f"longest GUI gap, ledger page sort by {ledger.COLUMNS[column]}, {size}",
                   max(changed(lambda: header.setSortIndicator(column, Qt.SortOrder.AscendingOrder),
                               lambda: header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)) for _ in range(2)),
                   "ms", target=100)
    for page in pages:
        page.close()
