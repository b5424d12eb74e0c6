"""花名册 (Excel roster) import: the file is checked first and shown row by row — which files
are created, which updated, what is wrong — and only a clean roster is imported, all or nothing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPushButton, QVBoxLayout

from models.errors import ArchiveError
from models.io.roster import import_roster
from models.writing.actor import Actor

from ..background import QueryOp
from ..errors import explain
from ..widgets.rows_model import RowsModel
from ..widgets.screen import fit_to_screen
from ..widgets.tables import read_only_table
from ..i18n import _t


def _problem_in_red(row: tuple) -> QColor | None:
    return QColor("#b3261e") if str(row[3]).startswith("有问题") else None


class RosterImportDialog(QDialog):
    checked = Signal(bool)  # the dry run is on the page: True when the roster may be imported

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.path: Path | None = None
        self.setWindowTitle(_t("导入花名册（Excel）"))
        fit_to_screen(self, 760, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("花名册第一行为列名，至少有“乡镇”“村（社区）”“姓名”三列；有身份证号的人更新已有档案，"
                                   "其余新建。先检查，全部无误才能导入。"), wordWrap=True))
        choose = QPushButton(_t("选择花名册文件…"))
        choose.clicked.connect(self.choose)
        layout.addWidget(choose)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        self.model = RowsModel([_t("行"), _t("姓名"), _t("村（社区）"), _t("检查结果")], colour=_problem_in_red, parent=self)
        layout.addWidget(read_only_table(self.model, (50, 90, 140)), 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_t("导入"))
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_t("关闭"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择花名册"), "", "Excel (*.xlsx)")
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> QueryOp:
        """The dry run, on the database worker: nothing is written; the rows say what importing
        would do. ``checked`` tells whether the roster may be imported."""
        self.path = path
        self.import_button.setEnabled(False)
        self.model.set_rows([])
        self.summary.setText(_t("正在检查花名册……"))
        self.checking = QueryOp(lambda progress, cancelled: import_roster(self.actor, path, dry_run=True),
                                on_success=lambda result: self.show_check(path, result),
                                on_failure=lambda error: self.unreadable(path, error), parent=self)
        return self.checking.start()

    def unreadable(self, path: Path, error) -> None:
        if path == self.path:
            self.summary.setText(_t("未能读取：") + explain(error))
            self.checked.emit(False)

    def show_check(self, path: Path, result) -> None:
        if path == self.path:  # (another file chosen meanwhile: its check follows)
            self.checked.emit(self._shown(result))

    def _shown(self, result) -> bool:
        self.model.set_rows(result.lines)
        if result.problems:
            self.summary.setText(_t("{n} 行有问题（红色），请在Excel中改正后重新选择文件；未导入任何数据。").format(
                n=len(result.problems)))
            return False
        self.summary.setText(_t("检查通过：将新建 {created} 份、更新 {updated} 份档案。点“导入”写入档案。").format(
            created=result.created, updated=result.updated))
        self.import_button.setEnabled(True)
        return True

    def apply(self) -> bool:
        try:
            result = import_roster(self.actor, self.path)
        except ArchiveError as error:
            self.summary.setText(_t("未导入：") + explain(error))
            return False
        if result.problems:  # changed since the check (another window): nothing was written
            self.model.set_rows(result.lines)
            self.summary.setText(_t("文件或档案已变化，检查发现问题，未导入任何数据。"))
            self.import_button.setEnabled(False)
            return False
        self.summary.setText(_t("已导入：新建 {created} 份、更新 {updated} 份档案。").format(
            created=result.created, updated=result.updated))
        self.import_button.setEnabled(False)
        return True
