"""Archive settings kept in the database (they travel with the archive)."""
from __future__ import annotations

import json

from peewee import CharField, TextField

from models.storage.db import archive_location
from models.storage.record import BaseModel


class Setting(BaseModel):
    """Archive-level settings that travel with the archive (mode, installation id, 密级 …)."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField()  # JSON


DEFAULTS = {
    "mode": "township",          # township | district
    "township_name": "",
    "classification": "",        # 密级 printed on forms, e.g. "内部"
    "matter_filing_category": "2",  # where a 一事一报 form is filed in the catalogue (local)
    "campaign_due_month_day": "01-31",
}
# What an archive is used for: a township's own files, or the district's that merges them
MODES = ("township", "district")
MODE_NAMES = {"township": "乡镇", "district": "区县"}


# Who may change a setting: the administrator, except the bookkeeping a clerk's export does.
WRITERS = {"exchange_sequence": "reports", "exchange_sent": "reports", "exchange_acknowledged": "reports",
           "signing_private_key": "reports", "return_private_key": "reports", "return_public_key": "reports",
           "return_received": "reports"}
# Settings whose value the audit log must not show (private keys, the wrapped archive key): it
# records a digest of the value.
SECRET = frozenset({"signing_private_key", "district_private_key", "return_private_key"})
SECRET_PREFIXES = ("key_wrap.",)
# Written with every audit entry (the log's head and its seal): checked against the log itself.
UNAUDITED = frozenset({"audit_head", "audit_head_seal", "pending_events"})


def is_secret(key: str) -> bool:
    return key in SECRET or key.startswith(SECRET_PREFIXES)


def get(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default)
    return json.loads(row.value)


def put_raw(key: str, value) -> None:
    """Write a setting without audit: only for the service layer (``services.set_setting``)."""
    put_text(key, json.dumps(value, ensure_ascii=False))


def put_text(key: str, stored: str) -> None:
    """The setting's stored JSON text as given (an upsert both engines speak: SQLite's INSERT OR
    REPLACE is not PostgreSQL)."""
    Setting.insert(key=key, value=stored).on_conflict(conflict_target=[Setting.key],
                                                      update={Setting.value: stored}).execute()


_installation_ids: dict[str, str] = {}


def installation_id() -> str:
    """This archive's installation id (never changes once set; cached per archive: its file, or
    its server and database — two servers may well name their databases alike)."""
    where = str(archive_location())
    cached = _installation_ids.get(where)
    if cached:
        return cached
    value = get("installation_id")
    if not value:
        raise RuntimeError("archive has no installation id: it was not created by create_archive")
    _installation_ids[where] = value
    return value
