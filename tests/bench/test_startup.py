"""Cold start to a usable main window on the 209-person demo, against a bare PySide6 window."""
import os
import statistics
import subprocess
import sys
import time

from .conftest import ROOT, report

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1100, 720); window.show(); app.processEvents()
"""

APPLICATION = """
import sys
sys.path.insert(0, {root!r})
from ui.app import make_application
from models.lifecycle import open_archive
from models.actor import SYSTEM
from ui.main_window import MainWindow
app = make_application()
open_archive({db!r})
window = MainWindow(SYSTEM); window.show(); app.processEvents()
"""


def cold_start(code: str, runs: int = 5) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_cold_start(demo_archive, tmp_path):
    os.environ["SECRETARY_ARCHIVE_HOME"] = str(tmp_path)
    bare = cold_start(BARE)
    ours = cold_start(APPLICATION.format(root=str(ROOT), db=str(demo_archive)))
    report("bare PySide6 window (reference)", bare, "s")
    report("cold start to main window, 209-person demo", ours, "s", target=1.5, reference=bare)
