"""档案材料目录 (FORMS.md §2): 类号 | 材料名称 | 材料制成时间 年/月/日 | 份数 | 页数 | 备注, a bold row
per category and sub-class, materials numbered within their class, blank framed rows at the end."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table

from .base import FRAME_HEIGHT, para, styles, table_style

WIDTHS = [16 * mm, 74 * mm, 14 * mm, 10 * mm, 10 * mm, 12 * mm, 12 * mm, 26 * mm]
BLANK_ROWS, BLANK_HEIGHT = 5, 8 * mm  # at most, where the last page has room for them


def catalogue(d: dict) -> list:
    s = styles()
    L, C = (lambda t: para(t, s["label"])), (lambda t: para(t, s["center"]))  # noqa: E731
    # whose catalogue, over the column heads on every page (a second page named nobody)
    rows = [[para(f"{d['name']}\u3000\u3000{d['unit']}", s["subtitle"])] + [""] * 7,
            [L("类号"), L("材料名称"), L("材料制成时间"), "", "", L("份数"), L("页数"), L("备注")],
            ["", "", L("年"), L("月"), L("日"), "", "", ""]]
    commands = [("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2)),
                ("SPAN", (2, 1), (4, 1)), ("SPAN", (5, 1), (5, 2)), ("SPAN", (6, 1), (6, 2)), ("SPAN", (7, 1), (7, 2))]
    for group in d["classes"]:
        row = len(rows)
        if group["sub"]:  # 四-1 … 九-4: under their category, set off from it
            rows.append([para(f"{group['label']}\u3000{group['name']}", s["subclass"])] + [""] * 7)
            commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#fafafa")))
        else:
            rows.append([para(group["name"], s["heading"])] + [""] * 7)
            commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#ececec")))
        commands += [("SPAN", (0, row), (-1, row)), ("NOSPLIT", (0, row), (-1, row + 1))]  # never alone at a page foot
        for number, m in enumerate(group["rows"], start=1):
            rows.append([C(str(number)), para(m["title"], s["body"]), C(m["year"]), C(m["month"]), C(m["day"]),
                         C(m["copies"]), C(m["pages"]), para(m["remarks"], s["small"])])
    title = para("干部人事档案材料目录", s["title"])
    filled = _table(rows, commands, blanks=0)
    room = _room_left(filled, FRAME_HEIGHT - title.wrap(sum(WIDTHS), FRAME_HEIGHT)[1] - s["title"].spaceAfter)
    return [title, _table(rows, commands, blanks=min(BLANK_ROWS, int(room // BLANK_HEIGHT)))]


def _table(rows: list, commands: list, *, blanks: int) -> Table:
    table = Table(rows + [[""] * 8 for _ in range(blanks)], colWidths=WIDTHS, repeatRows=3, splitByRow=1,
                  rowHeights=[None] * len(rows) + [BLANK_HEIGHT] * blanks)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BOX", (0, 0), (-1, -1), 1, colors.black)] + commands))
    return table


def _room_left(table: Table, first_page: float) -> float:
    """The height left under ``table`` on the page it ends on (the first page has ``first_page``):
    the blank rows to write in by hand fill that room, never a page of their own."""
    available = first_page
    while True:
        height = table.wrap(sum(WIDTHS), available)[1]
        if height <= available:
            return available - height
        parts = table.split(sum(WIDTHS), available)
        if len(parts) < 2 and available == FRAME_HEIGHT:
            return 0  # (a row taller than a page: no room to promise; the layout itself will say so)
        table, available = (parts[1] if len(parts) > 1 else table), FRAME_HEIGHT

