"""Plain data for the 查阅/借阅登记簿."""
from __future__ import annotations

from models.personnel.person import Secretary
from models.personnel.registers import AccessLog, Loan


def register_book_data(*, secretary_id: str | None = None) -> dict:
    def mine(model, day_field):
        # the person comes with each row (one query, not one per line of the book)
        query = (model.select(model, Secretary).join(Secretary)
                 .where(model.deleted_at.is_null()).order_by(day_field))
        return query.where(model.secretary == secretary_id) if secretary_id else query

    day = lambda v: f"{v:%Y.%m.%d}" if v else ""  # noqa: E731
    access = [[day(a.date), a.secretary.name, a.reader, a.reader_unit or "", a.purpose, a.approver or "",
               str(a.copies_made), a.handler or ""] for a in mine(AccessLog, AccessLog.date)]
    loans = [[day(x.lent_date), x.secretary.name, x.borrower, x.borrower_unit or "", day(x.due_date),
              day(x.returned_date), x.status, x.approver or ""] for x in mine(Loan, Loan.lent_date)]
    return {"access": access, "loans": loans}
