"""Transfers (转递) of the paper file to or from another organisation department, with the receipt."""
from __future__ import annotations

from peewee import CharField, IntegerField

from models.personnel.person import SubRecord
from models.storage.record import FullDateField, MemoField


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
