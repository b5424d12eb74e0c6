"""The code tables kept in the archive: code lists and vocabularies (民族, 性别, 学历, 称谓,
审核结果 …) and the ten categories of archive materials with their sub-classes."""
from __future__ import annotations

from peewee import BooleanField, CharField, IntegerField

from models.storage.record import Record


class CodeItem(Record):
    """An entry of a code table or vocabulary (民族, 性别, 学历, 称谓, 审核结果 …)."""

    list_name = CharField(max_length=20, index=True, verbose_name="代码表")
    code = CharField(max_length=10, null=True, verbose_name="代码")
    name = CharField(max_length=40, verbose_name="名称")
    sort_order = IntegerField(default=0, verbose_name="排序")
    active = BooleanField(default=True, verbose_name="启用")

    label = "代码项"
    permission = "admin"

    def describe(self) -> str:
        return f"{self.list_name}:{self.name}"


class MaterialCategory(Record):
    """The ten official categories of archive materials and the sub-classes of 四 and 九."""

    code = CharField(max_length=4, unique=True, verbose_name="类号")
    parent = CharField(max_length=4, null=True, verbose_name="上级类号")
    name = CharField(max_length=60, verbose_name="类别名称")
    sort_order = IntegerField(default=0, verbose_name="排序")

    label = "材料类别"
    permission = "admin"

    def describe(self) -> str:
        return self.name
