"""设置 → 报告事项类别: the county's own list of matters and deadlines, seeded from the shipped
defaults and edited as a table."""
from __future__ import annotations

from models.matters.tables import MatterReport, MatterType
from models.matters.workflow import rejudge_due_dates
from models.storage.db import db
from models.values.reference import read_csv
from models.writing import services
from models.writing.actor import Actor, require
from models.writing.rows import PartChanges

DEADLINE_FIELDS = ("timing", "days_before", "days_after")


def seed_matter_types(actor: Actor) -> None:
    """A new archive's matter types: the shipped defaults (``matter_types.csv``)."""
    for order, row in enumerate(read_csv("matter_types.csv")):
        services.create(actor, MatterType, {
            "code": row["code"], "name": row["name"], "timing": row["timing"],
            "days_before": row["days_before"] or None, "days_after": row["days_after"] or None,
            "extra_block": row["extra_block"], "basis": row["basis"] or None, "sort_order": order,
        })


def save_matter_types(actor: Actor, part: PartChanges) -> int:
    """Apply the edited table in one transaction; reports of a type whose deadline changed are
    judged again. Returns how many reports changed their deadline."""
    require(actor, "admin")
    with db.atomic():
        for record_id in part.removed:
            services.delete(actor, MatterType, record_id, reason="在设置中删除")
        changed = []
        for order, row in enumerate(part.rows):
            data = {**row.data, "sort_order": order}
            if row.record_id is None:
                services.create(actor, MatterType, {"extra_block": "", **data})
            else:
                services.update(actor, MatterType, row.record_id, data, expected_version=row.version)
                if any(name in row.data for name in DEADLINE_FIELDS):
                    changed.append(row.record_id)
        if not changed:
            return 0
        return rejudge_due_dates(actor, MatterReport.live().where(MatterReport.matter_type.in_(changed)))
