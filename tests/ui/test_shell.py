import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from models.accounts.tables import User
from models.demo.builder import build_demo
from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.writing import services
from models.writing.actor import SYSTEM
from ui import app as app_module
from ui.errors import ErrorDialog, explain
from ui.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from ui.matters.report_editor import ReportEditor

AREAS = ["首页", "人事档案", "一事一报", "集中报告", "统计", "数据交换", "设置"]


@pytest.fixture
def window(gui, qtbot, admin):
    build_demo(SYSTEM, secretaries=15, seed=3)
    main = MainWindow(admin)
    qtbot.addWidget(main)
    main.show()
    return main


def test_navigation_reaches_every_area(window, tmp_path):
    assert window.page_titles() == AREAS
    assert window.show_page("数据交换") is window.exchange
    assert window.show_page("人事档案") is window.roster
    assert window.show_page("一事一报") is window.ledger
    assert window.show_page("集中报告") is window.campaigns
    assert window.show_page("统计") is window.statistics
    assert window.show_page("设置") is window.settings_page
    window.show_page("首页")
    window.grab().save(str(tmp_path / "main.png"))


def test_home_shows_the_archives_real_figures(window):
    cards = window.home.cards
    serving = Secretary.live().where(Secretary.status == "在任").count()
    assert cards["serving"].number.text() == str(serving)
    assert "乡镇模式 · 1个乡镇" in window.home.subtitle.text() and "管理员" in window.home.subtitle.text()
    dialog = window.home.show_details("serving")
    assert dialog.model.rowCount() == serving


def test_home_lists_who_is_missing_and_a_double_click_opens_the_file(window, qtbot, admin, today):
    from models.figures.coverage import campaign_coverage
    from models.figures.dashboard import latest_campaign
    coverage = campaign_coverage(latest_campaign())
    missing = sorted(p.name for p in coverage.people if not p.filed)
    dialog = window.home.show_details("coverage")
    assert missing and sorted(row[2] for row in dialog.model.rows) == missing  # not who filed
    assert dialog.windowTitle().endswith("集中报告未报")
    person = Secretary.get_by_id(dialog.model.keys[0])
    person.phone = None  # an incomplete file: the list says what it lacks
    person.save()
    incomplete = window.home.show_details("complete")
    assert dict((row[0], row[2]) for row in incomplete.model.rows)[person.name].startswith("联系电话")
    row = incomplete.model.keys.index(person.id)
    double_click(qtbot, incomplete.table, row)
    editor = window.roster.editors[person.id]
    assert editor.isVisible() and editor.basic.values()["name"] == person.name
    editor.close()
    _late_funeral_report(admin, person, today)  # the small demo need not have one in the last year
    reports = window.home.show_details("overdue")
    assert reports.model.rowCount() > 0
    reports.show()
    double_click(qtbot, reports.table, 0)
    double_click(qtbot, reports.table, 0)  # the clerk double-clicks again: the same window comes up
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportEditor) and w.isVisible()]
    assert len(opened) == 1, "one double-click, one window"
    assert opened[0].report.id == reports.model.keys[0] and "逾期" in opened[0].punctuality.text()
    assert window.open_item("report", reports.model.keys[0]) is opened[0]


def double_click(qtbot, table, row: int) -> None:
    """A real double-click on a row: a click, then the second press Qt reports as a double-click
    (and answers with both doubleClicked and activated)."""
    qtbot.waitExposed(table.window())
    spot = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def _late_funeral_report(admin, person, today) -> None:
    """A 事后 report of a funeral handed in five days after its 15 days."""
    import datetime as dt

    from models.matters.tables import MatterType
    from models.matters.workflow import save_report

    save_report(admin, report_id=None, data={
        "secretary": person.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "03").id,
        "timing": "事后", "matter_date": today - dt.timedelta(days=40), "report_date": today - dt.timedelta(days=20),
        "late_reason": "外出务工未及时得知"})


def test_the_page_and_geometry_are_remembered(window, qtbot, admin):
    window.show_page("统计")
    window.close()
    again = MainWindow(admin)
    qtbot.addWidget(again)
    assert again.navigation.currentItem().text() == "统计"


def test_the_bundled_chinese_fonts_are_registered(gui):
    families = QApplication.font().families()
    assert families[0] == "WenQuanYi Zen Hei"
    assert "HanaMinB" in QFontDatabase.families()


def test_login_refuses_a_wrong_password_inline_then_accepts(gui, qtbot, archive):
    dialog = LoginDialog("档案")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "用户名或密码不正确"
    assert dialog.password.text() == "" and dialog.actor is None
    qtbot.keyClicks(dialog.password, "correct-horse-9")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.actor.username == "admin" and dialog.actor.role == "admin"
    assert User.get(User.username == "admin").failed_logins == 0


def test_first_start_creates_the_administrator(gui, qtbot, tmp_path):
    from models.archive.lifecycle import close_archive, create_archive

    create_archive(tmp_path / "fresh.sqlite")
    try:
        dialog = FirstRunDialog()
        qtbot.addWidget(dialog)
        dialog.township.setText("柳河镇")  # Chinese arrives through the input method, not key by key
        qtbot.keyClicks(dialog.password, "first-password")
        qtbot.keyClicks(dialog.repeat, "other-password")
        dialog.try_accept()
        assert dialog.message.text() == "两次输入的密码不一致"
        dialog.repeat.clear()
        qtbot.keyClicks(dialog.repeat, "first-password")
        dialog.try_accept()
        assert dialog.actor is not None and dialog.actor.role == "admin"
        from models.storage import settings
        assert settings.get("township_name") == "柳河镇"
    finally:
        close_archive()


def test_first_start_can_make_the_districts_archive(gui, qtbot, tmp_path):
    from models.figures.overview import archive_overview
    from models.storage import settings
    from models.archive.lifecycle import close_archive, create_archive

    create_archive(tmp_path / "district.sqlite")
    try:
        dialog = FirstRunDialog()
        qtbot.addWidget(dialog)
        dialog.district.setChecked(True)
        assert not dialog.township.isEnabled()
        for line in (dialog.password, dialog.repeat):
            line.setText("first-password")
        dialog.try_accept()
        assert dialog.actor is not None, dialog.message.text()
        assert settings.get("mode") == "district" and not settings.get("township_name")
        assert archive_overview().mode_name.startswith("区县")
    finally:
        close_archive()


def test_errors_are_a_sentence_with_copyable_details(gui, qtbot):
    dialog = ErrorDialog(explain(ArchiveError("档案文件已损坏")), "Traceback: details")
    qtbot.addWidget(dialog)
    assert dialog.sentence.text() == "档案文件已损坏"
    assert not dialog.details.isVisible()
    assert explain(OSError(28, "No space left on device")).startswith("磁盘空间已满")
    assert "意外" in explain(KeyError("x"))


def test_a_second_instance_on_the_same_archive_is_refused(gui, tmp_path):
    from models.archive.lifecycle import close_archive, create_archive
    create_archive(tmp_path / "a.sqlite")
    close_archive()
    first = app_module.lock_archive(tmp_path / "a.sqlite")
    assert first is not None
    assert app_module.lock_archive(tmp_path / "a.sqlite") is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.sqlite").hardlink_to(tmp_path / "a.sqlite")  # another name for the same file
    assert app_module.lock_archive(tmp_path / "other" / "b.sqlite") is None
    first.release()
    assert app_module.lock_archive(tmp_path / "a.sqlite") is not None


def test_a_viewer_cannot_write_even_when_the_ui_would_let_them(window):
    from models.errors import PermissionDenied
    from models.writing.actor import Actor

    viewer = Actor("v", "查阅员", "viewer")
    with pytest.raises(PermissionDenied):
        services.update(viewer, Secretary, Secretary.select().first().id, {"phone": "13800138000"})


def test_the_start_up_check_runs_in_the_background(window, qtbot, gui, monkeypatch):
    """In a child process: the window's interpreter stays free for typing while it runs."""
    import subprocess
    children = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: children.append(args) or real_popen(args, **kw))
    window.start_checks(gui)
    with qtbot.waitSignal(window.check_operation.finished, timeout=60000):
        pass
    assert window.statusBar().currentMessage() == "档案检查通过"
    assert children and children[0][1:3] == ["-m", "models.archive.check"]


def test_the_next_start_up_check_reads_what_changed_since_the_last_one_and_says_so(window, qtbot, gui):
    for message in ("档案检查通过", "档案检查通过（核对了上次检查以来的改动，每周完整检查一次）"):
        window.start_checks(gui)
        with qtbot.waitSignal(window.check_operation.finished, timeout=60000):
            pass
        assert window.statusBar().currentMessage() == message


def test_a_damaged_archive_is_reported_by_the_check_in_its_child_process(archive, admin):
    from models.archive.check import run_check_apart
    from models.storage.db import db
    with db.atomic():  # a change made outside the program: the log no longer describes the record
        db.execute_sql("UPDATE setting SET value = '\"篡改\"' WHERE key = 'township_name'")
    result = run_check_apart(archive)
    assert not result.ok and any("township_name" in fault or "设置" in fault for fault in result.faults)


def test_idle_time_locks_until_the_same_user_signs_in_again(window, qtbot, gui, monkeypatch):
    from models.writing.actor import Actor
    answers = iter([None, Actor("someone", "别人", "clerk"), window.actor])
    seen = []

    def ask():
        seen.append(window.centralWidget().isVisible())
        return next(answers)

    monkeypatch.setattr(window, "ask_unlock", ask)
    window.start_checks(gui)
    window.idle_watch.timer.setInterval(10)
    window.idle_watch.timer.start()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert seen == [False, False, False] and window.centralWidget().isVisible()
    window.check_operation.wait()


def test_backup_and_restore_from_the_settings_page(window, qtbot, tmp_path):
    from models.storage.backup import list_backups
    from models.archive.check import run_check
    from models.storage.db import database_path
    from models.archive.lifecycle import open_archive

    page = window.show_page("设置").backups
    operation = page.start_backup(tmp_path / "stick" / "backup.zip")
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    assert "已完整备份" in page.message.text() and (tmp_path / "stick" / "backup.zip").exists()
    person = Secretary.select().first()
    services.update(window.actor, Secretary, person.id, {"remarks": "备份之后的修改"})
    with qtbot.waitSignal(page.restored, timeout=30000):
        page.start_restore(tmp_path / "stick" / "backup.zip")
    assert window.restart_requested
    open_archive(database_path())
    assert Secretary.get_by_id(person.id).remarks is None and run_check().ok
    kept = [c for c in list_backups(database_path().parent / "backups") if c.reason == "before-restore"]
    assert kept  # the archive replaced is kept, with the change made after the backup


def test_an_administrator_repairs_a_forged_log_from_the_settings_page(window, qtbot, monkeypatch):
    """Entries appended behind the program's back stop every write; 设置 → 备份与恢复 then offers
    修复操作日志 (and only then), and after it the archive writes again."""
    import os

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from models.archive.check import run_check
    from tests.models.test_check import _forge_tail_entry

    page = window.show_page("设置").backups
    assert not page.repair_button.isVisibleTo(page)  # nothing to repair: no button
    victim, forged = _forge_tail_entry()
    page.refresh()
    assert page.repair_button.isVisibleTo(page) and page.repair_button.isEnabled()
    if os.environ.get("SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["SCREENSHOTS"], "settings-backup-repair.png"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.repair_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已修复操作日志" in page.message.text(), timeout=10000)
    assert f"第{forged['seq']}条没有封印" in asked[0] and f"移出第{forged['seq']}条(共1条" in asked[0]
    assert not page.repair_button.isVisibleTo(page)
    services.update(window.actor, Secretary, victim.id, {"phone": victim.phone or "13800000000"})
    assert run_check().ok, run_check().faults


def test_widgets_in_garbage_are_destroyed_on_the_gui_thread_never_in_a_worker(gui, qtbot):
    """The collector would otherwise run in whichever thread allocates, e.g. a form rendering in
    the background, and destroy a widget there (a crash)."""
    import threading

    from PySide6.QtWidgets import QWidget

    from ui.background import QueryOp

    destroyed_in: list[str] = []

    class Held(QWidget):
        def __del__(self):
            destroyed_in.append(threading.current_thread().name)

    def garbage():
        widget = Held()
        widget.cycle = widget  # only the cyclic collector can free it

    garbage()
    done = []

    def allocate(progress, cancelled):
        return [[n] for n in range(200_000)]  # kept: far past the collector's thresholds

    operation = QueryOp(allocate, on_success=done.append, on_failure=done.append)
    operation.start()
    qtbot.waitUntil(lambda: bool(done) and bool(destroyed_in), timeout=10000)
    assert destroyed_in == [threading.main_thread().name]


def test_a_full_collection_waits_until_the_background_work_is_done(monkeypatch):
    """A full collection walks every object (an import's records included: 70–100 ms, a frozen
    window); while work runs, the timer collects the young generations only."""
    import gc

    from ui import background

    collected = []
    with monkeypatch.context() as patched:
        patched.setattr(gc, "get_count", lambda: (800, 20, 100))  # every generation due
        patched.setattr(gc, "collect", collected.append)
        patched.setattr(background, "_running", {("thread", "worker")})
        background._collect_due_generations()
        patched.setattr(background, "_running", set())
        background._collect_due_generations()
    assert collected == [1, 2]


def _dirty_file(window, qtbot):
    editor = window.roster.open_file(Secretary.live().first().id)
    qtbot.addWidget(editor)
    editor.basic.widgets["address"].setText("改过的住址")
    editor.basic.widgets["address"].textEdited.emit("改过的住址")
    assert editor.is_dirty()
    return editor


def test_quitting_with_an_unsaved_file_asks_and_cancel_keeps_everything_open(window, qtbot):
    from PySide6.QtWidgets import QMessageBox
    editor = _dirty_file(window, qtbot)
    asked = []
    editor.ask_unsaved = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked == [1] and window.isVisible() and editor.isVisible()
    editor.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    assert window.close() and not editor.isVisible()
    assert Secretary.get_by_id(editor.secretary_id).address != "改过的住址"


def test_the_idle_lock_hides_every_window_and_someone_else_can_only_switch_user(window, qtbot, gui, monkeypatch):
    from ui.login import UnlockDialog
    from ui.printing.preview import PrintPreview
    from models.app.printing import render_form
    editor = _dirty_file(window, qtbot)
    preview = PrintPreview(render_form("catalogue", secretary_id=editor.secretary_id), "目录", window)
    qtbot.addWidget(preview)
    preview.show()
    seen = []

    def ask():
        seen.append((window.centralWidget().isVisible(), preview.isVisible(), editor.isVisible()))
        return window.actor if len(seen) == 1 else UnlockDialog.SWITCH

    monkeypatch.setattr(window, "ask_unlock", ask)
    questions = []
    monkeypatch.setattr(window, "confirm", lambda question: questions.append(question) or len(questions) > 1)
    assert window.lock() and seen == [(False, False, False)]
    assert preview.isVisible() and editor.isVisible()  # the same user: everything back as it was
    assert not window.lock() and seen[1:] == [(False, False, False)] * 2  # 取消 at the question: locked again
    assert "人事档案" in questions[0] and "尚未保存" in questions[0] and len(questions) == 2
    assert window.restart_requested and not editor.isVisible()
    assert Secretary.get_by_id(editor.secretary_id).address != "改过的住址"  # not saved by someone else


def test_the_unlock_dialog_cannot_be_dismissed_only_answered(gui, qtbot, admin):
    from ui.login import UnlockDialog
    dialog = UnlockDialog("已自动锁定", admin.username)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    switch = next(b for b in dialog.buttons.buttons() if b.text() == "切换用户…")
    switch.click()
    assert not dialog.isVisible() and dialog.result() == UnlockDialog.SWITCH


def test_keyboard_shortcuts_reach_the_common_actions(window, qtbot):
    from ui import shortcuts
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_page("统计")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentItem().text() == "人事档案" and window.roster.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.currentItem().text() == "一事一报"
    before = set(window.roster.editors)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [new] = [window.roster.editors[k] for k in set(window.roster.editors) - before]
    qtbot.addWidget(new)
    assert new.isVisible() and new.secretary_id is None
    new.activateWindow()
    qtbot.waitUntil(new.isActiveWindow)
    qtbot.keyClick(new, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert new.tabs.currentIndex() == 1
    remarks = new.basic.widgets["remarks"]
    remarks.setFocus()
    qtbot.keyClick(remarks, Qt.Key.Key_Tab)
    assert remarks.toPlainText() == "" and not remarks.hasFocus()  # Tab moved on
    qtbot.keyClick(new.tabs.currentWidget(), Qt.Key.Key_Escape)
    assert not new.isVisible()
    assert [key for key, _ in shortcuts.LISTED][:3] == ["Ctrl+N", "Ctrl+F", "Ctrl+P"]


def test_villages_are_renamed_merged_and_retired_in_settings(window, qtbot):
    from models.org.tables import Unit
    from models.org.units import add_unit
    tab = window.show_page("设置").organisation
    window.settings_page.setCurrentWidget(tab)
    keep = Unit.live().first()
    twin = add_unit(window.actor, township_id=keep.township_id, name="东河头庄(重复)", kind="村")
    person = services.create(window.actor, Secretary, {"name": "测试人", "unit": twin.id}).record
    tab.refresh()
    tab.select("unit", twin.id)
    assert tab.rename("东河头庄村(重复)") and Unit.get_by_id(twin.id).name == "东河头庄村(重复)"
    assert not tab.rename(keep.name) and "本乡镇已有" in tab.message.text()
    tab.select("unit", twin.id)
    questions = []
    tab.confirm = lambda question: questions.append(question) or True
    assert tab.retire() is False and "还有1份档案" in tab.message.text()
    assert twin.id in [t.id for t in Unit.live()] and keep.id in [t.id for t in tab.merge_targets()]
    assert tab.merge(keep.id)
    assert Secretary.get_by_id(person.id).unit_id == keep.id and Unit.get_by_id(twin.id).is_deleted
    assert "转入“" + keep.name in questions[-1] and tab.selected() == ("unit", keep.id)
    names = [tab.tree.topLevelItem(0).child(i).text(0) for i in range(tab.tree.topLevelItem(0).childCount())]
    assert "东河头庄村(重复)" not in names


def test_code_tables_are_edited_in_settings_and_the_drop_downs_follow(window, qtbot):
    from models.codes.lists import code_names
    tab = window.show_page("设置").codes
    tab.list_name.setCurrentText("称谓")
    defaults = tab.names()
    assert tab.add("继父") and tab.names() == defaults + ["继父"] and "继父" in code_names("称谓")
    tab.items.item(0).setCheckState(Qt.CheckState.Unchecked)  # the clerk unticks it
    assert defaults[0] not in code_names("称谓") and tab.names() == defaults + ["继父"]
    assert tab.restore() and code_names("称谓") == defaults + ["继父"]
    assert not tab.add("继父") and "已有“继父”" in tab.message.text()


def test_the_manual_opens_with_its_screenshots_shortcuts_and_the_version(window, qtbot):
    from models.app.version import VERSION
    from ui.help import about_text
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    text = dialog.browser.toPlainText()
    for section in ("首次使用", "人事档案", "一事一报", "年度集中报告", "打印", "数据交换", "备份与恢复", "快捷键"):
        assert section in text
    assert "Ctrl+N" in text and "新建人事档案" in text
    images = dialog.browser.document().toHtml().count("<img")
    assert images >= 7
    resource = dialog.browser.loadResource(2, dialog.browser.document().baseUrl().resolved("home.png"))
    assert resource is not None and not resource.isNull()  # the screenshot is found, not a broken image
    assert f"版本 {VERSION}" in about_text()


def test_the_english_catalogue_covers_every_string_and_is_chosen_in_settings(window, qtbot, tmp_path):
    """Every literal of the interface is in resources/i18n/app_en.ts, translated, and compiled
    into the .qm the program loads when English is chosen (the printed forms stay Chinese)."""
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from ui.i18n import chosen_language
    from ui.resources import install_translations

    root = Path(__file__).resolve().parents[2]
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (root / "ui").rglob("*.py"))
    subprocess.run([str(root / ".venv/bin/pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-tr-function-alias", "tr+=_t",
                    *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {m.findtext("source") for m in ET.parse(fresh).getroot().iter("message")}
    committed = {m.findtext("source"): m.find("translation") for m in
                 ET.parse(root / "resources/i18n/app_en.ts").getroot().iter("message")}
    assert wanted - set(committed) == set(), "run make translations and translate the new strings"
    assert [s for s in wanted if committed[s].get("type") == "unfinished" or not committed[s].text] == []
    settings_page = window.show_page("设置")
    tab = settings_page.archive_info
    tab.language.setCurrentIndex(tab.language.findData("en"))
    assert chosen_language() == "en" and "重新启动" in tab.message.text()
    try:
        install_translations(QApplication.instance())
        english = MainWindow(window.actor)
        qtbot.addWidget(english)
        assert english.page_titles() == ["Home", "Personnel files", "One matter, one report", "Annual report",
                                         "Statistics", "Data exchange", "Settings"]
        assert english.menuBar().actions()[0].text() == "&File"
    finally:
        tab.language.setCurrentIndex(tab.language.findData("zh_CN"))
        install_translations(QApplication.instance())
    chinese = MainWindow(window.actor)
    qtbot.addWidget(chinese)
    assert chosen_language() == "zh_CN" and chinese.page_titles() == AREAS


def test_closing_after_changes_leaves_one_new_copy_and_no_error(gui, admin, unit):
    from models.storage.backup import backup_folder, list_backups
    from models.storage.db import database_path
    from models.storage.record import utc_now

    opened_at = utc_now()
    services.create(admin, Secretary, {"name": "王五", "unit": unit.id})
    app_module.backup_on_close(opened_at)
    copies = list_backups(backup_folder(database_path()))
    assert [c.reason for c in copies].count("close") == 1


def test_emitting_signals_does_not_eat_pythons_references():
    """PySide6 6.12.0 loses a reference to the value ``emit`` returns: after a few thousand
    progress signals (a batch print, an import) the program aborts ("deallocating True or
    False"). setup.cfg keeps PySide6 below 6.12; this test tells when a release is safe."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from PySide6.QtCore import QObject, Signal\n"
            "class Worker(QObject):\n"
            "    progressed = Signal(int, int)\n"
            "worker = Worker()\n"
            "worker.progressed.connect(lambda done, total: None)\n"
            "before = sys.getrefcount(True), sys.getrefcount(False)\n"
            "for done in range(20000):\n"
            "    worker.progressed.emit(done, 20000)\n"
            "print(before == (sys.getrefcount(True), sys.getrefcount(False)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr[-300:]


def test_an_icon_shows_even_when_its_cache_cannot_be_written(gui, monkeypatch):
    """Two windows starting at once, or a full disk: the icon is drawn and shown all the same."""
    from pathlib import Path

    from ui.resources import icon

    def refuse(self, target):
        raise FileNotFoundError(target)

    monkeypatch.setattr(Path, "replace", refuse)
    assert not icon("print").isNull()


def test_the_open_archive_dialog_takes_a_file_or_a_server_and_says_what_is_wrong(gui, qtbot, tmp_path):
    from ui.open_archive import OpenArchiveDialog

    existing = tmp_path / "other.sqlite"
    existing.write_bytes(b"")
    dialog = OpenArchiveDialog(tmp_path / "missing.sqlite")
    qtbot.addWidget(dialog)
    assert dialog.file_choice.isChecked()
    dialog.try_accept()
    assert dialog.target is None and "找不到档案文件" in dialog.message.text()
    qtbot.keyClicks(dialog.server, "postgresql://clerk:secret@server/archive")  # typing there chooses the server
    assert dialog.server_choice.isChecked()
    dialog.try_accept()
    assert dialog.target is None and "密码不能写在地址里" in dialog.message.text()
    dialog.server.setText("postgresql://clerk@server/archive?password=secret")  # nor as a setting
    dialog.message.clear()
    dialog.try_accept()
    assert dialog.target is None and "密码不能写在地址里" in dialog.message.text()
    dialog.server.setText("server/archive")
    dialog.try_accept()
    assert "postgresql://用户名@服务器/数据库名" in dialog.message.text()
    dialog.server.setText("postgresql://server:5433/archive")  # a port is not a password
    dialog.try_accept()
    assert dialog.target == "postgresql://server:5433/archive"
    dialog.server.setText("postgresql://clerk@server/archive")
    dialog.try_accept()
    assert dialog.target == "postgresql://clerk@server/archive"
    dialog.file.setText(str(existing))
    dialog.file_choice.setChecked(True)
    dialog.try_accept()
    assert dialog.target == existing
    dialog.grab().save(str(tmp_path / "open-archive.png"))


def test_switching_archives_takes_the_new_ones_lock_and_a_broken_one_keeps_the_old(archive, gui, tmp_path,
                                                                                   error_dialogs):
    from models.storage import settings
    from models.archive.lifecycle import close_archive, create_archive, open_archive
    from ui.app import lock_archive, switch_to

    first = settings.installation_id()
    lock = lock_archive(archive)
    other = tmp_path / "other.sqlite"
    create_archive(other, township_name="柳河镇")
    second = settings.installation_id()
    close_archive()
    open_archive(archive)
    path, lock = switch_to(other, archive, lock)
    assert path == other.resolve() and settings.installation_id() == second
    assert lock_archive(archive) is not None  # the first one's lock was released
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not an archive" * 100)
    path, lock = switch_to(broken, path, lock)
    assert path == other.resolve() and settings.installation_id() == second and error_dialogs
    assert first != second
    lock.release()


def test_the_next_start_opens_the_archive_chosen_last(archive, gui, tmp_path, error_dialogs, monkeypatch):
    from models.archive.lifecycle import close_archive, create_archive
    from ui import app as app_module

    open_or_create = app_module.open_or_create

    lock = app_module.lock_archive(archive)
    other = tmp_path / "other.sqlite"
    create_archive(other, township_name="柳河镇")
    close_archive()
    path, lock = app_module.switch_to(other, archive, lock)  # 档案 → 打开其他档案…
    lock.release()
    close_archive()
    assert app_module.start_archive(None) == (other.resolve(), True)
    assert app_module.start_archive(str(archive)) == (archive.resolve(), False)  # --db still wins
    app_module.remember_archive("postgresql://clerk@127.0.0.1:1/archive")  # a server down this morning
    monkeypatch.setattr(app_module, "make_application", lambda: gui)
    monkeypatch.setattr(app_module, "install_excepthook", lambda: None)
    asked, opened = [], []
    monkeypatch.setattr(app_module, "open_default_instead", lambda error: asked.append(str(error)) or False)
    assert app_module.run_gui(None) == 1  # the clerk chose 退出
    assert "无法连接数据库" in asked[-1] and not error_dialogs
    monkeypatch.setattr(app_module, "open_default_instead", lambda error: True)
    monkeypatch.setattr(app_module, "open_or_create", lambda target: opened.append(target) or open_or_create(target))
    monkeypatch.setattr(app_module, "sign_in", lambda: None)  # (then closed at the sign-in)
    assert app_module.run_gui(None) == 0
    assert opened[-1] == app_module.default_archive()  # this PC's own archive, this time
    assert app_module.start_archive(None) == ("postgresql://clerk@127.0.0.1:1/archive", True)  # still chosen
    other.unlink()
    app_module.remember_archive(other)
    assert app_module.start_archive(None)[1] is False  # a remembered file since removed: the default


def test_about_shows_the_licences_of_qt_every_library_and_the_fonts(gui, qtbot, tmp_path):
    """关于 → 许可: the Qt/PySide6 notice (LGPL-3.0, replaceable libraries, where the source is),
    each library with its licence, the fonts' licences in full."""
    from ui.help import LicenceDialog

    dialog = LicenceDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "LGPL-3.0" in text and "download.qt.io" in text and "PySide6" in text
    for library in ("reportlab", "peewee", "cryptography", "openpyxl"):
        assert any(line.strip().lower().startswith(library) for line in text.splitlines()), library
    assert "LICENSE-wqy-zenhei.txt" in text and "LICENSE-hanazono.txt" in text
    # the GPL's full text where a Windows PC has it (the fonts' files pointed to a Debian path)
    assert "/usr/share/common-licenses" not in text and "licenses\\GPL-2.0.txt" in text
    dialog.grab().save(str(tmp_path / "licences.png"))
