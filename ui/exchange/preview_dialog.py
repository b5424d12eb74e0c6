"""The import preview: who sent the package (and whether the district knows the key), what it
will change with names, what it cannot take, conflicts field by field with a choice, and the
ticks a person must give (the fingerprint compared, a township's new key, deletions)."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from models.exchange.merge import FieldConflict

from ..widgets.rows_model import RowsModel
from ..widgets.tables import read_only_table
from ..widgets.screen import fit_to_screen
from ..i18n import _t


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _t("是") if value else _t("否")
    return str(value)


class ConflictModel(QAbstractTableModel):
    """One row per conflicting field: the value at the last merge, the district's, the
    township's, and a tick to take the township's (the district's is kept otherwise)."""

    def __init__(self, rows: list[tuple[str, FieldConflict]], parent=None):
        super().__init__(parent)
        self.rows = rows
        self.headers = [_t("记录"), _t("项目"), _t("上次合并时"), _t("区县现值"), _t("乡镇报送值"), _t("采用乡镇的值")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, conflict = self.rows[index.row()]
        if index.column() == 5:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if conflict.take_township else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (record, conflict.label, _shown(conflict.base), _shown(conflict.district),
                    _shown(conflict.township))[index.column()]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.isValid() and index.column() == 5 and role == Qt.ItemDataRole.CheckStateRole:
            self.rows[index.row()][1].take_township = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [role])
            return True
        return False

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 5 else base

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class ImportPreviewDialog(QDialog):
    def __init__(self, preview, actor, parent=None):
        super().__init__(parent)
        self.preview = preview
        info = preview.as_dict()
        self.setWindowTitle(_t("导入预览 — {township}第{n}号交换包").format(township=info["township"], n=info["sequence"]))
        fit_to_screen(self, 760, 600)
        outer = QVBoxLayout(self)
        scroll = QScrollArea(widgetResizable=True)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout.addWidget(QLabel(self._sender_text(info), wordWrap=True))
        rows = [(_t(label), info[key], "、".join(info["names"].get(key, [])[:30])) for key, label in
                (("new", QT_TR_NOOP("新增")), ("updated", QT_TR_NOOP("更新")), ("unchanged", QT_TR_NOOP("未变")), ("conflicts", QT_TR_NOOP("冲突（逐项选择）")),
                 ("deleted", QT_TR_NOOP("删除")))]
        self.model = RowsModel([_t("类别"), _t("条数"), _t("涉及的书记")], rows, parent=self)
        layout.addWidget(read_only_table(self.model, (170, 60)))
        for warning in info["duplicates"]:
            layout.addWidget(QLabel("⚠ " + warning, wordWrap=True))
        self.refused = RowsModel([_t("记录"), _t("项目"), _t("问题")],
                                 [(r.name, r.label, r.message) for r in preview.refused], parent=self)
        if preview.refused:
            layout.addWidget(QLabel(_t("以下记录未通过检查，整个交换包不能导入（请乡镇更正后重新导出）："),
                                    styleSheet="color: #b3261e;", wordWrap=True))
            layout.addWidget(read_only_table(self.refused, (200, 120)))
        self.conflicts = ConflictModel([(_record_name(p), c) for p in preview.conflicts for c in p.conflicts])
        if preview.conflicts:
            layout.addWidget(QLabel(_t("区县和乡镇都改过的项目：默认保留区县现值，勾选则采用乡镇报送值；"
                                       "未采用的值保留在该记录的修改记录和操作日志中。"), wordWrap=True))
            table = read_only_table(self.conflicts, (150, 90, 110, 110, 110))
            layout.addWidget(table)
        self.trust = QCheckBox(_t("首次收到该乡镇的交换包。已与乡镇电话核对签名指纹：{fp}").format(fp=info["fingerprint"]))
        self.trust.setVisible(preview.pin == "new")
        self.repin = QCheckBox(_t("该乡镇更换了签名密钥（如更换电脑）。已与乡镇电话核对新指纹：{fp}，重新登记").format(
            fp=info["fingerprint"]))
        self.repin.setVisible(preview.pin == "new-key")
        self.repin.setEnabled(actor.can("admin"))
        self.deletions = QCheckBox(_t("确认将 {n} 条乡镇已删除的记录移入回收站").format(n=info["deleted"]))
        self.deletions.setVisible(info["deleted"] > 0)
        for box in (self.trust, self.repin, self.deletions):
            layout.addWidget(box)
        if info["repeat"]:
            layout.addWidget(QLabel(_t("该交换包此前已导入，再次导入不会有任何变化。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_t("导入"))
        self.import_button.setEnabled(not preview.refused)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel(styleSheet="color: #b3261e;", wordWrap=True)
        outer.addWidget(self.message)
        outer.addWidget(buttons)

    @staticmethod
    def _sender_text(info: dict) -> str:
        state = {"known": _t("已登记的密钥"), "new": _t("首次收到，须核对指纹"),
                 "new-key": _t("与已登记的密钥不同！")}[info["pin"]]
        return _t("发送方：{township}  签名指纹：{fp}（{state}）").format(township=info["township"],
                                                                   fp=info["fingerprint"], state=state)

    def try_accept(self) -> None:
        if self.preview.pin == "new" and not self.trust.isChecked():
            self.message.setText(_t("请先与乡镇核对并勾选签名指纹"))
            return
        if self.preview.pin == "new-key" and not self.repin.isChecked():
            self.message.setText(_t("该乡镇的签名密钥与登记的不同：核对无误后由管理员勾选重新登记，否则请不要导入"))
            return
        self.accept()

    def choices(self) -> dict:
        """The keyword arguments ``apply_preview`` takes from this dialog."""
        pin = self.preview.pin
        confirmed = (pin == "new" and self.trust.isChecked()) or (pin == "new-key" and self.repin.isChecked())
        return {"trust": self.preview.package.fingerprint if confirmed else None, "repin": self.repin.isChecked(),
                "accept_deletions": self.deletions.isChecked()}


def _record_name(planned) -> str:
    values = planned.values
    name = values.get("name") or values.get("title") or values.get("text") or ""
    return f"{planned.model.label} {str(name)[:16]}".strip()
