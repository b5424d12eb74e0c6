"""设置: the matter types and their deadlines, and facts about this archive."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from models import schema, settings
from models.actor import Actor
from models.db import database_path
from models.errors import ArchiveError
from models.lifecycle import MODE_NAMES
from models.matter_settings import save_matter_types
from models.matters import MatterType

from ..personnel.part_specs import matter_type_spec
from ..personnel.part_tab import PartTab
from ..resources import icon


def _t(text: str) -> str:
    return QCoreApplication.translate("SettingsPage", text)


class MatterTypesTab(QWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        self.part = PartTab(matter_type_spec(), writable=actor.can("admin"))
        layout.addWidget(self.part)
        bar = QHBoxLayout()
        self.message = QLabel(wordWrap=True)
        self.save_button = QPushButton(icon("save"), _t("保存"))
        self.save_button.setEnabled(actor.can("admin"))
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        self.load()

    def load(self) -> None:
        self.part.model.load(MatterType.live().order_by(MatterType.sort_order))

    def save(self) -> bool:
        problems = self.part.model.problems()
        if problems:
            row, _, message = problems[0]
            self.message.setText(_t("未保存:第{row}行:{message}").format(row=row + 1, message=message))
            return False
        try:
            changed = save_matter_types(self.actor, self.part.model.collect())
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未保存:") + str(error))
            return False
        self.load()
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已保存。{n} 份报告按新的时限重新判断了是否按期。").format(n=changed))
        return True


class ArchiveInfoTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        facts = ((_t("档案文件"), str(database_path())), (_t("模式"), MODE_NAMES.get(settings.get("mode"), "")),
                 (_t("乡镇(街道)"), settings.get("township_name") or "—"),
                 (_t("安装标识"), settings.installation_id()), (_t("结构版本"), str(schema.current_version())))
        for label, value in facts:
            text = QLabel(value)
            text.setTextInteractionFlags(text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse)
            form.addRow(label, text)
        form.addRow(QLabel(_t("用户管理、代码表编辑、密级标注与备份恢复将在后续版本提供。")))


class SettingsPage(QTabWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.matter_types = MatterTypesTab(actor)
        self.addTab(self.matter_types, _t("报告事项类别"))
        self.addTab(ArchiveInfoTab(), _t("档案信息"))
