"""The person a form is about, with their village and township."""
from __future__ import annotations

from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage import memo


def person_on_file(secretary_id: str) -> Secretary:
    """The person with ``unit`` and ``unit.township`` read in the same query, and once per batch:
    each form of a dossier names them (the three rows read again were 19 of a dossier's 47
    queries). Raises ``Secretary.DoesNotExist`` as ``get_by_id`` does."""
    return memo.remembered(("person on file", secretary_id), lambda: (
        Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)
        .where(Secretary.id == secretary_id).get()))


def records_of(model, secretary_id: str) -> list:
    """The person's live rows of a list (resume, family, appointments…) in their order, read once
    per batch: the dossier's forms list some of them more than once (the family on the
    登记表 and the spouse on every 报告表)."""
    return memo.remembered((model._meta.table_name, "of", secretary_id), lambda: list(
        model.live().where(model.secretary == secretary_id).order_by(model.sort_order)))
