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
    from models.storage.archive_file import close_archive, create_archive

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


def test_errors_are_a_sentence_with_copyable_details(gui, qtbot):
    dialog = ErrorDialog(explain(ArchiveError("档案文件已损坏")), "Traceback: details")
    qtbot.addWidget(dialog)
    assert dialog.sentence.text() == "档案文件已损坏"
    assert not dialog.details.isVisible()
    assert explain(OSError(28, "No space left on device")).startswith("磁盘空间已满")
    assert "意外" in explain(KeyError("x"))


def test_a_second_instance_on_the_same_archive_is_refused(gui, tmp_path):
    from models.storage.archive_file import close_archive, create_archive
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


def test_the_start_up_check_runs_in_the_background(window, qtbot, gui):
    window.start_checks(gui)
    with qtbot.waitSignal(window.check_operation.finished, timeout=30000):
        pass
    assert window.statusBar().currentMessage() == "档案检查通过"


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
    from models.storage.check import run_check
    from models.storage.db import database_path
    from models.storage.archive_file import open_archive

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
