"""Export of the 209-person demo archive with 5,000 reports, its import at the district, re-import."""
import datetime as dt
import random
import time

from models.demo.builder import build_demo
from models.exchange import crypto
from models.exchange.export import export_package
from models.exchange.importer import apply_preview, preview_package, read_package
from models.matters.tables import MatterReport, MatterType
from models.personnel.person import Secretary
from models.storage import settings
from models.storage.archive_file import close_archive, create_archive, open_archive
from models.storage.db import db
from models.writing import services
from models.writing.actor import SYSTEM

from .conftest import report


def more_reports(total: int) -> None:
    """Audited reports through the service layer until the archive holds ``total``."""
    rng = random.Random(5000)
    people = [s.id for s in Secretary.select(Secretary.id)]
    kinds = [t for t in MatterType.live() if t.timing != "事前+事后"]
    with db.atomic():
        for _ in range(total - MatterReport.select().count()):
            kind = rng.choice(kinds)
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600))
            services.create(SYSTEM, MatterReport, {
                "secretary": rng.choice(people), "kind": "平时报告", "matter_type": kind.id,
                "timing": kind.timing, "matter_date": day, "report_date": min(day, dt.date(2026, 11, 20)),
                "status": "已提交", "content": "宴请亲友,按规定从简办理"})


def test_export_import_reimport(tmp_path):
    private, public = crypto.new_key_pair()
    create_archive(tmp_path / "district.sqlite", mode="district")
    settings.put_raw("district_private_key", private.hex())
    close_archive()
    create_archive(tmp_path / "town.sqlite", township_name="青石镇")
    settings.put_raw("district_public_key", public.hex())
    build_demo(SYSTEM, secretaries=209)
    more_reports(5000)
    start = time.perf_counter()
    result = export_package(SYSTEM, tmp_path / "stick")
    report("export, 209 files and 5,000 reports", time.perf_counter() - start, "s", target=5)
    close_archive()
    open_archive(tmp_path / "district.sqlite")
    data = result.path.read_bytes()
    start = time.perf_counter()
    counts = apply_preview(SYSTEM, preview_package(read_package(data)))
    report(f"import at the district ({counts['new']} records)", time.perf_counter() - start, "s", target=10)
    start = time.perf_counter()
    again = apply_preview(SYSTEM, preview_package(read_package(data)))
    report("re-import of the same package", time.perf_counter() - start, "s", target=3)
    assert again["new"] == 0
    close_archive()
