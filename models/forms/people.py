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
