"""Saving a whole personnel file at once: the basic information and every changed row of its
parts, in one transaction, so a file is never left half-saved."""
from __future__ import annotations

import dataclasses

from models.attachments.adding import attach
from models.attachments.photos import crop_to_id_photo, current_photo
from models.attachments.tables import Attachment
from models.errors import FieldProblem, ValidationError
from models.matters.tables import MatterReport, Verification
from models.personnel.catalogue import Material
from models.personnel.findings import Finding
from models.personnel.person import PERSON_PARTS, Secretary
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer
from models.storage import settings
from models.storage.db import db
from models.writing import audit, services
from models.writing.actor import Actor, require
from models.writing.rows import PartChanges

SAVE = "save"  # the audit action marking one save of a file
FILE_PARTS = PERSON_PARTS + (Material, AccessLog, Loan, Transfer)
PART_BY_TABLE = {model._meta.table_name: model for model in FILE_PARTS}
# every table whose rows belong to one person's file: what its history lists, what an undo may take back
FILE_TABLES = (Secretary, *FILE_PARTS, Attachment, Finding, MatterReport, Verification)
FILE_TABLE_BY_NAME = {model._meta.table_name: model for model in FILE_TABLES}


def save_file(actor: Actor, *, secretary_id: str | None, basic: dict, parts: list[PartChanges],
              photo: bytes | None = None, remove_photo: bool = False,
              expected_version: int | None = None) -> services.Saved:
    """Create or update a file, its photo and its parts; all or nothing."""
    require(actor, "personnel")
    with db.atomic():
        first = audit.last_seq() + 1
        if secretary_id is None:
            saved = services.create(actor, Secretary, basic)
        elif basic:
            saved = services.update(actor, Secretary, secretary_id, basic, expected_version=expected_version)
        else:
            saved = services.Saved(Secretary.get_by_id(secretary_id))
        person_id = saved.record.id
        if photo is not None or remove_photo:
            _replace_photo(actor, person_id, photo)
        for part in parts:
            _save_part(actor, person_id, part)
        _mark_save(actor, saved.record, first)
    return saved


def _mark_save(actor: Actor, person: Secretary, first: int) -> None:
    """Which audit entries this save wrote: what 撤销上一次保存 takes back (hidden in the history,
    which shows the entries themselves)."""
    last = audit.last_seq()
    if last >= first:
        audit.append(actor, settings.installation_id(), action=SAVE, table="", record_id=person.id,
                     summary=f"保存档案:{person.name}", changes={"entries": [first, last]})


def _replace_photo(actor: Actor, secretary_id: str, photo: bytes | None) -> None:
    old = current_photo(secretary_id)
    if old is not None:
        services.delete(actor, Attachment, old.id, reason="更换照片")
    if photo is not None:
        attach(actor, data=crop_to_id_photo(photo), file_name="照片.jpg", purpose="photo",
                     secretary=secretary_id)


def _save_part(actor: Actor, secretary_id: str, part: PartChanges) -> None:
    model = PART_BY_TABLE[part.table]
    for record_id in part.removed:
        services.delete(actor, model, record_id, reason="在档案编辑中删除")
    for order, row in enumerate(part.rows):
        data = {**row.data, "sort_order": order}
        try:
            if row.record_id is None:
                services.create(actor, model, {**data, "secretary": secretary_id})
            else:
                services.update(actor, model, row.record_id, data, expected_version=row.version)
        except ValidationError as error:
            raise ValidationError([_locate(problem, model, order) for problem in error.problems]) from None


def _locate(problem: FieldProblem, model, row: int) -> FieldProblem:
    label = f"{model.label}第{row + 1}行“{problem.label}”"
    return dataclasses.replace(problem, label=label, part=model._meta.table_name, row=row)
