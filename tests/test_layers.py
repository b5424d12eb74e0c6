"""The layers of STYLE.md and docs/architecture.md: the domain and the printed forms run without Qt
(scripts, the district server, tests); only ``models/app`` (command-line use cases, print
orchestration) may reach the printed forms; the packages of ``models/`` import only the rows below
their own in docs/architecture.md, with no cycle and few imports hidden in functions; nothing is
imported by a string the import graph cannot see."""
import ast
import re
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "ui")
DYNAMIC_IMPORTS = ("import_module", "__import__", "find_spec")
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAX_IMPORTS_IN_FUNCTIONS = 20  # models/ and reports/ (70 when cycles hid behind them)


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


def layers() -> dict[str, int]:
    """Package → its row in docs/architecture.md (0 the lowest)."""
    block = re.search(r"```layers\n(.*?)```", ARCHITECTURE.read_text(encoding="utf-8"), re.S).group(1)
    rows = [re.split(r"\s{2,}", line.strip())[0].split() for line in block.splitlines() if line.strip()]
    return {package: rank for rank, row in enumerate(reversed(rows)) for package in row}


def package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "models" and len(parts) > 1 else None


def imports_with_place(path: Path):
    """(module imported, whether inside a function) for every first-party import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(node) for function in ast.walk(tree) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))}
    for node in ast.walk(tree):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
        for name in names:
            if name.split(".")[0] in ("models", "reports", "ui"):
                yield name, id(node) in inside


def model_package_arrows() -> set[tuple[str, str]]:
    arrows = set()
    for path in python_files("models"):
        if path == ROOT / "models" / "__init__.py":
            continue  # (the root: see the test below)
        source = package_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, _ in imports_with_place(path):
            target = package_of(name)
            if source and target and target != source:
                arrows.add((source, target))
    return arrows


def test_the_models_root_imports_only_peewee_without_the_server_driver():
    """The package's root runs before any of its modules: it imports peewee (without psycopg2,
    which only a server archive needs) and nothing else of the domain."""
    assert {name for name, _ in imports_with_place(ROOT / "models" / "__init__.py")} == {"models.storage.driver"}


def test_a_file_archive_starts_without_the_server_driver(tmp_path):
    """psycopg2 (with ssl, ~15 ms of every start) is loaded only for an archive on a server."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import ui.app, models.archive.schema, models.archive.check; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('psycopg2', 'psycopg', 'ssl')))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]"


PEEWEES_DRIVER = ("import sys; sys.path.insert(0, sys.argv[1]); {first}; import peewee; "
                  "print(sorted(name for name, value in vars(peewee).items() "
                  "if str(getattr(value, '__module__', None) or getattr(value, '__name__', '')).startswith('psycopg')))")


def test_the_server_driver_given_later_is_all_that_peewee_takes_of_it_itself():
    """What ``driver.load`` hands peewee is every name peewee would have bound importing psycopg2
    itself (a later peewee binding another would fail here, not on a district's server)."""
    said = []
    for first in ("pass", "import models; from models.storage import driver; driver.load()"):
        done = subprocess.run([sys.executable, "-c", PEEWEES_DRIVER.format(first=first), str(ROOT)],
                              capture_output=True, text=True, check=True)
        said.append(done.stdout.strip())
    assert said[0] == said[1] and "pg_errors" in said[0]


def test_without_the_server_driver_a_server_archive_is_refused_in_a_sentence():
    code = ("import sys; sys.path.insert(0, sys.argv[1]); sys.modules['psycopg2'] = None\n"
            "from models.archive.lifecycle import open_archive\n"
            "from models.errors import ArchiveError\n"
            "try:\n    open_archive('postgresql://clerk@127.0.0.1:1/archive')\n"
            "except ArchiveError as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True)
    assert "本机未安装 PostgreSQL 数据库驱动" in done.stdout


def test_every_package_of_models_has_its_row_in_the_architecture():
    packages = {p.name for p in (ROOT / "models").iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in (ROOT / "models").glob("*.py") if p.stem != "__init__"}
    assert set(layers()) == packages | modules


def test_each_package_of_models_imports_only_the_rows_below_it():
    rank = layers()
    wrong = sorted(f"models.{a} → models.{b}" for a, b in model_package_arrows() if rank[b] >= rank[a])
    assert wrong == [], "an arrow the architecture does not allow (docs/architecture.md)"


def test_no_cycle_between_the_packages_of_models():
    arrows = model_package_arrows()
    reach = {a: {b for x, b in arrows if x == a} for a, _ in arrows}
    changed = True
    while changed:  # the transitive closure: a package reaching itself is a cycle
        changed = False
        for a, targets in reach.items():
            more = set().union(*(reach.get(b, set()) for b in targets)) - targets
            if more:
                targets |= more
                changed = True
    assert sorted(a for a, targets in reach.items() if a in targets) == []


def test_reports_read_nothing_of_the_archive():
    offenders = [f"{path.relative_to(ROOT)}: {name}" for path in python_files("reports")
                 for name, _ in imports_with_place(path) if name.startswith("models") and name != "models.errors"]
    assert offenders == []


def test_few_imports_hide_inside_functions():
    hidden = [f"{path.relative_to(ROOT)}: {name}" for path in python_files("models", "reports")
              for name, inside in imports_with_place(path) if inside]
    assert len(hidden) <= MAX_IMPORTS_IN_FUNCTIONS, hidden


def test_the_pages_a_window_may_open_on_load_no_workbook_or_pdf_library():
    """openpyxl (0.1 s) came with the 人事档案 and 一事一报 pages, ReportLab (0.14 s) with 数据交换:
    paid by every start on those pages, though only an export or a print uses them."""
    code = (
        "import sys\n"
        "import ui.app, ui.main_window, ui.pages.home, ui.personnel.roster_page, ui.matters.ledger_page\n"
        "import ui.exchange.page\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'reportlab', 'reports'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "[]"
