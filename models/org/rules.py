"""The checks of a village's record, registered with the write path."""
from __future__ import annotations

from models.org.tables import Unit
from models.storage.record import live_exists
from models.writing.rules import one_of, problem, register


def unit_rule(merged, clean, existing, problems, warnings, today) -> None:
    one_of(Unit, merged, "kind", Unit.KINDS, problems)


def unique_unit_name(merged, existing, problems) -> None:
    """A village registered twice in one township (typed here; a package brings what it brings)."""
    name, township = (merged.get("name") or "").strip(), merged.get("township")
    if not name or not township or not live_exists(Unit, name=name, township=township):
        return  # (the usual case: no village of that name anywhere in the township)
    twin = Unit.live().where((Unit.name == name) & (Unit.township == township))
    if existing is not None:
        twin = twin.where(Unit.id != existing.id)
    if twin.exists():
        problems.append(problem(Unit, "name", f"本乡镇已有“{name}”,同一个村(社区)不要登记两次"))


register(Unit, rule=unit_rule, unique=unique_unit_name)
