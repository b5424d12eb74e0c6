"""Ruled lists (台账, 登记簿, 统计表): a shaded head repeated on every page, a 序号 column, rows that
grow to their text and columns (ID numbers, dates) kept on one line."""
from __future__ import annotations

from reportlab.platypus import Table

from .cells import Grid


def list_table(headers: list[str], rows: list[list], widths: list[float], *, numbered: bool = False,
               one_line: tuple[int, ...] = (), left: tuple[int, ...] = (), blank_rows: int = 0,
               blank_height: float = 0) -> Table:
    """``one_line``/``left``: indexes of the columns (of ``headers``) kept on one line / set
    flush left; ``numbered`` puts 序号 first; ``blank_rows`` framed empty lines to write in by hand."""
    grid = Grid(widths, small=True)
    grid.row([grid.label(h) for h in (["序号"] if numbered else []) + list(headers)])
    for number, row in enumerate(rows, start=1):
        cells = [grid.value(str(number), one_line=True)] if numbered else []
        cells += [grid.value(value, left=index in left, one_line=index in one_line) for index, value in enumerate(row)]
        grid.row(cells)
    for _ in range(blank_rows):
        grid.row([grid.value("") for _ in widths], height=blank_height or None)
    return grid.table(split=True, header_rows=1)
