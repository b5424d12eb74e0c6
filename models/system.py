"""Users, the audit log, archive settings and the editable code tables."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from .base import BaseModel, Record

ROLES = ("admin", "clerk", "reviewer", "viewer")
ROLE_NAMES = {"admin": "管理员", "clerk": "录入员", "reviewer": "审核员", "viewer": "查阅"}


class User(Record):
    username = CharField(max_length=30, unique=True, verbose_name="用户名")
    display_name = CharField(max_length=30, verbose_name="姓名")
    role = CharField(max_length=10, verbose_name="角色")
    password_hash = CharField(max_length=200, verbose_name="密码")
    active = BooleanField(default=True, verbose_name="启用")
    failed_logins = IntegerField(default=0, verbose_name="连续登录失败次数")
    locked_until = CharField(max_length=32, null=True, verbose_name="锁定至")
    last_login = CharField(max_length=32, null=True, verbose_name="上次登录")

    label = "用户"
    permission = "admin"
    secret = ("password_hash",)  # never written to the audit log in clear

    def describe(self) -> str:
        return f"{self.display_name}({self.username})"


class AuditEntry(BaseModel):
    """Append-only; each entry's hash covers the previous entry's hash (a chain)."""

    seq = AutoField()
    at = CharField(max_length=32, verbose_name="时间")
    actor = CharField(max_length=64, verbose_name="操作人")
    role = CharField(max_length=10, verbose_name="角色")
    installation = CharField(max_length=36, verbose_name="安装")
    action = CharField(max_length=12, verbose_name="操作")
    table = CharField(max_length=40, column_name="table_name", verbose_name="表")
    record_id = CharField(max_length=36, null=True, index=True, verbose_name="记录")
    summary = CharField(max_length=200, verbose_name="摘要")
    changes = TextField(default="{}", verbose_name="变更")  # JSON {field: [old, new]}
    prev_hash = CharField(max_length=64, verbose_name="上一条哈希")
    hash = CharField(max_length=64, verbose_name="哈希")


class Setting(BaseModel):
    """Archive-level settings that travel with the archive (mode, installation id, 密级 …)."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField()  # JSON


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
