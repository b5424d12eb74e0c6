"""One person's centralised report (集中报告): filed from the campaign page, viewed and corrected
from there, from the ledger or from the person's file, always in this one form."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from models.codes.lists import code_names
from models.errors import ArchiveError
from models.matters.campaigns import (NOTHING, active_types, answers_of, correct_campaign_report, denials,
                                      file_campaign_report, reported_matters)
from models.matters.tables import REVIEWED_STATUSES, Campaign, MatterReport, MatterType, ReportStatus
from models.matters.workflow import review_report
from models.personnel.person import Secretary
from models.writing.actor import Actor

from ..errors import explain
from ..widgets.dates import date_edit
from ..widgets.screen import fit_to_screen
from ..i18n import _t


class CampaignReportDialog(QDialog):
    """报告日期 (the day the paper report was handed in, today by default), one answer per matter
    type ("无" unless something happened), and a warning where "无" denies a report of that year."""

    def __init__(self, actor: Actor, campaign: Campaign, secretary_id: str, *, report: MatterReport | None = None,
                 report_date: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.actor, self.campaign, self.secretary_id, self.report = actor, campaign, secretary_id, report
        name = Secretary.get_by_id(secretary_id).name
        self.setWindowTitle(_t("{year}年度集中报告 — {name}").format(year=campaign.year, name=name))
        self.reported = reported_matters(secretary_id, campaign.year)  # read once, not per keystroke
        self.editable = actor.can("reports") and (report is None or report.status not in REVIEWED_STATUSES)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("截止日期：{due}。未发生的事项填“无”。").format(due=f"{campaign.due_date:%Y.%m.%d}")))
        dates = QFormLayout()
        self.report_date = date_edit(report.report_date if report else report_date, not_after_today=True)
        self.report_date.setEnabled(self.editable)
        dates.addRow(_t("报告日期（收到报告的日期）"), self.report_date)
        layout.addLayout(dates)
        layout.addWidget(self._answers_area(answers_of(report) if report else {}), 1)
        if report is not None:
            layout.addWidget(self._review_box())
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #a15c00;")
        layout.addWidget(self.warning)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        layout.addWidget(self._buttons())
        fit_to_screen(self, 640, 560)
        self.show_contradictions()

    def _answers_area(self, filed: dict[str, str]) -> QScrollArea:
        """Every active type, and any type answered when filed that is no longer active."""
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long type names read in full
        self.answers: dict[str, QLineEdit] = {}
        types = active_types() + [t for t in MatterType.live().where(MatterType.code.in_(list(filed)))
                                  if not t.active]
        for kind in types:
            edit = QLineEdit(filed.get(kind.code, NOTHING))
            edit.setReadOnly(not self.editable)
            edit.textChanged.connect(self.show_contradictions)
            form.addRow(kind.name, edit)
            self.answers[kind.code] = edit
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(body)
        return area

    def _review_box(self) -> QGroupBox:
        """审核, as for a 一事一报 report: result, opinion, who and when (audited as any change)."""
        box = QGroupBox(_t("审核"))
        form = QFormLayout(box)
        reviewing = self.report.status == ReportStatus.SUBMITTED and self.actor.can("review")
        self.review_result = QComboBox()
        self.review_result.addItems([""] + code_names("审核结果"))
        self.review_result.setCurrentText(self.report.review_result or "")
        self.review_opinion = QLineEdit(self.report.review_opinion or "")
        self.review_button = QPushButton(_t("审核"))
        self.review_button.clicked.connect(self.review)
        for widget in (self.review_result, self.review_opinion, self.review_button):
            widget.setEnabled(reviewing)
        reviewed = (_t("{status}({reviewer} {day})").format(status=self.report.status, reviewer=self.report.reviewer,
                                                            day=f"{self.report.reviewed_on:%Y.%m.%d}")
                    if self.report.reviewer and self.report.reviewed_on else self.report.status)
        form.addRow(_t("审核结果"), self.review_result)
        form.addRow(_t("审核意见"), self.review_opinion)
        form.addRow(_t("状态"), QLabel(reviewed))
        form.addRow("", self.review_button)
        return box

    def unsaved_correction(self) -> bool:
        """Answers or 报告日期 changed here and not yet saved (an administrator may correct and review)."""
        filed = answers_of(self.report)
        return self.editable and (self.report_date.date().toPython() != self.report.report_date or
                                  any(text != (filed.get(code) or NOTHING) for code, text in self.collect().items()))

    def review(self) -> bool:
        if self.unsaved_correction():  # reviewing would approve what was stored, not what is shown
            self.message.setText(_t("答复或报告日期有修改尚未保存：请先点“更正并保存”，再审核"))
            return False
        try:
            self.report = review_report(self.actor, self.report.id, result=self.review_result.currentText(),
                                        opinion=self.review_opinion.text().strip(),
                                        expected_version=self.report.version)
        except ArchiveError as error:
            self.message.setText(explain(error))
            return False
        self.accept()
        return True

    def _buttons(self) -> QDialogButtonBox:
        if not self.editable:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
            return buttons
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("更正并保存") if self.report else _t("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def collect(self) -> dict[str, str]:
        return {code: edit.text().strip() or NOTHING for code, edit in self.answers.items()}

    def warnings(self) -> list[str]:
        return denials(self.reported, self.campaign.year, self.collect())

    def show_contradictions(self) -> None:
        found = self.warnings()
        self.warning.setText("\n".join([_t("请核实：")] + found) if found else "")

    def confirm(self, question: str) -> bool:
        """Asked when "无" contradicts the ledger (a method, so a test can answer it)."""
        answer = QMessageBox.question(self, _t("请核实"), question)
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        found = self.warnings()
        if found and not self.confirm("\n".join(found) + "\n\n" + _t("仍然按现在的内容保存吗？")):
            return False
        day = self.report_date.date().toPython()
        try:
            if self.report is None:
                self.report = file_campaign_report(self.actor, self.campaign, self.secretary_id,
                                                   answers=self.collect(), report_date=day)
            else:
                self.report = correct_campaign_report(self.actor, self.report.id, answers=self.collect(),
                                                      report_date=day, expected_version=self.report.version)
        except ArchiveError as error:
            self.message.setText(explain(error))
            return False
        self.accept()
        return True


def open_filed(actor: Actor, report: MatterReport, parent=None) -> CampaignReportDialog:
    """A filed centralised report in its own form (from the ledger or a file)."""
    dialog = CampaignReportDialog(actor, Campaign.get_by_id(report.campaign_id), report.secretary_id, report=report,
                                  parent=parent)
    dialog.open()
    return dialog
