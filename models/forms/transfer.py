"""Plain data for the 干部人事档案材料转递单."""
from __future__ import annotations

from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.personnel.transfers import Transfer
from models.storage import settings


def transfer_data(*, secretary_id: str) -> dict:
    person = Secretary.get_by_id(secretary_id)
    transfer = Transfer.live().where(Transfer.secretary == secretary_id).order_by(Transfer.date.desc()).first()
    if transfer is None:
        raise ArchiveError(f"{person.name}的档案没有转递记录")
    sender = settings.get("township_name") or "乡镇党委"
    return {"name": person.name, "post": person.current_post or "", "reason": transfer.reason or "",
            "originals": str(transfer.originals), "duplicates": str(transfer.duplicates),
            "materials": str(transfer.materials), "word": transfer.doc_word or "", "number": transfer.doc_number or "",
            "date": f"{transfer.date.year}年{transfer.date.month}月{transfer.date.day}日",
            "month_day": f"{transfer.date.month}月{transfer.date.day}日",
            "sender": sender if transfer.direction == "转出" else transfer.counterpart,
            "counterpart": transfer.counterpart if transfer.direction == "转出" else sender}
