"""Quitting never aborts: the real application started and quit many times, some while a form
renders in the background and the start-up check runs (``Fatal Python error … finalizing`` was
seen once in six exits)."""
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from models.demo.builder import build_demo
from models.archive.lifecycle import close_archive
from models.writing.actor import SYSTEM

ROOT = Path(__file__).resolve().parents[1]
STARTS = 50


def _start_and_quit(template: Path, folder: Path, delay_ms: int) -> tuple[int, str]:
    shutil.copytree(template, folder)  # the archive and its scans' folder
    archive = folder / "archive.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder), "XDG_DATA_HOME": str(folder),
           "XDG_CONFIG_HOME": str(folder)}
    done = subprocess.run([sys.executable, "-m", "tests.support.exit_driver", str(archive), str(delay_ms)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stderr


def test_fifty_starts_and_quits_with_work_in_flight_never_abort(archive, tmp_path):
    build_demo(SYSTEM, secretaries=6, seed=2)
    close_archive()
    template = tmp_path / "template"
    template.mkdir()
    shutil.copy(archive, template / "archive.sqlite")
    shutil.copytree(archive.with_name("archive-files"), template / "archive-files")
    delays = [random.Random(n).randrange(0, 1500) for n in range(STARTS)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: _start_and_quit(template, tmp_path / f"run{n}", delays[n]), range(STARTS)))
    failures = [(delays[n], code, err) for n, (code, err) in enumerate(results)
                if code != 0 or "Fatal Python error" in err or "QThread: Destroyed" in err]
    for number, (delay, code, err) in enumerate(failures):  # every thread's stack, for the report
        (tmp_path / f"failure-{number}.txt").write_text(f"delay {delay} ms, exit {code}\n{err}", encoding="utf-8")
    assert [(delay, code, _where_it_stood(err)) for delay, code, err in failures] == []


def _where_it_stood(err: str) -> str:
    """The main thread's stack of a start that hung (faulthandler's dump), or the end of stderr."""
    stacks = err.split("Thread 0x")
    main = next((s for s in stacks if "(most recent call first)" in s and "exit_driver" in s), err[-3000:])
    return main[:3000]
