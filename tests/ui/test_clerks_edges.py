"""Nothing a clerk types is lost or changed behind their back: the wheel, a shortcut, Esc, a
typed date, the idle lock — driven through the real widgets."""
import datetime as dt
import random

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QMessageBox,
                               QVBoxLayout, QWidget)

from models.matters.tables import MatterReport
from models.dossier.saving import save_file
from models.personnel.person import RewardPunishment
from ui.matters.report_editor import ReportEditor
from ui.personnel.file_editor import FileEditor
from ui.widgets.dates import date_edit


def wheel(widget, notches: int = -1) -> QWheelEvent:
    """A turn of the wheel over ``widget``, as the mouse delivers it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def value(box) -> str:
    return f"{box.currentIndex()}:{box.currentText()}" if isinstance(box, QComboBox) else box.text()


def choosers(window) -> list:
    found = [w for kind in (QComboBox, QAbstractSpinBox) for w in window.findChildren(kind) if w.isEnabled()]
    assert found
    return found


def shortcut(window, keys: str) -> QShortcut:
    return next(s for s in window.findChildren(QShortcut) if s.key() == QKeySequence(keys))


@pytest.fixture(autouse=True)
def never_block_on_close(monkeypatch):
    """Closing a window with typed input asks a modal question; left open at a test's end: 放弃."""
    for window in (FileEditor, ReportEditor):
        monkeypatch.setattr(window, "ask_unsaved", lambda self: QMessageBox.StandardButton.Discard)


@pytest.fixture
def secretary(admin, unit):
    return save_file(admin, secretary_id=None, basic={
        "name": "张三", "unit": unit.id, "id_number": "370281197503120018", "sex": "1", "ethnicity": "01",
        "party_date": "1996.07", "work_date": "1993.08", "post_since": "2018.01"}, parts=[]).record


@pytest.fixture
def file_editor(gui, qtbot, admin, unit, secretary):
    editor = FileEditor(admin, secretary.id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


@pytest.fixture
def report_editor(gui, qtbot, admin, unit, secretary):
    editor = ReportEditor(admin)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_the_wheel_over_a_box_not_clicked_into_changes_nothing(file_editor, report_editor, qtbot):
    for window in (file_editor, report_editor):
        for box in choosers(window):
            before = value(box)
            if isinstance(box, QComboBox) and box.count() > 1:
                box.setCurrentIndex(box.count() // 2)  # somewhere the wheel could move it either way
                before = value(box)
            # left ignored, not eaten: Qt then offers a real wheel to the parent, and the form scrolls
            assert not wheel(box, -1).isAccepted()
            wheel(box, 1)
            wheel(box, 1)
            assert value(box) == before, box.objectName() or type(box).__name__
            assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel cannot give it the focus


def test_a_box_the_clerk_clicked_into_still_takes_the_wheel(file_editor, qtbot):
    village = file_editor.basic.widgets["ethnicity"]
    village.setCurrentIndex(3)
    file_editor.activateWindow()
    qtbot.waitUntil(file_editor.isActiveWindow)
    village.setFocus()
    qtbot.waitUntil(village.hasFocus)
    wheel(village, -1)
    assert village.currentIndex() == 4


def a_reward_row(file_editor, qtbot):
    """A 奖惩 row with its date, kind and text; returns the tab."""
    rewards = next(tab for tab in file_editor.parts if tab.spec.tab == "奖惩")
    file_editor.tabs.setCurrentWidget(rewards)
    qtbot.mouseClick(rewards.add_button, Qt.MouseButton.LeftButton)
    for field, filled in (("date", "2022.07"), ("kind", "奖励"), ("text", "优秀党务工作者")):
        assert rewards.model.setData(rewards.model.index(0, _column(rewards, field)), filled, Qt.ItemDataRole.EditRole)
    return rewards


def _column(tab, field: str) -> int:
    return [c.field for c in tab.spec.columns].index(field)


def open_authority_cell(rewards) -> QLineEdit:
    """The 批准机关 cell's editor, opened as the clerk moves into it."""
    rewards.table.setCurrentIndex(rewards.model.index(0, _column(rewards, "authority")))
    cell, = [w for w in rewards.table.viewport().findChildren(QLineEdit) if w.isVisible()]
    return cell


def test_ctrl_s_keeps_the_cell_still_being_typed(file_editor, qtbot, admin):
    rewards = a_reward_row(file_editor, qtbot)
    cell = open_authority_cell(rewards)
    qtbot.keyClicks(cell, "zdw")  # typed (key clicks cannot carry 汉字; the input method's result is plain text)
    cell.setText("镇党委")
    shortcut(file_editor, "Ctrl+S").activated.emit()  # the focus never leaves the 批准机关 cell
    assert "已保存" in file_editor.message.text()
    saved = RewardPunishment.get(RewardPunishment.secretary == file_editor.secretary_id)
    assert (saved.text, saved.authority) == ("优秀党务工作者", "镇党委")
    assert not file_editor.is_dirty()


@pytest.mark.parametrize("leave", ["esc", "close_button", "window_x"])
def test_a_typed_report_is_never_dropped_without_asking(report_editor, qtbot, monkeypatch, secretary, leave):
    report_editor.picker.select(secretary.id, secretary.name)
    report_editor.content.setPlainText("儿子已于11月20日结婚")
    asked = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    monkeypatch.setattr(report_editor, "ask_unsaved", lambda: asked.append(1) or next(answers))

    def try_to_leave():
        if leave == "esc":
            qtbot.keyClick(report_editor, Qt.Key.Key_Escape)
        elif leave == "close_button":
            qtbot.mouseClick(next(b for b in report_editor.findChildren(type(report_editor.save_button))
                                  if b.text() == "关闭"), Qt.MouseButton.LeftButton)
        else:
            report_editor.close()

    try_to_leave()
    assert asked == [1] and report_editor.isVisible()  # 取消: still there, with what was typed
    assert report_editor.content.toPlainText().startswith("儿子已于")
    report_editor.lines["matter_date"].setText("2026-11-20")
    try_to_leave()  # 保存: saved, then closed
    assert not report_editor.isVisible()
    assert MatterReport.get(MatterReport.secretary == secretary.id).content.startswith("儿子已于")


def test_a_report_opened_and_left_untouched_closes_without_a_question(report_editor, qtbot, monkeypatch):
    monkeypatch.setattr(report_editor, "ask_unsaved", lambda: pytest.fail("nothing was typed"))
    qtbot.keyClick(report_editor, Qt.Key.Key_Escape)
    assert not report_editor.isVisible()


def test_ctrl_s_saves_the_report(report_editor, secretary):
    report_editor.picker.select(secretary.id, secretary.name)
    report_editor.lines["matter_date"].setText("2026-11-20")
    shortcut(report_editor, "Ctrl+S").activated.emit()
    assert report_editor.report is not None and not report_editor.is_dirty(), report_editor.message.text()
    assert "已保存" in report_editor.message.text()


def test_the_reporter_is_nobody_until_chosen(report_editor, secretary):
    assert report_editor.picker.secretary_id() is None
    report_editor.lines["matter_date"].setText("2026-11-20")
    assert not report_editor.save() and "报告人" in report_editor.message.text()
    report_editor.picker.search.setText(secretary.name)  # a search naming one person chooses them
    assert report_editor.picker.secretary_id() == secretary.id


def test_report_hints_are_hints_not_dates(report_editor, today):
    for name in ("matter_date", "report_date", "received_on"):
        hint = report_editor.lines[name].placeholderText()
        assert not any(ch.isdigit() for ch in hint), hint


def _type_date(qtbot, box, text: str) -> None:
    box.setFocus()  # the clerk comes back into the box (Tab took the focus on)
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # over the whole date
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


@pytest.mark.parametrize("not_after_today", [True, False])
def test_a_typed_date_is_the_date_typed(gui, qtbot, today, not_after_today):
    form = QWidget()
    box = date_edit(dt.date(2026, 1, 28), not_after_today=not_after_today)
    layout = QVBoxLayout(form)
    layout.addWidget(box)
    layout.addWidget(QLineEdit())  # where Tab goes on to, as in every form
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    _type_date(qtbot, box, "2026.12.06")  # the case seen: 2026.01.06 with today as the box's maximum
    assert box.date().toPython() == dt.date(2026, 12, 6)
    rng = random.Random(27)
    for attempt in range(180):
        start, wanted = (dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 90)) for _ in range(2))
        box.setDate(start)
        shapes = ("%Y.%m.%d", "%Y%m%d", "%Y-%m-%d", f"%Y.{wanted.month}.{wanted.day}",
                  f"%Y-{wanted.month}-{wanted.day}", f"%Y/{wanted.month}/{wanted.day}")
        typed = wanted.strftime(shapes[attempt % len(shapes)])
        _type_date(qtbot, box, typed)
        assert box.date().toPython() == wanted, (start, typed)
    box.setDate(dt.date(2026, 1, 28))
    _type_date(qtbot, box, "2026.12.07")  # tomorrow: taken as typed, and marked
    assert box.date().toPython() == dt.date(2026, 12, 7)
    assert ("不能晚于今天" in box.toolTip()) == not_after_today


def test_an_empty_field_shows_a_hint_never_a_date(file_editor):
    """1998.07 in an empty 入党时间 was read as the file's own date."""
    for name, widget in file_editor.basic.widgets.items():
        if isinstance(widget, QLineEdit) and not widget.text():
            assert not any(ch.isdigit() for ch in widget.placeholderText()), (name, widget.placeholderText())


def test_the_status_line_never_says_saved_beside_unsaved_changes(file_editor, qtbot):
    file_editor.basic.widgets["phone"].setText("13900139000")
    file_editor.basic.widgets["phone"].textEdited.emit("13900139000")
    assert file_editor.save() and file_editor.message.text().startswith("已保存")
    qtbot.keyClicks(file_editor.basic.widgets["address"], "12")
    assert file_editor.is_dirty() and "已保存" not in file_editor.message.text()
    assert "尚未保存" in file_editor.message.text()


@pytest.fixture
def submitted(admin, secretary):
    from models.matters.tables import MatterType
    from models.matters.workflow import save_report, submit_report
    report = save_report(admin, report_id=None, data={
        "secretary": secretary.id, "kind": "平时报告", "matter_type": MatterType.get(MatterType.code == "03").id,
        "timing": "事后", "matter_date": "2026-11-25"}).record
    return submit_report(admin, report.id)


def test_a_typed_review_is_not_taken_as_saved_when_only_the_report_is(gui, qtbot, admin, submitted, monkeypatch):
    editor = ReportEditor(admin, submitted.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.review_result.setCurrentIndex(1)
    editor.review_opinion.setPlainText("如实报告")
    shortcut(editor, "Ctrl+S").activated.emit()  # saves the report's fields, not the review
    asked = []
    monkeypatch.setattr(editor, "ask_unsaved", lambda: asked.append(1) or QMessageBox.StandardButton.Save)
    editor.close()
    assert asked == [1] and not editor.isVisible()  # asked, and 保存 reviewed it
    reviewed = MatterReport.get_by_id(submitted.id)
    assert (reviewed.status, reviewed.review_opinion) == ("已审核", "如实报告")


def test_a_review_refused_after_the_report_saved_says_both(gui, qtbot, admin, submitted, monkeypatch):
    editor = ReportEditor(admin, submitted.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.lines["place"].setText("东王家村")
    editor.review_opinion.setPlainText("如实报告")  # no 审核结果: the review is refused
    monkeypatch.setattr(editor, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    editor.close()
    assert editor.isVisible() and editor.message.text().startswith("报告已保存；审核未完成：")
    assert MatterReport.get_by_id(submitted.id).place == "东王家村"
    assert editor.unsaved() == (False, True)  # the opinion still counts as unsaved: closing asks again


def test_closing_asks_about_the_cell_still_being_typed(file_editor, qtbot, monkeypatch):
    rewards = a_reward_row(file_editor, qtbot)
    assert file_editor.save()
    cell = open_authority_cell(rewards)
    cell.setText("镇党委")
    asked = []
    monkeypatch.setattr(file_editor, "ask_unsaved", lambda: asked.append(1) or QMessageBox.StandardButton.Save)
    file_editor.close()  # the window's ×: the only change is in the open cell
    assert asked == [1] and not file_editor.isVisible()
    assert RewardPunishment.get(RewardPunishment.secretary == file_editor.secretary_id).authority == "镇党委"
