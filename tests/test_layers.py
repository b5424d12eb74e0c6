"""The domain and the printed forms must run without Qt (scripts, the district server, tests)."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "ui")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_models_and_reports_import_no_qt_in_their_source():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for package in ("models", "reports") if (ROOT / package).exists()
        for path in (ROOT / package).rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_importing_every_domain_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "for package in ('models', 'reports'):\n"
        "    try:\n        root = importlib.import_module(package)\n"
        "    except ModuleNotFoundError:\n        continue\n"
        "    for info in pkgutil.walk_packages(root.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtawesome')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
