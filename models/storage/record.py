"""The common shape of every archive record.

Every record carries a UUID (stable across installations, so the district can merge township
packages by it), created and modified times, a version counter, the installation it originated
in, and a deletion tombstone: records are never removed, only marked deleted.
"""
from __future__ import annotations

import datetime as dt
import functools
import uuid

from peewee import BooleanField, CharField, DateField, IntegerField, Model, TextField

from models.storage import memo
from models.storage.db import db


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


class PartialDateField(CharField):
    """``yyyy``, ``yyyy.mm`` or ``yyyy.mm.dd``, validated by ``dates.parse_partial``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)


class NameField(CharField):
    """A person's name: any Unicode letters, rare characters outside the BMP included."""


class PhoneField(CharField):
    pass


class IdNumberField(CharField):
    """A GB 11643 identity number, stored normalised (18 characters, upper-case X)."""


class FullDateField(DateField):
    """A complete calendar date (deadlines, report dates, loans)."""


class MemoField(TextField):
    """Multi-line free text."""


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Record(BaseModel):
    id = CharField(primary_key=True, max_length=36, default=new_id)
    created_at = CharField(max_length=32, default=utc_now)
    modified_at = CharField(max_length=32, default=utc_now, index=True)
    version = IntegerField(default=1)
    origin = CharField(max_length=36, verbose_name="来源安装")
    deleted_at = CharField(max_length=32, null=True)
    deleted_by = CharField(max_length=64, null=True)

    # Chinese name of the kind of record, for messages and the audit log.
    label = "记录"
    # The permission a user needs to write this kind of record (see ``users.ROLE_PERMISSIONS``).
    permission = "personnel"
    # content fields computed by the rules from other fields, never typed
    derived: tuple[str, ...] = ()
    # content fields whose values the audit log records only as changed, not in clear
    secret: tuple[str, ...] = ()

    @classmethod
    def live(cls, *fields):
        """Records not in the recycle bin."""
        return cls.select(*fields).where(cls.deleted_at.is_null())

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def describe(self) -> str:
        """A short human description for audit entries and messages: the record's own name,
        title or text where it has one."""
        for name in ("name", "title", "text", "post", "reader", "borrower", "counterpart", "year"):
            value = getattr(self, name, None) if name in self._meta.fields else None
            if value not in (None, ""):
                return str(value)[:40]
        return self.label


def live_exists(model: type[Record], **equal) -> bool:
    """Whether a record not in the recycle bin has these field values. Plain SQL: validation
    asks this for every reference of every record written, and building the same query with
    peewee costs ten times the lookup itself (a 10,000-person demo asks it 500,000 times)."""
    fields = [model._meta.fields[name] for name in equal]

    def look() -> bool:
        return db.execute_sql(_exists_sql(model, tuple(f.column_name for f in fields), db.param), tuple(
            f.db_value(value) for f, value in zip(fields, equal.values()))).fetchone() is not None
    return memo.remembered((model._meta.table_name, tuple(equal.items())), look)  # once per batch checked


@functools.cache  # per engine: its placeholder is part of the key
def _exists_sql(model: type[Record], columns: tuple[str, ...], param: str) -> str:
    where = " AND ".join(f'"{column}" = {param}' for column in columns)
    return f'SELECT 1 FROM "{model._meta.table_name}" WHERE {where} AND "deleted_at" IS NULL LIMIT 1'


@functools.cache  # asked for each record written; a model's fields never change while running
def data_fields(model: type[Record]) -> tuple:
    """The fields that hold the record's content (not the bookkeeping)."""
    bookkeeping = set(Record._meta.fields)
    return tuple(f for name, f in model._meta.fields.items() if name not in bookkeeping)


@functools.cache
def editable_fields(model: type[Record]) -> tuple:
    """The content fields a user or an import may set (derived ones are computed)."""
    return tuple(f for f in data_fields(model) if f.name not in model.derived)


__all__ = [
    "BaseModel", "Record", "PartialDateField", "NameField", "PhoneField", "IdNumberField",
    "FullDateField", "MemoField", "BooleanField", "CharField", "IntegerField", "TextField",
    "new_id", "utc_now", "data_fields", "editable_fields", "live_exists",
]
