"""Plain data for the printed 个人重大事项报告登记台账: of a year, a period, or what the ledger page shows."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from models.errors import ArchiveError
from models.matters import ledger
from models.values.idcard import mask


def ledger_print_data(*, year: int | None = None, township: str | None = None, date_from: dt.date | None = None,
                      date_to: dt.date | None = None, wanted: ledger.LedgerFilter | None = None) -> dict:
    """The ledger in report-date order, ID numbers masked (the list does not need them): of
    ``wanted`` (the ledger page's filter), else of ``year`` or ``date_from``–``date_to`` and ``township``."""
    wanted = replace(wanted or ledger.period_filter(year=year, township=township, date_from=date_from,
                                                    date_to=date_to), handed_in=True)
    rows = ledger.page(wanted, offset=0, limit=-1, descending=False)
    if not rows:
        raise ArchiveError(f"台账中没有符合条件的报告（{ledger.describe_filter(wanted)}），没有可打印的内容")
    return {"period": ledger.describe_filter(wanted), "headers": list(ledger.COLUMNS),
            "rows": [[*row[1:5], mask(row[5]), *row[6:]] for row in rows]}
