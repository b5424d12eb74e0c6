"""The dossier: a cover, then each of one person's forms in archive order — 目录, 登记表, 培训及任职,
each 报告表, each 转递单 and the 登记簿. Each form is its own part with its own page numbers, as
the forms are filed separately in the paper file."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from .base import Part, para, styles
from .campaign_form import campaign_form
from .catalogue import catalogue
from .matter_form import matter_form
from .registers import register_book
from .registration_form import registration_form
from .service_records import service_records
from .transfer import transfer_slip


def cover(d: dict) -> list:
    s = styles()
    return [Spacer(1, 60 * mm), para("村（社区）党组织书记", s["title"]), para("人\u3000事\u3000档\u3000案", s["title"]),
            Spacer(1, 40 * mm), para(f"姓名：{d['name']}", s["cover"]), Spacer(1, 4 * mm),
            para(f"单位：{d['unit']}", s["cover"])]


def dossier(d: dict) -> list[Part]:
    parts = [Part("封面", cover(d), numbered=False), Part("档案材料目录", catalogue(d["catalogue"])),
             Part("基本情况登记表", registration_form(d["registration"])),
             Part("培训及任职情况", service_records(d["service"]))]
    parts += [Part("个人有关事项集中报告表", campaign_form(report["data"])) if report["form"] == "campaign"
              else Part(report["data"]["title"], matter_form(report["data"])) for report in d["reports"]]
    parts += [Part("干部人事档案材料转递单", transfer_slip(transfer)) for transfer in d["transfers"]]
    parts.append(Part("查阅借阅登记簿", register_book(d["registers"]), landscape=True))
    return parts
