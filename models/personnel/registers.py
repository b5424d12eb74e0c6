"""The registers (登记簿) of the paper file: every reading (查阅) and every loan (借阅)."""
from __future__ import annotations

import datetime as dt

from peewee import CharField, IntegerField

from models.personnel.person import SubRecord
from models.storage.record import FullDateField, PhoneField
from models.values import clock


class AccessLog(SubRecord):
    """查阅登记: one row for every reading of the file."""

    date = FullDateField(verbose_name="查阅日期")
    reader = CharField(max_length=30, verbose_name="查阅人")
    reader_unit = CharField(max_length=60, null=True, verbose_name="查阅单位")
    reader_post = CharField(max_length=40, null=True, verbose_name="职务")
    # (schema v14) the reader's 政治面貌 and 联系方式, as FORMS.md §5's register asks
    reader_political = CharField(max_length=12, null=True, verbose_name="政治面貌")
    reader_phone = PhoneField(max_length=60, null=True, verbose_name="联系方式")
    purpose = CharField(max_length=120, verbose_name="查阅事由")
    content = CharField(max_length=120, null=True, verbose_name="查档内容")
    unit_opinion = CharField(max_length=120, null=True, verbose_name="单位意见")  # (schema v14)
    approver = CharField(max_length=30, null=True, verbose_name="批准人")
    leader_opinion = CharField(max_length=120, null=True, verbose_name="领导意见")  # (schema v14)
    instructed_on = FullDateField(null=True, verbose_name="批示时间")  # (schema v14)
    copies_made = IntegerField(default=0, verbose_name="复制份数")
    handler = CharField(max_length=30, null=True, verbose_name="经办人")

    label = "查阅登记"


class Loan(SubRecord):
    """借阅登记: exceptional, approved and time-limited."""

    lent_date = FullDateField(verbose_name="借出日期")
    borrower = CharField(max_length=30, verbose_name="借阅人")
    borrower_unit = CharField(max_length=60, null=True, verbose_name="借阅单位")
    purpose = CharField(max_length=120, null=True, verbose_name="借阅事由")
    approver = CharField(max_length=30, null=True, verbose_name="批准人")
    due_date = FullDateField(verbose_name="应还日期")
    returned_date = FullDateField(null=True, verbose_name="归还日期")
    handler = CharField(max_length=30, null=True, verbose_name="经办人")

    label = "借阅登记"

    @property
    def status(self) -> str:
        return loan_status(self.due_date, self.returned_date)

    @classmethod
    def overdue(cls, today: dt.date):
        """The condition of a loan not back by its due date (the same rule as ``loan_status``)."""
        return cls.returned_date.is_null() & (cls.due_date < today)


def loan_status(due: dt.date | None, returned: dt.date | None, *, today: dt.date | None = None) -> str:
    """已归还, or 未归还 — 逾期未还 once the due date has passed (the file must come back in time)."""
    if returned:
        return "已归还"
    return "逾期未还" if due and due < (today or clock.today()) else "未归还"
