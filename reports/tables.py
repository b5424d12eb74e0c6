"""The list forms: 个人重大事项报告登记台账 (landscape), 报告情况统计表 (with a chart), the
查阅/借阅登记簿 and the annual 集中报告表."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table

from .base import para, styles, table_style
from .fonts import SONG


def _list_table(headers: list[str], rows: list[list], widths: list[float], *, blank_rows: int = 0) -> Table:
    s = styles()
    body = [[para(h, s["label"]) for h in headers]]
    body += [[para(v, s["small"]) for v in row] for row in rows]
    body += [[""] * len(headers) for _ in range(blank_rows)]
    table = Table(body, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2"))]))
    return table


def ledger_form(d: dict) -> list:
    """``d``: title detail (period), headers, rows (ID numbers already masked)."""
    s = styles()
    widths = [w * mm for w in (22, 14, 22, 14, 30, 14, 50, 11, 22, 22, 16, 12, 12)]  # 261 mm: landscape A4
    return [para("个人重大事项报告登记台账", s["title"]), para(d.get("period", ""), s["subtitle"]), Spacer(1, 2 * mm),
            _list_table(d["headers"], d["rows"], widths)]



def _coverage_chart(townships: list[dict]) -> Drawing:
    drawing = Drawing(170 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 12 * mm, 150 * mm, 44 * mm
    chart.data = [[round(t["coverage"] * 100, 1) for t in townships]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = SONG
    chart.categoryAxis.categoryNames = [t["township"] for t in townships]
    chart.categoryAxis.labels.fontName = SONG
    chart.categoryAxis.labels.fontSize = 8
    chart.bars[0].fillColor = colors.HexColor("#3b5f82")
    drawing.add(chart)
    drawing.add(String(14 * mm, 58 * mm, "集中报告覆盖率(%)", fontName=SONG, fontSize=9))
    return drawing


def stats_form(d: dict) -> list:
    s = styles()
    headers = ["乡镇(街道)", "在任书记", "已报告", "按期", "逾期", "未报告", "覆盖率", "未报告人员"]
    rows = [[t["township"], str(t["serving"]), str(t["filed"]), str(t["on_time"]), str(t["overdue"]),
             str(t["missing"]), f"{t['coverage']:.1%}", "、".join(t["missing_names"])] for t in d["townships"]]
    rows.append(["合计", str(d["serving"]), str(d["filed"]), str(d["on_time"]), str(d["overdue"]), str(d["missing"]),
                 f"{d['coverage']:.1%}", ""])
    widths = [w * mm for w in (26, 16, 16, 14, 14, 16, 18, 54)]
    reports = d["reports"]
    summary = (f"平时报告 {reports['total']} 份,其中按期 {reports['on_time']} 份、逾期 {reports['overdue']} 份;"
               + ";".join(f"{k} {v} 份" for k, v in reports["by_timing"].items()) + "。")
    by_type = [[name, str(count)] for name, count in reports["by_type"].items()]
    return [para(f"{d['year']}年度个人重大事项报告情况统计表", s["title"]), _list_table(headers, rows, widths),
            Spacer(1, 4 * mm), _coverage_chart(d["townships"]) if d["townships"] else Spacer(1, 1),
            para(summary, s["body"]), Spacer(1, 2 * mm),
            _list_table(["事项类别", "报告份数"], by_type, [140 * mm, 30 * mm]) if by_type else Spacer(1, 1)]



def register_book(d: dict) -> list:
    """查阅登记簿 and 借阅登记簿 of one archive (or one person): the rows, then blank lines."""
    s = styles()
    access = _list_table(["查阅日期", "被查阅人", "查阅人", "查阅单位", "查阅事由", "批准人", "复制份数", "经办人"],
                         d["access"], [w * mm for w in (23, 17, 17, 30, 33, 18, 14, 18)], blank_rows=4)
    loans = _list_table(["借出日期", "被借阅人", "借阅人", "借阅单位", "应还日期", "归还日期", "状态", "批准人"],
                        d["loans"], [w * mm for w in (23, 17, 17, 31, 23, 23, 16, 18)], blank_rows=4)
    return [para("干部人事档案查阅登记簿", s["title"]), access, Spacer(1, 8 * mm),
            para("干部人事档案借阅登记簿", s["title"]), loans]



def campaign_form(d: dict) -> list:
    """集中报告表: every matter type with "无" or what the person reported."""
    s = styles()
    head = Table([[para("姓名", s["label"]), para(d["name"], s["center"]), para("单位及职务", s["label"]),
                   para(d["post"], s["body"])]], colWidths=[22 * mm, 36 * mm, 26 * mm, 90 * mm])
    head.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    answers = _list_table(["报告事项", "情况"], d["answers"], [104 * mm, 70 * mm])
    sign = Table([[para("报告人签名", s["label"]), "", para("报告时间", s["label"]), para(d.get("report_date", ""), s["center"])],
                  [para("审核意见", s["label"]), para("(盖章)\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", s["body"]), "", ""]],
                 colWidths=[22 * mm, 62 * mm, 26 * mm, 64 * mm], rowHeights=[12 * mm, 26 * mm])
    sign.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (1, 1), (3, 1)),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [para(f"{d['year']}年度个人有关事项集中报告表", s["title"]), head, answers, sign,
            para("没有发生的事项请填写“无”。", s["small"])]


def campaign_forms(d: dict) -> list:
    """Every form of ``d["people"]`` (one page or more each)."""
    flowables = []
    for index, person in enumerate(d["people"]):
        flowables += ([PageBreak()] if index else []) + campaign_form(person)
    return flowables


def exchange_receipt(d: dict) -> list:
    """回执 for an imported package: who sent it, when, what it held, what was done."""
    s = styles()
    rows = [[label, str(d["counts"].get(key, 0))] for key, label in
            (("new", "新增"), ("updated", "更新"), ("unchanged", "未变"), ("conflicts", "冲突(保留区县版本)"),
             ("deleted", "删除(转为回收站记录)"))]
    facts = [["报送乡镇", d["township"]], ["交换包序号", str(d["sequence"])], ["生成时间", d["created_at"]],
             ["导入时间", d["imported_at"]], ["导入人", d["imported_by"]], ["校验值(SHA-256)", d["sha256"][:32]]]
    flowables = [para("数据交换包接收回执", s["title"]),
                 _list_table(["项目", "内容"], facts, [50 * mm, 120 * mm]), Spacer(1, 4 * mm),
                 _list_table(["记录", "条数"], rows, [120 * mm, 50 * mm]), Spacer(1, 10 * mm),
                 para("接收单位(盖章)\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", s["body"])]
    return flowables
