"""集中报告: open the year's round, record "无" quickly or the matters that occurred, see who is missing."""
from __future__ import annotations


from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from models.errors import ArchiveError
from models.figures.coverage import campaign_coverage
from models.matters.campaigns import file_nothing_for, open_campaign, reporters
from models.matters.deadlines import campaign_due_text, current_campaign_year
from models.matters.tables import Campaign, MatterReport
from models.values import clock
from models.writing.actor import Actor

from ..resources import icon
from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..events import Watching
from ..widgets.dates import date_edit, qdate
from .campaign_report import CampaignReportDialog
from ..i18n import _t


class CampaignPage(Watching, QWidget):
    watched = frozenset({"secretary", "unit", "township", "matter_report", "matter_type", "campaign"})

    SHOW = ("全部", "未报", "逾期")  # compared as keys; shown through _t
    SHOWN = (QT_TR_NOOP("全部"), QT_TR_NOOP("未报"), QT_TR_NOOP("逾期"))

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.coverage = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self.year_chosen)
        self.show_only = QComboBox()
        self.show_only.addItems([_t(s) for s in self.SHOWN])
        self.show_only.currentIndexChanged.connect(self.fill_table)
        self.open_button = QPushButton(icon("new"), _t("开启年度集中报告…"))
        self.open_button.clicked.connect(self.ask_open)
        self.open_button.setEnabled(actor.can("reports"))
        self.report_date = date_edit(not_after_today=True)
        self.report_date.setToolTip(_t("登记时使用的报告日期：纸质报告按实际收到的日期登记"))
        for widget in (QLabel(_t("报告年度")), self.year, self.show_only, self.open_button, QLabel(_t("报告日期")),
                       self.report_date):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.summary)
        self.model = RowsModel([_t("乡镇"), _t("村（社区）"), _t("姓名"), _t("报告日期"), _t("情况")], parent=self)
        self.table = read_only_table(self.model, multi=True)
        self.table.doubleClicked.connect(lambda index: self.open_person(self.model.key(index.row())))
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        self.nothing_button = QPushButton(_t("所选人员登记“无”"))
        self.nothing_button.clicked.connect(self.file_nothing_selected)
        self.answers_button = QPushButton(_t("填写/查看报告…"))
        self.answers_button.setToolTip(_t("为所选的一人填写报告事项；已报送的可查看和更正"))
        self.answers_button.clicked.connect(self.file_answers_selected)
        self.print_button = QPushButton(icon("print"), _t("打印集中报告表"))
        self.print_button.setToolTip(_t("打印所选人员已提交的集中报告表；未选择时打印本年度全部已提交的"))
        self.print_button.clicked.connect(self.print_forms)
        self.blank_button = QPushButton(icon("print"), _t("打印空白表"))
        self.blank_button.setToolTip(_t("打印本年度的空白集中报告表，供本人手工填写"))
        self.blank_button.clicked.connect(self.print_blank)
        self.message = QLabel()
        for widget in (self.nothing_button, self.answers_button, self.print_button, self.blank_button, self.message):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.reload_years()
        self.watch_archive()

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh_if_stale()
        super().showEvent(event)

    def archive_changed(self) -> None:
        """A round may have been opened elsewhere (an import): the years are read again."""
        campaign = self.campaign()
        self.reload_years(select=campaign.year if campaign else None)

    def reload_years(self, select: int | None = None) -> None:
        before = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for campaign in Campaign.live().order_by(Campaign.year.desc()):
            self.year.addItem(_t("{year}年度").format(year=campaign.year), campaign.id)
        wanted = select if select is not None else current_campaign_year()
        self.year.setCurrentIndex(max(self.year.findText(_t("{year}年度").format(year=wanted)), 0))
        self.year.blockSignals(False)
        if self.year.currentData() != before:
            self.year_chosen()
        else:
            self.refresh()

    def campaign(self) -> Campaign | None:
        return Campaign.get_by_id(self.year.currentData()) if self.year.currentData() else None

    def year_chosen(self) -> None:
        """Another round: the 报告日期 box starts again at today (it kept the last round's date)."""
        self.report_date.setDate(qdate(clock.today()))
        self.refresh()

    def refresh(self) -> None:
        campaign = self.campaign()
        writable = campaign is not None and self.actor.can("reports")
        self.nothing_button.setEnabled(writable)
        self.answers_button.setEnabled(campaign is not None)
        if campaign is None:
            self.coverage = None
            self.summary.setText(_t("尚未开启该年度的集中报告。请点“开启集中报告”。"))
            self.model.set_rows([])
            return
        self.coverage = campaign_coverage(campaign)
        c = self.coverage
        self.summary.setText(_t("截止 {due}：在任 {serving} 人，已报 {filed} 人（按期 {on_time}，逾期报送 {late}），"
                                "未报 {missing} 人（其中已过截止日 {missing_overdue}），覆盖率 {ratio:.1%}").format(
            due=f"{campaign.due_date:%Y.%m.%d}", serving=c.serving, filed=c.filed, on_time=c.on_time, late=c.late,
            missing=len(c.missing), missing_overdue=c.missing_overdue, ratio=c.ratio))
        self.fill_table()

    def fill_table(self) -> None:
        if self.coverage is None:
            return
        wanted = self.SHOW[self.show_only.currentIndex()]
        people = [p for p in self.coverage.people
                  if wanted == "全部" or (wanted == "未报" and not p.filed) or (wanted == "逾期" and p.overdue)]
        state = lambda p: ("逾期报送" if p.overdue else "按期") if p.filed else ("逾期未报" if p.overdue else "未报")  # noqa: E731
        self.model.set_rows([(p.township, p.unit, p.name, f"{p.report_date:%Y.%m.%d}" if p.report_date else "", state(p))
                             for p in people], [p.secretary_id for p in people])

    def print_forms(self):
        """The filed forms of the people selected (all the year's when none is)."""
        from ..printing.actions import preview

        campaign = self.campaign()
        if campaign is None:
            self.message.setText(_t("尚未开启该年度的集中报告"))
            return None
        self.print_operation = preview(self.actor, "campaign", parent=self, year=campaign.year,
                                       people=self.selected_ids() or None)
        return self.print_operation

    def print_blank(self):
        from ..printing.actions import preview

        campaign = self.campaign()
        self.print_operation = preview(self.actor, "blank-campaign", parent=self,
                                       year=campaign.year if campaign else current_campaign_year())
        return self.print_operation

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.key(row) for row in rows]

    def ask_open(self) -> None:
        year, ok = QInputDialog.getInt(self, _t("开启集中报告"), _t("报告年度（截止日为{due}）：").format(due=campaign_due_text()),
                                       current_campaign_year(), 2000, 2100)
        if ok:
            self.open_year(year)

    def open_year(self, year: int) -> bool:
        try:
            open_campaign(self.actor, year=year)
        except ArchiveError as error:
            QMessageBox.warning(self, _t("未能开启"), str(error))
            return False
        self.reload_years(select=year)
        return True

    def confirm(self, question: str) -> bool:
        """Asked before a bulk "无" (a method, so a test can answer it)."""
        return QMessageBox.question(self, _t("登记“无”"), question) == QMessageBox.StandardButton.Yes

    def file_nothing_selected(self) -> int:
        """"无" for everyone selected who has not filed, after a confirmation naming them; anyone who
        reported a matter that year is left out, to be filled in person by person."""
        campaign, day = self.campaign(), self.report_date.date().toPython()
        people = {p.secretary_id: p.name for p in self.coverage.people if not p.filed} if self.coverage else {}
        ids = [i for i in self.selected_ids() if i in people]
        if not ids:
            self.message.setText(_t("请选中尚未报送的人员"))
            return 0
        found = reporters(campaign.year, ids)
        reported = [i for i in ids if i in found]
        ids = [i for i in ids if i not in reported]
        skipped = (_t("\n以下 {n} 人本年度有事项报告，不能直接登记“无”，请逐人填写：{names}").format(
            n=len(reported), names="、".join(people[i] for i in reported)) if reported else "")
        if not ids:
            self.message.setText(skipped.strip())
            return 0
        names = "、".join(people[i] for i in ids[:10]) + (_t(" 等") if len(ids) > 10 else "")
        question = _t("为 {n} 人登记{year}年度集中报告，全部事项为“无”，报告日期 {day}：\n{names}{skipped}"
                      "\n\n确定吗？").format(
            n=len(ids), year=campaign.year, day=f"{day:%Y.%m.%d}", names=names, skipped=skipped)
        if not self.confirm(question):
            return 0
        try:
            count = file_nothing_for(self.actor, campaign, ids, report_date=day)
        except ArchiveError as error:
            self.message.setText(str(error))
            return 0
        self.message.setText(_t("已为 {n} 人登记“无”").format(n=count) + skipped.replace("\n", " "))
        self.refresh()
        return count

    def file_answers_selected(self) -> CampaignReportDialog | None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.message.setText(_t("请选中一个人"))
            return None
        return self.open_person(ids[0])

    def open_person(self, secretary_id: str) -> CampaignReportDialog | None:
        """The person's filed report to view or correct, or a new one dated 报告日期."""
        campaign = self.campaign()
        if campaign is None or not secretary_id:
            return None
        report = MatterReport.live().where((MatterReport.campaign == campaign.id) &
                                           (MatterReport.secretary == secretary_id)).first()
        if report is None and not self.actor.can("reports"):
            return None
        self.dialog = CampaignReportDialog(self.actor, campaign, secretary_id, report=report,
                                           report_date=self.report_date.date().toPython(), parent=self)
        self.dialog.finished.connect(lambda result: result == QDialog.DialogCode.Accepted and self.refresh())
        self.dialog.open()
        return self.dialog
