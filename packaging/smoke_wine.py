"""The built installer under wine (make windows-smoke, run by CI): installed silently into a fresh
prefix, then the installed Python runs the command line as a clerk's PC would — init, demo, check,
print (PDFs with embedded fonts), a township → district export and import, stats — and every
output is read and checked, not only exit codes. Ends with the uninstaller, which must leave the
archive. Wine 8 reports Windows 7 by default: the installer must refuse that, then the prefix is
set to Windows 10. The console's code page is cp1252 (no Chinese at all); two read-only commands
run again under cp936, a Chinese PC's, where the demo's rare characters (CJK Ext. B) do not exist.

    python packaging/smoke_wine.py [dist/SecretaryArchive-<version>-x64-setup.exe]
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "windows-smoke"
PASSWORD = "smoke-test-password-1"
started = time.monotonic()


def say(text: str) -> None:
    print(f"[wine {time.monotonic() - started:5.0f} s] {text}", flush=True)


class Wine:
    def __init__(self, prefix: Path):
        self.prefix = prefix
        # HOME too: wine links the prefix's Desktop and Documents into it
        # C.UTF-8: wine maps Chinese file names to UTF-8 (a locale the host lacks would make them fail)
        # and gives Windows programs the cp1252 code page, where no Chinese character can be encoded
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "HOME": str(WORK / "home"),
                    "WINEDLLOVERRIDES": "mscoree,mshtml=", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        self.env.pop("DISPLAY", None)  # no screen: the command line needs none (and DISPLAY="" breaks shortcuts)

    def run(self, *args: str, timeout: int = 600, **env) -> subprocess.CompletedProcess:
        # pipes, never files: wine's Python cannot open its standard streams on a redirected file
        return subprocess.run(["wine", *args], stdin=subprocess.DEVNULL, capture_output=True,
                              env={**self.env, **env}, timeout=timeout)

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, check=True, timeout=600)

    def user_folder(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name not in ("Public",)]
        assert len(users) == 1, users
        return users[0]


def windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def signed_copy(installer: Path) -> Path:
    """The installer signed as a release would be (build_windows.sign, osslsigncode) with a
    throwaway code-signing certificate; its signature verified against that certificate. The
    smoke installs this copy: a signed installer must still unpack (NSIS checks its own CRC)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    sys.path.insert(0, str(ROOT / "packaging"))
    from build_windows import sign

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Smoke test signer")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=30))
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
                   .sign(key, hashes.SHA256()))
    folder = WORK / "signing"
    folder.mkdir(parents=True)
    (folder / "signer.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        b"smoke", key, certificate, None, serialization.BestAvailableEncryption(b"smoke-pass")))
    (folder / "password.txt").write_text("smoke-pass", encoding="utf-8")
    (folder / "signer.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    copy = folder / installer.name
    shutil.copy2(installer, copy)
    os.environ.update(SIGN_PKCS12=str(folder / "signer.p12"), SIGN_PASSWORD_FILE=str(folder / "password.txt"))
    try:
        sign(copy)
    finally:
        for name in ("SIGN_PKCS12", "SIGN_PASSWORD_FILE"):
            os.environ.pop(name)
    verified = subprocess.run(["osslsigncode", "verify", "-CAfile", str(folder / "signer.pem"), "-in", str(copy)],
                              capture_output=True, text=True)
    check(verified.returncode == 0 and "Smoke test signer" in verified.stdout,
          f"the signed installer does not verify: {verified.stdout[-400:]}{verified.stderr[-400:]}")
    say("signed with a throwaway certificate (osslsigncode), signature verified; installing the signed copy")
    return copy


def check(condition, message: str) -> None:
    if not condition:
        raise SystemExit(f"SMOKE FAILED: {message}")


def main() -> int:
    installers = sorted(ROOT.glob("dist/SecretaryArchive-*-x64-setup.exe"), key=lambda p: p.stat().st_mtime)
    installer = Path(sys.argv[1]) if len(sys.argv) > 1 else (installers or [None])[-1]
    check(installer and installer.is_file(), "no installer in dist/ (make windows first)")
    sys.path.insert(0, str(ROOT))
    from models.app.version import VERSION

    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "home").mkdir(parents=True)
    installer = signed_copy(installer)
    wine = Wine(WORK / "prefix")
    release = wine.run("--version").stdout.decode().strip()
    say(f"{installer.name} ({installer.stat().st_size / 2**20:.1f} MB); fresh prefix, {release}")
    wine.run("wineboot", "-i")
    wine.wait()
    user = wine.user_folder()
    for link in [p for p in user.iterdir() if p.is_symlink()]:  # Desktop etc.: real folders in the prefix
        link.unlink()
        link.mkdir()
    programs = user / "AppData" / "Local" / "Programs" / "SecretaryArchive"

    refused = wine.run(str(installer), "/S")
    wine.wait()
    check(refused.returncode != 0 and not programs.exists(), "the installer did not refuse Windows 7")
    say("refused on Windows 7 (wine's default), as it should; prefix set to Windows 10")
    wine.run("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/d", "win10", "/f")
    wine.wait()

    began = time.monotonic()
    installed = wine.run(str(installer), "/S")
    wine.wait()
    check(installed.returncode == 0, f"installer exit {installed.returncode}")
    python = programs / "Python" / "python.exe"
    main_py = programs / "pkgs" / "main.py"
    for path in (python, programs / "Python" / "pythonw.exe", main_py, programs / "SecretaryArchive.launch.pyw",
                 programs / "icon.ico", programs / "uninstall.exe",
                 programs / "pkgs" / "resources" / "fonts" / "wqy-zenhei.ttc",
                 programs / "pkgs" / "resources" / "catalogues" / "matter_types.csv",
                 programs / "pkgs" / "resources" / "i18n" / "app_en.qm",
                 programs / "pkgs" / "PySide6" / "plugins" / "platforms" / "qwindows.dll",
                 programs / "licenses" / "LGPL-3.0.txt", programs / "licenses" / "Qt-PySide6-NOTICE.txt",
                 programs / "licenses" / "Python-LICENSE.txt"):
        check(path.is_file(), f"not installed: {path.relative_to(programs)}")
    check(not list((programs / "pkgs" / "PySide6").glob("Qt6WebEngine*")), "WebEngine was not pruned")
    shortcut = "村(社区)党组织书记档案.lnk"
    start_menu = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / shortcut
    desktop = user / "Desktop" / shortcut
    for link in (start_menu, desktop):
        check(link.is_file(), f"no shortcut {link}")
        content = link.read_bytes()
        for text in ("pythonw.exe", "SecretaryArchive.launch.pyw", "icon.ico"):  # target, argument, icon
            check(text.encode("ascii") in content or text.encode("utf-16-le") in content, f"{link}: no {text}")
    registry = (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
    check("Uninstall\\\\SecretaryArchive]" in registry and "uninstall.exe" in registry, "no Uninstall entry in HKCU")
    check('"Publisher"=' in registry, "no Publisher in the Uninstall entry")
    check(re.search(r'"DisplayVersion"="\d+\.\d+\.\d+\.\d+"', registry), "no build number in the version")
    size = sum(p.stat().st_size for p in programs.rglob("*") if p.is_file())
    say(f"installed per user in {time.monotonic() - began:.0f} s: {size / 2**20:.0f} MB, shortcuts, "
        "HKCU uninstall entry")
    window_smoke(wine, programs)

    secret = WORK / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    # once an archive has users the command line signs in (init and check need none; the
    # options are ignored where no user exists yet)
    sign_in = ("--user", "admin", "--password-file", windows_path(secret))

    def cli(*args: str, expect: int = 0, **env) -> subprocess.CompletedProcess:
        signed = sign_in if args and args[0] not in ("--version", "init", "--db") else ()
        result = wine.run(str(python), windows_path(main_py), *args, *signed, **env)
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # UTF-8 whatever the code page
        check(result.returncode == expect, f"{args[0]}: exit {result.returncode}, expected {expect}: {err or out}")
        check("Traceback" not in err, f"{args[0]}: traceback on stderr: {err}")
        result.out, result.err = out, err
        return result

    def cli_json(*args: str, **env) -> dict:
        return json.loads(cli(*args, "--json", **env).out)

    commit = subprocess.run(["git", "log", "-1", "--format=%h"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    version = cli("--version").out.strip()
    check(VERSION in version and (not commit or commit in version), f"--version says {version!r}")
    say(f"--version: {version}")

    made = cli_json("init", "--township", "青石镇", "--admin-password-file", windows_path(secret))
    archive = user / "AppData" / "Local" / "SecretaryArchive" / "archive.sqlite"
    check(made["township"] == "青石镇" and made["admin_created"] and archive.is_file()
          and made["db"].endswith(r"AppData\Local\SecretaryArchive\archive.sqlite"),
          f"init: the archive is not in %LOCALAPPDATA%\\SecretaryArchive: {made}")
    demo = cli_json("demo", "--secretaries", "20")
    check(demo["secretaries"] == 20 and demo["townships"] == 1 and demo["reports"] > 20 and demo["attachments"] > 0,
          f"demo: {demo}")
    checked = cli_json("check")
    check(checked["ok"] and not checked["faults"] and checked["records"]["secretary"] == 20
          and checked["records"]["matter_report"] == demo["reports"], f"check: {checked}")
    # the check the window runs at start, in a child process of the installed Python: after the
    # whole check that passed, what changed since (nothing: no record read again)
    apart = wine.run(str(python), "-c", "import json, pathlib, sys; from models.archive.check import run_check_apart; "
                     "r = run_check_apart(pathlib.Path(sys.argv[1])); print(json.dumps([r.faults, r.counts, r.since]))",
                     made["db"])
    faults, counts, since = json.loads(apart.stdout.decode("utf-8").strip().splitlines()[-1])
    check(faults == [] and since is not None and counts == {},
          f"the start-up check in a child process: {faults}, since {since}, {counts}")
    say(f"init, demo ({demo['secretaries']} secretaries, {demo['reports']} reports), check (also as the window "
        r"runs it, in a child process): archive in %LOCALAPPDATA%\SecretaryArchive")

    began = time.monotonic()
    out = WORK / "dossiers"
    printed = cli_json("print", "dossier", "--all", "--split", "--out", windows_path(out))
    pdfs = sorted(out.glob("*.pdf"))
    check(len(pdfs) == 20 == len(printed["files"]), f"print: {len(pdfs)} PDFs, {printed}")
    names = set()
    for pdf in pdfs:
        check(pdf.read_bytes()[:5] == b"%PDF-", f"{pdf.name} is not a PDF")
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        check(rows and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row) for row in rows),
              f"{pdf.name}: a font not embedded:\n{fonts}")
        name = pdf.stem.split("-")[-1]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        check(name in text.replace(" ", ""), f"{pdf.name}: the name {name} is not in the printed text")
        names.add(name)
    say(f"print dossier --all --split: {len(pdfs)} PDFs, fonts embedded, names in the text "
        f"({time.monotonic() - began:.0f} s)")

    district_db = wine.prefix / "drive_c" / "district" / "district.sqlite"
    district_db.parent.mkdir()
    db = ["--db", r"C:\district\district.sqlite"]
    district = cli_json("init", "--mode", "district", "--admin-password-file", windows_path(secret), *db)
    check(district["mode"] == "district" and district_db.is_file(), f"init district: {district}")
    key = cli_json("keys", "export-public", "--out", r"C:\district\district.key", *db)
    installed_key = cli_json("keys", "install", r"C:\district\district.key")
    check(key["fingerprint"] == installed_key["fingerprint"] and len(key["fingerprint"]) > 16,
          f"keys: {key} / {installed_key}")
    usb = WORK / "usb"
    usb.mkdir()
    exported = cli_json("export", "--out", windows_path(usb), "--package-password-file", windows_path(secret))
    packages = list(usb.iterdir())
    check(len(packages) == 1 and exported["sequence"] == 1 and exported["counts"]["secretary"] == 20
          and packages[0].stat().st_size == exported["size"], f"export: {exported}, {packages}")
    named = PureWindowsPath(exported["file"]).name
    check(re.fullmatch(r"青石镇-第1号-\d{8}\.sap", named), f"export: named {named!r}")
    # this wine keeps a Chinese file name lossily on the Linux side (Windows keeps it whole), so a
    # name handed back on the command line no longer opens: the steps below use an ASCII copy
    package_file = packages[0].rename(usb / "package-1.sap")
    package = windows_path(package_file)
    preview = cli_json("import", package, "--dry-run", "--package-password-file", windows_path(secret), *db)
    fingerprint = preview["fingerprint"]
    check(preview["pin"] == "new" and preview["sender"]["township"] == "青石镇" and preview["new"] > 20
          and set(preview["names"]["new"]) == names, f"import --dry-run: {preview}")
    chinese = {"LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}  # wine's code page from the name alone
    page = wine.run(str(python), "-c", "import locale; print(locale.getpreferredencoding())", **chinese)
    check(page.stdout.decode().strip() == "cp936", f"not a cp936 console: {page.stdout!r}")
    rare = sorted(name for name in preview["names"]["new"] if any(ord(c) > 0xFFFF for c in name))
    again = cli_json("import", package, "--dry-run", "--package-password-file", windows_path(secret), *db, **chinese)
    check(rare and again == preview, f"import --dry-run on cp936: {again}")
    untrusted = cli("import", package, "--package-password-file", windows_path(secret), *db, expect=1)
    check(fingerprint in untrusted.err and "--trust" in untrusted.err and untrusted.err.count("\n") == 1,
          f"import without --trust: {untrusted.err}")
    imported = cli_json("import", package, "--trust", fingerprint, "--package-password-file", windows_path(secret),
                        *db)
    check(imported["counts"]["new"] == preview["new"] and imported["counts"]["refused"] == 0, f"import: {imported}")
    after = cli_json("check", *db)
    check(after["ok"] and after["records"]["secretary"] == 20
          and after["records"]["matter_report"] == demo["reports"], f"check of the district: {after}")
    say(f"export → import: package of {exported['size']} bytes, {preview['new']} records new, fingerprint "
        f"checked, the district's archive passes check with all 20 files")

    stats = cli_json("stats", "--year", str(demo["campaign_year"]))
    check(stats["year"] == demo["campaign_year"] and stats["filed"] == demo["campaign_filed"]
          and stats["townships"][0]["township"] == "青石镇"
          and sum(unit["filed"] for unit in stats["townships"][0]["units"]) == stats["filed"] > 0,
          f"stats: {stats}")
    check(cli_json("stats", "--year", str(demo["campaign_year"]), **chinese) == stats, "stats differ on cp936")
    say(f"stats --json: {stats['filed']} of {stats['serving']} filed; the same on a cp936 console; the preview "
        f"on cp936 printed the names {' '.join(rare)} (CJK Ext. B, not in GBK)")

    server_smoke(cli, cli_json, db, after)

    data = archive.parent
    kept = {p.relative_to(data): p.stat().st_size for p in data.rglob("*") if p.is_file() and p.suffix != ".log"}
    (programs / "pkgs" / "stale_module_of_an_old_version.py").write_text("", encoding="utf-8")
    upgraded = wine.run(str(installer), "/S")  # an upgrade: the same installer over the installed program
    wine.wait()
    left = {p.relative_to(data): p.stat().st_size for p in data.rglob("*") if p.is_file() and p.suffix != ".log"}
    check(upgraded.returncode == 0 and left == kept and cli_json("check")["ok"]
          and not (programs / "pkgs" / "stale_module_of_an_old_version.py").exists(),
          "installing over the installed program: the archive changed or old modules stayed")
    say("installed again over itself (an upgrade): the program replaced whole, the archive untouched")

    uninstall = wine.run(str(programs / "uninstall.exe"), "/S")
    wine.wait()
    time.sleep(1)
    wine.wait()
    registry = (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
    check(uninstall.returncode == 0 and not (programs / "pkgs").exists() and not (programs / "Python").exists()
          and not start_menu.exists() and not desktop.exists() and "Uninstall\\\\SecretaryArchive]" not in registry,
          "the uninstaller left the program behind")
    left = {p.relative_to(data): p.stat().st_size for p in data.rglob("*") if p.is_file() and p.suffix != ".log"}
    check(archive.is_file() and left == kept, "the uninstaller touched the archive's folder")
    say(f"uninstalled: program, shortcuts and entry gone; the archive's folder kept ({len(kept)} files)")
    say("SMOKE PASSED")
    return 0


# The installed program's first window, on a virtual screen: wine 8 has no windows.ui.dll, where
# Qt 6.9's Windows theme aborted inside QApplication() (exit 3, no message) before ui.windows_theme.
WINDOW_PROBE = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
os.environ["SECRETARY_ARCHIVE_HOME"] = sys.argv[3]
from models.app.crashes import watch_native_crashes
watch_native_crashes()
from models.storage.paths import default_archive
from ui import windows_theme
from ui.app import make_application, open_or_create
from ui.login import FirstRunDialog
app = make_application()
open_or_create(default_archive())
dialog = FirstRunDialog()
dialog.show()
app.processEvents()
dialog.grab().save(sys.argv[2])
print("WINDOW", windows_theme.lacks_winrt_settings(), dialog.windowTitle(), flush=True)
"""


def window_smoke(wine: Wine, programs: Path) -> None:
    probe, shot, home = WORK / "window_probe.py", WORK / "first-window.png", WORK / "window-home"
    probe.write_text(WINDOW_PROBE, encoding="utf-8")
    shown = subprocess.run(["xvfb-run", "-a", "wine", str(programs / "Python" / "python.exe"), windows_path(probe),
                            windows_path(programs / "pkgs"), windows_path(shot), windows_path(home)],
                           stdin=subprocess.DEVNULL, capture_output=True, env={**wine.env, "PYTHONIOENCODING": "utf-8"},
                           timeout=300)
    wine.wait()
    said = shown.stdout.decode("utf-8", "replace")
    crash = home / "logs" / "native-crash.txt"
    check(shown.returncode == 0 and "WINDOW" in said and "首次使用" in said,
          f"the first window did not open (exit {shown.returncode}): {said[-300:]} "
          f"{crash.read_text(encoding='utf-8', errors='replace')[-600:] if crash.exists() else ''}")
    check(shot.is_file() and shot.stat().st_size > 1000, "no screenshot of the first window")
    say(f"the first window opened on a virtual screen (windows.ui.dll missing: {'True' in said}); "
        f"screenshot {shot.relative_to(ROOT)}")


def server_smoke(cli, cli_json, district_db: list[str], district: dict) -> None:
    """The installed program on a district's server: its PostgreSQL driver loads (a refused
    connection is told as such, not as a missing driver); when a server runs beside (make
    windows-smoke under pg_virtualenv: libpq's PG* variables reach the Windows process), the
    district's archive moves onto it and the server's copy passes the check."""
    refused = cli("--db", "postgresql://clerk@127.0.0.1:1/archive", "check", expect=1)
    check("无法连接数据库" in refused.err and "驱动" not in refused.err, f"the server driver: {refused.err}")
    if not os.environ.get("PGHOST"):
        say("PostgreSQL driver loads (no server beside this run: the move to a server not tried)")
        return
    name = f"smoke_{os.getpid()}"
    subprocess.run(["psql", "-q", "-d", "postgres", "-c", f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C' LC_CTYPE 'C'"], check=True)
    try:
        url = f"postgresql:///{name}"  # host, port, account and password from libpq's variables
        moved = cli_json("migrate", "--from", district_db[1], "--to", url)
        checked = cli_json("check", "--db", url)
        check(moved["tables_identical"] and moved["check_ok"] and checked["ok"]
              and checked["records"] == district["records"], f"migrate to the server: {moved} / {checked}")
        say(f"migrate to a PostgreSQL server and check there, from the installed program: "
            f"{sum(moved['rows'].values())} rows, every table identical")
    finally:
        subprocess.run(["psql", "-q", "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                       check=False)


if __name__ == "__main__":
    sys.exit(main())
