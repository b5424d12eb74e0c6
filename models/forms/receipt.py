"""Plain data for the receipt (回执) of an imported exchange package."""
from __future__ import annotations

import json

from models.exchange.tables import ExchangePackage
from models.dossier.timeline import local_time


def receipt_data(*, package: str) -> dict:
    """``package``: the SHA-256 of an imported package."""
    package = ExchangePackage.get_by_id(package)
    return {"township": package.township, "sequence": package.sequence, "created_at": local_time(package.created_at),
            "imported_at": local_time(package.imported_at), "imported_by": package.imported_by,
            "sha256": package.sha256, "counts": json.loads(package.counts)}
