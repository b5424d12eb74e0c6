"""Plain data for the printed 个人重大事项报告登记台账."""
from __future__ import annotations

import datetime as dt

from models.matters import ledger
from models.org.tables import Township
from models.values.idcard import mask


def ledger_print_data(*, year: int | None = None, township: str | None = None) -> dict:
    """The ledger of a year (by report date), ID numbers masked: the list does not need them."""
    township_id = Township.get(Township.name == township).id if township else None
    wanted = ledger.LedgerFilter(date_from=dt.date(year, 1, 1) if year else None,
                                 date_to=dt.date(year, 12, 31) if year else None, township_id=township_id)
    rows = [[*row[1:5], mask(row[5]), *row[6:]] for row in ledger.all_rows(wanted)]
    period = f"{year}年度" if year else "全部"
    return {"period": period + (f" · {township}" if township else ""), "headers": list(ledger.COLUMNS), "rows": rows}
