"""Benchmarks (``make bench``): every figure beside its reference measured in the same run.

These machines are shared and noisy, so a figure alone says little. Each product figure is paired
with a reference doing the same work the plainest way (a bare window, ``executemany`` of the same
rows, bare ReportLab): the two run alternately, round by round, and the verdict is the median of
the per-round ratios, with the minimum and median of each side printed. Absolute targets (SPEC §9)
are printed too, marked as machine-dependent. Results also go to ``build/bench-results.txt``.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "build" / "bench-results.txt"


def main_py(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=check, capture_output=True,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@dataclass
class Paired:
    product: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [p / r for p, r in zip(self.product, self.reference)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


def paired(product: Callable[[], float], reference: Callable[[], float], *, rounds: int = 5) -> Paired:
    """Run both alternately (the order swapped every round); each callable returns the seconds
    it measured, so preparing fresh copies stays out of the figures."""
    result = Paired()
    for number in range(rounds):
        if number % 2:
            result.reference.append(reference())
            result.product.append(product())
        else:
            result.product.append(product())
            result.reference.append(reference())
    return result


def _write(line: str) -> None:
    print("\nBENCH " + line)
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def _spread(values: list[float], scale: float, unit: str) -> str:
    return f"min {min(values) * scale:.1f} / median {statistics.median(values) * scale:.1f} {unit}"


def report_pair(name: str, reference: str, pair: Paired, *, limit: float | None = None, unit: str = "s",
                target: float | None = None) -> None:
    """``limit``: the ratio the issue allows; ``target``: an absolute figure (same unit)."""
    scale = 1000 if unit == "ms" else 1
    verdict = f" (limit ≤ {limit}: {'met' if pair.ratio <= limit else 'MISSED'})" if limit else ""
    absolute = ""
    if target is not None:
        median = statistics.median(pair.product) * scale
        absolute = f"; target ≤ {target} {unit} ({'met' if median <= target else 'MISSED'} on this machine)"
    _write(f"{name}: {_spread(pair.product, scale, unit)} | {reference}: {_spread(pair.reference, scale, unit)}"
           f" | ratio, median of {len(pair.ratios)} rounds: {pair.ratio:.2f}{verdict}{absolute}")


def report(name: str, value: float, unit: str, *, target: float | None = None) -> None:
    """A figure with no meaningful reference (a memory peak, a GUI gap): against its target."""
    verdict = f"; target ≤ {target} {unit} ({'met' if value <= target else 'MISSED'})" if target is not None else ""
    _write(f"{name}: {value:.1f} {unit}{verdict}")


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def peak_memory_mb(code: str) -> float:
    """The peak resident memory (VmHWM) of a fresh interpreter running ``code``: read inside that
    process, so a large parent (pytest) does not leak into the figure as ru_maxrss would."""
    tail = ("\nfor _line in open('/proc/self/status'):\n"
            "    if _line.startswith('VmHWM:'): print('VMHWM', _line.split()[1])\n")
    done = subprocess.run([sys.executable, "-c", code + tail], capture_output=True, text=True, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
    kilobytes = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("VMHWM")]
    return int(kilobytes[-1]) / 1024


@pytest.fixture(scope="session", autouse=True)
def bench_home(tmp_path_factory) -> Path:
    """One data folder (and so one machine key) for the whole run, set before any archive is
    made: archives made by a fixture open in every benchmark, as they would on one PC."""
    home = tmp_path_factory.mktemp("home")
    os.environ["SECRETARY_ARCHIVE_HOME"] = str(home)
    return home


@pytest.fixture(autouse=True)
def private_data_folder(bench_home, monkeypatch):
    monkeypatch.setenv("SECRETARY_ARCHIVE_HOME", str(bench_home))


PASSWORD = "Bench-archive-2026"


@pytest.fixture(scope="session")
def bench_password() -> str:
    return PASSWORD


def make_demo(target: Path | str, *args: str, password_file: Path | None = None) -> Path | str:
    """A district archive (a file, or a server's database) with an administrator (password
    ``PASSWORD``) and a demo district."""
    password_file = password_file or target.with_suffix(".password")
    password_file.write_text(PASSWORD, encoding="utf-8")
    main_py("--db", str(target), "init", "--mode", "district", "--admin-password-file", str(password_file))
    main_py("--db", str(target), "--user", "admin", "--password-file", str(password_file), "demo", *args)
    return target


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    """The 209-person demo."""
    return make_demo(tmp_path_factory.mktemp("bench") / "demo.sqlite")


@pytest.fixture(scope="session")
def realistic_archive(tmp_path_factory) -> Path:
    """A realistic district of 10,000 full files (~26k reports, ~300k audit entries)."""
    path = tmp_path_factory.mktemp("bench") / "realistic.sqlite"
    started = time.perf_counter()
    make_demo(path, "--secretaries", "10000")
    report("making the realistic 10,000-person archive (init + main.py demo)", time.perf_counter() - started, "s")
    return path


@pytest.fixture(scope="session")
def million_archive(demo_archive, tmp_path_factory) -> Path:
    """The demo with 1,000,000 reports added in bulk (reading figures: rows look alike on disk
    whether audited or not)."""
    from tests.bench.bulk import add_reports

    path = fresh_copy(demo_archive, tmp_path_factory.mktemp("bench") / "million.sqlite")
    add_reports(path, 1_000_000)
    return path


def fresh_copy(source: Path, target: Path) -> Path:
    """A copy of an archive file (closed, checkpointed) for a run that must start from the same state."""
    if target.exists():
        target.unlink()
    shutil.copyfile(source, target)
    return target
