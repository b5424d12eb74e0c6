"""村(社区)党组织书记基本情况登记表, in the layout of the 干部任免审批表 (FORMS.md §1).

A 7-column grid (widths of a known implementation, in twips: 986 1434 1132 1384 1500 1384 1932).
The resume and the family are one table row per line without inner rules, so a 40-line resume
or 12 relatives flow onto a continuation page instead of being clipped.
"""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Image, Spacer, Table

from .base import para, styles, table_style

TWIPS = (986, 1434, 1132, 1384, 1500, 1384, 1932)
WIDTHS = [t / 20 for t in TWIPS]  # points
FAMILY_ROWS = 6  # the older editor printed 6; blank rows are left for handwriting
NONE = "无"


def _photo(data: bytes | None, styles_):
    if not data:
        return para("照\n片", styles_["label"])
    return Image(io.BytesIO(data), width=WIDTHS[6] - 8, height=(WIDTHS[6] - 8) * 7 / 5)


class _Grid:
    """Rows of cells plus the style commands that span and rule them."""

    def __init__(self):
        self.rows: list[list] = []
        self.commands: list[tuple] = []

    def add(self, cells: list, spans: list[tuple[int, int]] = (), height=None) -> int:
        row = len(self.rows)
        self.rows.append(cells + [""] * (7 - len(cells)))
        for start, end in spans:
            self.commands.append(("SPAN", (start, row), (end, row)))
        self.heights = getattr(self, "heights", []) + [height]
        return row


def _basic_rows(grid: _Grid, d: dict, s) -> None:
    L, V = (lambda t: para(t, s["label"])), (lambda t: para(t or NONE, s["center"]))  # noqa: E731
    birth = f"{d['birth']}\n({d['age']}岁)" if d.get("birth") and d.get("age") is not None else d.get("birth")
    top = grid.add([L("姓  名"), V(d["name"]), L("性  别"), V(d.get("sex")), L("出生年月\n(岁)"), V(birth),
                    _photo(d.get("photo"), s)], height=13 * mm)
    grid.add([L("民  族"), V(d.get("ethnicity")), L("籍  贯"), V(d.get("native_place")), L("出 生 地"),
              V(d.get("birthplace"))], height=13 * mm)
    grid.add([L("入  党\n时  间"), V(d.get("party_date")), L("参加工作\n时    间"), V(d.get("work_date")),
              L("健康状况"), V(d.get("health"))], height=13 * mm)
    grid.add([L("专业技术\n职    务"), V(d.get("tech_title")), "", L("熟悉专业\n有何专长"), V(d.get("specialty"))],
             spans=[(1, 2), (4, 5)], height=13 * mm)
    grid.commands.append(("SPAN", (6, top), (6, top + 3)))
    first = None
    for key, label in (("ft", "全日制\n教  育"), ("pt", "在  职\n教  育")):
        e = d.get(key) or {}
        level = "\n".join(filter(None, (e.get("education"), e.get("degree")))) or NONE
        row = grid.add([L("学  历\n学  位"), L(label), V(level), "", L("毕业院校\n系及专业"), V(e.get("school")), ""],
                       spans=[(2, 3), (5, 6)], height=13 * mm)
        first = row if first is None else first
    grid.commands.append(("SPAN", (0, first), (0, first + 1)))
    grid.add([L("现任职务"), para(d.get("current_post") or NONE, s["body"])], spans=[(1, 6)], height=10 * mm)
    grid.add([L("任现职\n时  间"), V(d.get("post_since")), L("是否\n一肩挑"), V(d.get("concurrent_head")),
              L("首次任书\n记时间"), V(d.get("first_secretary_date")), ""], spans=[(5, 6)], height=11 * mm)
    grid.add([L("所在村\n(社区)"), V(d.get("unit")), "", "", L("联系电话"), V(d.get("phone")), ""],
             spans=[(1, 3), (5, 6)], height=11 * mm)
    grid.add([L("身份证号"), V(d.get("id_number")), "", "", L("婚姻状况"), V(d.get("marital_status")), ""],
             spans=[(1, 3), (5, 6)], height=9 * mm)


GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


def _grid_table(grid: _Grid, **options) -> Table:
    table = Table(grid.rows, colWidths=WIDTHS, rowHeights=grid.heights, **options)
    table.setStyle(table_style(GRID + grid.commands))
    return table


def _block(label: str, lines: list[str], s, *, style: str = "body", minimum: int = 1) -> Table:
    """A labelled block (简历, 奖惩 …): one row per line and no inner rules, so a long block
    continues on the next page instead of being clipped."""
    lines = (list(lines) or [NONE]) + [""] * max(0, minimum - len(lines or [NONE]))
    rows = [[para(label, s["label"]) if i == 0 else "", para(line, s[style])] for i, line in enumerate(lines)]
    table = Table(rows, colWidths=[WIDTHS[0], sum(WIDTHS[1:])], splitByRow=1)
    table.setStyle(table_style([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                               ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (0, -1), "TOP"), ("TOPPADDING", (0, 0), (0, 0), 8)]))
    return table


def _family(family: list[dict], s) -> Table:
    L, V = (lambda t: para(t, s["label"])), (lambda t: para(t or "", s["center"]))  # noqa: E731
    grid = _Grid()
    grid.add([L("家庭主要\n成员及\n重要社会\n关系"), L("称 谓"), L("姓  名"), L("年龄"), L("政治\n面貌"),
              L("工作单位及职务"), ""], spans=[(5, 6)])
    for member in list(family) + [{}] * max(0, FAMILY_ROWS - len(family)):
        grid.add(["", V(member.get("relation")), V(member.get("name")), V(member.get("age")),
                  V(member.get("political_status")), para(member.get("employer_post") or "", s["body"]), ""],
                 spans=[(5, 6)], height=8 * mm)
    table = Table(grid.rows, colWidths=WIDTHS, rowHeights=grid.heights, splitByRow=1, repeatRows=1)
    table.setStyle(table_style([("GRID", (1, 0), (-1, -1), 0.5, colors.black),
                               ("BOX", (0, 0), (0, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
                              + grid.commands))
    return table


def _signatures(s) -> Table:
    grid = _Grid()
    seal = "(盖章)\n\n年\u3000\u3000月\u3000\u3000日"
    for label in ("乡镇(街道)\n党(工)委\n意    见", "区(县)委\n组织部\n意    见"):
        grid.add([para(label, s["label"]), "", "", "", "", para(seal, s["center"]), ""], spans=[(1, 4), (5, 6)],
                 height=24 * mm)
    return _grid_table(grid)


def registration_form(d: dict, *, classification: str = "") -> list:
    """The flowables of one person's 基本情况登记表 (used alone and inside the dossier): tables
    stacked edge to edge, so they read as one form and each part can break across pages."""
    s = styles()
    basic = _Grid()
    _basic_rows(basic, d, s)
    footer = para(f"计算年龄时间:{d.get('age_at', '')}        填表人:{d.get('filled_by') or ''}"
                  f"        填表时间:{d.get('filled_on', '')}", s["small"])
    resume = [f"{period}  {text}" for period, text in d.get("resume", [])]
    return [para("村(社区)党组织书记基本情况登记表", s["title"]), _grid_table(basic),
            _block("简\n\n历", resume, s, style="hanging", minimum=8),
            _block("奖惩\n情况", [d.get("rewards") or NONE], s, minimum=2),
            _block("年度\n考核\n结果", [d.get("assessments") or NONE], s, minimum=2),
            _family(d.get("family", []), s), _signatures(s), Spacer(1, 3 * mm), footer]

