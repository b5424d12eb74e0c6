"""Benchmarks (``make bench``): figures printed with their reference measured in the same run."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "demo.sqlite"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(path)], check=True,
                   capture_output=True)
    return path


def report(name: str, value: float, unit: str, *, target: float | None = None, reference: float | None = None):
    parts = [f"{name}: {value:.3f} {unit}"]
    if target is not None:
        parts.append(f"target ≤ {target} {unit} ({'met' if value <= target else 'MISSED'})")
    if reference:
        parts.append(f"ratio to reference {value / reference:.2f}")
    print("\nBENCH " + "; ".join(parts))
