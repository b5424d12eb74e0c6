"""基本信息: every field of the 干部任免审批表 set, in the order of the printed form."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from models.codes.lists import code_map, code_names
from models.errors import ValidationError
from models.org.units import unit_choices
from models.personnel.person import Secretary, SecretaryStatus
from models.values import clock, consistency
from models.writing.validation import clean_value

from ..resources import icon
from .part_model import to_text
from .photo import PhotoBox
from ..i18n import _t

FIELDS = Secretary._meta.fields
INVALID_STYLE = "border: 1px solid #b3261e; background: #fde7e9;"

# A grey hint, never an example value: 1998.07 in an empty 入党时间 read as the file's own date.
MONTH_HINT = QT_TR_NOOP("年.月")


def _combo(items: list[tuple[str, str]], *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItem("", "")
    for value, label in items:
        combo.addItem(label, value)
    return combo


class BasicTab(QWidget):
    edited = Signal()
    new_unit_requested = Signal()

    def __init__(self, *, writable: bool, parent=None):
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.original: dict = {}
        layout = QHBoxLayout(self)
        form = QVBoxLayout()
        layout.addLayout(form, 1)
        form.addWidget(self._personal())
        form.addWidget(self._education())
        form.addWidget(self._post())
        form.addWidget(self._contact())
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00;")
        form.addWidget(self.notice)
        form.addStretch(1)
        self.photo = PhotoBox(writable=writable)  # after the fields: Tab reaches it after the last field
        self.photo.changed.connect(self.edited)
        layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        for widget in self.widgets.values():
            widget.setEnabled(writable)

    # -- building ------------------------------------------------------------------------------
    def _group(self, title: str, rows: list[list[str]]) -> QGroupBox:
        """Label/field pairs, three to a row; a wide field at the end of a row takes the rest."""
        box = QGroupBox(title)
        grid = QGridLayout(box)
        for r, names in enumerate(rows):
            for i, name in enumerate(names):
                grid.addWidget(QLabel(FIELDS[name].verbose_name), r, 2 * i)
                span = 6 - (2 * i + 1) if i == len(names) - 1 and name in WIDE else 1
                grid.addWidget(self.widgets[name], r, 2 * i + 1, 1, span)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        return box

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("2024.12.31") + 12)  # never squeezed unreadable
        edit.textEdited.connect(self.edited)
        edit.editingFinished.connect(lambda: self.check_field(name))
        self.widgets[name] = edit
        return edit

    def _choice(self, name: str, items, *, editable: bool = False) -> QComboBox:
        combo = _combo(items, editable=editable)
        combo.currentIndexChanged.connect(self.edited)
        if editable:
            combo.editTextChanged.connect(self.edited)
        self.widgets[name] = combo
        return combo

    def _personal(self) -> QGroupBox:
        names = lambda list_name: [(n, n) for n in code_names(list_name)]  # noqa: E731
        self._line("name")
        self._line("former_name")
        self._choice("sex", [(c, n) for c, n in code_map("性别").items() if c in ("1", "2")])
        self._line("birth_date", _t(MONTH_HINT))
        self._choice("ethnicity", list(code_map("民族").items()))
        self._line("native_place", _t("××省××县"))
        self._line("birthplace", _t("××省××县"))
        self._line("party_date", _t(MONTH_HINT))
        self._line("work_date", _t(MONTH_HINT))
        self._choice("health", names("健康状况"), editable=True)
        self._choice("marital_status", names("婚姻状况"))
        self._line("id_number").editingFinished.connect(self.fill_from_id_number)
        self._line("tech_title")
        self._line("specialty")
        return self._group(_t("基本情况"), [["name", "former_name", "sex"], ["birth_date", "ethnicity", "native_place"],
                                        ["birthplace", "party_date", "work_date"],
                                        ["health", "marital_status", "id_number"], ["tech_title", "specialty"]])

    def _education(self) -> QGroupBox:
        for prefix in ("ft", "pt"):
            self._choice(f"{prefix}_education", [(n, n) for n in code_names("学历")], editable=True)
            self._choice(f"{prefix}_degree", [(n, n) for n in code_names("学位")], editable=True)
            self._line(f"{prefix}_school")
            self._line(f"{prefix}_degree_school", _t("与学历的院校系及专业不同时填写"))
        return self._group(_t("学历学位"), [["ft_education", "ft_school"], ["ft_degree", "ft_degree_school"],
                                        ["pt_education", "pt_school"], ["pt_degree", "pt_degree_school"]])

    def _post(self) -> QGroupBox:
        self._choice("unit", unit_choices())
        self._line("current_post", _t("××村党支部书记、村委会主任"))
        self._line("post_since", _t(MONTH_HINT))
        self._line("first_secretary_date", _t(MONTH_HINT))
        head = QCheckBox(_t("书记兼任村（居）委会主任"))
        head.toggled.connect(self.edited)
        self.widgets["concurrent_head"] = head
        self._line("proposed_post", _t("任免审批时填写"))
        self._line("proposed_removal", _t("任免审批时填写"))
        self._line("filled_by", _t("任免审批表的填表人"))
        reason = QPlainTextEdit(tabChangesFocus=True)  # Tab moves on, as in every other field
        reason.setFixedHeight(44)
        reason.setTabChangesFocus(True)
        reason.textChanged.connect(self.edited)
        self.widgets["appointment_reason"] = reason
        box = self._group(_t("职务"), [["unit", "current_post"], ["post_since", "first_secretary_date", "concurrent_head"],
                                     ["proposed_post", "proposed_removal", "filled_by"], ["appointment_reason"]])
        self.new_unit = QPushButton(icon("add"), _t("新建村（社区）…"))
        self.new_unit.clicked.connect(self.new_unit_requested)
        box.layout().addWidget(self.new_unit, 4, 1)
        return box

    def _contact(self) -> QGroupBox:
        self._line("phone", _t("手机或固定电话"))
        self._line("address")
        self._choice("status", [(s, s) for s in SecretaryStatus])
        self._line("status_date", _t("离任、调出或去世的时间"))
        remarks = QPlainTextEdit(tabChangesFocus=True)
        remarks.setFixedHeight(56)
        remarks.textChanged.connect(self.edited)
        self.widgets["remarks"] = remarks
        return self._group(_t("联系方式与状态"), [["phone", "address"], ["status", "status_date"], ["remarks"]])

    # -- load / collect ----------------------------------------------------------------------------
    def load(self, person: Secretary | None) -> None:
        for name, widget in self.widgets.items():
            value = "" if person is None else to_text(getattr(person, FIELDS[name].column_name if name == "unit" else name))
            self._set(widget, value)
        if person is None:
            self._set(self.widgets["status"], SecretaryStatus.SERVING)
        self.original = self.values()
        self.notice.clear()
        for name in self.widgets:
            self.mark(name, None)

    def reload_units(self, select: str | None = None) -> None:
        combo = self.widgets["unit"]
        current = select or combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", "")
        for value, label in unit_choices():
            combo.addItem(label, value)
        combo.blockSignals(False)
        self._set(combo, current or "")
        if select:
            self.edited.emit()

    @staticmethod
    def _set(widget: QWidget, value) -> None:
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            position = widget.findData(value)
            if position < 0 and widget.isEditable():
                widget.setEditText(str(value))
            else:
                widget.setCurrentIndex(max(position, 0))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        else:
            widget.setText(str(value))

    @staticmethod
    def _get(widget: QWidget):
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            text = widget.currentText()
            if widget.isEditable() and widget.findText(text) < 0:
                return text.strip()
            return widget.currentData() or ""
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        return widget.text().strip()

    def values(self) -> dict:
        return {name: self._get(widget) for name, widget in self.widgets.items()}

    def collect(self) -> dict:
        """The fields that differ from what was loaded."""
        current = self.values()
        return {k: v for k, v in current.items() if self.original.get(k) != v}

    def is_dirty(self) -> bool:
        return bool(self.collect()) or self.photo.is_dirty()

    # -- checks ---------------------------------------------------------------------------------
    def check_field(self, name: str) -> None:
        value = self._get(self.widgets[name])
        message = None
        if value not in ("", None) and not isinstance(value, bool):
            try:
                clean_value(FIELDS[name], value, today=clock.today())
            except ValidationError as error:
                message = str(error.problems[0])
        self.mark(name, message)

    def mark(self, name: str, message: str | None) -> None:
        widget = self.widgets[name]
        widget.setStyleSheet(INVALID_STYLE if message else "")
        widget.setToolTip(message or "")

    def fill_from_id_number(self) -> None:
        """The ID number fills 出生年月 and 性别 when empty, and warns when they disagree — the same
        rule saving the file applies (``values.consistency``)."""
        try:
            read = consistency.read_id_number(self._get(self.widgets["id_number"]), today=clock.today())
        except ValidationError:
            return
        if not self._get(self.widgets["birth_date"]):
            self._set(self.widgets["birth_date"], consistency.birth_month(read))
        if not self._get(self.widgets["sex"]):
            self._set(self.widgets["sex"], read.sex_code)
        notes = []
        if not consistency.birth_agrees(self._typed_birth(), read):
            notes.append(_t("出生年月与身份证号中的出生日期（{birth}）不一致，请核对。").format(
                birth=f"{read.birth_date:%Y.%m.%d}"))
        if not consistency.sex_agrees(self._get(self.widgets["sex"]), read):
            notes.append(_t("性别与身份证号不一致，请核对。"))
        self.notice.setText(" ".join(notes))
        self.edited.emit()

    def _typed_birth(self) -> str | None:
        """出生年月 as saving would store it (``1975-3`` → ``1975.03``); None while it is not a date."""
        try:
            return clean_value(FIELDS["birth_date"], self._get(self.widgets["birth_date"]), today=clock.today())
        except ValidationError:
            return None


WIDE = {"specialty", "current_post", "address", "remarks", "ft_school", "pt_school", "ft_degree_school",
        "pt_degree_school", "appointment_reason"}
