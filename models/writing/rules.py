"""The rules the write path applies, registered by the package that owns each table.

The write path (``services``, ``validation``) knows no domain table: each domain package
registers, when it is imported, what its tables need — a rule between the fields of one record,
a rule across the archive (one file per ID number in a township), and a guard that decides who
may write or remove a record of that kind when one permission per table is not enough (the
一事一报 workflow). A package registers in its ``__init__``, so a table cannot be imported, and
therefore not written, without its rules.

A field rule gets the record as it would be after the change (``merged``), the cleaned changes
(``clean``, which it may complete, e.g. birth date from the ID number), the existing record or
None, lists to append problems (blocking) and warnings (shown, not blocking) to, and the day.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from models.errors import FieldProblem, ValidationError
from models.values import dates

FieldRule = Callable[[dict, dict, object, list, list, dt.date], None]
ArchiveRule = Callable[[dict, object, list], None]
WriteGuard = Callable[[object, object, dict], None]  # (actor, existing or None, clean changes)
RemovalGuard = Callable[[object, object], None]  # (actor, existing)

RULES: dict[type, FieldRule] = {}
# Rules across the archive, for records typed or written here (not for records a package brings)
UNIQUE: dict[type, ArchiveRule] = {}
GUARDS: dict[type, tuple[WriteGuard, RemovalGuard, tuple[str, ...]]] = {}


def register(model: type, *, rule: FieldRule | None = None, unique: ArchiveRule | None = None) -> None:
    """The checks of ``model``'s records (called once, by the package that owns the table)."""
    if rule is not None:
        RULES[model] = rule
    if unique is not None:
        UNIQUE[model] = unique


def register_guard(model: type, *, write: WriteGuard, remove: RemovalGuard, permissions: tuple[str, ...]) -> None:
    """Who may write and remove ``model``'s records, decided per record instead of by the table's one
    permission; ``permissions``: those of which an actor needs at least one to write any."""
    GUARDS[model] = (write, remove, permissions)


# -- helpers the packages' rules share -----------------------------------------------------------

def label(model, name: str) -> str:
    return model._meta.fields[name].verbose_name


def problem(model, name: str, message: str) -> FieldProblem:
    return FieldProblem(name, label(model, name), message)


def one_of(model, merged, name, allowed, problems) -> None:
    value = merged.get(name)
    if value is not None and value not in allowed:
        problems.append(problem(model, name, f"“{value}”不在可选范围内({'、'.join(allowed)})"))


def in_order(model, merged, first, second, problems, message="不能早于") -> None:
    a, b = merged.get(first), merged.get(second)
    if a and b and dates.is_before(b, a):
        problems.append(problem(model, second, f"{message}{label(model, first)}({a})"))


def period_rule(model) -> FieldRule:
    """A period's end not before its start (简历, 培训, 任职)."""
    def rule(merged, clean, existing, problems, warnings, today) -> None:
        in_order(model, merged, "start", "end", problems)
    return rule


__all__ = ["RULES", "UNIQUE", "GUARDS", "ValidationError", "register", "register_guard"]
