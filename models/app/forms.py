"""The one registry of printed forms: kind → title, orientation, data builder and layout.

The command line, the GUI's print buttons and batch printing all print through it, so each form
has one title, one orientation and one way of receiving the 密级 marking (``Form.render``).
Builders (``models.forms``) read the archive and return plain data; layouts (``reports``) turn
plain data into flowables and never query. It lives here, in the one package of ``models`` that
may import ``reports``, so that ``reports`` itself reads nothing of the archive.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from models.figures.statistics import year_stats
from models.forms.campaign import blank_campaign_data, campaign_print_data
from models.forms.catalogue import catalogue_data
from models.forms.dossier import dossier_data
from models.forms.ledger import ledger_print_data
from models.forms.receipt import receipt_data
from models.forms.registers import register_book_data
from models.forms.registration import blank_registration_data, registration_data
from models.forms.report_form import blank_report_data, report_form_data
from models.forms.transfer import transfer_data
from reports.base import PageSetup, flatten, render, render_parts
from reports.campaign_form import campaign_forms
from reports.catalogue import catalogue
from reports.dossier import dossier
from reports.ledger import ledger_form
from reports.matter_form import matter_form
from reports.receipt import exchange_receipt
from reports.registers import register_book
from reports.registration_form import registration_form
from reports.statistics_form import stats_form
from reports.transfer import transfer_slip


@dataclass(frozen=True)
class Form:
    kind: str  # the name on the command line (``print KIND``)
    title: str
    build: Callable[..., dict]  # keyword arguments named in ``takes`` → plain data
    layout: Callable[[dict], list]  # plain data → flowables (or, with ``in_parts``, parts)
    takes: tuple[str, ...] = ()  # the selection the builder reads (secretary_id, report_id, year, …)
    requires: tuple[str, ...] = ()  # … and the part of it that must be given
    landscape: bool = False
    in_parts: bool = False  # the layout gives parts, each with its own page numbers (the dossier)

    @property
    def per_person(self) -> bool:
        """One copy per secretary: the form can be printed for a whole township at once."""
        return self.requires == ("secretary_id",)

    def data(self, **selection) -> dict:
        return self.build(**{name: selection.get(name) for name in self.takes if selection.get(name) is not None})

    def render(self, data: dict, *, classification: str = "") -> bytes:
        """The PDF; every character is checked for a font before anything is laid out."""
        if not self.in_parts:
            setup = PageSetup(self.title, classification, landscape=self.landscape, draft=bool(data.get("draft")))
            return render(self.layout(data), setup, texts=flatten(data))
        return render_parts(self.layout(data), PageSetup(self.title, classification), texts=flatten(data))


_PERSON = ("secretary_id",)
_AGES = ("age_at", "filled_by")

FORMS: dict[str, Form] = {form.kind: form for form in (
    Form("dossier", "人事档案", dossier_data, dossier, _PERSON + _AGES, _PERSON, in_parts=True),
    Form("registration", "基本情况登记表", registration_data, registration_form, _PERSON + _AGES + ("mode",), _PERSON),
    Form("catalogue", "档案材料目录", catalogue_data, catalogue, _PERSON, _PERSON),
    Form("transfer", "干部人事档案材料转递单", transfer_data, transfer_slip, _PERSON, _PERSON),
    Form("report", "个人重大事项报告表", report_form_data, matter_form, ("report_id", "age_at"), ("report_id",)),
    Form("campaign", "集中报告表", campaign_print_data, campaign_forms, ("year", "secretary_id", "township", "people"),
         ("year",), in_parts=True),
    Form("ledger", "个人重大事项报告登记台账", ledger_print_data, ledger_form,
         ("year", "township", "date_from", "date_to", "wanted"), landscape=True),
    Form("stats", "报告情况统计表", year_stats, stats_form, ("year",), ("year",)),
    Form("register", "查阅借阅登记簿", register_book_data, register_book, ("secretary_id",), landscape=True),
    Form("receipt", "数据交换包接收回执", receipt_data, exchange_receipt, ("package",), ("package",)),
    # blank forms, filled in by hand
    Form("blank-report", "个人重大事项报告表(空白)", blank_report_data, matter_form, ("matter_type", "timing"),
         ("matter_type",)),
    Form("blank-campaign", "集中报告表(空白)", blank_campaign_data, campaign_forms, ("year",), in_parts=True),
    Form("blank-registration", "基本情况登记表(空白)", blank_registration_data, registration_form),
)}
