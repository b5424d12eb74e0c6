"""设置: the matter types and their deadlines, and facts about this archive."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from models.errors import ArchiveError
from models.matters.tables import MatterType
from models.matters.types import save_matter_types
from models.storage import settings
from models.archive import schema
from models.storage.db import archive_location
from models.writing import services
from models.writing.actor import Actor

from ..personnel.part_specs import matter_type_spec
from ..personnel.part_tab import PartTab
from ..resources import icon
from .backup_tab import BackupTab
from .codes_tab import CodesTab
from .org_tab import OrgTab
from .users_tab import UsersTab
from ..i18n import LANGUAGES, _t, choose_language, chosen_language


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
            self.message.setText(_t("未保存：第{row}行：{message}").format(row=row + 1, message=message))
            return False
        try:
            changed = save_matter_types(self.actor, self.part.model.collect())
        except ArchiveError as error:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(_t("未保存：") + str(error))
            return False
        self.load()
        self.message.setStyleSheet("color: #1e6b30;")
        self.message.setText(_t("已保存。{n} 份尚未审核的报告按新的时限重新判断了是否按期；已审核的报告保持审核时的判断。").format(n=changed))
        return True


class ArchiveInfoTab(QWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        form = QFormLayout(self)
        facts = ((_t("档案"), str(archive_location())), (_t("模式"), settings.MODE_NAMES.get(settings.get("mode"), "")),
                 (_t("乡镇（街道）"), settings.get("township_name") or "—"),
                 (_t("安装标识"), settings.installation_id()), (_t("结构版本"), str(schema.current_version())))
        for label, value in facts:
            text = QLabel(value)
            text.setTextInteractionFlags(text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse)
            form.addRow(label, text)
        self.classification = QLineEdit(settings.get("classification") or "")
        self.classification.setPlaceholderText(_t("如：内部；留空则不标注"))
        self.classification.setEnabled(actor.can("admin"))
        save = QPushButton(icon("save"), _t("保存密级标注"))
        save.setEnabled(actor.can("admin"))
        save.clicked.connect(self.save_classification)
        row = QHBoxLayout()
        row.addWidget(self.classification)
        row.addWidget(save)
        form.addRow(_t("打印的密级标注"), row)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(chosen_language()))
        self.language.currentIndexChanged.connect(self.save_language)
        form.addRow(_t("界面语言 (Language)"), self.language)
        self.message = QLabel()
        form.addRow(self.message)

    def save_language(self) -> None:
        """For this PC's user; the printed forms stay Chinese. Read when the application starts."""
        choose_language(self.language.currentData())
        self.message.setText(_t("界面语言已保存，重新启动程序后生效。（Takes effect when the application is restarted.）"))

    def save_classification(self) -> bool:
        try:
            services.set_setting(self.actor, "classification", self.classification.text().strip())
        except ArchiveError as error:
            self.message.setText(str(error))
            return False
        self.message.setText(_t("已保存，之后打印的表格将在每页标注“{text}”。").format(text=self.classification.text().strip()))
        return True


class SettingsPage(QTabWidget):
    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.matter_types = MatterTypesTab(actor)
        self.addTab(self.matter_types, _t("报告事项类别"))
        self.organisation = OrgTab(actor)
        self.addTab(self.organisation, _t("乡镇与村（社区）"))
        self.codes = CodesTab(actor)
        self.addTab(self.codes, _t("代码表"))
        self.users = UsersTab(actor)
        self.addTab(self.users, _t("用户"))
        self.archive_info = ArchiveInfoTab(actor)
        self.addTab(self.archive_info, _t("档案信息"))
        self.backups = BackupTab(actor)
        self.addTab(self.backups, _t("备份与恢复"))
