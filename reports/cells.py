"""Ruled grids whose cells measure their text (the official forms' tables).

A cell's text wraps within the cell and shrinks, step by step, down to a floor size; a row whose
text does not fit even then grows — text never crosses a cell's edges or overprints a rule.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Table

from .base import FLOOR, fitted, para, styles, table_style

PAD_X, PAD_Y = 3, 2


@dataclass
class Cell:
    text: object
    style: str  # a key of ``styles()``
    span: int = 1
    one_line: bool = False  # shrinks to keep on one line (an ID number must not break)


class ContinuedTable(Table):
    """A table whose part on the next sheet has ``continued`` (a flowable) in its first cell — a
    continued official form names its part again, 简历(续) — when one is given."""

    continued = None

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.continued = self.continued
        if self.continued is not None:
            for part in parts[1:]:
                part._cellvalues[0][0] = self.continued
        return parts


class Grid:
    """Rows of a ruled table with fixed column widths; ``row`` takes cells (``label``, ``value``,
    any flowable) with ``None`` where a cell to the left spans over."""

    def __init__(self, widths: list[float], *, small: bool = False, floor: float = FLOOR):
        self.widths = widths
        self.small = small  # lists: 9 pt text
        self.floor = floor  # a cell's text shrinks to this size at most; below it the row grows
        self.rows: list[list] = []
        self.heights: list[float | None] = []
        self.commands: list[tuple] = []
        self.vertical: dict[tuple[int, int], int] = {}  # (column, first row) → last row
        self._built = None

    def label(self, text, *, span: int = 1) -> Cell:
        return Cell(text, "small_label" if self.small else "label", span)

    def value(self, text, *, span: int = 1, left: bool = False, one_line: bool = False) -> Cell:
        style = ("small" if left else "small_center") if self.small else ("body" if left else "center")
        return Cell("" if text is None else text, style, span, one_line)

    def row(self, cells: list, *, height: float | None = None) -> int:
        """A row; a cell with ``span`` covers the columns after it (no placeholders needed);
        ``None`` stands for a cell covered by a vertical span from a row above."""
        number = len(self.rows)
        expanded = []
        for cell in cells:
            expanded.append(cell)
            if isinstance(cell, Cell) and cell.span > 1:
                expanded += [None] * (cell.span - 1)
        cells = expanded + [None] * (len(self.widths) - len(expanded))
        for column, cell in enumerate(cells):
            if isinstance(cell, Cell) and cell.span > 1:
                self.commands.append(("SPAN", (column, number), (column + cell.span - 1, number)))
        self.rows.append(cells)
        self.heights.append(height)
        self._built = None
        return number

    def span(self, first_column: int, first_row: int, last_column: int, last_row: int) -> None:
        self.commands.append(("SPAN", (first_column, first_row), (last_column, last_row)))
        self.vertical[(first_column, first_row)] = last_row

    def _build(self) -> list[list]:
        if self._built is not None:
            return self._built
        s = styles()
        heights = list(self.heights)
        built = []
        for number, cells in enumerate(self.rows):
            out = []
            for column, cell in enumerate(cells):
                if not isinstance(cell, Cell):
                    out.append("" if cell is None else cell)
                    continue
                width = sum(self.widths[column:column + cell.span]) - 2 * PAD_X
                last = self.vertical.get((column, number), number)
                rows = self.heights[number:last + 1]
                height = None if None in rows else sum(rows) - 2 * PAD_Y
                if cell.one_line:
                    height = s[cell.style].leading  # one line at most: the size steps down instead
                paragraph, fits = fitted(cell.text, s[cell.style], width, height, floor=self.floor)
                if not fits:
                    for grown in range(number, last + 1):
                        heights[grown] = None  # the row grows rather than the text leaving the cell
                out.append(paragraph)
            built.append(out)
        self.final_heights = heights
        self._built = built
        return built

    def table(self, *, split: bool = False, header_rows: int = 0, shaded: bool = True,
              label_column: bool = False, continued: str | None = None) -> Table:
        """``header_rows``: repeated at the top of every page, shaded unless ``shaded`` is False (a
        list's column heads). ``label_column``: the first column ruled as one cell (its label in
        the first row) without a span, so that the rows may still be split across pages — headed
        ``continued`` there (``ContinuedTable``)."""
        rows = self._build()
        table = ContinuedTable(rows, colWidths=self.widths, rowHeights=self.final_heights,
                               splitByRow=1 if split else 0, repeatRows=header_rows)
        if continued is not None:
            table.continued = para(continued, styles()["small_label" if self.small else "label"])
        shade = ([("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#f2f2f2"))]
                 if header_rows and shaded else [])
        rules = ([("GRID", (1, 0), (-1, -1), 0.5, colors.black), ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black)]
                 if label_column else [("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        table.setStyle(table_style([
            *rules, ("BOX", (0, 0), (-1, -1), 1, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X), ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y), *([("VALIGN", (0, 0), (0, -1), "TOP")] if label_column else [])]
            + shade + self.commands))
        return table

    def height(self) -> float:
        return self.table().wrap(sum(self.widths), 10_000)[1]


PIECE = 600  # characters: a row of a band stays shorter than a page


def pieces(line: str) -> list[str]:
    """A line of a band in rows short enough to move to the next page whole (a text of 20,000
    characters the write path allows was one row taller than a page: not printable), each cut
    after a sentence or clause where there is one in its second half, so a row ends as a reader
    would pause."""
    rows = []
    while len(line) > PIECE:
        cut = max(line.rfind(mark, PIECE // 2, PIECE) for mark in PAUSES) + 1 or PIECE
        rows.append(line[:cut])
        line = line[cut:]
    return [*rows, line] if line or not rows else rows


PAUSES = "。！？；，、.;!?,"


def band(widths: list[float], label: str, lines: list[str], *, height: float | None = None) -> Table:
    """A part of a form that flows on to the next sheet: its label ruled over the first column,
    every line (in ``pieces``) a row of its own across the rest, headed "label(续)" where it goes
    on; one line keeps the part's ``height``, as on a form of one sheet."""
    grid = Grid(widths)
    lines = [piece for line in lines for piece in pieces(line)]
    for number, line in enumerate(lines):
        grid.row([grid.label(label) if number == 0 else "", grid.value(line, span=len(widths) - 1, left=True)],
                 height=height if len(lines) == 1 else None)
    return grid.table(split=True, label_column=True, continued="".join(label.split()) + "（续）")  # (党委审核意见（续）)

