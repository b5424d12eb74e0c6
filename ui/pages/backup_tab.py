"""设置 → 备份与恢复: the copies of this archive (time, reason, size) within their size budget, a
whole backup to a stick, and a restore from a copy or a file (administrators); and, only when the
log has entries appended behind the program's back, its repair (``repair.set_aside_tail``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from models.storage import backup as backups
from models.storage import settings
from models.archive.lifecycle import close_archive
from models.storage.db import database_path, on_postgresql
from models.archive import repair
from models.errors import ArchiveError
from models.archive.restore import restore_from
from models.writing import audit
from models.writing.actor import Actor

from ..background import Operation, WriteOp
from ..errors import ErrorDialog
from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..i18n import _t


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


class BackupTab(QWidget):
    restoring = Signal()  # the archive is about to be replaced: nothing may read it meanwhile
    restored = Signal()  # the archive was replaced: the session starts again with a new sign-in

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.operation: Operation | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel(wordWrap=True)
        layout.addWidget(self.summary)
        self.model = RowsModel([_t("时间"), _t("原因"), _t("大小")], parent=self)
        self.table = read_only_table(self.model, (180, 200))
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.backup_button = QPushButton(_t("完整备份到U盘或文件夹…"))
        self.backup_button.clicked.connect(self.choose_backup_target)
        self.restore_button = QPushButton(_t("用所选备份恢复…"))
        self.restore_button.clicked.connect(lambda: self.confirm_restore(self.selected()))
        self.file_button = QPushButton(_t("从备份文件恢复…"))
        self.file_button.clicked.connect(self.choose_backup_file)
        for button in (self.backup_button, self.restore_button, self.file_button):
            button.setEnabled(actor.can("admin") and not on_postgresql())  # a server backs itself up
            bar.addWidget(button)
        self.repair_button = QPushButton(_t("修复操作日志…"))
        self.repair_button.clicked.connect(self.confirm_repair)
        bar.addWidget(self.repair_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = QLabel(wordWrap=True)
        layout.addWidget(self.message)
        if on_postgresql():  # no copies here to list
            self.table.hide()
            layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.stopped = audit.writing_stopped()  # (shown only then: a repair is for that moment alone)
        self.repair_button.setVisible(self.stopped is not None)
        self.repair_button.setEnabled(self.actor.can("admin") and not on_postgresql())  # (a server: its owner)
        if self.stopped is not None:
            self.message.setText(self.stopped)
        if on_postgresql():
            self.summary.setText(_t("此档案在服务器上的数据库中，由服务器备份（pg_dump，扫描件和照片也在其中；见说明书）。"
                                    "这里的备份与恢复用于单机的档案文件。"))
            return
        folder = backups.backup_folder(database_path())
        installation = settings.installation_id()
        self.copies = backups.list_backups(folder, installation_id=installation)
        self.model.set_rows([(c.created_at[:19].replace("T", " "), c.reason_text, _size(c.size)) for c in self.copies],
                            [c.path for c in self.copies])
        size = backups.archive_size()
        self.summary.setText(_t("本档案的自动备份 {n} 份，连同扫描件共 {used}（上限为档案大小的 {multiple} 倍，即 {limit}；"
                                "超出时删去最旧的）。备份文件夹：{folder}").format(
            n=len(self.copies), used=_size(backups.backups_size(folder, installation)),
            multiple=settings.get(backups.BUDGET_SETTING) or 10, limit=_size(backups.budget(size)), folder=folder))

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    # -- backup ----------------------------------------------------------------------------------
    def choose_backup_target(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("保存完整备份"), _t("档案备份.zip"), _t("备份 (*.zip)"))
        if path:
            self.start_backup(Path(path))

    def start_backup(self, target: Path) -> Operation:
        self.message.setText(_t("正在备份并读回校验……"))
        def work(progress, cancelled):  # (on the database worker, with its own connection)
            return backups.write_backup(target, reason="manual")

        self.operation = WriteOp(work, on_success=self.backed_up, on_failure=self.failed, parent=self)
        self.operation.start()
        return self.operation

    def backed_up(self, path: Path) -> None:
        self.message.setText(_t("已完整备份到 {path}（已读回校验；在任何电脑上都可用它恢复）。").format(path=path))

    # -- restore ---------------------------------------------------------------------------------
    def choose_backup_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择备份文件"), "", _t("备份 (*.zip)"))
        if path:
            self.confirm_restore(Path(path))

    def confirm_restore(self, backup: Path | None) -> None:
        if backup is None:
            self.message.setText(_t("请先在列表中选择一份备份"))
            return
        answer = QMessageBox.question(self, _t("从备份恢复"), _t(
            "将用备份“{name}”替换当前档案。当前档案（含其扫描件）会先另存在备份文件夹中，可以再恢复回来。"
            "恢复后需要重新登录。是否继续？").format(name=backup.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.start_restore(backup)

    def start_restore(self, backup: Path) -> Operation:
        """Every page lets go of the archive first; the window is closed by ``restored``."""
        archive = database_path()
        self.restoring.emit()
        close_archive()
        self.message.setText(_t("正在校验备份并恢复……"))
        for button in (self.backup_button, self.restore_button, self.file_button):
            button.setEnabled(False)

        def work(progress, cancelled):
            return restore_from(archive, backup, actor=self.actor)  # this window holds the archive's lock

        self.operation = WriteOp(work, on_success=lambda kept: self.restored.emit(),
                                             on_failure=self.restore_failed, parent=self)
        self.operation.start()
        return self.operation

    def restore_failed(self, error) -> None:
        from models.archive.lifecycle import open_archive

        open_archive(database_path())  # the archive was left as it was: carry on with it
        self.failed(error)
        for button in (self.backup_button, self.restore_button, self.file_button):
            button.setEnabled(self.actor.can("admin"))

    # -- the log's repair ----------------------------------------------------------------------------
    def confirm_repair(self) -> None:
        try:
            planned = repair.plan()
        except ArchiveError as refused:  # (a change in the middle of the log: restore instead)
            ErrorDialog.show_error(refused, self)
            return
        answer = QMessageBox.question(self, _t("修复操作日志"), _t(
            "{why}\n\n{plan}。修复将把这些不是本程序写入的日志条目移出操作日志（原样保存在这次修复的记录中，不会丢失），"
            "先自动备份，然后重新封印。之后请运行检查：被这些条目改动的记录会逐条列出，请核对改正。是否修复？").format(
            why=self.stopped, plan=repair.describe(planned)))
        if answer == QMessageBox.StandardButton.Yes:
            self.start_repair()

    def start_repair(self) -> Operation:
        def work(progress, cancelled):
            return repair.set_aside_tail(self.actor)

        self.operation = WriteOp(work, on_success=self.repaired, on_failure=self.failed, parent=self)
        self.operation.start()
        return self.operation

    def repaired(self, repaired) -> None:
        self.refresh()
        self.message.setText(_t("已修复操作日志：移出{n}条没有封印的条目（原样保存在修复记录中），可以继续录入。"
                                "涉及{records}条记录，请运行检查核对。").format(
            n=len(repaired.set_aside), records=len(repaired.records)))

    def failed(self, error) -> None:
        self.message.setText("")
        ErrorDialog.show_error(error, self)
