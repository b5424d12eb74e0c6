"""The register with 10,000 secretaries: first rows shown, filter per keystroke, memory."""
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time

from models.demo.builder import DemoBuilder
from models.demo.words import GIVEN_MALE, SURNAMES
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage.archive_file import close_archive, create_archive
from models.storage.db import db
from models.writing import services
from models.writing.actor import SYSTEM

from .conftest import ROOT, report

PEOPLE = 10_000


def build_archive(path):
    """10,000 files through the ordinary write path, spread over 40 townships × 250 villages."""
    create_archive(path, mode="district")
    rng = random.Random(10_000)
    builder = DemoBuilder(SYSTEM, seed=1, today=dt.date(2026, 11, 24))
    with db.atomic():
        units = []
        for t in range(40):
            township = services.create(SYSTEM, Township, {"name": f"第{t + 1}镇", "sort_order": t}).record
            units += [services.create(SYSTEM, Unit, {"township": township.id, "name": f"{v + 1}号村"}).record.id
                      for v in range(PEOPLE // 40)]
        for number, unit_id in enumerate(units):
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=number)  # a different day each: unique ID numbers
            services.create(SYSTEM, Secretary, {
                "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_MALE) for _ in range(2)), "unit": unit_id,
                "id_number": builder.id_number(birth, True), "ft_education": "高中", "post_since": "2021.01",
                "phone": f"139{rng.randrange(10**8):08d}"})


def test_register_with_10000_secretaries(qapp, tmp_path):
    from PySide6.QtWidgets import QTableView

    from models.personnel.roster import RosterFilter, load_roster
    from ui.personnel.roster_model import RosterModel

    path = tmp_path / "big.sqlite"
    build_archive(path)
    started = time.perf_counter()
    model = RosterModel()
    model.set_rows(load_roster())
    view = QTableView()
    view.setModel(model)
    view.resize(1100, 700)
    view.show()
    qapp.processEvents()
    first_rows = time.perf_counter() - started
    report("register: first rows shown (10,000 files)", first_rows * 1000, "ms", target=300)
    typed = ["z", "zh", "zha", "zhan", "张", "王", "37028119", "ws", "100号村", "第7镇"]
    latencies = []
    for text in typed * 5:
        start = time.perf_counter()
        model.apply(RosterFilter(text))
        qapp.processEvents()
        latencies.append(time.perf_counter() - start)
    report("register: filter per keystroke, median", statistics.median(latencies) * 1000, "ms", target=50)
    report("register: filter per keystroke, worst", max(latencies) * 1000, "ms", target=50)
    assert model.total == PEOPLE
    close_archive()
    report("resident memory, application with the 10,000-file register shown", _resident_mb(path), "MB", target=300)


MEMORY_PROBE = """
import resource, sys
sys.path.insert(0, {root!r})
from ui.app import make_application
from models.lifecycle import open_archive
from models.actor import SYSTEM
from ui.main_window import MainWindow
app = make_application()
open_archive({db!r})
window = MainWindow(SYSTEM); window.show(); window.show_page("人事档案"); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _resident_mb(path) -> float:
    """Peak resident memory of a fresh application process (not of this test process)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = MEMORY_PROBE.format(root=str(ROOT), db=str(path))
    output = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    return int(output.stdout.strip().splitlines()[-1]) / 1024
