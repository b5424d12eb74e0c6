"""What the district remembers of the townships that send it packages."""
from __future__ import annotations

from peewee import CharField, IntegerField, TextField

from models.storage.record import BaseModel


class SenderKey(BaseModel):
    """The one signing key a district accepts for a township (pinned on first contact after the
    fingerprint was compared by a person; changed only by an audited re-pinning), the last
    package's sequence number from that key, and the anchor of the township's audit history: the
    last sequence number and hash of its audit log the district has seen."""

    township = CharField(max_length=40, primary_key=True)
    signing_key = CharField(max_length=64)  # hex Ed25519 public key
    installation_id = CharField(max_length=36)
    pinned_at = CharField(max_length=32)
    pinned_by = CharField(max_length=64)
    last_sequence = IntegerField(default=0)
    last_package = CharField(max_length=64, default="")  # SHA-256 of the last package imported
    audit_seq = IntegerField(default=0)
    audit_hash = CharField(max_length=64, default="")

    class Meta:
        table_name = "sender_key"


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
