"""Read-only access to the default catalogues shipped in ``resources/catalogues``.

These are the defaults a new archive is seeded with (``codes.lists.seed_catalogues``,
``matters.types.seed_matter_types``); once in an archive, the copies in the database are the ones
that count and can be edited there.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUES = RESOURCES / "catalogues"


def read_csv(name: str) -> list[dict[str, str]]:
    with open(CATALOGUES / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@cache
def province_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in read_csv("provinces.csv"))


@cache
def province_names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in read_csv("provinces.csv")}


@cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Vocabulary name → values in their catalogue order."""
    lists: dict[str, list[str]] = {}
    for row in read_csv("vocabularies.csv"):
        lists.setdefault(row["list"], []).append(row["value"])
    return {name: tuple(values) for name, values in lists.items()}
