"""Townships (乡镇/街道) and their villages and communities (村/社区)."""
from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField

from models.storage.record import Record


class Township(Record):
    code = CharField(max_length=12, null=True, verbose_name="乡镇代码")
    name = CharField(max_length=40, verbose_name="乡镇(街道)名称")
    sort_order = IntegerField(default=0, verbose_name="排序")

    label = "乡镇"
    permission = "admin"

    def describe(self) -> str:
        return self.name

    @property
    def party_committee(self) -> str:
        """The Party committee that signs for the township: 中共××镇委员会, or for a 街道 its
        党工委 (中共××街道工作委员会)."""
        return f"中共{self.name}{'工作' if self.name.endswith('街道') else ''}委员会"


class Unit(Record):
    township = ForeignKeyField(Township, backref="units", on_delete="RESTRICT", verbose_name="所在乡镇")
    name = CharField(max_length=40, verbose_name="村(社区)名称")
    kind = CharField(max_length=4, default="村", verbose_name="类别")  # 村 or 社区
    code = CharField(max_length=12, null=True, verbose_name="村(社区)代码")
    sort_order = IntegerField(default=0, verbose_name="排序")

    label = "村(社区)"
    permission = "personnel"  # the clerk registers the villages of the township
    KINDS = ("村", "社区")

    def describe(self) -> str:
        return self.name
