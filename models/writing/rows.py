"""Many rows of one kind changed at once, as an editor holds them: the input of a whole save (a
personnel file's parts, the matter types' table), written row by row through the services."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowChange:
    """One row as the editor holds it; ``record_id`` None for a new row."""

    data: dict
    record_id: str | None = None
    version: int | None = None


@dataclass
class PartChanges:
    table: str
    rows: list[RowChange] = field(default_factory=list)  # every row, in display order
    removed: list[str] = field(default_factory=list)
