"""Files from outside that try the archive: huge or bomb-like workbooks, the same person twice in a
roster, a program renamed as a scan, password files saved by Notepad in every encoding."""
import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.errors import ArchiveError, ValidationError
from models.io.roster import import_roster
from models.personnel.person import Secretary
from models.attachments.adding import attach
from models.writing.actor import SYSTEM

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["乡镇", "村(社区)", "姓名", "身份证号"]
ID = "370281196503121235"
ID_15 = "370281650312123"  # the same person's old 15-digit number


def workbook(path, rows, *, extra=None):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if extra:
        extra(sheet)
    book.save(path)
    return path


def test_a_workbook_claiming_the_whole_sheet_is_refused_at_once(archive, tmp_path):
    path = workbook(tmp_path / "huge.xlsx", [["青石镇", "东王家村", "张三", ""]],
                    extra=lambda sheet: sheet.cell(row=1048576, column=16384, value="x"))
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    with pytest.raises(ArchiveError, match="范围过大"):
        import_roster(SYSTEM, path)
    assert time.perf_counter() - started < 5  # refused from the declared size, not by reading a million rows


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(archive, tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", [["青石镇", "东王家村", "张三", ""]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/padding.bin", b"\0" * (80 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ArchiveError, match="解压后过大"):
        import_roster(SYSTEM, path)


@pytest.mark.parametrize("second", [ID, ID_15, "３７０２８１１９６５０３１２１２３５"])
def test_two_rows_of_the_same_person_are_refused_naming_both_rows(archive, tmp_path, second):
    path = workbook(tmp_path / "twice.xlsx", [["青石镇", "东王家村", "张三", ID], ["青石镇", "西王家村", "张叁", second]])
    with pytest.raises(ArchiveError, match="第2行和第3行"):
        import_roster(SYSTEM, path)
    assert Secretary.select().count() == 0


def test_a_fifteen_digit_number_updates_the_same_persons_file(archive, tmp_path):
    import_roster(SYSTEM, workbook(tmp_path / "a.xlsx", [["青石镇", "东王家村", "张三", ID]]))
    result = import_roster(SYSTEM, workbook(tmp_path / "b.xlsx", [["青石镇", "东王家村", "张三", ID_15]]))
    assert (result.created, result.updated, result.problems) == (0, 0, [])  # the same person, nothing new
    assert result.lines[0][3] == "与档案一致" and Secretary.select().count() == 1


def png() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf() -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_attachments_are_accepted_by_their_content_not_their_name(admin, unit):
    from models.writing import services
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    program = b"MZ\x90\x00" + b"\x00" * 200  # a Windows program renamed as a scan
    for data, name in ((program, "扫描件.png"), (b"%PDF-1.4 not really", "证明.pdf"), (png()[:40], "半张.png")):
        with pytest.raises(ValidationError, match="附件"):
            attach(admin, data=data, file_name=name, secretary=person.id)
    assert attach(admin, data=png(), file_name="照片.jpg", secretary=person.id).mime_type == "image/png"
    assert attach(admin, data=pdf(), file_name="材料", secretary=person.id).mime_type == "application/pdf"


@pytest.mark.parametrize("encoding, text", [
    ("utf-8-sig", "记事本保存的密码9\r\n"), ("gbk", "国标编码的密码99\n"), ("utf-8", "plain-password-1\n\n")])
def test_password_files_as_notepad_saves_them(tmp_path, encoding, text):
    path = tmp_path / "pw.txt"
    path.write_bytes(text.encode(encoding))
    archive = tmp_path / "a.sqlite"
    made = subprocess.run([sys.executable, str(ROOT / "main.py"), "init", "--db", str(archive),
                           "--admin-password-file", str(path)], capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    from models.accounts.users import authenticate
    from models.archive.lifecycle import close_archive, open_archive
    open_archive(archive)
    try:
        assert authenticate("admin", text.strip()).role == "admin"
    finally:
        close_archive()
