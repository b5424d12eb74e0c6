"""What the district remembers of the townships that send it packages (schema version 4)."""
from __future__ import annotations

from peewee import CharField, IntegerField, TextField

from models.storage.record import BaseModel


class ExchangeSender(BaseModel):
    """A township installation, registered on its first package after the fingerprint check."""

    installation_id = CharField(max_length=36, primary_key=True)
    township = CharField(max_length=40)
    signing_key = CharField(max_length=64)  # hex Ed25519 public key
    registered_at = CharField(max_length=32)
    last_sequence = IntegerField(default=0)
    last_package = CharField(max_length=64, default="")  # SHA-256 of the last package imported


class ExchangePackage(BaseModel):
    """Every package imported, with its counts: the receipt (回执) can be printed again."""

    sha256 = CharField(max_length=64, primary_key=True)
    sender = CharField(max_length=36, index=True)
    township = CharField(max_length=40)
    sequence = IntegerField()
    created_at = CharField(max_length=32)
    imported_at = CharField(max_length=32)
    imported_by = CharField(max_length=64)
    counts = TextField()  # JSON
