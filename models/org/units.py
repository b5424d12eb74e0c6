"""Townships and villages as the clerk registers them."""
from __future__ import annotations

from models.errors import ValidationError
from models.org.tables import Township, Unit
from models.storage import settings
from models.storage.db import db
from models.writing import services
from models.writing.actor import Actor


def ensure_township(actor: Actor, name: str) -> Township:
    """The township of this name, created when the archive does not have it yet."""
    existing = Township.live().where(Township.name == name.strip()).first()
    if existing is not None:
        return existing
    order = Township.live().count()
    return services.create(actor, Township, {"name": name, "sort_order": order}).record


def set_township(actor: Actor, name: str) -> Township:
    """The township a township archive keeps (its name in the settings and as a record)."""
    with db.atomic():
        services.set_setting(actor, "township_name", name.strip())
        return ensure_township(actor, name)


def add_unit(actor: Actor, *, township_id: str, name: str, kind: str) -> Unit:
    order = Unit.live().where(Unit.township == township_id).count()
    return services.create(actor, Unit, {"township": township_id, "name": name, "kind": kind,
                                         "sort_order": order}).record


def unit_choices() -> list[tuple[str, str]]:
    """(unit id, "乡镇 / 村") for every live village or community, in township order."""
    query = (Unit.select(Unit.id, Unit.name, Township.name.alias("township_name"))
             .join(Township).where(Unit.deleted_at.is_null() & Township.deleted_at.is_null())
             .order_by(Township.sort_order, Township.name, Unit.sort_order, Unit.name))
    return [(u.id, f"{u.township_name} / {u.name}") for u in query.objects()]


def register_unit(actor: Actor, *, township_name: str, name: str, kind: str) -> Unit:
    """A village under a township given by name (created first when new), in one transaction."""

    if not township_name.strip():
        raise ValidationError.single("township", "所在乡镇(街道)", "不能为空")
    with db.atomic():
        township = ensure_township(actor, township_name)
        return add_unit(actor, township_id=township.id, name=name, kind=kind)


def rename_unit(actor: Actor, unit_id: str, *, name: str, kind: str, expected_version: int | None = None) -> Unit:
    """A mistyped name corrected (or a 村 become a 社区): every file shows the new name."""
    return services.update(actor, Unit, unit_id, {"name": name, "kind": kind},
                           expected_version=expected_version).record


def rename_township(actor: Actor, township_id: str, name: str) -> Township:
    """The township's name; in a township archive its name in the settings follows."""
    with db.atomic():
        township = services.update(actor, Township, township_id, {"name": name}).record
        if settings.get("mode") == "township":
            services.set_setting(actor, "township_name", township.name)
        return township
