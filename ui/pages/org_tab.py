"""设置 → 乡镇与村(社区): the townships and villages the files belong to, managed by the clerk:
add, rename, merge two villages (their files move), retire one that no longer exists."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)
from peewee import fn

from models.errors import ArchiveError
from models.org.tables import Township, Unit
from models.org.units import rename_township, rename_unit
from models.personnel.villages import merge_units, retire_unit
from models.personnel.person import Secretary
from models.writing.actor import Actor

from ..errors import explain
from ..events import Watching
from ..personnel.unit_dialog import UnitDialog
from ..resources import icon
from ..i18n import _t


TOWNSHIP, UNIT = "township", "unit"


class OrgTab(Watching, QWidget):
    watched = frozenset({"township", "unit", "secretary"})

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("各村（社区）及其档案数。名称录错可改名；重复登记或已合并的村可合并（档案随之转入）；"
                                   "已撤销且没有档案的村可撤销（进入回收站，可恢复）。"), wordWrap=True))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_t("名称"), _t("类别"), _t("档案数")])
        self.tree.setColumnWidth(0, 260)
        self.tree.itemSelectionChanged.connect(self.update_buttons)
        layout.addWidget(self.tree, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton(icon("new"), _t("新建村（社区）…"))
        self.add_button.clicked.connect(self.add_unit)
        self.rename_button = QPushButton(_t("改名…"))
        self.rename_button.clicked.connect(self.ask_rename)
        self.merge_button = QPushButton(_t("合并到…"))
        self.merge_button.clicked.connect(self.ask_merge)
        self.retire_button = QPushButton(_t("撤销"))
        self.retire_button.clicked.connect(self.ask_retire)
        self.message = QLabel(wordWrap=True)
        for widget in (self.add_button, self.rename_button, self.merge_button, self.retire_button):
            bar.addWidget(widget)
        bar.addWidget(self.message, 1)
        layout.addLayout(bar)
        self.refresh()
        self.watch_archive()

    def refresh(self) -> None:
        counts = dict(Secretary.select(Secretary.unit, fn.COUNT(Secretary.id)).where(Secretary.deleted_at.is_null())
                      .group_by(Secretary.unit).tuples())
        self.tree.clear()
        for township in Township.live().order_by(Township.sort_order, Township.name):
            top = QTreeWidgetItem([township.name, _t("乡镇（街道）"), ""])
            top.setData(0, Qt.ItemDataRole.UserRole, (TOWNSHIP, township.id))
            units = Unit.live().where(Unit.township == township.id).order_by(Unit.sort_order, Unit.name)
            for unit in units:
                child = QTreeWidgetItem([unit.name, unit.kind, str(counts.get(unit.id, 0))])
                child.setData(0, Qt.ItemDataRole.UserRole, (UNIT, unit.id))
                top.addChild(child)
            top.setText(2, str(sum(counts.get(u.id, 0) for u in units)))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.update_buttons()

    def archive_changed(self) -> None:
        self.refresh()

    def selected(self) -> tuple[str, str] | tuple[None, None]:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else (None, None)

    def select(self, kind: str, record_id: str) -> None:
        for top in range(self.tree.topLevelItemCount()):
            township = self.tree.topLevelItem(top)
            for item in [township] + [township.child(i) for i in range(township.childCount())]:
                if item.data(0, Qt.ItemDataRole.UserRole) == (kind, record_id):
                    self.tree.setCurrentItem(item)
                    return

    def update_buttons(self) -> None:
        kind, _ = self.selected()
        writes = self.actor.can("personnel")
        self.add_button.setEnabled(writes)
        self.rename_button.setEnabled(writes and (kind == UNIT or (kind == TOWNSHIP and self.actor.can("admin"))))
        self.merge_button.setEnabled(writes and kind == UNIT)
        self.retire_button.setEnabled(writes and kind == UNIT)

    # -- actions (each asks, then calls the method a test drives) --------------------------------
    def add_unit(self) -> None:
        if UnitDialog.ask(self.actor, self):
            self.refresh()

    def ask_rename(self) -> None:
        kind, record_id = self.selected()
        current = (Unit if kind == UNIT else Township).get_by_id(record_id)
        name, ok = QInputDialog.getText(self, _t("改名"), _t("新的名称："), text=current.name)
        if ok:
            self.rename(name)

    def rename(self, name: str, kind_of_unit: str | None = None) -> bool:
        kind, record_id = self.selected()
        return self._run(lambda: rename_unit(self.actor, record_id, name=name,
                                             kind=kind_of_unit or Unit.get_by_id(record_id).kind)
                         if kind == UNIT else rename_township(self.actor, record_id, name),
                         _t("已改名为“{name}”").format(name=name.strip()), (kind, record_id))

    def merge_targets(self) -> list[Unit]:
        _, record_id = self.selected()
        source = Unit.get_by_id(record_id)
        return list(Unit.live().where((Unit.township == source.township_id) & (Unit.id != source.id))
                    .order_by(Unit.sort_order, Unit.name))

    def ask_merge(self) -> None:
        targets = self.merge_targets()
        if not targets:
            self.message.setText(_t("本乡镇没有可以合并到的其他村（社区）"))
            return
        name, ok = QInputDialog.getItem(self, _t("合并到"), _t("把所选村（社区）的档案全部转入："),
                                        [t.name for t in targets], 0, False)
        if ok:
            self.merge(next(t.id for t in targets if t.name == name))

    def merge(self, target_id: str) -> bool:
        _, source_id = self.selected()
        source, target = Unit.get_by_id(source_id), Unit.get_by_id(target_id)
        question = _t("把“{source}”的全部档案转入“{target}”，并撤销“{source}”？\n每份档案的转入都记入修改记录。").format(
            source=source.name, target=target.name)
        if not self.confirm(question):
            return False
        return self._run(lambda: merge_units(self.actor, source_id, target_id),
                         _t("“{source}”已并入“{target}”").format(source=source.name, target=target.name),
                         (UNIT, target_id))

    def ask_retire(self) -> None:
        self.retire()

    def retire(self) -> bool:
        _, unit_id = self.selected()
        unit = Unit.get_by_id(unit_id)
        if not self.confirm(_t("撤销“{name}”？它将不再出现在选择列表中（在回收站中可恢复）。").format(name=unit.name)):
            return False
        return self._run(lambda: retire_unit(self.actor, unit_id), _t("已撤销“{name}”").format(name=unit.name), None)

    def confirm(self, question: str) -> bool:
        return QMessageBox.question(self, _t("请确认"), question) == QMessageBox.StandardButton.Yes

    def _run(self, action, done: str, select: tuple[str, str] | None) -> bool:
        try:
            action()
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(explain(error))
            return False
        self.refresh()
        if select:
            self.select(*select)
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(done)
        return True
