"""User accounts (用户): name, role, password hash, lock-out bookkeeping."""
from __future__ import annotations

from peewee import BooleanField, CharField, IntegerField

from models.storage.db import may_read
from models.storage.record import Record


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

    @classmethod
    def select(cls, *fields):
        """Every column this connection may read: on a server the clerks' account reads no
        password hash (signing in compares it on the server, see server_guard)."""
        if not fields and not may_read(cls._meta.table_name, "password_hash"):
            fields = [f for f in cls._meta.sorted_fields if f.name != "password_hash"]
        return super().select(*fields)

    def describe(self) -> str:
        return f"{self.display_name}({self.username})"
