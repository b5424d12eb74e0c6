"""The dossier: a cover and all of one person's forms, in archive order, in one PDF."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from .base import para, styles
from .catalogue import catalogue
from .matter_form import matter_form
from .registration_form import registration_form


def cover(d: dict) -> list:
    s = styles()
    return [Spacer(1, 60 * mm), para("村(社区)党组织书记", s["title"]), para("人 事 档 案", s["title"]),
            Spacer(1, 40 * mm), para(f"姓名:{d['name']}", s["cover"]), Spacer(1, 4 * mm),
            para(f"单位:{d['unit']}", s["cover"])]


def dossier(d: dict) -> list:
    parts = [cover(d), catalogue(d["catalogue"]), registration_form(d["registration"])]
    parts += [matter_form(report) for report in d["reports"]]
    flowables = []
    for index, part in enumerate(parts):
        if index:
            flowables.append(PageBreak())
        flowables += part
    return flowables
