"""数据交换: the township exports its package to a USB stick; the district previews and imports."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QMessageBox, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from models.errors import ArchiveError, Cancelled
from models.exchange import crypto
from models.exchange.export import export_package, own_fingerprint
from models.exchange.importer import apply_preview, preview_package, read_package
from models.exchange.keys import export_public_key, install_public_key
from models.exchange.returns import RETURN_KEYS, apply_return, export_return, preview_return, read_return
from models.exchange.tables import ExchangePackage
from models.storage import settings
from models.storage.backup import automatic_backup
from models.writing.actor import Actor

from ..background import Operation, QueryOp, WriteOp
from ..errors import ErrorDialog
from .preview_dialog import ImportPreviewDialog
from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..events import Watching
from ..i18n import _t


def _stop_if(cancelled) -> None:
    if cancelled():
        raise Cancelled()


def destinations() -> list[tuple[str, str]]:
    """(label, folder): removable drives first (mounted media, drive letters other than C:)."""
    removable, others = [], []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly() or root in ("/", "C:/"):
            continue
        label = f"{volume.displayName() or root}（{root}，可用 {volume.bytesAvailable() // 2**20} MB）"
        looks_removable = root.startswith(("/media/", "/run/media/", "/mnt/")) or (len(root) <= 3 and root[:1] != "C")
        (removable if looks_removable else others).append((_t("U盘 ") + label if looks_removable else label, root))
    return removable + others


class ExchangePage(Watching, QWidget):
    watched = frozenset({"exchange_package", "sender_key", "setting"})

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.operation = None
        layout = QVBoxLayout(self)
        self.district = settings.get("mode") == "district"
        layout.addWidget(self._district_box() if self.district else self._township_box())
        self.message = QLabel(wordWrap=True)
        layout.addWidget(self.message)
        self.packages = RowsModel([_t("乡镇"), _t("序号"), _t("导入时间"), _t("导入人"), _t("新增/更新/删除")],
                                  parent=self)
        if self.district:
            table = read_only_table(self.packages)
            table.doubleClicked.connect(lambda index: self.show_receipt(self.packages.key(index.row())))
            layout.addWidget(QLabel(_t("已导入的交换包（双击打印回执）：")))
            layout.addWidget(table)
        layout.addStretch(1)
        self.refresh()
        self.watch_archive()

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh_if_stale()
        super().showEvent(event)

    # -- township ---------------------------------------------------------------------------------
    def _township_box(self) -> QGroupBox:
        box = QGroupBox(_t("导出交换包（报送区县）"))
        form = QFormLayout(box)
        self.key_state = QLabel()
        install = QPushButton(_t("安装区县公钥…"))
        install.clicked.connect(self.choose_key)
        row = QHBoxLayout()
        row.addWidget(self.key_state, 1)
        row.addWidget(install)
        form.addRow(_t("区县公钥"), row)
        self.own_state = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own_state.setToolTip(_t("区县导入本乡镇交换包时看到的签名指纹：首次报送时请电话核对"))
        form.addRow(_t("本乡镇签名指纹"), self.own_state)
        self.destination = QComboBox()
        self.destination.setEditable(True)
        for label, folder in destinations():
            self.destination.addItem(label, folder)
        browse = QPushButton(_t("浏览…"))
        browse.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(browse)
        form.addRow(_t("保存到"), row)
        self.everything = QRadioButton(_t("全部档案与报告"))
        self.since_ack = QRadioButton(_t("区县确认收到之后的变化"))
        self.everything.setChecked(True)
        form.addRow(_t("范围"), self.everything)
        form.addRow("", self.since_ack)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText=_t("未安装区县公钥时使用"))
        form.addRow(_t("加密密码"), self.password)
        self.export_button = QPushButton(_t("导出"))
        self.export_button.clicked.connect(self.start_export)
        self.progress = QProgressBar(maximum=3)
        form.addRow(self.export_button)
        form.addRow(self.progress)
        self.return_button = QPushButton(_t("导入区县回执包…"))
        self.return_button.setToolTip(_t("区县导入本乡镇的交换包后发回的回执包：确认收到的交换包，以及区县更正或保留的值"))
        self.return_button.clicked.connect(self.choose_return)
        form.addRow(_t("区县回执"), self.return_button)
        return box

    def choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择区县公钥文件"), "", _t("公钥 (*.key *.json)"))
        if path:
            self.install_key(Path(path))

    def install_key(self, path: Path) -> bool:
        try:
            fingerprint = install_public_key(self.actor, path)
        except ArchiveError as error:
            self.message.setText(str(error))
            return False
        self.message.setText(_t("已安装区县公钥。请与区县电话核对指纹：{fp}").format(fp=fingerprint))
        self.refresh()
        return True

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _t("选择U盘或文件夹"))
        if folder:
            self.destination.setEditText(folder)

    def target_folder(self) -> Path:
        index = self.destination.findText(self.destination.currentText())
        return Path(self.destination.itemData(index) if index >= 0 else self.destination.currentText())

    def start_export(self) -> Operation:
        folder, since, password = self.target_folder(), self.since_ack.isChecked(), self.password.text() or None

        def work(progress, cancelled):
            return export_package(self.actor, folder, since_ack=since, password=password, progress=progress)

        self.export_button.setEnabled(False)
        self.message.setText(_t("正在导出……"))
        self.progress.setValue(0)
        self.operation = WriteOp(work, on_success=self.exported, on_failure=self.failed, parent=self,
                                             on_progress=lambda done, total: self.progress.setValue(done))
        self.operation.start()
        return self.operation

    def exported(self, result) -> None:
        self.export_button.setEnabled(True)
        self.show_own_state()  # the first export made the signing key
        self.message.setText(_t("已导出第{n}号交换包：{path}（{records}条记录，已读回校验）。请将U盘交区县。").format(
            n=result.sequence, path=result.path, records=sum(result.counts.values())))

    def choose_return(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择区县回执包"), "", _t("交换包 (*.sap)"))
        if path:
            self.start_return(Path(path))

    def start_return(self, path: Path) -> Operation:
        """Open and preview the district's return package (on the database worker), ask, then apply."""
        def work(progress, cancelled):
            return preview_return(read_return(path.read_bytes()))

        self.message.setText(_t("正在校验回执包……"))
        self.return_button.setEnabled(False)
        self.operation = QueryOp(work, on_success=self.return_previewed, on_failure=self.return_failed, parent=self)
        return self.operation.start()

    def return_previewed(self, preview) -> None:
        counts = preview.counts
        question = _t("区县第{n}号回执包，确认收到本乡镇第{seq}号交换包。\n{records}条记录：{applied}项改为区县的值，"
                      "{kept}项本乡镇在报送后又修改过、保留本乡镇的值（下次报送时交区县核对）。是否导入？").format(
            n=preview.manifest["return_sequence"], seq=counts["sequence"], records=counts["records"],
            applied=counts["applied"], kept=counts["kept"])
        if not self.confirm_return(question):
            self.return_button.setEnabled(True)
            self.message.setText(_t("未导入回执包，档案没有变化。"))
            return
        self.operation = WriteOp(lambda progress, cancelled: apply_return(self.actor, preview),
                                 on_success=self.return_applied, on_failure=self.return_failed, parent=self)
        self.operation.start()

    def confirm_return(self, question: str) -> bool:
        answer = QMessageBox.question(self, _t("导入区县回执包"), question)
        return answer == QMessageBox.StandardButton.Yes

    def return_applied(self, applied: dict) -> None:
        self.return_button.setEnabled(True)
        refused = ";".join(applied["refused"][:3])
        self.message.setText(_t("已导入区县回执包：{applied}项改为区县的值，{kept}项保留本乡镇的值；"
                                "已确认第{seq}号交换包，下次可只导出之后的变化。").format(**applied, seq=applied["sequence"])
                             + (_t("未能采用：") + refused if refused else ""))

    def return_failed(self, error) -> None:
        self.return_button.setEnabled(True)
        self.message.setText(_t("未导入回执包：") + str(error) + _t("（档案没有任何改动）"))

    # -- district ---------------------------------------------------------------------------------
    def _district_box(self) -> QGroupBox:
        box = QGroupBox(_t("导入乡镇交换包"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        column.addLayout(row)
        key = QPushButton(_t("导出区县公钥…"))
        key.clicked.connect(self.choose_key_target)
        self.return_button = QPushButton(_t("生成回执包…"))
        self.return_button.setToolTip(_t("给乡镇的回执包：确认收到的交换包，以及区县更正或在冲突中保留的值"))
        self.return_button.clicked.connect(self.choose_return_target)
        self.import_button = QPushButton(_t("导入交换包…"))
        self.import_button.clicked.connect(self.choose_package)
        self.password_in = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                     placeholderText=_t("仅按密码加密的交换包需要"))
        self.password_in.setMinimumWidth(220)
        for widget in (key, self.import_button, self.return_button, QLabel(_t("密码")), self.password_in):
            row.addWidget(widget)
        self.key_state = QLabel()
        row.addWidget(self.key_state, 1)
        working = QHBoxLayout()
        self.import_progress = QProgressBar(visible=False)
        self.cancel_button = QPushButton(_t("取消导入"), visible=False)
        self.cancel_button.clicked.connect(self.cancel_import)
        working.addWidget(self.import_progress, 1)
        working.addWidget(self.cancel_button)
        column.addLayout(working)
        return box

    def _working(self, busy: bool) -> None:
        """While a package is read, previewed, backed up or applied: progress and a way out."""
        self.import_progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.import_button.setEnabled(not busy)
        self.import_progress.setRange(0, 0)  # busy until the apply counts its records

    def _previewing(self, done: int, total: int) -> None:
        """Each record is checked, then compared with the district's: two steps a record."""
        self._progressed(done, total)
        self.message.setText(_t("正在校验和预览：{done} / {total} 条记录……").format(
            done=f"{done // 2:,}", total=f"{total // 2:,}"))

    def _progressed(self, done: int, total: int) -> None:
        self.import_progress.setRange(0, total)
        self.import_progress.setValue(done)

    def cancel_import(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(_t("正在取消……"))

    def choose_key_target(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _t("保存区县公钥"), _t("区县公钥.key"), _t("公钥 (*.key)"))
        if path:
            fingerprint = export_public_key(self.actor, Path(path))
            self.message.setText(_t("已导出公钥，指纹：{fp}。乡镇安装后请核对。").format(fp=fingerprint))
            self.refresh()

    def choose_return_target(self) -> None:
        townships = sorted(settings.get(RETURN_KEYS) or {})
        if not townships:
            self.message.setText(_t("还没有收到含回执密钥的乡镇交换包，无法生成回执包。"))
            return
        township, chosen = QInputDialog.getItem(self, _t("生成回执包"), _t("乡镇（街道）"), townships, 0, False)
        folder = QFileDialog.getExistingDirectory(self, _t("选择U盘或文件夹")) if chosen else ""
        if folder:
            self.start_return_export(township, Path(folder))

    def start_return_export(self, township: str, folder: Path) -> Operation:
        self.message.setText(_t("正在生成回执包……"))
        self.operation = WriteOp(lambda progress, cancelled: export_return(self.actor, township, folder),
                                 on_success=lambda result: self.message.setText(
                                     _t("已生成{township}第{n}号回执包：{path}（{records}条记录的区县值）。请交乡镇导入。").format(
                                         township=township, n=result.sequence, path=result.path,
                                         records=result.records)),
                                 on_failure=self.failed, parent=self)
        return self.operation.start()

    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _t("选择交换包"), "", _t("交换包 (*.sap)"))
        if path:
            self.start_preview(Path(path))

    def start_preview(self, path: Path) -> Operation:
        password = self.password_in.text() or None

        def work(progress, cancelled):
            package = read_package(path.read_bytes(), password=password)
            _stop_if(cancelled)
            return preview_package(package, progress=progress)

        self.message.setText(_t("正在校验和预览……"))
        self._working(True)
        self.operation = QueryOp(work, on_success=self.previewed, on_failure=self.failed, parent=self,
                                 on_progress=self._previewing)
        self.operation.start()
        return self.operation

    def previewed(self, preview) -> None:
        self.last_preview = preview
        self._working(False)
        if self.operation.cancelled():
            self.message.setText(_t("已取消导入，档案没有改动。"))
            return
        if self.confirm(preview):
            self.apply(preview)
        else:
            self.message.setText(_t("未导入，档案没有变化。"))

    def confirm(self, preview) -> bool:
        self.preview_dialog = ImportPreviewDialog(preview, self.actor, self)
        return self.preview_dialog.exec() == QDialog.DialogCode.Accepted

    def apply(self, preview, **choices) -> Operation:
        """Back up, then apply with the preview dialog's choices (or ``choices``: trust, repin,
        accept_deletions) off the GUI thread: a district's package of thousands of records must
        not freeze the window."""
        choices = choices or self.preview_dialog.choices()

        def work(progress, cancelled):
            automatic_backup("before-import")
            _stop_if(cancelled)
            return apply_preview(self.actor, preview, progress=progress, cancelled=cancelled, **choices)

        self.message.setText(_t("正在备份并导入……"))
        self._working(True)
        self.operation = WriteOp(work, on_success=self.applied, on_failure=self.failed, parent=self,
                                             on_progress=self._progressed)
        self.operation.start()
        return self.operation

    def applied(self, counts: dict) -> None:
        self._working(False)
        self.message.setText(_t("已导入：新增{new}，更新{updated}，未变{unchanged}，冲突{conflicts}，删除{deleted}").format(**{
            k: counts.get(k, 0) for k in ("new", "updated", "unchanged", "conflicts", "deleted")}))
        self.refresh()

    def show_receipt(self, sha256: str | None):
        if sha256:
            from models.app import printing  # the renderers load on the first print, not with the page
            from ..printing.preview import PrintPreview

            receipt = PrintPreview(printing.render_form("receipt", package=sha256), _t("接收回执"), self)
            receipt.open()
            return receipt
        return None

    # -- common -----------------------------------------------------------------------------------
    def failed(self, error) -> None:
        if hasattr(self, "export_button"):
            self.export_button.setEnabled(True)
        else:
            self._working(False)
        if isinstance(error, Cancelled):
            self.message.setText(_t("已取消导入，档案没有改动。"))
        elif isinstance(error, ArchiveError):
            self.message.setText(_t("未完成：") + str(error) + _t("（档案没有任何改动）"))
            self.refusal = QMessageBox(QMessageBox.Icon.Warning, _t("未能完成"), str(error) + _t("（档案没有任何改动）"),
                                       QMessageBox.StandardButton.Ok, self)
            self.refusal.open()  # shown without stopping the event loop
        else:
            ErrorDialog.show_error(error, self)

    def show_own_state(self) -> None:
        """The township's fingerprint, and which package the district's last return confirmed (the
        "since" export starts there: nothing to type, nothing to preset)."""
        try:
            own = own_fingerprint() or _t("首次导出交换包时生成")
        except ArchiveError:
            own = _t("由能导出交换包的用户登录后显示")  # this user's password does not open the key
        self.own_state.setText(own)
        acknowledged = (settings.get("exchange_acknowledged") or {}).get("sequence")
        self.since_ack.setEnabled(bool(acknowledged))
        self.since_ack.setText(_t("区县确认收到之后的变化（区县已确认第{n}号）").format(n=acknowledged) if acknowledged
                               else _t("区县确认收到之后的变化（导入区县回执包后可用）"))
        if not acknowledged:
            self.everything.setChecked(True)

    def refresh(self) -> None:
        key = settings.get("district_public_key")
        self.key_state.setText(_t("指纹 {fp}").format(fp=crypto.fingerprint(bytes.fromhex(key))) if key
                               else _t("尚未安装" if not self.district else "尚未生成（导出公钥时生成）"))
        if not self.district:
            self.show_own_state()
        if self.district:
            packages = list(ExchangePackage.select().order_by(ExchangePackage.imported_at.desc()))
            rows = []
            for p in packages:
                counts = json.loads(p.counts)
                rows.append((p.township, p.sequence, p.imported_at[:16].replace("T", " "), p.imported_by,
                             f"{counts.get('new', 0)}/{counts.get('updated', 0)}/{counts.get('deleted', 0)}"))
            self.packages.set_rows(rows, [p.sha256 for p in packages])


