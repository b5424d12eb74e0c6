"""Plain data for the 查阅/借阅登记簿 (of one person, or of the whole archive)."""
from __future__ import annotations

import datetime as dt

from models.forms.people import person_on_file
from models.personnel.person import Secretary
from models.personnel.registers import AccessLog, Loan, loan_status


def _day(value) -> str:
    return f"{value:%Y.%m.%d}" if value else ""


def _reader(reading: AccessLog) -> str:
    """查阅人: the name, then 政治面貌 and 联系方式 (FORMS.md §5) on their own lines."""
    return "\n".join(filter(None, (reading.reader, reading.reader_political, reading.reader_phone)))


def _instruction(reading: AccessLog) -> str:
    """领导意见/批示时间: the opinion, who gave it (the approver), and when."""
    who = f"（{reading.approver}）" if reading.approver else ""
    return "\n".join(filter(None, (f"{reading.leader_opinion or ''}{who}", _day(reading.instructed_on))))


def register_book_data(*, secretary_id: str | None = None, today: dt.date | None = None) -> dict:
    def mine(model, day_field):
        # the person comes with each row (one query, not one per line of the book)
        query = (model.select(model, Secretary).join(Secretary)
                 .where(model.deleted_at.is_null()).order_by(day_field, model.id))
        return query.where(model.secretary == secretary_id) if secretary_id else query

    access = [[_day(a.date), a.secretary.name, _reader(a), " ".join(filter(None, (a.reader_unit, a.reader_post))),
               a.purpose, a.content or "", a.unit_opinion or "", _instruction(a), str(a.copies_made), a.handler or ""]
              for a in mine(AccessLog, AccessLog.date)]
    loans = [[_day(x.lent_date), x.secretary.name, x.borrower, x.borrower_unit or "", x.purpose or "", _day(x.due_date),
              _day(x.returned_date), loan_status(x.due_date, x.returned_date, today=today), x.approver or "",
              x.handler or ""] for x in mine(Loan, Loan.lent_date)]
    whose = person_on_file(secretary_id).name if secretary_id else "全部档案"
    return {"whose": whose, "access": access, "loans": loans}
