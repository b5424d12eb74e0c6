"""The start-up integrity check on the realistic 10,000-person archive: it runs in a child
process, so the window's event loop keeps answering and the window's memory stays small."""
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, peak_memory_mb, report

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
