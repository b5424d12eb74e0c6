"""Benchmark data written in bulk (not through the audited services), to measure reading: the
figures are the same for audited rows, which look alike on disk."""
import datetime as dt
import random
import uuid
from pathlib import Path

from models.matters.tables import MatterType
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import db, refresh_statistics

TODAY = dt.date(2026, 11, 24)


def report_rows(count: int, seed: int):
    rng = random.Random(seed)
    people = [s.id for s in Secretary.select(Secretary.id)]
    kinds = [k for k in MatterType.select() if k.timing != "事前+事后"]
    for _ in range(count):
        kind = rng.choice(kinds)
        matter = TODAY - dt.timedelta(days=rng.randrange(2000))
        before = kind.timing == "事前"
        due = (matter - dt.timedelta(days=kind.days_before or 0) if before
               else matter + dt.timedelta(days=kind.days_after or 0))
        reported = min(due + dt.timedelta(days=rng.randint(-9, 3)), TODAY)
        yield (str(uuid.UUID(int=rng.getrandbits(128), version=4)), "2026-11-24T00:00:00", "2026-11-24T00:00:00", 1,
               "bench", rng.choice(people), "平时报告", kind.id, kind.timing, matter.isoformat(), reported.isoformat(),
               rng.choice(("已审核", "已审核", "已归档", "已提交")), due.isoformat(), "宴请亲友,按规定从简办理")


def add_reports(path: Path, count: int, seed: int = 1_000_000) -> None:
    open_archive(path)
    try:
        rows = list(report_rows(count, seed))
        with db.atomic():
            db.cursor().executemany(
                "INSERT INTO matter_report (id, created_at, modified_at, version, origin, secretary_id, kind,"
                " matter_type_id, timing, matter_date, report_date, status, due_date, content)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        refresh_statistics()  # as an import of so many reports leaves the archive
    finally:
        close_archive()
