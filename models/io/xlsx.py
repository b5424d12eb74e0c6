"""The ledger as an Excel workbook (openpyxl), safe to open: ID numbers stay text, and a cell
that begins like a formula (= + - @) is stored as plain text, never as a formula."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from models.matters import ledger
from models.storage.files import save_atomically
from models.writing import services
from models.writing.actor import Actor

FORMULA_STARTS = ("=", "+", "-", "@")
PROGRESS_EVERY = 1000  # rows written between two reports of progress


def text_cell(sheet, value, *, text: bool = False):
    from openpyxl.cell import WriteOnlyCell  # (see write_ledger)

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and (text or value.startswith(FORMULA_STARTS)):
        cell.data_type = "s"  # literal text: Excel shows it and never evaluates it
        cell.number_format = "@"
    return cell


def write_ledger(actor: Actor, path: Path, wanted: ledger.LedgerFilter, *, today: dt.date | None = None,
                 progress=None) -> int:
    """Write the filtered ledger to ``path`` (atomically), the export audited; returns the number of rows.
    ``progress(done, total)`` every thousand rows."""
    # openpyxl loads here, not with the pages that offer the export: 0.1 s of every start-up
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("报告登记台账")
    widths = (12, 10, 14, 10, 20, 10, 36, 9, 12, 12, 12, 8, 10)
    for position, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + position)].width = width
    header = []
    for title in ledger.COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        header.append(cell)
    sheet.append(header)
    rows = ledger.all_rows(wanted, today=today)
    id_column = ledger.COLUMNS.index("身份证号")
    for number, row in enumerate(rows, start=1):
        values = row[1:]
        sheet.append([text_cell(sheet, v, text=(i == id_column)) for i, v in enumerate(values)])
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(rows)):
            progress(number, len(rows))
    save_atomically(path, book.save)
    services.record_event(actor, action="export", model=None, record_id=None,
                          summary=f"导出报告登记台账:{len(rows)}份报告", details={"file": path.name, "reports": len(rows)})
    return len(rows)
