"""The ledger with 200,000 reports: open (count + first page) and filter times."""
import datetime as dt
import random
import statistics
import time
import uuid

from models.demo.builder import build_demo
from models.matters.ledger import LedgerFilter
from models.matters.tables import MatterType
from models.personnel.person import Secretary
from models.storage.archive_file import close_archive, create_archive
from models.storage.db import db
from models.writing.actor import SYSTEM

from .conftest import report

REPORTS = 200_000


def bulk_reports(count: int) -> None:
    """Benchmark data only: rows written in bulk (not through the audited services), to measure
    reading; the figures would be the same for audited rows, which look alike on disk."""
    rng = random.Random(200_000)
    people = [s.id for s in Secretary.select(Secretary.id)]
    kinds = list(MatterType.select())
    today = dt.date(2026, 11, 24)
    rows = []
    for _ in range(count):
        kind = rng.choice(kinds)
        timing = "事前" if "事前" in kind.timing and (kind.timing == "事前" or rng.random() < 0.5) else "事后"
        matter = today - dt.timedelta(days=rng.randrange(2000))
        due = matter - dt.timedelta(days=kind.days_before or 0) if timing == "事前" else \
            matter + dt.timedelta(days=kind.days_after or 0)
        reported = due + dt.timedelta(days=rng.randint(-9, 3))
        rows.append((str(uuid.UUID(int=rng.getrandbits(128))), "2026", "2026", 1, "bench", rng.choice(people), "平时报告",
                     kind.id, timing, matter.isoformat(), reported.isoformat(), "已审核", due.isoformat()))
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO matter_report (id, created_at, modified_at, version, origin, secretary_id, kind, matter_type_id,"
            " timing, matter_date, report_date, status, due_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def test_ledger_with_200000_reports(qapp, tmp_path):
    from PySide6.QtWidgets import QTableView

    from ui.matters.ledger_model import LedgerModel

    create_archive(tmp_path / "ledger.sqlite", mode="district")
    build_demo(SYSTEM, secretaries=209)
    bulk_reports(REPORTS)
    db.execute_sql("ANALYZE")
    started = time.perf_counter()
    model = LedgerModel()
    model.apply(LedgerFilter())
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    qapp.processEvents()
    report("ledger: shown, 200,000 reports (count + first page)", (time.perf_counter() - started) * 1000, "ms",
           target=500)
    filters = [LedgerFilter(punctuality="overdue"), LedgerFilter(timing="事前"), LedgerFilter(text="wang"),
               LedgerFilter(status="已提交"), LedgerFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30)),
               LedgerFilter(township_id=None, punctuality="on_time", timing="事后")]
    times = []
    for wanted in filters * 3:
        start = time.perf_counter()
        model.apply(wanted)
        qapp.processEvents()
        times.append(time.perf_counter() - start)
    report("ledger: filter, median", statistics.median(times) * 1000, "ms", target=100)
    report("ledger: filter, worst", max(times) * 1000, "ms", target=100)
    assert model.total > 0
    close_archive()
