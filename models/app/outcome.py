"""What every command gives back: one shape for the command line to print."""
from __future__ import annotations

from dataclasses import dataclass

from models.errors import ArchiveError


@dataclass(frozen=True)
class Outcome:
    result: dict  # printed as one JSON object with --json
    text: str  # printed for a person
    ok: bool = True  # False: the input or the data was rejected (exit 1), ``text`` says why


class UsageError(ArchiveError):
    """The command was given the wrong arguments (exit 2), found only once it reads them."""
