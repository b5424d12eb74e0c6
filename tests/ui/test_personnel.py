"""The clerk's daily work, driven through the real widgets."""

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from openpyxl import load_workbook

from models.demo.builder import build_demo
from models.personnel.catalogue import Material
from models.personnel.person import FamilyMember, Secretary
from models.attachments.photos import current_photo
from models.attachments.tables import Attachment
from models.writing import services
from models.writing.actor import SYSTEM
from ui.personnel.file_editor import FileEditor
from ui.personnel.part_model import PartTableModel
from ui.personnel.part_specs import part_specs
from ui.personnel.roster_model import RosterModel
from ui.personnel.roster_page import RosterPage
from ui.widgets.rows_model import RowsModel

ID = "370281197503120018"


@pytest.fixture(autouse=True)
def never_block_on_close(monkeypatch):
    """Closing a changed editor asks a modal question; tests answer it (default: discard)."""
    monkeypatch.setattr(FileEditor, "ask_unsaved", lambda self: QMessageBox.StandardButton.Discard)


@pytest.fixture
def page(gui, qtbot, admin, unit):
    register = RosterPage(admin)
    qtbot.addWidget(register)
    register.show()
    return register


def photo_file(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (800, 600), (180, 160, 150)).save(path)
    return path


def set_cell(tab, row: int, field: str, value) -> None:
    column = [c.field for c in tab.spec.columns].index(field)
    role = Qt.ItemDataRole.CheckStateRole if isinstance(value, bool) else Qt.ItemDataRole.EditRole
    if isinstance(value, bool):
        value = Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
    assert tab.model.setData(tab.model.index(row, column), value, role)


def add_rows(qtbot, tab, rows: list[dict]) -> None:
    for values in rows:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        row = tab.model.rowCount() - 1
        for field, value in values.items():
            set_cell(tab, row, field, value)


def part(editor, title):
    return next(tab for tab in editor.parts if tab.spec.tab == title)


def fill_basic(editor, unit):
    widgets = editor.basic.widgets
    widgets["name"].setText("张三")
    widgets["id_number"].setText(ID)
    widgets["id_number"].editingFinished.emit()  # as when the clerk tabs out of the field
    widgets["native_place"].setText("山东胶州")
    widgets["party_date"].setText("1998.07")
    widgets["phone"].setText("13800138000")
    widgets["current_post"].setText("东王家村党支部书记、村委会主任")
    widgets["concurrent_head"].setChecked(True)
    widgets["unit"].setCurrentIndex(widgets["unit"].findData(unit.id))
    widgets["ethnicity"].setCurrentIndex(widgets["ethnicity"].findData("01"))


RESUME = [{"start": f"{1990 + 3 * i}.0{1 + i % 9}", "end": f"{1993 + 3 * i}.0{1 + i % 9}", "text": f"工作{i}"}
          for i in range(9)] + [{"start": "2017.01", "text": "东王家村党支部书记"}]
FAMILY = [{"relation": "妻子", "name": "李秀英", "birth_date": "1976.02", "political_status": "群众"},
          {"relation": "儿子", "name": "张伟", "birth_date": "2000.05"},
          {"relation": "女儿", "name": "张丽", "birth_date": "2003.09"},
          {"relation": "父亲", "name": "张国强", "birth_date": "1948.01", "deceased": True},
          {"relation": "母亲", "name": "王桂兰", "birth_date": "1950.03"}]


def test_a_complete_new_file_is_saved_and_reopened_identical(page, qtbot, unit, tmp_path):
    editor = page.new_file()
    qtbot.addWidget(editor)
    fill_basic(editor, unit)
    assert editor.basic.widgets["birth_date"].text() == "1975.03"  # filled from the ID number
    assert editor.basic.widgets["sex"].currentData() == "1"
    assert editor.basic.photo.use_file(photo_file(tmp_path))
    add_rows(qtbot, part(editor, "简历"), RESUME)
    add_rows(qtbot, part(editor, "家庭成员"), FAMILY)
    add_rows(qtbot, part(editor, "奖惩"), [{"date": "2022.07", "kind": "奖励", "text": "优秀党务工作者"}])
    add_rows(qtbot, part(editor, "年度考核"), [{"year": "2024", "result": "优秀"}])
    add_rows(qtbot, part(editor, "培训"), [{"start": "2024.05", "end": "2024.05", "name": "示范培训", "hours": "40"}])
    add_rows(qtbot, part(editor, "任职/换届"), [{"post": "党支部书记", "start": "2021.01", "term": "第十二届",
                                                "method": "选举产生", "concurrent_head": True}])
    add_rows(qtbot, part(editor, "档案材料目录"), [{"category": "1", "title": "干部履历表", "date": "2021.03",
                                                  "copies": "1", "pages": "4"},
                                                 {"category": "4-1", "title": "学历证书", "date": "1995.07", "pages": "2"}])
    add_rows(qtbot, part(editor, "查阅登记"), [{"date": "2026-10-08", "reader": "孙立", "purpose": "换届审查",
                                              "reader_political": "中共党员", "reader_phone": "13900001111",
                                              "unit_opinion": "同意", "leader_opinion": "同意查阅",
                                              "instructed_on": "2026-10-07"}])
    add_rows(qtbot, part(editor, "借阅登记"), [{"lent_date": "2026-10-01", "borrower": "赵敏", "due_date": "2026-10-08"}])
    add_rows(qtbot, part(editor, "转递"), [{"direction": "转入", "date": "2026-09-01", "counterpart": "胶州市委组织部"}])
    assert editor.windowTitle().endswith("*")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    if editor.secretary_id is None:  # offscreen windows may not get shortcuts: the button does the same
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.secretary_id, editor.message.text()
    assert "已保存" in editor.message.text()
    reopened = FileEditor(editor.actor, editor.secretary_id)  # a new window reads everything back
    qtbot.addWidget(reopened)
    assert reopened.basic.values()["name"] == "张三" and reopened.basic.values()["party_date"] == "1998.07"
    assert [r.values["text"] for r in part(reopened, "简历").model.rows] == [r["text"] for r in RESUME]
    assert part(reopened, "简历").model.rows[-1].values["end"] == ""  # 至今
    assert [(r.values["name"], r.values["deceased"]) for r in part(reopened, "家庭成员").model.rows][3] == ("张国强", True)
    assert [r.values["category"] for r in part(reopened, "档案材料目录").model.rows] == ["1", "4-1"]
    assert part(reopened, "借阅登记").model.data(part(reopened, "借阅登记").model.index(0, 8)) == "逾期未还"
    reading = part(reopened, "查阅登记").model.rows[0].values  # the register's FORMS §5 columns, read back
    assert (reading["reader_political"], reading["reader_phone"], reading["unit_opinion"], reading["leader_opinion"],
            reading["instructed_on"]) == ("中共党员", "13900001111", "同意", "同意查阅", "2026-10-07")
    assert current_photo(editor.secretary_id) is not None
    assert not reopened.is_dirty()
    assert [row.cells[2] for row in page.model.matching] == ["张三"]


def test_validation_names_the_field_and_keeps_the_input(page, qtbot, unit):
    editor = page.new_file()
    qtbot.addWidget(editor)
    fill_basic(editor, unit)
    editor.basic.widgets["id_number"].setText("370281197503120019")
    editor.basic.check_field("id_number")
    assert "校验码错误" in editor.basic.widgets["id_number"].toolTip()
    assert not editor.save()
    assert editor.message.text().startswith("未保存：身份证号:校验码错误")
    assert editor.basic.widgets["name"].text() == "张三"  # nothing the clerk typed is lost
    editor.basic.widgets["id_number"].setText(ID)
    resume = part(editor, "简历")
    add_rows(qtbot, resume, [{"start": "1975.13", "text": "务农"}])
    assert "月份不存在" in resume.model.data(resume.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert not editor.save()
    assert editor.tabs.currentWidget() is resume
    assert "简历第1行" in editor.message.text()
    set_cell(resume, 0, "start", "1993.08")
    set_cell(resume, 0, "end", "1990.01")
    assert not editor.save()
    assert "简历第1行“截止时间”:不能早于起始时间" in editor.message.text()
    assert not Secretary.select().exists()


@pytest.mark.parametrize("typed_birth, warned", [("1975-3", False), ("1975.03.12", False), ("1975.03.09", True),
                                                 ("1975", False), ("1976.03", True)])
def test_the_id_number_warns_beside_the_field_as_saving_will(page, qtbot, unit, typed_birth, warned):
    """The notice under the fields says what saving the file will warn about (values.consistency):
    a birth date the ID number contradicts at the precision it is typed in, and only then."""
    editor = page.new_file()
    qtbot.addWidget(editor)
    fill_basic(editor, unit)
    editor.basic.widgets["birth_date"].setText(typed_birth)
    editor.basic.widgets["id_number"].editingFinished.emit()
    assert ("出生年月与身份证号中的出生日期（1975.03.12）不一致" in editor.basic.notice.text()) == warned
    assert editor.save(), editor.message.text()
    saved = Secretary.get(Secretary.name == "张三")
    assert ("与身份证号中的出生日期" in editor.message.text()) == warned, editor.message.text()
    assert saved.birth_date == {"1975-3": "1975.03"}.get(typed_birth, typed_birth)


def test_pinyin_initials_find_the_file(page, qtbot, admin):
    build_demo(SYSTEM, secretaries=40, seed=5)
    services.create(admin, Secretary, {"name": "张三", "unit": page.model.all_rows[0].unit_id if page.model.all_rows
                                       else Secretary.select().first().unit_id})
    page.reload()
    qtbot.keyClicks(page.search, "zs")
    names = [row.cells[2] for row in page.model.matching]
    assert "张三" in names and all(row.haystack.count("zs") or "zs" in row.haystack for row in page.model.matching)
    assert page.count.text() == f"显示 {len(names)} / 共 41 人"
    page.search.clear()
    assert page.model.matched == 41


def test_the_unsaved_changes_guard(page, qtbot, unit, monkeypatch):
    editor = page.new_file()
    qtbot.addWidget(editor)
    editor.show()
    fill_basic(editor, unit)
    monkeypatch.setattr(editor, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    editor.close()
    assert editor.isVisible()
    monkeypatch.setattr(editor, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    editor.close()
    assert not editor.isVisible() and Secretary.get(Secretary.name == "张三")
    second = page.open_file(editor.secretary_id)
    qtbot.addWidget(second)
    second.basic.widgets["phone"].setText("13900139000")
    monkeypatch.setattr(second, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    second.close()
    assert Secretary.get(Secretary.name == "张三").phone == "13800138000"


def test_rows_are_added_removed_and_reordered(page, qtbot, unit):
    editor = page.new_file()
    qtbot.addWidget(editor)
    fill_basic(editor, unit)
    family = part(editor, "家庭成员")
    add_rows(qtbot, family, FAMILY[:3])
    family.table.setCurrentIndex(family.model.index(2, 0))
    qtbot.mouseClick(family.up_button, Qt.MouseButton.LeftButton)
    family.table.setCurrentIndex(family.model.index(0, 0))
    qtbot.mouseClick(family.remove_button, Qt.MouseButton.LeftButton)
    assert editor.save(), editor.message.text()
    stored = FamilyMember.live().where(FamilyMember.secretary == editor.secretary_id).order_by(FamilyMember.sort_order)
    assert [m.name for m in stored] == ["张丽", "张伟"]


def test_recycle_bin_and_restore(page, qtbot, admin, unit, monkeypatch):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    page.reload()
    page.table.setCurrentIndex(page.model.index(0, 0))
    monkeypatch.setattr(page, "ask_reason", lambda name: ("重复建档", True))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.matched == 0
    qtbot.mouseClick(page.bin_button, Qt.MouseButton.LeftButton)
    assert [row.cells[2] for row in page.model.matching] == ["张三"]
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert Secretary.get_by_id(person.id).deleted_at is None


def test_hidden_columns_are_remembered(page, qtbot, admin):
    page.set_column_shown(9, False)
    again = RosterPage(admin)
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(9) and not again.table.isColumnHidden(2)


def test_scans_are_attached_counted_and_viewable(page, qtbot, admin, unit, tmp_path):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    services.create(admin, Material, {"secretary": person.id, "category": "1", "title": "履历表", "pages": 2})
    editor = page.open_file(person.id)
    qtbot.addWidget(editor)
    materials = part(editor, "档案材料目录")
    materials.table.setCurrentIndex(materials.model.index(0, 0))
    assert materials.attach_files([photo_file(tmp_path)])
    assert materials.counts.text() == "已编目 2 页，已扫描 1 页"
    assert Attachment.get(Attachment.material.is_null(False)).file_name == "photo.png"
    from ui.personnel.scans import ScanViewer, scans_of
    viewer = ScanViewer("履历表", scans_of(materials.model.rows[0].record_id))
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert not viewer.image.pixmap().isNull()
    fitted = viewer.image.pixmap().width()
    assert fitted <= viewer.scroll.viewport().width() < 800  # the whole page in the window first
    button = {b.text(): b for b in viewer.findChildren(QPushButton)}
    qtbot.mouseClick(button["放大"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button["放大"], Qt.MouseButton.LeftButton)
    assert viewer.image.pixmap().width() > fitted and viewer.zoom_label.text().endswith("%")
    qtbot.mouseClick(button["原始大小"], Qt.MouseButton.LeftButton)
    assert viewer.image.pixmap().width() == 800  # the scan's own pixels
    qtbot.mouseClick(button["适合窗口"], Qt.MouseButton.LeftButton)
    assert viewer.image.pixmap().width() == fitted


def test_the_history_tab_shows_each_change(page, qtbot, admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    services.update(admin, Secretary, person.id, {"phone": "13800138000"})
    editor = page.open_file(person.id)
    qtbot.addWidget(editor)
    rows = editor.history.rows
    assert rows[0][2] == "查看" and rows[1][2] == "修改" and "联系电话:13800138000" in rows[1][4]
    services.update(admin, Secretary, person.id, {"ethnicity": "03", "sex": "2"})
    editor.load()
    changed = editor.history.rows[0]
    assert changed[1] == admin.display_name != admin.username  # the name, not the login
    assert "民族:回族" in changed[4] and "性别:女" in changed[4] and "03" not in changed[4]


def test_every_table_model_passes_the_model_tester(page, qtmodeltester, admin, unit):
    build_demo(SYSTEM, secretaries=5, seed=1)
    page.reload()
    qtmodeltester.check(page.model)
    person = Secretary.select().first()
    for spec in part_specs():
        model = PartTableModel(spec)
        model.load(spec.model.live().where(spec.model.secretary == person.id))
        qtmodeltester.check(model)
    qtmodeltester.check(RowsModel(["a", "b"], [("1", "2"), ("3", None)]))
    empty = RosterModel()
    qtmodeltester.check(empty)


def test_screenshots_of_every_tab(page, qtbot, admin, tmp_path):
    build_demo(SYSTEM, secretaries=3, seed=2)
    page.reload()
    page.grab().save(str(tmp_path / "register.png"))
    editor = page.open_file(Secretary.select().first().id)
    qtbot.addWidget(editor)
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        assert not editor.grab().isNull()


@pytest.mark.parametrize("typed, stored", [("女儿", "女儿"), ("外甥女", "外甥女")])
def test_a_drop_down_value_typed_and_confirmed_with_tab_is_stored(page, qtbot, unit, typed, stored):
    from PySide6.QtWidgets import QComboBox
    editor = page.new_file()
    qtbot.addWidget(editor)
    editor.show()
    family = part(editor, "家庭成员")
    editor.tabs.setCurrentWidget(family)
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    column = [c.field for c in family.model.columns].index("relation")
    index = family.model.index(0, column)
    family.table.setCurrentIndex(index)
    combo = family.table.viewport().findChild(QComboBox)
    combo.lineEdit().setText(typed)  # typed through the input method (key clicks cannot carry 汉字)
    combo.lineEdit().textEdited.emit(typed)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    assert family.model.data(index, Qt.ItemDataRole.EditRole) == stored
    editor.ask_unsaved = lambda: QMessageBox.StandardButton.Discard


def test_a_roster_is_checked_row_by_row_before_anything_is_imported(page, qtbot, tmp_path):
    from openpyxl import Workbook

    def workbook(rows):
        book = Workbook()
        sheet = book.active
        sheet.append(["乡镇", "村(社区)", "姓名", "身份证号", "性别"])
        for row in rows:
            sheet.append(row)
        path = tmp_path / f"花名册{len(rows)}.xlsx"
        book.save(path)
        return path

    dialog = page.import_roster()
    qtbot.addWidget(dialog)

    def checks(path) -> bool:  # the dry run, on the database worker
        with qtbot.waitSignal(dialog.checked, timeout=10000) as told:
            dialog.check(path)
        return told.args[0]

    bad = workbook([["青石镇", "东王家村", "张三", "110101199003071233", "男"],
                    ["青石镇", "西王家村", "李四", "123", "女"]])
    assert not checks(bad) and not dialog.import_button.isEnabled()
    assert [line[3] for line in dialog.model.rows][0] == "新建档案"
    assert dialog.model.rows[1][3].startswith("有问题") and "身份证号" in dialog.model.rows[1][3]
    assert "1 行有问题" in dialog.summary.text() and Secretary.live().count() == 0  # nothing written
    good = workbook([["青石镇", "东王家村", "张三", "110101199003071233", "男"],
                     ["青石镇", "西王家村", "李四", "", "女"], ["青石镇", "东王家村", "王五", "", "男"]])
    assert checks(good) and "将新建 3 份" in dialog.summary.text()
    assert dialog.apply() and Secretary.live().count() == 3
    book = Workbook()  # the yearly reconciliation: the district's roster against the archive
    book.active.append(["乡镇", "村(社区)", "姓名", "身份证号", "性别", "联系电话"])
    book.active.append(["青石镇", "西王家村", "张三", "110101199003071233", "男", "13900000000"])
    book.save(tmp_path / "对账.xlsx")
    assert checks(tmp_path / "对账.xlsx")
    [line] = dialog.model.rows
    assert line[3] == "更新:联系电话:(空) → 13900000000;所在村(社区):东王家村 → 西王家村"
    assert Secretary.get(Secretary.name == "张三").phone is None  # shown, not yet written
    with qtbot.waitSignal(page.export_to(tmp_path / "导出.xlsx").finished, timeout=10000):
        pass
    assert page.count.text().startswith("已导出花名册：3人") and load_workbook(tmp_path / "导出.xlsx").active.max_row == 4


def test_a_roster_from_another_office_with_date_and_number_cells_imports(page, qtbot, tmp_path):
    """Excel keeps dates as dates and numbers as numbers: read as the clerk sees them, and refused
    by name where Excel has already lost what was typed."""
    import datetime as dt

    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["乡镇", "村(社区)", "姓名", "身份证号", "出生年月", "任现职时间", "联系电话"])
    sheet.append(["青石镇", "东王家村", "张三", "370281197902010019", dt.datetime(1979, 2, 1), 2021.1, 13800138000])
    sheet["E2"].number_format, sheet["F2"].number_format = "yyyy-mm-dd", "0.00"  # shown as 2021.10
    path = tmp_path / "外单位花名册.xlsx"
    book.save(path)
    dialog = page.import_roster()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=10000) as told:
        dialog.check(path)
    assert told.args[0], dialog.model.rows
    assert dialog.apply()
    person = Secretary.get(Secretary.name == "张三")
    assert (person.birth_date, person.post_since, person.phone) == ("1979.02", "2021.10", "13800138000")
    sheet.append(["青石镇", "东王家村", "李四", 3.70281197503120e17, None, 2018.1, None])  # General format
    sheet.append(["青石镇", "东王家村", "王五", "", None, 2021.12, None])
    sheet["F4"].number_format = "0.0"  # shows 2021.1; the cell holds December
    book.save(path)
    with qtbot.waitSignal(dialog.checked, timeout=10000) as told:
        dialog.check(path)
    assert not told.args[0]
    problem = dialog.model.rows[1][3]
    assert "“身份证号”是数字单元格" in problem and "分不清是2018.01还是2018.10" in problem
    assert dialog.model.rows[2][3] == "新建档案"
    from models.io.roster import _cell_text
    assert _cell_text("任现职时间", 2021.12, "0.0") == "2021.12"  # never rounded to the format
    assert Secretary.live().count() == 1


def test_the_last_save_is_undone_from_the_history_tab(page, qtbot, admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    editor = page.open_file(person.id)
    qtbot.addWidget(editor)
    editor.basic.widgets["phone"].setText("13800138000")
    editor.basic.widgets["phone"].textEdited.emit("13800138000")
    assert editor.save(), editor.message.text()
    questions = []
    editor.confirm = lambda question: questions.append(question) or True
    editor.ask_undo()
    assert "撤销 admin 在" in questions[0] and "修改人事档案:张三" in questions[0]
    assert Secretary.get_by_id(person.id).phone is None and editor.basic.widgets["phone"].text() == ""
    assert editor.history.rows[0][2] == "撤销" and editor.message.text() == "已撤销上一次保存"
    editor.ask_undo()  # the file was created outside the editor: no save of it left to undo
    assert editor.message.text() == "这份档案没有可以撤销的保存" and len(questions) == 1


def test_lrmx_files_are_previewed_per_person_and_field_then_imported_and_exported(page, qtbot, unit, tmp_path):
    from pathlib import Path
    from ui.personnel.lrmx_dialog import LrmxImportDialog
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "lrmx"
    dialog = page.import_cards()
    assert isinstance(dialog, LrmxImportDialog)
    (tmp_path / "坏.lrmx").write_text("<Root/>")
    for name in ("padded.lrmx", "older.lrm", "older.pic"):
        (tmp_path / name).write_bytes((fixtures / name).read_bytes())
    with qtbot.waitSignal(dialog.checked, timeout=10000):  # read on the database worker
        dialog.check([tmp_path])
    rows = {row[0]: row for row in dialog.model.rows}
    assert rows["padded.lrmx"][2] == "新建" and "简历中1行无法识别" in rows["padded.lrmx"][4]
    assert "年度考核、奖惩按原文保留" in rows["padded.lrmx"][4]  # 2025年待定, 1999年曾受表彰: kept, and said so
    assert rows["坏.lrmx"][2] == "有问题" and "Person" in rows["坏.lrmx"][4]
    assert "新建 2" in dialog.summary.text() and dialog.skip_bad.isEnabled()
    assert not dialog.apply() and "有问题的文件" in dialog.summary.text() and Secretary.live().count() == 0
    dialog.skip_bad.setChecked(True)
    assert dialog.apply() and Secretary.live().count() == 2
    page.reload()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.export_cards(tmp_path / "out").finished, timeout=10000):
        pass
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".lrmx"] and "已导出任免审批表 1 份" in page.count.text()
    editor = page.open_file(Secretary.get(Secretary.name == "王丽").id)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.export_card(tmp_path / "one").finished, timeout=10000):
        pass
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["王丽.lrmx"] and "王丽.lrmx" in editor.message.text()
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.check([tmp_path / "one"])
    assert dialog.model.rows[0][2] == "无变化"


def test_the_file_shows_its_check_warnings_and_records_an_acceptance(page, qtbot, admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "birth_date": "1975.04",
                                                "id_number": "370281197503120018", "party_date": "1990.01"}).record
    editor = page.open_file(person.id)
    qtbot.addWidget(editor)
    tab = editor.findings
    rows = {row[1]: row for row in tab.model.rows}
    assert rows["出生年月1975.04与身份证号中的1975.03不一致"][3] == "待核"
    assert "入党时间1990.01时未满18周岁" in rows and "待核 " in tab.summary.text()
    row = [w.check for w in tab.warnings].index("出生年月")
    assert tab.record(row, value="1975.04", basis="1993年招工登记表", approver="周部长", decided_on=None)
    accepted = {r[1]: r for r in tab.model.rows}["出生年月1975.04与身份证号中的1975.03不一致"]
    assert accepted[3] == "已认定" and "1993年招工登记表" in accepted[4]
    dialog = page.show_audit()  # open at once, the files checked on the database worker
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.model.rows), timeout=10_000)
    assert dialog.model.rows[0][0] == "张三" and dialog.model.rows[0][2] >= 1
    assert "共 1 份档案，1 份有待核问题" in dialog.heading.text() and dialog.progress.isHidden()


def test_a_large_register_shows_its_first_rows_at_once_and_the_rest_when_read(gui, qtbot, admin, monkeypatch):
    from ui.personnel import roster_page

    build_demo(admin, secretaries=30, seed=7)
    monkeypatch.setattr(roster_page, "FIRST_ROWS", 10)
    register = RosterPage(admin)
    qtbot.addWidget(register)
    assert register.model.total == 10  # shown before the rest is read
    qtbot.waitUntil(lambda: register.model.total == 30, timeout=10_000)
    assert register.count.text() == "显示 30 / 共 30 人"
    names = [register.model.row_at(row).cells[2] for row in range(10)]
    assert names == [row.cells[2] for row in roster_page.load_roster(limit=10)]  # the same order as in full


def test_typing_on_narrows_the_rows_shown_and_new_rows_are_filtered_afresh(qapp):
    from models.personnel.roster import RosterFilter, RosterRow
    from ui.personnel.roster_model import RosterModel

    def row(key, haystack, status="在任"):
        return RosterRow(key, "t", "u", status, (key,) * 14, haystack)

    model = RosterModel()
    model.set_rows([row("a", "zhangsan"), row("b", "zhaosi"), row("c", "wangwu")])
    shown = lambda: [model.row_at(n).id for n in range(model.rowCount())]  # noqa: E731
    model.apply(RosterFilter("z"))
    assert shown() == ["a", "b"]
    model.apply(RosterFilter("zhang"))
    assert shown() == ["a"]
    model.apply(RosterFilter("wu"))  # not a narrowing: all rows searched again
    assert shown() == ["c"]
    model.apply(RosterFilter("wu", status="离任"))
    assert shown() == []
    model.apply(RosterFilter("z"))
    model.set_rows([row("d", "zhouliu"), row("a", "zhangsan")])  # read again: the same filter on the new rows
    assert shown() == ["d", "a"]


def test_the_catalogue_offers_the_sub_classes_and_keeps_a_bare_class_it_finds(page, qtbot, unit):
    """四 and 九 have sub-classes: a material is filed under 四-1…四-4 / 九-1…, never bare 四 (it then
    printed under the class); a material already under bare 四 keeps it when its cell is edited —
    a drop-down without the value once wrote an empty category."""
    editor = FileEditor(page.actor, None)
    qtbot.addWidget(editor)
    tab = part(editor, "档案材料目录")
    add_rows(qtbot, tab, [{"category": "4", "title": "学历证书", "date": "1995.07"}])
    column = [c.field for c in tab.spec.columns].index("category")
    index = tab.model.index(0, column)
    delegate = tab.table.itemDelegate()
    combo = delegate.createEditor(tab.table.viewport(), None, index)
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert "4-1" in offered and "9-1" in offered and "1" in offered
    assert offered.count("4") == 1 and "9" not in offered  # only the value this row already holds
    delegate.setEditorData(combo, index)
    delegate.setModelData(combo, tab.model, index)
    assert tab.model.rows[0].values["category"] == "4"
    fresh = tab.model.index(tab.model.rowCount() - 1, column)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    combo = delegate.createEditor(tab.table.viewport(), None, tab.model.index(1, column))
    assert "4" not in [combo.itemData(i) for i in range(combo.count())] and fresh.isValid()
