"""Stored files: scans of materials, photos, report attachments. The bytes live in the archive's
file store under their SHA-256 (see ``store``); this table says what they are and whose."""
from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField

from models.matters.tables import MatterReport
from models.personnel.catalogue import Material
from models.personnel.person import Secretary
from models.storage.record import MemoField, Record


class Attachment(Record):
    """A stored file (scan, photo, report attachment), kept in the archive's file store by hash."""

    secretary = ForeignKeyField(Secretary, null=True, on_delete="RESTRICT", verbose_name="所属档案")
    material = ForeignKeyField(Material, null=True, on_delete="RESTRICT", verbose_name="档案材料")
    report = ForeignKeyField(MatterReport, null=True, on_delete="RESTRICT", verbose_name="重大事项报告")
    purpose = CharField(max_length=8, default="scan", verbose_name="用途")  # photo / scan / report
    file_name = CharField(max_length=200, verbose_name="文件名")
    mime_type = CharField(max_length=60, verbose_name="类型")
    size = IntegerField(verbose_name="大小")
    sha256 = CharField(max_length=64, index=True, verbose_name="SHA-256")
    sort_order = IntegerField(default=0, verbose_name="排序")
    note = MemoField(null=True, verbose_name="说明")

    label = "附件"


