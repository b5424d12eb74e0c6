"""The start-up integrity check on the realistic 10,000-person archive: it runs in a child
process, so the window's event loop keeps answering and the window's memory stays small."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, Paired, fresh_copy, peak_memory_mb, report, report_pair

CHILD = Path(__file__).with_name("startup_child.py")


def test_the_window_while_the_start_up_check_runs(realistic_archive, bench_password):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(CHILD), "check", str(ROOT), str(realistic_archive), bench_password],
                          capture_output=True, text=True, env=env, check=True, timeout=600)
    [line] = [line for line in done.stdout.splitlines() if line.startswith("CHECKED")]
    longest, peak = map(float, line.split()[1:3])
    report("longest GUI gap while the start-up check runs, realistic 10k archive", longest, "ms", target=100)
    report("peak memory of the window's process (VmHWM), realistic 10k archive, check included", peak, "MB",
           target=300)


def test_the_check_process_itself(realistic_archive):
    """The child that runs the check (or ``main.py check``): its peak memory and its time."""
    code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r})\n"
            "from main import main\n"
            "started = time.perf_counter()\n"
            f"main(['--db', {str(realistic_archive)!r}, 'check', '--json'])\n"
            "print('SECONDS', time.perf_counter() - started)\n")
    report("peak memory (VmHWM) of the integrity check, realistic 10k archive", peak_memory_mb(code), "MB",
           target=300)


PAIRED_CHECK = """
import json, sqlite3, sys, time
sys.path.insert(0, {root!r})
from models.accounts.users import authenticate
from models.archive.check import run_check
from models.archive.lifecycle import open_archive
open_archive({archive!r})
authenticate("admin", {password!r})  # the key unlocked: every seal checked, as on a clerk's PC
raw = sqlite3.connect({archive!r})

def product():
    started = time.process_time()
    assert run_check().ok
    return time.process_time() - started

def reference():  # SQLite's own look at every page, and every row read out as SQL text
    started = time.process_time()
    raw.execute("PRAGMA integrity_check").fetchall()
    for _ in raw.iterdump():
        pass
    return time.process_time() - started

times = {{"product": [], "reference": []}}
for number in range({rounds}):
    order = (product, reference) if number % 2 == 0 else (reference, product)
    for run in order:
        times[run.__name__].append(run())
print("PAIRED", json.dumps(times))
"""


def _paired_check(archive: Path, password: str, rounds: int) -> Paired:
    code = PAIRED_CHECK.format(root=str(ROOT), archive=str(archive), password=password, rounds=rounds)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=3600,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
    [line] = [line for line in done.stdout.splitlines() if line.startswith("PAIRED")]
    times = json.loads(line.split(" ", 1)[1])
    return Paired(times["product"], times["reference"])


def test_the_check_against_sqlites_own_look_at_the_file(demo_archive, realistic_archive, bench_password):
    """CPU of the whole integrity check (log chain, seals, every record replayed from the log)
    against PRAGMA integrity_check + .dump of the same file, alternating in one process."""
    for name, archive, rounds in (("the 209-person demo", demo_archive, 7), ("realistic 10k", realistic_archive, 3)):
        report_pair(f"integrity check CPU, {name}", "integrity_check + dump", _paired_check(archive, bench_password,
                                                                                           rounds), limit=3)


SINCE_CHECK = """
import json, sys, time
sys.path.insert(0, {root!r})
from models.accounts.users import authenticate
from models.archive.check import Since, run_check
from models.archive.lifecycle import open_archive
from models.personnel.person import Secretary
from models.writing import services
open_archive({archive!r})
actor = authenticate("admin", {password!r})
whole = run_check()  # the point a passing start-up check leaves
point = Since(*whole.head, whole.rows)
for number, person in enumerate(Secretary.select(Secretary.id).limit({edits})):  # a day's work
    services.update(actor, Secretary, person.id, {{"phone": f"139{{number:08d}}"}})

def product():
    started = time.process_time()
    since = run_check(point)
    assert since.ok and since.since == point.seq
    return time.process_time() - started

def reference():
    started = time.process_time()
    assert run_check().ok
    return time.process_time() - started

times = {{"product": [], "reference": []}}
for number in range({rounds}):
    for run in ((product, reference) if number % 2 == 0 else (reference, product)):
        times[run.__name__].append(run())
print("PAIRED", json.dumps(times))
"""


def test_the_start_up_check_since_the_last_one_against_the_whole_check(demo_archive, realistic_archive,
                                                                       bench_password, tmp_path):
    """The start-up check on six days of seven: what changed since the last one that passed (here
    50 records written since), against the whole check of the same archive."""
    for name, archive, rounds in (("the 209-person demo", demo_archive, 7), ("realistic 10k", realistic_archive, 3)):
        copy = fresh_copy(archive, tmp_path / archive.name)
        shutil.copytree(archive.with_name(f"{archive.stem}-files"), copy.with_name(f"{copy.stem}-files"))  # (attachments)
        code = SINCE_CHECK.format(root=str(ROOT), archive=str(copy), password=bench_password, rounds=rounds, edits=50)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=3600,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
        [line] = [line for line in done.stdout.splitlines() if line.startswith("PAIRED")]
        times = json.loads(line.split(" ", 1)[1])
        report_pair(f"start-up check CPU after 50 records written since the last one, {name}", "the whole check",
                    Paired(times["product"], times["reference"]))
