"""The catalogue of archive materials (档案材料目录): one row per material of the paper file."""
from __future__ import annotations

from peewee import CharField, IntegerField

from models.personnel.person import SubRecord
from models.storage.record import PartialDateField


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
