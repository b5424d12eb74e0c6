"""报告情况统计表 of a year: the centralised report by township (按期, 逾期报送, 未报告 and of those
already past the deadline), a coverage chart, the year's ordinary reports and the verifications."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from .base import para, styles
from .fonts import SONG, runs
from .lists import list_table

# Long headings break where the words do, not inside a word
HEADERS = ["乡镇（街道）", "在任书记", "已报告", "其中按期", "其中\n逾期报送", "未报告", "其中已过\n截止日", "覆盖率",
           "未报告人员"]
WIDTHS = [w * mm for w in (24, 18, 15, 18, 18, 15, 18, 15, 33)]  # 174 mm
LABEL_WIDTH, BAR_WIDTH, BAR_HEIGHT = 32 * mm, 120 * mm, 5 * mm


def _figures(row: dict) -> list[str]:
    return [str(row[key]) for key in ("serving", "filed", "on_time", "overdue", "missing", "missing_overdue")] \
        + [f"{row['coverage']:.1%}"]


def _label(drawing: Drawing, text: str, right: float, y: float, size: float) -> None:
    """A label ending at ``right``, drawn run by run so a rare character prints in the font that has it."""
    parts = runs(text)
    x = right - sum(stringWidth(chunk, font, size) for font, chunk in parts)
    for font, chunk in parts:
        drawing.add(String(x, y, chunk, fontName=font, fontSize=size))
        x += stringWidth(chunk, font, size)


CHART_MOST = 30  # townships in one chart: a district's fifty make two, each within a page


def coverage_charts(townships: list[dict]) -> list[Drawing]:
    """The coverage chart, thirty townships to a drawing (one taller than a page never printed)."""
    return [coverage_chart(townships[start:start + CHART_MOST], continued=start > 0)
            for start in range(0, len(townships), CHART_MOST)]


def coverage_chart(townships: list[dict], *, continued: bool = False) -> Drawing:
    """Horizontal bars, one per township, its name at the left: long names never overlap."""
    height = (len(townships) + 1) * (BAR_HEIGHT + 2 * mm) + 8 * mm
    drawing = Drawing(LABEL_WIDTH + BAR_WIDTH + 14 * mm, height, initialFontName=SONG)
    title = "集中报告覆盖率（%）" + ("（续）" if continued else "")
    drawing.add(String(0, height - 5 * mm, title, fontName=SONG, fontSize=9))
    top = height - 10 * mm
    for index, township in enumerate(townships):
        y = top - index * (BAR_HEIGHT + 2 * mm) - BAR_HEIGHT
        _label(drawing, township["township"], LABEL_WIDTH - 2 * mm, y + 1.5 * mm, 8)
        drawing.add(Rect(LABEL_WIDTH, y, BAR_WIDTH * township["coverage"], BAR_HEIGHT,
                         fillColor=colors.HexColor("#3b5f82"), strokeColor=None))
        drawing.add(String(LABEL_WIDTH + BAR_WIDTH * township["coverage"] + 1 * mm, y + 1.5 * mm,
                           f"{township['coverage'] * 100:.1f}", fontName=SONG, fontSize=8))
    axis = top - len(townships) * (BAR_HEIGHT + 2 * mm)
    drawing.add(Line(LABEL_WIDTH, axis, LABEL_WIDTH, top + 1 * mm, strokeWidth=0.5))
    drawing.add(Line(LABEL_WIDTH, axis, LABEL_WIDTH + BAR_WIDTH, axis, strokeWidth=0.5))
    for percent in range(0, 101, 20):
        x = LABEL_WIDTH + BAR_WIDTH * percent / 100
        drawing.add(Line(x, axis, x, axis - 1 * mm, strokeWidth=0.5))
        drawing.add(String(x - 3, axis - 4 * mm, str(percent), fontName=SONG, fontSize=7))
    return drawing


def stats_form(d: dict) -> list:
    s = styles()
    rows = [[t["township"], *_figures(t), "、".join(t["missing_names"])] for t in d["townships"]]
    rows.append(["合计", *_figures(d), ""])
    reports = d["reports"]
    timing = "".join(f",{name} {count} 份" for name, count in reports["by_timing"].items())
    summary = f"平时报告 {reports['total']} 份，其中按期 {reports['on_time']} 份、逾期 {reports['overdue']} 份{timing}。"
    due = f"（截止日期 {d['due_date'].replace('-', '.')}）" if d.get("due_date") else "（本年度没有开展集中报告）"
    flowables = [para(f"{d['year']}年度个人重大事项报告情况统计表", s["title"]),
                 para(f"一、集中报告{due}", s["heading"]), Spacer(1, 1 * mm)]
    if not d.get("due_date"):  # no round that year: nobody is missing from it (no 0% of anything)
        flowables += [para("本年度没有集中报告，无报送情况可统计。", s["body"]), Spacer(1, 3 * mm)]
    else:
        flowables += [list_table(HEADERS, rows, WIDTHS, left=(8,)), Spacer(1, 3 * mm)]
        if d["townships"]:
            flowables += [*coverage_charts(d["townships"]), Spacer(1, 3 * mm)]
    ordinary = [para("二、平时报告", s["heading"]), para(summary, s["body"]), Spacer(1, 1 * mm)]
    by_type = [[name, str(count)] for name, count in reports["by_type"].items()]
    if by_type:
        ordinary.append(list_table(["事项类别", "报告份数"], by_type, [140 * mm, 34 * mm], left=(0,)))
    flowables.append(KeepTogether(ordinary))
    verified = [[result, str(count)] for result, count in d["verifications"].items()]
    # the heading never alone at a page foot: kept with what it heads
    flowables += [Spacer(1, 3 * mm), KeepTogether([
        para("三、抽查核实", s["heading"]), Spacer(1, 1 * mm),
        list_table(["核实结果", "人次"], verified, [140 * mm, 34 * mm], left=(0,)) if verified
        else para("本年度没有抽查核实记录。", s["body"])])]
    blank = "\u3000" * 5
    flowables += [Spacer(1, 8 * mm),  # signed by hand, as the paper form is
                  para(f"制表人：{blank}\u3000审核人：{blank}\u3000制表时间：\u3000\u3000年\u3000\u3000月\u3000\u3000日",
                       s["body"])]
    return flowables
