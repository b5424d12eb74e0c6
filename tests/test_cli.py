"""The headless command line as support staff and scripts use it: real processes, real files."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SERVER

ROOT = Path(__file__).resolve().parent.parent


def run(*args, env_home=None):
    env = {**os.environ, "SECRETARY_ARCHIVE_HOME": str(env_home)} if env_home else None
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


@pytest.fixture(scope="module", params=["file", pytest.param("server", marks=pytest.mark.postgresql)])
def demo_archive(request, tmp_path_factory):
    """The 209-person demo made by ``demo``: in a file, and (a second time) in a database on the
    test server, where the same commands must give the same answers."""
    if request.param == "file":
        yield _demo(tmp_path_factory.mktemp("demo") / "district.sqlite")
        return
    if not SERVER:
        pytest.skip("no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")
    from tests.support.server import scratch_database

    with scratch_database(SERVER) as url:
        yield _demo(url)


def _demo(target):
    result = run("demo", "--db", target, "--json")
    assert result.returncode == 0, result.stderr
    return target, json.loads(result.stdout)


def test_demo_reports_209_secretaries_and_their_reports(demo_archive):
    _, summary = demo_archive
    assert summary["secretaries"] == 209
    assert summary["reports"] > 209
    assert summary["townships"] >= 5


def test_check_passes_on_the_demo(demo_archive):
    path, _ = demo_archive
    result = run("check", "--db", path, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["records"]["secretary"] == 209


def test_check_exits_1_naming_the_fault_on_a_copy_with_damaged_bytes(demo_archive, tmp_path):
    path, _ = demo_archive
    if not isinstance(path, Path):
        pytest.skip("a file's bytes: a server's pages are the server's (its own checksums)")
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    shutil.copytree(path.with_name(path.stem + "-files"), tmp_path / "copy-files")
    data = bytearray(copy.read_bytes())
    for offset in range(len(data) // 3, len(data) // 3 + 4096, 97):
        data[offset] ^= 0x5A
    copy.write_bytes(bytes(data))
    result = run("check", "--db", copy)
    assert result.returncode == 1
    assert "检查发现问题" in result.stdout and "Traceback" not in result.stderr


def test_init_with_an_admin_password_file(tmp_path):
    secret = tmp_path / "pw.txt"
    secret.write_text("a-long-password\n", encoding="utf-8")
    path = tmp_path / "new.sqlite"
    result = run("init", "--db", path, "--township", "青石镇", "--admin-password-file", secret, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["admin_created"] is True
    again = run("init", "--db", path)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "已经存在" in again.stderr


def test_a_weak_admin_password_is_refused_in_one_line(tmp_path):
    secret = tmp_path / "pw.txt"
    secret.write_text("short\n", encoding="utf-8")
    result = run("init", "--db", tmp_path / "x.sqlite", "--admin-password-file", secret)
    assert result.returncode == 1
    assert result.stderr.strip() == "错误:密码:至少需要8位"
    assert not (tmp_path / "x.sqlite").exists()


def test_usage_errors_exit_2_in_one_line(tmp_path):
    result = run("demo", "--secretaries", "many")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("用法错误:参数 --secretaries:“many”不是整数")
    unknown = run("bogus")
    assert unknown.returncode == 2 and "无效的选择:'bogus'" in unknown.stderr and "invalid" not in unknown.stderr
    assert "缺少必需的参数:kind" in run("print").stderr


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    result = run("check", "--db", junk)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "已损坏或不是档案文件" in result.stderr


def test_the_default_archive_lives_in_the_user_data_folder(tmp_path):
    result = run("init", "--json", env_home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert Path(json.loads(result.stdout)["db"]) == tmp_path / "home" / "archive.sqlite"


def test_stats_for_a_year_gives_the_coverage_json(demo_archive):
    path, summary = demo_archive
    result = run("stats", "--db", path, "--year", str(summary["campaign_year"]), "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert {"serving", "filed", "on_time", "overdue", "missing", "coverage"} <= set(stats)
    assert stats["filed"] == summary["campaign_filed"]
    assert stats["serving"] == stats["filed"] + stats["missing"]
    assert sum(t["serving"] for t in stats["townships"]) == stats["serving"]
    assert len(stats["missing_names"]) == stats["missing"]


def test_print_every_dossier_one_file_per_person(demo_archive, tmp_path):
    path, summary = demo_archive
    result = run("print", "dossier", "--all", "--split", "--out", tmp_path / "out", "--db", path, "--json")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == summary["secretaries"] == len(json.loads(result.stdout)["files"])
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)
    missing = run("print", "catalogue", "--secretary", "没有这个人", "--out", tmp_path / "x.pdf", "--db", path)
    assert missing.returncode == 1 and "找不到档案" in missing.stderr


def test_backup_and_restore(tmp_path):
    path = tmp_path / "a.sqlite"
    assert run("demo", "--db", path, "--secretaries", "3").returncode == 0
    assert run("backup", "--db", path, "--out", tmp_path / "copy.sqlite").returncode == 0
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4096] = bytes(4096)  # the archive gets damaged
    path.write_bytes(bytes(data))
    assert run("check", "--db", path).returncode == 1
    result = run("restore", tmp_path / "copy.sqlite", "--db", path, "--json")
    assert result.returncode == 0, result.stderr
    assert Path(json.loads(result.stdout)["previous_kept_as"]).exists()  # the damaged one is kept too
    report = json.loads(run("check", "--db", path, "--json").stdout)
    assert report["ok"] and report["records"]["secretary"] == 3
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 5000)
    refused = run("restore", junk, "--db", path)
    assert refused.returncode == 1 and "不是本程序的备份文件" in refused.stderr
    assert json.loads(run("check", "--db", path, "--json").stdout)["ok"]


def test_roster_export_and_import_all_or_nothing(demo_archive, tmp_path):
    from openpyxl import Workbook, load_workbook
    path, summary = demo_archive
    roster = tmp_path / "花名册.xlsx"
    exported = run("roster", "export", roster, "--db", path, "--json")
    assert exported.returncode == 0 and json.loads(exported.stdout)["rows"] == summary["secretaries"]
    rows = list(load_workbook(roster).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("乡镇", "村(社区)", "姓名", "身份证号") and len(rows[1][3]) == 18
    target = tmp_path / "new.sqlite"
    assert run("init", "--db", target, "--township", "青石镇").returncode == 0
    book = Workbook()
    sheet = book.active
    sheet.append(["乡镇", "村(社区)", "姓名", "身份证号", "联系电话"])
    sheet.append(["青石镇", "东王家村", "张三", "370281197503120018", "13800138000"])
    sheet.append(["青石镇", "西村", "李四", "370281197503120019", ""])  # wrong check character
    book.save(tmp_path / "import.xlsx")
    bad = run("roster", "import", tmp_path / "import.xlsx", "--db", target, "--json")
    assert bad.returncode == 1 and "第3行" in json.loads(bad.stdout)["problems"][0]
    sheet.delete_rows(3)
    book.save(tmp_path / "import.xlsx")
    dry = run("roster", "import", tmp_path / "import.xlsx", "--db", target, "--dry-run", "--json")
    assert dry.returncode == 0 and json.loads(dry.stdout)["created"] == 1
    done = run("roster", "import", tmp_path / "import.xlsx", "--db", target, "--json")
    assert done.returncode == 0
    again = run("roster", "import", tmp_path / "import.xlsx", "--db", target, "--json")
    assert json.loads(again.stdout) == {"created": 0, "updated": 0, "problems": []}  # already as the roster says
    assert json.loads(run("check", "--db", target, "--json").stdout)["records"]["secretary"] == 1


def test_version_names_the_version_and_the_build():
    from models.app.version import VERSION

    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"村(社区)党组织书记档案 {VERSION}(构建 源码)"  # a checkout, not an installed build
    help_text = run("--help").stdout
    assert "--version             显示版本号并退出" in help_text and "show program" not in help_text


def test_a_rare_character_prints_on_a_chinese_console_code_page(tmp_path):
    """A Windows console or pipe in cp936 (GBK) cannot encode CJK Extension B (𠀾): the output is
    UTF-8 whatever the code page, on stdout and in the one-line errors on stderr alike."""
    env = {**os.environ, "PYTHONIOENCODING": "cp936", "SECRETARY_ARCHIVE_HOME": str(tmp_path / "home")}
    created = subprocess.run([sys.executable, str(ROOT / "main.py"), "init", "--township", "𠀾溪镇", "--db",
                              str(tmp_path / "a.sqlite"), "--json"], capture_output=True, env=env, timeout=300)
    assert created.returncode == 0, created.stderr.decode("utf-8", "replace")
    assert json.loads(created.stdout.decode("utf-8"))["township"] == "𠀾溪镇"
    refused = subprocess.run([sys.executable, str(ROOT / "main.py"), "print", "𠀾表", "--out", str(tmp_path / "x.pdf"),
                              "--db", str(tmp_path / "a.sqlite")], capture_output=True, env=env, timeout=300)
    assert refused.returncode == 2
    assert refused.stderr.decode("utf-8").startswith("用法错误:没有“𠀾表”这种表格")
    assert b"Traceback" not in refused.stderr


def test_names_from_the_archive_never_write_outside_the_chosen_folder(tmp_path):
    """A village named x/../../../escaped (a package can bring one) and a person named like a
    Windows device: the batch print and the .lrmx export stay in --out, every file readable."""
    from models.archive.lifecycle import close_archive, create_archive
    from models.org.tables import Township, Unit
    from models.personnel.person import Secretary
    from models.writing import services
    from models.writing.actor import SYSTEM

    db = tmp_path / "town" / "archive.sqlite"
    create_archive(db, township_name="青石镇")
    township = Township.get(Township.name == "青石镇")
    for name in ("x/../../../escaped", "CON", ".."):
        unit = services.create(SYSTEM, Unit, {"township": township.id, "name": name}).record
        services.create(SYSTEM, Secretary, {"name": "张三", "unit": unit.id})
    close_archive()
    out = tmp_path / "town" / "out"
    printed = run("print", "dossier", "--all", "--split", "--out", out, "--db", db, "--json")
    assert printed.returncode == 0, printed.stderr
    exported = run("lrmx", "export", "--all", "--out", out / "cards", "--db", db, "--json")
    assert exported.returncode == 0, exported.stderr
    written = [Path(p) for p in json.loads(printed.stdout)["files"] + json.loads(exported.stdout)["files"]]
    assert len(written) == 6 and all(p.resolve().parent in (out.resolve(), (out / "cards").resolve()) for p in written)
    assert all(p.exists() and ".." not in p.name for p in written)
    assert not list(tmp_path.rglob("escaped*")) or all(out.resolve() in p.resolve().parents
                                                          for p in tmp_path.rglob("*escaped*"))


def test_once_an_archive_has_users_the_command_line_signs_in_with_their_roles(tmp_path):
    """No more acting as administrator with no sign-in: every command that reads personal data or
    changes the archive needs a user and that user's role; check, init and --version stay open."""
    from models.accounts.users import create_user
    from models.archive.lifecycle import close_archive, create_archive
    from models.writing.actor import SYSTEM
    from tests.conftest import ADMIN_PASSWORD

    db = tmp_path / "town" / "archive.sqlite"
    create_archive(db, township_name="青石镇", admin_password=ADMIN_PASSWORD)
    create_user(SYSTEM, username="reader", display_name="查阅员", role="viewer", password="reader-pass-1")
    close_archive()
    (tmp_path / "reader.txt").write_text("reader-pass-1", encoding="utf-8")
    (tmp_path / "wrong.txt").write_text("not-the-password", encoding="utf-8")
    nobody = {k: v for k, v in os.environ.items() if not k.startswith(("SECRETARY_ARCHIVE_USER",
                                                                       "SECRETARY_ARCHIVE_PASSWORD"))}

    def as_(*args, user=None, password=None):
        sign_in = [*(["--user", user] if user else []), *(["--password-file", password] if password else [])]
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args), "--db", str(db), *sign_in],
                              capture_output=True, text=True, encoding="utf-8", env=nobody, timeout=300)

    refused = as_("roster", "export", tmp_path / "r.xlsx")
    assert refused.returncode == 1 and "须先登录" in refused.stderr and not (tmp_path / "r.xlsx").exists()
    wrong = as_("stats", "--year", "2025", user="reader", password=tmp_path / "wrong.txt")
    assert wrong.returncode == 1 and "用户名或密码不正确" in wrong.stderr
    assert as_("stats", "--year", "2025", user="reader", password=tmp_path / "reader.txt").returncode == 0
    for command in (("backup", "--out", tmp_path / "b.zip"), ("keys", "export-public", "--out", tmp_path / "k"),
                    ("export", "--out", tmp_path / "stick")):
        denied = as_(*command, user="reader", password=tmp_path / "reader.txt")
        assert denied.returncode == 1 and "无权" in denied.stderr, command
    assert not (tmp_path / "b.zip").exists()
    assert as_("check").returncode == 0  # open to support staff
    made = as_("backup", "--out", tmp_path / "b.zip", user="admin", password=os.environ["SECRETARY_ARCHIVE_PASSWORD_FILE"])
    assert made.returncode == 0, made.stderr
    over = as_("restore", tmp_path / "b.zip", user="reader", password=tmp_path / "reader.txt")
    assert over.returncode == 1 and "无权" in over.stderr
    assert not list((db.parent / "backups").glob("*before-restore*"))  # nothing was replaced
    with_env = subprocess.run([sys.executable, str(ROOT / "main.py"), "ledger", "--db", str(db)], capture_output=True,
                              text=True, encoding="utf-8", timeout=300,
                              env={**nobody, "SECRETARY_ARCHIVE_USER": "reader",
                                   "SECRETARY_ARCHIVE_PASSWORD_FILE": str(tmp_path / "reader.txt")})
    assert with_env.returncode == 0, with_env.stderr
