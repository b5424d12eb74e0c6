"""Plain data for the 干部人事档案材料转递单 of a person's latest transfer."""
from __future__ import annotations

import datetime as dt

from models.errors import ArchiveError
from models.forms.people import person_on_file, records_of
from models.personnel.person import ResumeEntry, Secretary
from models.personnel.transfers import Transfer


def transfer_data(*, secretary_id: str, transfer: Transfer | None = None) -> dict:
    """The slip of ``transfer`` (default: the person's latest). The sender is the Party committee
    of the person's township — the file's own, so a district office printing a township's
    transfer prints that township, not itself."""
    person = person_on_file(secretary_id)
    transfer = transfer or transfers_of(secretary_id).first()
    if transfer is None:
        raise ArchiveError(f"{person.name}的档案没有转递记录，没有可打印的转递单（请先在“转递”中登记）")
    own = person.unit.township.party_committee
    outgoing = transfer.direction == "转出"
    return {"name": person.name, "post": post_on(person, transfer.date), "reason": transfer.reason or "",
            "incoming": not outgoing,
            "originals": str(transfer.originals), "duplicates": str(transfer.duplicates),
            "materials": str(transfer.materials), "word": transfer.doc_word or "", "number": transfer.doc_number or "",
            "date": _day(transfer.date),
            "receipt_date": _day(transfer.receipt_date) if transfer.receipt_date else "",
            "month_day": f"{transfer.date.month}月{transfer.date.day}日",
            "sender": own if outgoing else transfer.counterpart, "counterpart": transfer.counterpart if outgoing else own}


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def post_on(person: Secretary, day: dt.date) -> str:
    """单位及职务 on ``day`` (a slip of 2004 names the post of 2004): the current post from the
    month it began (or whenever, when that is not known), else the resume's line of that month."""
    month = f"{day:%Y.%m}"
    if person.current_post and (not person.post_since or person.post_since[:7] <= month):
        return person.current_post
    lines = [line for line in records_of(ResumeEntry, person.id)
             if line.start and line.start[:7] <= month and (not line.end or line.end[:7] >= month)]
    return lines[-1].text if lines else ""


def transfers_of(secretary_id: str):
    """The person's transfers, latest first."""
    return Transfer.live().where(Transfer.secretary == secretary_id).order_by(Transfer.date.desc(), Transfer.id)
