"""A fingerprint of every record table, to show that an import changed nothing (or the same)."""
from __future__ import annotations

import hashlib

from models.storage import settings
from models.archive.tables import RECORD_TABLES
from models.writing import audit

LOCAL_TIMES = ("created_at", "modified_at")


def table_digests(*, compare_local_times: bool = True) -> dict[str, str]:
    """SHA-256 of each table's rows in id order. With ``compare_local_times`` off, the times of
    records made here (not received) are left out: two districts that import the same packages
    made their own records at different moments, and that is not a difference in the data."""
    here = settings.installation_id()
    digests = {}
    for model in RECORD_TABLES:
        digest = hashlib.sha256()
        for row in model.select().order_by(model.id).dicts().iterator():
            if not compare_local_times and row["origin"] == here:
                row = {k: v for k, v in row.items() if k not in LOCAL_TIMES}
            digest.update(audit.to_json({k: v for k, v in row.items() if k != "origin" or compare_local_times}).encode())
        digests[model._meta.table_name] = digest.hexdigest()
    return digests
