"""村(社区)党组织书记基本情况登记表, in the layout of the 干部任免审批表 (FORMS.md §1).

A 7-column grid (widths of a known implementation, in twips: 986 1434 1132 1384 1500 1384 1932).
Page 1: the basic rows (photo over rows 1–4; 学历学位 over two rows), 现任职务, our band of 任现职时间 /
是否一肩挑 / 届次, 拟任职务, 拟免职务, village and contact, then 简历 filling the rest of the page.
Page 2: 奖惩情况, 年度考核结果, 任免理由, 家庭主要成员及重要社会关系 (10 rows), 呈报单位, 审批机关意见 and
行政机关任免意见 with room to sign and seal, 填表人.

Every cell's text is measured: it wraps within its cell and shrinks, as the official editor does,
down to 7 pt (``READABLE``). In the "fit" mode (the default) the form keeps to the official two pages: the
resume's lines shrink together to fill page 1; only if even the floor size cannot hold them does
the form fall back to the "continue" mode, where the resume and the family flow onto continuation
pages and every row grows to its text.
"""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer, Table

from .base import MARGIN, para, sized, styles, table_style
from .cells import ContinuedTable, Grid, band

TWIPS = (986, 1434, 1132, 1384, 1500, 1384, 1932)
WIDTHS = [t / 20 for t in TWIPS]  # points
FAMILY_ROWS = 10  # the newer editor pads to 10 rows (the older printed 6)
FAMILY_HEIGHT = FAMILY_ROWS * 8.5 * mm  # in the "fit" mode more relatives share this height …
FIT_FAMILY_MOST = 20  # … down to rows of one line at the floor size
# The official two pages hold their text at this size at least: what would need smaller type goes
# on to a continuation sheet instead (a 登记表 is read and signed, not squinted at).
READABLE = 7.0
SHEET_MOST = 6000  # characters of 奖惩, 考核 and 任免理由 beyond any page 2 of one sheet
NONE = "无"  # printed only where the official form says so: 奖惩情况 with none
PAGE_HEIGHT = A4[1] - 2 * MARGIN - 10 * mm  # room for the page number
TITLE = "村（社区）党组织书记基本情况登记表"
SEAL = "（盖章）\n年\u3000\u3000月\u3000\u3000日"


def _photo(data: bytes | None, s):
    if not data:
        return para("照\n\n片", s["label"])
    width = WIDTHS[6] - 8
    return Image(io.BytesIO(data), width=width, height=width * 7 / 5)


def _first_page(d: dict, s) -> Grid:
    grid = Grid(WIDTHS, floor=READABLE)
    L, V = grid.label, grid.value
    birth = f"{d['birth']}\n（{d['age']}岁）" if d.get("birth") and d.get("age") is not None else d.get("birth")
    top = grid.row([L("姓  名"), V(d["name"]), L("性  别"), V(d["sex"]), L("出生年月\n（岁）"), V(birth),
                    _photo(d.get("photo"), s)], height=13 * mm)
    grid.row([L("民  族"), V(d["ethnicity"]), L("籍  贯"), V(d["native_place"]), L("出 生 地"), V(d["birthplace"])],
             height=13 * mm)
    grid.row([L("入  党\n时  间"), V(d["party_date"]), L("参加工作\n时    间"), V(d["work_date"]), L("健康状况"),
              V(d["health"])], height=13 * mm)
    grid.row([L("专业技术\n职    务"), V(d["tech_title"], span=2), L("熟悉专业\n有何专长"),
              V(d["specialty"], span=2)], height=13 * mm)
    grid.span(6, top, 6, top + 3)
    first = None
    for key, label in (("ft", "全日制\n教  育"), ("pt", "在  职\n教  育")):
        e = d[key]
        level = "\n".join(filter(None, (e["education"], e["degree"])))
        row = grid.row([L("学  历\n学  位"), L(label), V(level, span=2), L("毕业院校\n系及专业"),
                        V(e["school"], span=2)], height=13 * mm)
        first = row if first is None else first
    grid.span(0, first, 0, first + 1)
    grid.row([L("现任职务"), V(d["current_post"], span=6, left=True)], height=10 * mm)
    grid.row([L("任现职\n时  间"), V(d["post_since"]), L("是否\n一肩挑"), V(d["concurrent_head"]), L("届  次"),
              V(d["term"], span=2)], height=10 * mm)
    grid.row([L("拟任职务"), V(d["proposed_post"], span=6, left=True)], height=10 * mm)
    grid.row([L("拟免职务"), V(d["proposed_removal"], span=6, left=True)], height=10 * mm)
    grid.row([L("所在村\n（社区）"), V(d["unit"], span=3), L("联系电话"), V(d["phone"], span=2)],
             height=10 * mm)
    grid.row([L("身份证号"), V(d["id_number"], span=3), L("首次任书\n记时间"),
              V(d["first_secretary_date"], span=2)], height=10 * mm)
    return grid


def _resume_lines(resume: list[tuple[str, str]], s, size: float) -> Table:
    """The resume as the editor writes it: the period, then the post with a hanging indent; the
    current post open-ended (``2021.03--``)."""
    body = sized(s["body"], size)
    period_width = stringWidth("1986.09--1990.07", body.fontName, size) + size  # and a space before the post
    rows = [[para(period, body), para(text, body)] for period, text in resume] or [["", ""]]
    table = Table(rows, colWidths=[period_width, sum(WIDTHS[1:]) - 6 - period_width], splitByRow=1)
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _resume_fitted(resume: list, s, height: float) -> Table | None:
    """The resume at the largest size whose lines fill at most ``height`` (None: not even at the floor)."""
    size = s["body"].fontSize
    while size >= READABLE:
        table = _resume_lines(resume, s, size)
        if table.wrap(sum(WIDTHS[1:]) - 6, 10_000)[1] <= height:
            return table
        size -= 0.25
    return None


def _resume_block(d: dict, s, *, height: float | None) -> Table:
    """The 简历 band: the label and one large cell. With ``height`` it is that tall, its lines
    fitted; without, each line is a row, so a long resume continues on the next page."""
    label = para("简\n\n\n\n历", s["label"])
    if height is not None:
        table = Table([[label, _resume_fitted(d["resume"], s, height - 8)]], colWidths=[WIDTHS[0], sum(WIDTHS[1:])],
                      rowHeights=[height])
        table.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                    ("LINEAFTER", (0, 0), (0, 0), 0.5, colors.black),
                                    ("VALIGN", (0, 0), (0, 0), "MIDDLE"), ("VALIGN", (1, 0), (1, 0), "TOP")]))
        return table
    label = para("简历", s["label"])  # (across, one line: the first resume row keeps its own height)
    rows = [[label if i == 0 else "", _resume_lines([line], s, s["body"].fontSize)]
            for i, line in enumerate(d["resume"] or [("", "")])]
    table = ContinuedTable(rows, colWidths=[WIDTHS[0], sum(WIDTHS[1:])], splitByRow=1)
    table.continued = para("简历\n（续）", sized(styles()["label"], 9))  # (one line is wider than the label column)
    table.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


FAMILY_LABEL = "家庭\n主要\n成员\n及重\n要社\n会关\n系"
FAMILY_HEADS = ("称 谓", "姓  名", "年龄", "政治\n面貌", "工作单位及职务")


def _rewards_text(d: dict) -> str:
    return "\n".join(d["rewards"]) or ("" if d.get("blank") else NONE)  # the official form writes 无


def _member_cells(grid: Grid, member: dict) -> list:
    V = grid.value
    return [V(member.get("relation", "")), V(member.get("name", "")), V(member.get("age", "")),
            V(member.get("political_status", "")), V(member.get("employer_post", ""), span=2, left=True)]


def _second_page(d: dict, s) -> list:
    """Page 2 on one sheet, each band its official height, the relatives sharing theirs (a row
    whose text would need less than ``READABLE`` grows, and the page then flows instead)."""
    grid = Grid(WIDTHS, floor=READABLE)
    L, V = grid.label, grid.value
    grid.row([L("奖惩\n情况"), V(_rewards_text(d), span=6, left=True)], height=26 * mm)
    grid.row([L("年度\n考核\n结果"), V(d["assessments"], span=6, left=True)], height=20 * mm)
    grid.row([L("任免\n理由"), V(d["appointment_reason"], span=6, left=True)], height=18 * mm)
    family = d["family"] + [{}] * max(0, FAMILY_ROWS - len(d["family"]))
    header = grid.row([L(FAMILY_LABEL), *map(L, FAMILY_HEADS), None], height=10 * mm)
    grid.span(5, header, 6, header)
    for member in family:
        grid.row([None, *_member_cells(grid, member)], height=FAMILY_HEIGHT / len(family))
    grid.span(0, header, 0, header + len(family))
    _sign_rows(grid, d)
    return [grid.table(), Spacer(1, 2 * mm), _footer(d, s)]


def _second_page_flowing(d: dict, s) -> list:
    """Page 2 when its text does not fit one sheet: every line of 奖惩 and every relative a row
    of its own, so the bands continue on the next sheet (the relatives under their heading
    again); the sign rows and the footer kept together."""
    bands = [band(WIDTHS, label, lines, height=height)
             for label, lines, height in (("奖惩\n情况", _rewards_text(d).split("\n"), 26 * mm),
                                          ("年度\n考核\n结果", [d["assessments"]], 20 * mm),
                                          ("任免\n理由", [d["appointment_reason"]], 18 * mm))]
    grid = Grid(WIDTHS)
    header = grid.row([grid.label(FAMILY_LABEL.replace("\n", "")), *map(grid.label, FAMILY_HEADS), None])
    grid.span(5, header, 6, header)
    for member in d["family"] + [{}] * max(0, FAMILY_ROWS - len(d["family"])):
        grid.row(["", *_member_cells(grid, member)])
    family = grid.table(split=True, header_rows=1, shaded=False, label_column=True,
                        continued=FAMILY_LABEL.replace("\n", "") + "（续）")
    signs = Grid(WIDTHS)
    _sign_rows(signs, d)
    return [*bands, family, KeepTogether([signs.table(), Spacer(1, 2 * mm), _footer(d, s)])]


def _sign_rows(grid: Grid, d: dict) -> None:
    L, V = grid.label, grid.value
    grid.row([L("呈报\n单位"), V(d["reporting_unit"], span=3, left=True), V(SEAL, span=3)], height=24 * mm)
    grid.row([L("审批\n机关\n意见"), V(SEAL, span=2), L("行政机关\n任免意见"), V(SEAL, span=3)], height=30 * mm)


def _footer(d: dict, s):
    room = "\u3000" * 5  # to write by hand
    return para(f"计算年龄时间：{d['age_at'] or room}\u3000\u3000填表人：{d['filled_by'] or room}"
                f"\u3000\u3000填表时间：{d['filled_on'] or room}", s["small"])


def _fits_one_sheet(flowables: list) -> bool:
    return sum(f.wrap(sum(WIDTHS), PAGE_HEIGHT)[1] for f in flowables) <= PAGE_HEIGHT


def registration_form(d: dict) -> list:
    """The flowables of one person's 基本情况登记表 (alone and inside the dossier)."""
    s = styles()
    first = _first_page(d, s)
    title = para(TITLE, s["title"])
    # page 2 on one sheet when its text fits there; else its bands flow on (never a crash)
    bands = len(_rewards_text(d)) + len(d["assessments"] or "") + len(d["appointment_reason"] or "")
    fitted_page = _second_page(d, s) if bands <= SHEET_MOST else None  # (measuring a 奖惩 of 600,000
    second = fitted_page if fitted_page and _fits_one_sheet(fitted_page) else _second_page_flowing(d, s)  # characters took minutes)
    if d.get("mode", "fit") == "fit":
        used = title.wrap(sum(WIDTHS), 1000)[1] + s["title"].spaceAfter + first.height()
        room = PAGE_HEIGHT - used
        if _resume_fitted(d["resume"], s, room - 8) is not None and len(d["family"]) <= FIT_FAMILY_MOST:
            return [title, first.table(), _resume_block(d, s, height=room), PageBreak(), *second]
    return [title, first.table(), _resume_block(d, s, height=None), CondPageBreak(60 * mm), *second]
