"""Registering, submitting, reviewing and archiving one 一事一报 report."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from models.codes.lists import code_names
from models.errors import ArchiveError
from models.matters.blocks import BLOCK_NAMES, block_fields, read_details
from models.matters.deadlines import judge, report_due_date
from models.matters.tables import REVIEWED_STATUSES, MatterReport, MatterType, ReportKind, ReportStatus, Timing
from models.matters.workflow import archive_report, record_verification, review_report, save_report, submit_report
from models.attachments.adding import attach
from models.attachments.tables import Attachment
from models.values import clock
from models.values.dates import read_day
from models.writing.actor import Actor

from .. import shortcuts
from ..resources import icon
from ..widgets.screen import fit_to_screen, scrolling
from .secretary_picker import SecretaryPicker
from ..i18n import _t


def _day_text(value) -> str:
    return value.isoformat() if value else ""


class ReportEditor(QDialog):
    def __init__(self, actor: Actor, report_id: str | None = None, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.report = MatterReport.get_by_id(report_id) if report_id else None
        self.setWindowTitle(_t("个人重大事项报告（一事一报）"))
        fit_to_screen(self, 760, 820)
        body = QWidget()
        inner = QVBoxLayout(body)
        form = QFormLayout()
        inner.addLayout(form)
        self.picker = SecretaryPicker()
        self.picker.changed.connect(self.fill_prior)
        form.addRow(_t("报告人"), self.picker)
        self.matter_type = QComboBox()
        for kind in MatterType.live().where(MatterType.active).order_by(MatterType.sort_order):
            self.matter_type.addItem(kind.name, kind.id)
        self.matter_type.currentIndexChanged.connect(self.type_changed)
        form.addRow(_t("事项类别"), self.matter_type)
        self.timing = QComboBox()
        self.timing.currentIndexChanged.connect(self.timing_changed)
        form.addRow(_t("事前/事后"), self.timing)
        self.prior = QComboBox()
        self.prior.activated.connect(self.copy_prior)
        form.addRow(_t("对应的事前报告"), self.prior)
        self.lines = {}
        # hints, never example values: a grey date looked like one already filed
        for name, label, hint in (("matter_date", QT_TR_NOOP("事项时间"), _t("年.月.日")), ("place", QT_TR_NOOP("地点"), ""),
                                  ("persons", QT_TR_NOOP("涉及人员"), _t("如：结婚人姓名")), ("relation", QT_TR_NOOP("与本人关系"), _t("如：儿子")),
                                  ("report_date", QT_TR_NOOP("报告时间"), _t("年.月.日；不填则为受理当天")),
                                  ("received_by", QT_TR_NOOP("受理人"), _t("不填则为受理的用户")),
                                  ("received_on", QT_TR_NOOP("受理时间"), _t("年.月.日；不填则为受理当天"))):
            self.lines[name] = QLineEdit(placeholderText=hint)
            form.addRow(_t(label), self.lines[name])
        for name in ("matter_date", "report_date"):
            self.lines[name].textChanged.connect(self.update_punctuality)
        self.content = QPlainTextEdit(tabChangesFocus=True)  # Tab moves on, as in every other field
        self.content.setFixedHeight(70)
        form.addRow(_t("事项内容"), self.content)
        self.punctuality = QLabel()
        form.addRow(_t("是否按期"), self.punctuality)
        self.late_reason = QLineEdit(placeholderText=_t("逾期报告须说明原因"))
        form.addRow(_t("逾期说明"), self.late_reason)
        self.block_box = QGroupBox()
        self.block_form = QFormLayout(self.block_box)
        self.block_fields: dict[str, QLineEdit] = {}
        inner.addWidget(self.block_box)
        inner.addWidget(self._review_box())
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        self.message = QLabel(wordWrap=True)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        QShortcut(QKeySequence(shortcuts.SAVE), self, activated=self.save_if_editable)
        self.load()

    def _review_box(self) -> QGroupBox:
        box = QGroupBox(_t("审核"))
        form = QFormLayout(box)
        self.review_result = QComboBox()
        self.review_result.addItems([""] + code_names("审核结果"))
        self.review_opinion = QPlainTextEdit(tabChangesFocus=True)
        self.review_opinion.setFixedHeight(50)
        self.review_state = QLabel()
        form.addRow(_t("审核结果"), self.review_result)
        form.addRow(_t("审核意见"), self.review_opinion)
        form.addRow(_t("状态"), self.review_state)
        return box

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.save_button = QPushButton(icon("save"), _t("保存"))
        self.submit_button = QPushButton(_t("提交（受理）"))
        self.review_button = QPushButton(_t("审核"))
        self.archive_button = QPushButton(icon("archive"), _t("归档"))
        self.verify_button = QPushButton(_t("抽查核实…"))
        self.attach_button = QPushButton(icon("scan"), _t("附件…"))
        self.print_button = QPushButton(icon("print"), _t("打印"))
        close = QPushButton(icon("close"), _t("关闭"))
        for button, slot in ((self.save_button, self.save), (self.submit_button, self.submit),
                             (self.review_button, self.review), (self.archive_button, self.archive),
                             (self.verify_button, self.ask_verification), (self.attach_button, self.choose_attachments),
                             (self.print_button, self.print_form),
                             (close, self.close)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.insertStretch(7, 1)
        return bar

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        report = self.report
        if report is not None:
            person = report.secretary
            self.picker.select(person.id, person.name)
            self.picker.setEnabled(False)
            self.matter_type.setCurrentIndex(max(self.matter_type.findData(report.matter_type_id), 0))
        self.type_changed()
        if report is not None:
            self.timing.setCurrentText(report.timing or "")
            for name, widget in self.lines.items():
                value = getattr(report, name)
                widget.setText(_day_text(value) if isinstance(value, dt.date) else (value or ""))
            self.content.setPlainText(report.content or "")
            self.late_reason.setText(report.late_reason or "")
            for key, value in read_details(report.details).items():
                if key in self.block_fields and value is not None:
                    self.block_fields[key].setText(str(value))
            self.fill_prior()
            self.prior.setCurrentIndex(max(self.prior.findData(report.prior_report_id), 0))
            self.review_result.setCurrentText(report.review_result or "")
            self.review_opinion.setPlainText(report.review_opinion or "")
        self.update_state()
        self.shown = self.typed()

    def typed(self) -> tuple:
        """What the form holds, to tell whether leaving would drop something typed."""
        data, block = self.collect()
        return data, block, self.review_result.currentText(), self.review_opinion.toPlainText()

    def unsaved(self) -> tuple[bool, bool]:
        """(the report's fields, the review's) changed where they can still be saved."""
        now = self.typed()
        return (self.save_button.isEnabled() and now[:2] != self.shown[:2],
                self.review_button.isEnabled() and now[2:] != self.shown[2:])

    def is_dirty(self) -> bool:
        return any(self.unsaved())

    def current_type(self) -> MatterType | None:
        type_id = self.matter_type.currentData()
        return MatterType.get_by_id(type_id) if type_id else None

    def type_changed(self) -> None:
        kind = self.current_type()
        self.timing.blockSignals(True)
        self.timing.clear()
        both = kind is not None and kind.timing == Timing.BOTH
        self.timing.addItems([Timing.BEFORE, Timing.AFTER] if both else [kind.timing if kind else ""])
        self.timing.blockSignals(False)
        self.timing_changed()

    def rebuild_block(self, block: str) -> None:
        while self.block_form.rowCount():
            self.block_form.removeRow(0)
        self.block_fields = {}
        timing = self.timing.currentText() or None
        for field in block_fields(block, timing):
            self.block_fields[field.key] = QLineEdit()
            self.block_form.addRow(field.label_for(timing), self.block_fields[field.key])
        self.block_box.setTitle(BLOCK_NAMES.get(block, ""))
        self.block_box.setVisible(bool(block))

    def timing_changed(self) -> None:
        """事前 and 事后 forms ask different things: the block follows, keeping what was typed."""
        typed = {key: widget.text() for key, widget in self.block_fields.items()}
        kind = self.current_type()
        self.rebuild_block(kind.extra_block if kind else "")
        for key, text in typed.items():
            if key in self.block_fields:
                self.block_fields[key].setText(text)
        self.fill_prior()
        self.update_punctuality()

    def fill_prior(self) -> None:
        """A 事后 report of a 事前+事后 matter links to the earlier 事前 report of the same person."""
        self.prior.clear()
        self.prior.addItem("", None)
        kind, person = self.current_type(), self.picker.secretary_id()
        wanted = self.timing.currentText() == Timing.AFTER and kind is not None and kind.timing == Timing.BOTH
        if wanted and person:
            earlier = MatterReport.live().where((MatterReport.secretary == person) & (MatterReport.timing == Timing.BEFORE) &
                                                (MatterReport.matter_type == kind.id))
            for report in earlier.order_by(MatterReport.matter_date.desc()):
                self.prior.addItem(_t("事项时间 {day}").format(day=_day_text(report.matter_date)), report.id)
        self.prior.setEnabled(wanted)

    def copy_prior(self) -> None:
        """Choosing the 事前 report fills what it already says (time, place, people, the planned
        figures) into the fields still empty; what the clerk typed is kept."""
        if not self.prior.currentData():
            return
        prior = MatterReport.get_by_id(self.prior.currentData())
        for name in ("matter_date", "place", "persons", "relation"):
            value = getattr(prior, name)
            if value and not self.lines[name].text().strip():
                self.lines[name].setText(_day_text(value) if isinstance(value, dt.date) else value)
        if prior.content and not self.content.toPlainText().strip():
            self.content.setPlainText(prior.content)
        for key, value in read_details(prior.details).items():
            if key in self.block_fields and value is not None and not self.block_fields[key].text().strip():
                self.block_fields[key].setText(str(value))

    def update_punctuality(self) -> None:
        """The one timeliness rule: a reviewed report shows the due date it was reviewed with; a
        report being typed, the due date saving it would fix (from the form's values)."""
        if self.report is not None and self.report.status in REVIEWED_STATUSES:
            due = self.report.due_date
        else:
            values = {"kind": ReportKind.ORDINARY, "matter_type": self.matter_type.currentData(),
                      "timing": self.timing.currentText(), "matter_date": read_day(self.lines["matter_date"].text())}
            due = report_due_date(values)
        judged = judge(due=due, reported=read_day(self.lines["report_date"].text()))
        if judged is None:
            self.punctuality.setText(_t("填写事项时间后自动计算"))
            return
        self.punctuality.setStyleSheet(f"color: {'#b3261e' if judged.overdue else '#1e6b30'};")
        self.punctuality.setText(_t("截止 {due}，{state}").format(due=_day_text(due), state=judged.describe()))

    def update_state(self) -> None:
        status = self.report.status if self.report else ReportStatus.DRAFT
        editable = status in (ReportStatus.DRAFT, ReportStatus.SUBMITTED) and self.actor.can("reports")
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(self.report is not None and status == ReportStatus.DRAFT and self.actor.can("reports"))
        reviewing = status == ReportStatus.SUBMITTED and self.actor.can("review")
        self.review_button.setEnabled(reviewing)
        self.review_result.setEnabled(reviewing)
        self.review_opinion.setReadOnly(not reviewing)
        self.archive_button.setEnabled(status == ReportStatus.REVIEWED and self.actor.can("reports"))
        self.verify_button.setEnabled(self.report is not None and self.actor.can("review"))
        self.attach_button.setEnabled(self.report is not None and self.actor.can("reports"))
        self.print_button.setEnabled(self.report is not None)
        count = Attachment.live().where(Attachment.report == self.report.id).count() if self.report else 0
        self.attach_button.setText(_t("附件（{n}）…").format(n=count))
        reviewer = f"（{self.report.reviewer} {_day_text(self.report.reviewed_on)}）" if self.report and self.report.reviewer else ""
        self.review_state.setText(status + reviewer)

    # -- actions -------------------------------------------------------------------------------
    def collect(self) -> tuple[dict, dict]:
        data = {name: widget.text() for name, widget in self.lines.items()}
        data.update(secretary=self.picker.secretary_id(), kind=ReportKind.ORDINARY, matter_type=self.matter_type.currentData(),
                    timing=self.timing.currentText(), content=self.content.toPlainText(),
                    late_reason=self.late_reason.text(), prior_report=self.prior.currentData())
        if self.report is not None:
            data.pop("secretary")
        return data, {key: widget.text() for key, widget in self.block_fields.items()}

    def _run(self, action, *, stored: slice = slice(0, 0)) -> bool:
        """Run one write; ``stored``: the part of the form it saved (the report's fields
        ``[:2]``, the review ``[2:]``) — only that part counts as saved afterwards."""
        try:
            self.report = action()
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未保存：") + str(error))
            return False
        self.report = MatterReport.get_by_id(self.report.id)
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已保存，状态：{status}").format(status=self.report.status))
        self.update_state()
        shown = list(self.shown)
        shown[stored] = self.typed()[stored]
        self.shown = tuple(shown)
        return True

    def discard_changes(self) -> None:
        """The typed input dropped (the idle lock left by someone else): closing asks nothing."""
        self.shown = self.typed()

    def save_if_editable(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, _t("尚未保存"), _t("报告有填写的内容尚未保存。要保存吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def done(self, result: int) -> None:
        """关闭, Esc and the window's × all end here: typed input is dropped only on 放弃."""
        if self.is_dirty():
            answer = self.ask_unsaved()
            if answer != QMessageBox.StandardButton.Discard and (
                    answer != QMessageBox.StandardButton.Save or not self.save_or_review()):
                return
        super().done(result)

    def save_or_review(self) -> bool:
        fields, review = self.unsaved()
        if fields and not self.save():
            return False
        if review and not self.review():
            if fields:  # the report is saved, the review is not: say both
                self.message.setText(_t("报告已保存；审核未完成：") + self.message.text().removeprefix(_t("未保存：")))
            return False
        return True

    def save(self) -> bool:
        data, block = self.collect()
        return self._run(lambda: save_report(self.actor, report_id=self.report.id if self.report else None,
                                             data=data, block_values=block,
                                             expected_version=self.report.version if self.report else None).record,
                         stored=slice(0, 2))

    def submit(self) -> bool:
        return self.save() and self._run(lambda: submit_report(self.actor, self.report.id))

    def review(self) -> bool:
        return self._run(lambda: review_report(self.actor, self.report.id, result=self.review_result.currentText(),
                                               opinion=self.review_opinion.toPlainText()), stored=slice(2, None))

    def archive(self) -> bool:
        return self._run(lambda: archive_report(self.actor, self.report.id))

    def print_form(self):
        from ..printing.actions import preview

        self.print_operation = preview(self.actor, "report", parent=self, report_id=self.report.id)
        return self.print_operation

    def choose_attachments(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, _t("选择附件"), "", _t("图片或PDF (*.png *.jpg *.jpeg *.tif *.pdf)"))
        if paths:
            self.attach([Path(p) for p in paths])

    def attach(self, paths: list[Path]) -> bool:
        """Copy files into the archive, linked to this report (its scans, receipts, photos)."""
        try:
            for path in paths:
                attach(self.actor, data=path.read_bytes(), file_name=path.name, purpose="report",
                             secretary=self.report.secretary_id, report=self.report.id)
        except (ArchiveError, OSError) as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未能添加附件：") + str(error))
            return False
        self.update_state()
        return True

    def ask_verification(self) -> None:
        dialog = VerificationDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.verify(dialog.collect())

    def verify(self, data: dict) -> bool:
        data = {**data, "secretary": self.report.secretary_id, "report": self.report.id,
                "year": (self.report.report_date or clock.today()).year}
        try:
            record_verification(self.actor, data)
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未保存：") + str(error))
            return False
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已登记抽查核实结果：{result}").format(result=data["result"]))
        return True


class VerificationDialog(QDialog):
    """抽查核实: the result, and what was done about a 漏报 or 瞒报."""

    DISPOSITIONS = ("", "批评教育", "限期改正", "责令作出检查", "诫勉谈话", "通报批评")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("抽查核实"))
        form = QFormLayout(self)
        self.date = QLineEdit(clock.today().isoformat())
        self.result = QComboBox()
        self.result.addItems(code_names("核实结果"))
        self.disposition = QComboBox()
        self.disposition.setEditable(True)
        self.disposition.addItems(list(self.DISPOSITIONS))
        self.verifier = QLineEdit()
        self.note = QLineEdit()
        for label, widget in ((_t("核实日期"), self.date), (_t("核实结果"), self.result),
                              (_t("处理方式"), self.disposition), (_t("核实人"), self.verifier), (_t("说明"), self.note)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def collect(self) -> dict:
        return {"date": self.date.text(), "result": self.result.currentText(),
                "disposition": self.disposition.currentText(), "verifier": self.verifier.text(),
                "note": self.note.text()}
