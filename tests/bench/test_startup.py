"""Cold start to a usable main window with the real sign-in and the start-up check started,
against a bare PySide6 window started the same way, alternately."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, paired, report_pair

CHILD = Path(__file__).with_name("startup_child.py")


def cold_start(*args: str, page: int = 0) -> float:
    """Seconds from launching the interpreter to the window shown (a fresh process each time) on
    the page of row ``page`` of the navigation (the window opens where it was left)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "START_PAGE": str(page)}
    # as a clerk starts it: the installer compiles every module (compileall) and a checkout writes
    # its .pyc on the first start; a machine that forbids bytecode would compile ~60 modules from
    # source at every start (0.1 s) and measure that instead
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    launched = time.time()
    done = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True, text=True, env=env, check=True)
    [line] = [line for line in done.stdout.splitlines() if line.startswith("READY")]
    return float(line.split()[1]) - launched


def start_pair(archive: Path, password: str, rounds: int = 7, page: int = 0):
    cold_start("bare", str(ROOT))  # the first start of anything pays for the disk cache
    cold_start("app", str(ROOT), str(archive), password, page=page)  # … and writes the bytecode
    return paired(lambda: cold_start("app", str(ROOT), str(archive), password, page=page),
                  lambda: cold_start("bare", str(ROOT)), rounds=rounds)


START_PAGES = {"首页": 0, "人事档案": 1, "一事一报": 2, "数据交换": 5}  # (rows of ui.main_window.PAGES)


@pytest.mark.parametrize("title", START_PAGES)
def test_cold_start_on_the_demo(demo_archive, bench_password, title):
    report_pair(f"cold start, 209-person demo, window left on {title} (sign-in, check started)",
                "bare PySide6 window", start_pair(demo_archive, bench_password, page=START_PAGES[title]), limit=2.5,
                unit="ms")


def test_cold_start_on_the_realistic_archive(realistic_archive, bench_password):
    report_pair("cold start, realistic 10,000-person archive", "bare PySide6 window",
                start_pair(realistic_archive, bench_password, rounds=5), target=1.5)


def test_cold_start_with_a_million_reports(million_archive, bench_password):
    report_pair("cold start, 1,000,000 reports", "bare PySide6 window",
                start_pair(million_archive, bench_password, rounds=5), target=1.5)
