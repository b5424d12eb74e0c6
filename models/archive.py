"""The archive-handling parts of a file: catalogue of materials, scans, access, loans, transfers."""
from __future__ import annotations

from peewee import CharField, IntegerField

from .base import FullDateField, MemoField, PartialDateField
from .person import SubRecord


class Material(SubRecord):
    """A row of the 档案材料目录 (E01Z1 set)."""

    category = CharField(max_length=4, verbose_name="类号", help_text="E01Z101")  # "1" … "10", "4-1" …
    title = CharField(max_length=120, verbose_name="材料名称", help_text="E01Z111")
    date = PartialDateField(verbose_name="材料制成时间", help_text="E01Z117")
    copies = IntegerField(default=1, verbose_name="份数", help_text="E01Z124")
    pages = IntegerField(default=1, verbose_name="页数", help_text="E01Z114")
    remarks = CharField(max_length=120, null=True, verbose_name="备注", help_text="E01Z121")
    received_date = PartialDateField(verbose_name="接收时间", help_text="E01Z201")
    received_from = CharField(max_length=60, null=True, verbose_name="来处", help_text="E01Z204")
    receiver = CharField(max_length=30, null=True, verbose_name="接收人", help_text="E01Z207")

    label = "档案材料"


class AccessLog(SubRecord):
    """查阅登记: one row for every reading of the file."""

    date = FullDateField(verbose_name="查阅日期")
    reader = CharField(max_length=30, verbose_name="查阅人")
    reader_unit = CharField(max_length=60, null=True, verbose_name="查阅单位")
    reader_post = CharField(max_length=40, null=True, verbose_name="职务")
    purpose = CharField(max_length=120, verbose_name="查阅事由")
    content = CharField(max_length=120, null=True, verbose_name="查档内容")
    approver = CharField(max_length=30, null=True, verbose_name="批准人")
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
        return "已归还" if self.returned_date else "未归还"


class Transfer(SubRecord):
    """转递: the file sent out or received, with the receipt (回执) date."""

    direction = CharField(max_length=2, verbose_name="方向")  # 转出 / 转入
    date = FullDateField(verbose_name="转递日期")
    counterpart = CharField(max_length=60, verbose_name="转往(来自)单位")
    reason = CharField(max_length=60, null=True, verbose_name="转递原因")
    originals = IntegerField(default=1, verbose_name="正本(卷)")
    duplicates = IntegerField(default=0, verbose_name="副本(卷)")
    materials = IntegerField(default=0, verbose_name="档案材料(份)")
    doc_word = CharField(max_length=20, null=True, verbose_name="字")
    doc_number = CharField(max_length=20, null=True, verbose_name="号")
    receipt_date = FullDateField(null=True, verbose_name="回执日期")
    remarks = MemoField(null=True, verbose_name="备注")

    label = "转递"
    DIRECTIONS = ("转出", "转入")


ARCHIVE_PARTS = (Material, AccessLog, Loan, Transfer)
