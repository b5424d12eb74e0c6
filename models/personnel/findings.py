"""认定: a warning of the 专审 checks (``models.dossier.checks``) accepted, with its basis.

Official practice dates a person from the earliest material in the archive, and lawful
exceptions exist, so each check is a warning — never a refusal — and a person may record the
accepted value with its basis; an accepted warning no longer counts as open.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import CharField

from models.personnel.person import SubRecord
from models.storage.record import FullDateField
from models.values import clock
from models.writing import services


class Finding(SubRecord):
    """认定: a warning of the checks accepted, with the value, its basis, when and by whom."""

    check = CharField(max_length=20, verbose_name="核验项目")
    subject = CharField(max_length=200, verbose_name="核验问题")
    value = CharField(max_length=100, null=True, verbose_name="认定值")
    basis = CharField(max_length=200, verbose_name="认定依据材料")
    decided_on = FullDateField(verbose_name="认定时间")
    approver = CharField(max_length=30, verbose_name="审批人")

    label = "信息认定"

    def describe(self) -> str:
        return f"{self.check}:{self.value or self.subject}"


@dataclass(frozen=True)
class Warning:
    check: str  # 三龄两历一身份 heading: 出生年月, 身份, 党龄, 工龄, 简历, 学历, 年度考核, 家庭成员
    text: str
    fields: tuple[str, ...]  # the labels involved
    finding: Finding | None = None  # the 认定, when accepted

    @property
    def open(self) -> bool:
        return self.finding is None


def accept(actor, secretary_id: str, warning: Warning, *, basis: str, approver: str, value: str = "",
           decided_on: dt.date | None = None) -> Finding:
    """Record the 认定 of a warning (audited like any write); the warning is no longer open."""
    return services.create(actor, Finding, {
        "secretary": secretary_id, "check": warning.check, "subject": warning.text, "value": value or None,
        "basis": basis, "approver": approver, "decided_on": decided_on or clock.today()}).record
