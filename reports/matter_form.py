"""个人重大事项报告表 (one per report): the person, the matter, the type's block in the order of the
official form (操办婚礼 事前/事后, 操办葬礼 …), and the signature block with room to sign and seal:
报告人, 受理人, 党委 (审核意见, 负责人签字盖章) and 纪委 (婚丧喜庆 go to both)."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportlab.platypus import KeepTogether

from .base import FRAME_HEIGHT, WATERMARK, para, styles
from .cells import Cell, Grid, band

WIDTHS = [w * mm for w in (24, 36, 20, 30, 26, 38)]
SEAL = "年\u3000\u3000月\u3000\u3000日"
ROW, BLOCK_ROW = 8 * mm, 7.5 * mm  # one line of text with room to write by hand
# two answers of the block share a row when each fits its half: the first in 20 mm (columns
# 2), the second in 38 mm (column 5) — dates, counts, money, 是/否, short names
HALVES = (WIDTHS[2], WIDTHS[5])



def _fits(text: str, width: float) -> bool:
    return stringWidth(text, styles()["center"].fontName, styles()["center"].fontSize) <= width - 8


def _block(grid: Grid, rows: list[tuple[str, str]], *, paired: bool) -> None:
    """The type's rows in the official order; ``paired``: two to a row where both answers are short."""
    L, V = grid.label, grid.value
    waiting = list(rows)
    while waiting:
        label, value = waiting.pop(0)
        if paired and waiting and _fits(value, HALVES[0]) and _fits(waiting[0][1], HALVES[1]) \
                and len(label) <= 14 and len(waiting[0][0]) <= 14:
            other, answer = waiting.pop(0)
            grid.row([L(label, span=2), V(value), L(other, span=2), V(answer)], height=BLOCK_ROW)
        else:
            grid.row([L(label, span=2), V(value, span=4, left=True)], height=BLOCK_ROW)


def matter_form(d: dict) -> list:
    """The form on one sheet: its rows one to a line where the sheet has room for them, else the
    short answers two to a row; more sheets only when a text truly needs them (``_flowing``)."""
    s = styles()
    title = [para(d.get("title") or "个人重大事项报告表", s["title"])]
    if d.get("draft"):  # printed to be checked, never to be filed: said where no one can miss it
        title.append(para(DRAFT_MARK, s["draft"]))
    age_at = f"计算年龄时间：{d['age_at']}。" if d["age_at"] else ""
    note = para(f"{age_at}此表一式二份，一份由本人留存，一份存入本人档案；项目内容没有的填写“无”。",
                s["small"])
    for paired in (False, True):
        grid = Grid(WIDTHS)
        _matter_rows(grid, d, paired=paired)
        _sign_rows(grid, d, opinion=d["review_opinion"])
        story = [*title, grid.table(split=True), note]
        if sum(f.wrap(sum(WIDTHS), FRAME_HEIGHT)[1] + f.getSpaceAfter() for f in story) <= FRAME_HEIGHT:
            return story
    return [*title, *_flowing(d), KeepTogether([_signed(d), note])]


LONG = 200  # characters: a text longer than this flows on as a band of its own on a form of more sheets


class _Rows:
    """The rows of a form of more sheets: a row of a label and a text longer than ``LONG`` becomes
    a band of its own that flows on to the next sheet (headed (续) there); the rows between
    bands stay ruled grids. ``tables`` gives them in order."""

    small = False
    label, value = Grid.label, Grid.value

    def __init__(self):
        self.parts, self.grid = [], Grid(WIDTHS)

    def row(self, cells: list, *, height: float | None = None) -> None:
        texts = [cell for cell in cells if isinstance(cell, Cell)]
        if len(texts) == 2 and len(str(texts[1].text)) > LONG:
            self._close()
            self.parts.append(band(WIDTHS, str(texts[0].text), str(texts[1].text).split("\n"), height=height))
        else:
            self.grid.row(cells, height=height)

    def _close(self) -> None:
        if self.grid.rows:
            self.parts.append(self.grid.table(split=True))
        self.grid = Grid(WIDTHS)

    def tables(self) -> list:
        self._close()
        return self.parts


def _flowing(d: dict) -> list:
    """The form's rows up to the signatures when a text truly needs more than one sheet: the short
    answers two to a row, each long text a band of its own — a 党委审核意见 too long to sit in the
    sign rows among them."""
    rows = _Rows()
    _matter_rows(rows, d, paired=True)
    if len(d["review_opinion"]) > LONG:
        rows.row([rows.label(OPINION), rows.value(d["review_opinion"], span=5, left=True)])
    return rows.tables()


def _signed(d: dict):
    """The rows signed and sealed (报告人 … 纪委), kept together on the last sheet."""
    grid = Grid(WIDTHS)
    _sign_rows(grid, d, opinion=d["review_opinion"] if len(d["review_opinion"]) <= LONG else "")
    return grid.table()


def _matter_rows(grid, d: dict, *, paired: bool) -> None:
    """The person and the matter: every row above the signatures."""
    L, V = grid.label, grid.value
    grid.row([L("姓  名"), V(d["name"]), L("性  别"), V(d["sex"]), L("年  龄"), V(str(d["age"]))], height=ROW)
    grid.row([L("政治面貌"), V(d["political_status"]), L("联系电话"), V(d["phone"], span=3)], height=ROW)
    grid.row([L("工作单位\n及职务"), V(f"{d['unit']} {d['post']}".strip(), span=5, left=True)], height=10 * mm)
    spouse = d.get("spouse") or {}
    grid.row([L("配偶姓名"), V(spouse.get("name", "")), L("单位职务"), V(spouse.get("post", ""), span=1),
              L("政治面貌"), V(spouse.get("political_status", ""))], height=ROW)
    grid.row([L("报告类别"), V(d["kind"]), L("事前/事后"), V(d["timing"]), L("事项时间"), V(d["matter_date"])],
             height=ROW)
    grid.row([L("报告事项"), V(d["matter"], span=5, left=True)], height=ROW)
    asked = d.get("asked_in_block", ())  # (asked by the type's block, in its own words)
    if "place" not in asked:
        grid.row([L("地  点"), V(d["place"], span=5, left=True)], height=ROW)
    if "persons" not in asked:
        grid.row([L("涉及人员"), V(d["persons"], span=3, left=True), L("与本人关系"), V(d["relation"])], height=ROW)
    grid.row([L("事项内容"), V(d["content"], span=5, left=True)], height=14 * mm)
    _block(grid, d["block"], paired=paired)
    if d.get("punctuality"):  # what the register says: the paper and the archive never disagree
        due, state = d["punctuality"]
        grid.row([L("截止时间"), V(due), L("是否按期"), V(state, span=3, left=True)], height=ROW)
    if d["late_reason"]:
        grid.row([L("逾期说明"), V(d["late_reason"], span=5, left=True)], height=10 * mm)


OPINION = "党委审核\n意    见"


def _sign_rows(grid: Grid, d: dict, *, opinion: str) -> None:
    """报告人, 受理人, 党委 (``opinion`` with the result, room to sign and seal) and 纪委."""
    L, V = grid.label, grid.value
    grid.row([L("报告人签名"), V("", span=3), L("报告时间"), V(d["report_date"] or SEAL)], height=10 * mm)
    grid.row([L("受 理 人"), V(d["received_by"], span=3), L("受理时间"), V(d["received_on"] or SEAL)], height=10 * mm)
    said = "\n".join(filter(None, (opinion, d["review_result"] and f"审核结果：{d['review_result']}")))
    room = "\u3000" * 6  # to sign and seal
    grid.row([L(OPINION), V(f"{said}\n\n党委负责人签字（盖章）：{room}{SEAL}", span=5, left=True)], height=26 * mm)
    grid.row([L("纪委意见"), V(f"\n\n（盖章）{room}{SEAL}", span=5, left=True)], height=20 * mm)


DRAFT_MARK = f"{WATERMARK}（仅供核对，不作已报告的凭证）"
