"""The one registry of printed forms: kind → title, orientation, data builder and layout.

The command line, the GUI's print buttons and batch printing all print through it, so each form
has one title, one orientation and one way of receiving the 密级 marking (``Form.render``).
Builders (``models.forms``) read the archive and return plain data; layouts (this package) turn
plain data into flowables and never query.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from models.figures.statistics import year_stats
from models.forms.campaign import campaign_print_data
from models.forms.catalogue import catalogue_data
from models.forms.dossier import dossier_data
from models.forms.ledger import ledger_print_data
from models.forms.receipt import receipt_data
from models.forms.registers import register_book_data
from models.forms.registration import registration_data
from models.forms.report_form import report_form_data
from models.forms.transfer import transfer_data

from .base import PageSetup, flatten, render
from .catalogue import catalogue
from .dossier import dossier
from .matter_form import matter_form
from .registration_form import registration_form
from .tables import campaign_forms, exchange_receipt, ledger_form, register_book, stats_form
from .transfer import transfer_slip


@dataclass(frozen=True)
class Form:
    kind: str  # the name on the command line (``print KIND``)
    title: str
    build: Callable[..., dict]  # keyword arguments named in ``takes`` → plain data
    layout: Callable[[dict], list]  # plain data → flowables
    takes: tuple[str, ...]  # the selection the builder reads: secretary_id, report_id, year, township, package
    requires: tuple[str, ...] = ()  # … and the part of it that must be given
    landscape: bool = False

    @property
    def per_person(self) -> bool:
        """One copy per secretary: the form can be printed for a whole township at once."""
        return self.requires == ("secretary_id",)

    def data(self, **selection) -> dict:
        return self.build(**{name: selection.get(name) for name in self.takes if selection.get(name) is not None})

    def render(self, data: dict, *, classification: str = "") -> bytes:
        """The PDF; every character is checked for a font before anything is laid out."""
        setup = PageSetup(self.title, classification, landscape=self.landscape)
        return render(self.layout(data), setup, texts=flatten(data))


_PERSON = ("secretary_id",)

FORMS: dict[str, Form] = {form.kind: form for form in (
    Form("dossier", "人事档案", dossier_data, dossier, _PERSON + ("age_at", "filled_by"), _PERSON),
    Form("registration", "基本情况登记表", registration_data, registration_form,
         _PERSON + ("age_at", "filled_by", "mode"), _PERSON),
    Form("catalogue", "档案材料目录", catalogue_data, catalogue, _PERSON, _PERSON),
    Form("transfer", "干部人事档案材料转递单", transfer_data, transfer_slip, _PERSON, _PERSON),
    Form("report", "个人重大事项报告表", report_form_data, matter_form, ("report_id",), ("report_id",)),
    Form("campaign", "集中报告表", campaign_print_data, campaign_forms, ("year", "secretary_id", "township"), ("year",)),
    Form("ledger", "个人重大事项报告登记台账", ledger_print_data, ledger_form, ("year", "township"), landscape=True),
    Form("stats", "报告情况统计表", year_stats, stats_form, ("year",), ("year",)),
    Form("register", "查阅借阅登记簿", register_book_data, register_book, ("secretary_id",)),
    Form("receipt", "数据交换包接收回执", receipt_data, exchange_receipt, ("package",), ("package",)),
)}
