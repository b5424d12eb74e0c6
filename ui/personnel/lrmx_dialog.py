"""人事档案 → 导入任免审批表: several .lrmx / .lrm files or a folder at once, each shown as what
importing would do (新建 / 更新 with every changed field / 无变化 / 有问题), then imported in one
transaction; and the export of chosen files as .lrmx."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QVBoxLayout)

from models.errors import ArchiveError
from models.io.cards import NAME_MATCH, Planned, apply_import, export_cards, plan_import
from models.org.units import unit_choices
from models.values import clock
from models.writing.actor import Actor

from ..background import QueryOp, WriteOp
from ..errors import ErrorDialog, explain
from ..i18n import _t
from ..widgets.rows_model import RowsModel
from ..widgets.screen import fit_to_screen
from ..widgets.tables import read_only_table


KEPT_AS_WORDS = (("assessments_text", QT_TR_NOOP("年度考核")), ("rewards_text", QT_TR_NOOP("奖惩")),
                 ("party", QT_TR_NOOP("入党时间所列党派")))
ACTIONS = (QT_TR_NOOP("新建"), QT_TR_NOOP("更新"), QT_TR_NOOP("无变化"), QT_TR_NOOP("被较新的文件取代"),
           QT_TR_NOOP("有问题"))  # Planned.action


def _row_colour(row: tuple) -> QColor | None:
    """A file with a problem in red, one to confirm in amber."""
    if row[2] == _t("有问题"):
        return QColor("#b3261e")
    return QColor("#8a5a00") if row[3] == NAME_MATCH else None


def describe(planned: Planned) -> str:
    if planned.problem:
        return planned.problem
    if planned.superseded_by:  # the same person's later card in the batch is the one applied
        return _t("同一人的较新文件“{file}”将被导入，此文件不导入").format(file=planned.superseded_by)
    words = [f"{label}:{old or '(空)'} → {new}" for label, old, new in planned.changes]
    words += [_t("{part}按文件替换").format(part=part) for part in planned.parts]
    if planned.card and planned.card.unparsed:
        words.append(_t("简历中{n}行无法识别，按原文保留").format(n=len(planned.card.unparsed)))
    kept = [_t(label) for name, label in KEPT_AS_WORDS if planned.card and getattr(planned.card, name)]
    if kept:  # kept in 备注 and sent on at export: the clerk knows these did not become rows
        words.append(_t("{fields}按原文保留").format(fields="、".join(kept)))
    return ";".join(words)


class LrmxImportDialog(QDialog):
    checked = Signal()  # the files read and listed

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.plans: list[Planned] = []
        self.setWindowTitle(_t("导入任免审批表（.lrmx / .lrm）"))
        fit_to_screen(self, 900, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("可一次选择多个文件或一个文件夹。先逐人列出将新建或更新的内容，确认后一次导入；"
                                   "原文件随档案保存。"), wordWrap=True))
        choose = QHBoxLayout()
        for text, slot in ((_t("选择文件…"), self.choose_files), (_t("选择文件夹…"), self.choose_folder)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            choose.addWidget(button)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.model = RowsModel([_t("文件"), _t("姓名"), _t("结果"), _t("匹配"), _t("内容")], colour=_row_colour, parent=self)
        self.table = read_only_table(self.model, (150, 80, 60, 90))
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        options = QFormLayout()
        self.village = QComboBox()
        for unit_id, name in unit_choices():
            self.village.addItem(name, unit_id)
        options.addRow(_t("新建档案所在的村（社区）"), self.village)
        self.skip_bad = QCheckBox(_t("跳过有问题的文件，导入其余文件"))
        self.names_confirmed = QCheckBox(_t("已核对：按姓名+出生年月匹配到的是同一人"))
        options.addRow(self.skip_bad)
        options.addRow(self.names_confirmed)
        layout.addLayout(options)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_t("导入"))
        self.import_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, _t("选择任免审批表"), "", _t("任免审批表 (*.lrmx *.lrm)"))
        if paths:
            self.check([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _t("选择文件夹"))
        if folder:
            self.check([Path(folder)])

    def check(self, paths: list[Path]) -> QueryOp:
        """Read every file on the database worker, how far shown below; nothing is written.
        ``checked`` when the list is on the page."""
        self.import_button.setEnabled(False)
        self.model.set_rows([])
        self.summary.setStyleSheet("")
        self.summary.setText(_t("正在读取任免审批表……"))
        self._checks = getattr(self, "_checks", 0) + 1  # a slower, older reading never wins
        unit_id, asked = self.village.currentData(), self._checks
        self.reading = QueryOp(lambda progress, cancelled: plan_import(paths, actor=self.actor, unit_id=unit_id,
                                                                       progress=progress),
                               on_success=lambda plans: self.show_plans(plans) if asked == self._checks else None,
                               on_failure=lambda error: self.summary.setText(_t("未能读取：") + explain(error)),
                               on_progress=lambda done, total: self.summary.setText(
                                   _t("正在读取任免审批表：{done}/{total}").format(done=done, total=total)), parent=self)
        return self.reading.start()

    def show_plans(self, plans: list[Planned]) -> None:
        self.plans = plans
        self.model.set_rows([(p.path.name, p.card.basic.get("name", "") if p.card else "", _t(p.action),
                              p.matched_by, describe(p)) for p in self.plans])
        self.table.resizeRowsToContents()
        counts = {action: sum(p.action == action for p in self.plans) for action in ACTIONS}
        self.summary.setText(_t("共 {n} 个文件：新建 {new}，更新 {updated}，无变化 {same}，有问题 {bad}").format(
            n=len(self.plans), new=counts["新建"], updated=counts["更新"], same=counts["无变化"], bad=counts["有问题"])
            + (_t("，被较新的文件取代 {old}").format(old=counts["被较新的文件取代"]) if counts["被较新的文件取代"] else ""))
        self.skip_bad.setEnabled(counts["有问题"] > 0)
        self.names_confirmed.setEnabled(any(p.matched_by == NAME_MATCH for p in self.plans))
        self.import_button.setEnabled(counts["新建"] + counts["更新"] > 0)
        self.checked.emit()

    def apply(self) -> bool:
        try:
            counts = apply_import(self.actor, self.plans, unit_id=self.village.currentData(),
                                  skip_bad=self.skip_bad.isChecked(), names_confirmed=self.names_confirmed.isChecked())
        except ArchiveError as error:
            self.summary.setStyleSheet("color: #b3261e;")
            self.summary.setText(_t("未导入：") + explain(error))
            return False
        self.summary.setStyleSheet("color: #1e6b30;")
        self.summary.setText(_t("已导入：新建 {created} 份、更新 {updated} 份档案。").format(**counts))
        self.import_button.setEnabled(False)
        return True


def export_chosen(actor, parent, secretary_ids: list[str], folder: Path | None = None, *,
                  on_written=None) -> WriteOp | None:
    """The chosen files as .lrmx into a folder the clerk picks (ages at today), written on the
    database worker; ``on_written(paths)`` when done. None when nothing is to be written."""
    if not secretary_ids:
        return None
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(parent, _t("导出任免审批表到文件夹"))
        if not chosen:
            return None
        folder = Path(chosen)
    today = clock.today()
    operation = WriteOp(lambda progress, cancelled: export_cards(actor, secretary_ids, folder, age_at=today,
                                                                 progress=progress, cancelled=cancelled),
                        on_success=on_written or (lambda written: None),
                        on_failure=lambda error: ErrorDialog.show_error(error, parent), parent=parent)
    return operation.start()
