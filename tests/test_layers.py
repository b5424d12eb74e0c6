"""The layers of STYLE.md: the domain and the printed forms run without Qt (scripts, the district
server, tests); only ``models/app`` (command-line use cases, print orchestration) may reach the
printed forms; nothing is imported by a string the import graph cannot see."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "ui")
DYNAMIC_IMPORTS = ("import_module", "__import__", "find_spec")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def python_files(*packages: str):
    for package in packages:
        yield from (ROOT / package).rglob("*.py")


def test_models_and_reports_import_no_qt_in_their_source():
    offenders = [f"{path.relative_to(ROOT)}: {name}" for path in python_files("models", "reports")
                 for name in imported_modules(path) if name.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_only_the_app_layer_of_models_imports_the_printed_forms():
    offenders = [f"{path.relative_to(ROOT)}: {name}" for path in python_files("models")
                 if "app" not in path.relative_to(ROOT / "models").parts[:1]
                 for name in imported_modules(path) if name.split(".")[0] == "reports"]
    assert offenders == []


def test_no_module_is_imported_by_name_at_run_time():
    """A string import (``importlib.import_module("reports.x")``) is an edge the layer tests
    above cannot see."""
    offenders = []
    for path in python_files("models", "reports", "ui"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
            if called in DYNAMIC_IMPORTS:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    node.value.split(".")[0] in ("models", "reports", "ui") and ":" in node.value:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert offenders == []


def test_models_reads_as_a_map_of_sub_packages():
    top = [p.name for p in (ROOT / "models").glob("*.py")]
    assert len(top) <= 15, top
    packages = [p for p in (ROOT / "models").iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert all((p / "__init__.py").exists() or p.name == "sql" for p in packages)


def test_importing_every_domain_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "for package in ('models', 'reports'):\n"
        "    root = importlib.import_module(package)\n"
        "    for info in pkgutil.walk_packages(root.__path__, package + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtawesome')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
