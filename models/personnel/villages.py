"""A village's files when villages change: two villages that are one merged with their files,
and a village that no longer exists retired once it has none."""
from __future__ import annotations

from models.errors import ValidationError
from models.org.tables import Unit
from models.personnel.person import Secretary
from models.storage.db import db
from models.writing import services
from models.writing.actor import Actor


def files_of(unit_id: str) -> list[Secretary]:
    """The files of a village (those in the recycle bin keep theirs, which stays restorable)."""
    return list(Secretary.live().where(Secretary.unit == unit_id))


def merge_units(actor: Actor, source_id: str, target_id: str) -> int:
    """Two villages that are one (a duplicate, or merged by the county): the files of ``source``
    move to ``target``, each move audited, and ``source`` goes to the recycle bin, in one
    transaction. Within one township only: a file's township decides who may change it."""
    source, target = Unit.get_by_id(source_id), Unit.get_by_id(target_id)
    if source.id == target.id:
        raise ValidationError.single("unit", "合并到", "不能合并到它自己")
    if source.township_id != target.township_id:
        raise ValidationError.single("unit", "合并到", f"“{source.name}”与“{target.name}”不属于同一乡镇,不能合并")
    with db.atomic():
        moved = files_of(source.id)
        for person in moved:
            services.update(actor, Secretary, person.id, {"unit": target.id})
        services.delete(actor, Unit, source.id, reason=f"并入{target.name}")
    return len(moved)


def retire_unit(actor: Actor, unit_id: str) -> Unit:
    """A village that no longer exists leaves the lists (to the recycle bin, restorable); one
    that still has files cannot: they are merged or moved first."""
    unit = Unit.get_by_id(unit_id)
    count = len(files_of(unit_id))
    if count:
        raise ValidationError.single("unit", "村(社区)", f"“{unit.name}”还有{count}份档案,请先把它并入另一个村(社区)")
    return services.delete(actor, Unit, unit_id, reason="撤销")
