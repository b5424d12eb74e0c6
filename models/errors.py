"""The error types of the domain. Anything the user can cause is one of these, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


class ArchiveError(Exception):
    """Base of every error the domain raises on purpose; its text is shown to the user as is."""


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the model field name, so a form can put the message beside the widget
    label: str  # the Chinese label the user sees
    message: str
    part: str = ""  # for a row of a part of a file: the part's table name …
    row: int = -1  # … and the row's position in it (0-based)

    def __str__(self) -> str:
        return f"{self.label}:{self.message}"


class ValidationError(ArchiveError):
    """Input rejected; carries one or more problems, each naming its field in Chinese."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem):
        if isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(";".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, label: str, message: str) -> "ValidationError":
        return cls(FieldProblem(field, label, message))


class PermissionDenied(ArchiveError):
    """The acting user's role does not allow the operation."""


class NotFound(ArchiveError):
    """A record asked for by id does not exist (or is in the recycle bin)."""


class ConflictError(ArchiveError):
    """The record was changed by someone else since it was read (version mismatch)."""


class ArchiveDamaged(ArchiveError):
    """The archive file fails an integrity check."""


class AuthenticationFailed(ArchiveError):
    """Wrong user name or password, or the account is disabled."""
