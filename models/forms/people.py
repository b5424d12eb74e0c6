"""The person a form is about, with their village and township."""
from __future__ import annotations

from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.person import (Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary,
                                     Training)
from models.storage import memo


def _people():
    return Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)


def person_on_file(secretary_id: str) -> Secretary:
    """The person with ``unit`` and ``unit.township`` read in the same query, and once per batch:
    each form of a dossier names them (the three rows read again were 19 of a dossier's 47
    queries). Raises ``Secretary.DoesNotExist`` as ``get_by_id`` does."""
    return memo.remembered(("person on file", secretary_id),
                           lambda: _people().where(Secretary.id == secretary_id).get())


def _list_of(model):
    return model.live().order_by(model.sort_order, model.id)


def records_of(model, secretary_id: str) -> list:
    """The person's live rows of a list (resume, family, appointments…) in their order, read once
    per batch: the dossier's forms list some of them more than once (the family on the
    登记表 and the spouse on every 报告表)."""
    return memo.remembered((model._meta.table_name, "of", secretary_id),
                           lambda: list(_list_of(model).where(model.secretary == secretary_id)))


# what the forms of a personnel file list, besides the person (see ``read_files_of``)
FILE_LISTS = (ResumeEntry, RewardPunishment, FamilyMember, Assessment, Appointment, Training, Material)


def read_files_of(secretary_ids: list[str]) -> None:
    """Inside a batch: the people and each list their forms show read for all of them at once, a
    query per table instead of one per table and person (a township's dossiers printed together:
    21 queries a dossier → 8)."""
    for person in _people().where(Secretary.id.in_(secretary_ids)):
        memo.keep(("person on file", person.id), person)
    for model in FILE_LISTS:
        lists: dict[str, list] = {secretary_id: [] for secretary_id in secretary_ids}
        for row in _list_of(model).where(model.secretary.in_(secretary_ids)):
            lists[row.secretary_id].append(row)
        for secretary_id, rows in lists.items():
            memo.keep((model._meta.table_name, "of", secretary_id), rows)
