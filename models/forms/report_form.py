"""Plain data for the 个人重大事项报告表: of one report, or blank (of a type and timing) to fill by hand."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.errors import ArchiveError
from models.forms.people import person_on_file, records_of
from models.matters.blocks import BLOCKS, block_rows, read_details
from models.matters.deadlines import judge_report
from models.matters.person_reports import detail_rows, matter_name, with_matter
from models.matters.tables import MatterReport, MatterType, ReportKind, ReportStatus, Timing
from models.personnel.person import FamilyMember
from models.storage import memo
from models.values import clock, dates

SPOUSES = ("妻子", "丈夫", "配偶")
FIELDS = ("name", "sex", "age", "political_status", "post", "unit", "phone", "kind", "timing", "matter",
          "matter_date", "place", "persons", "relation", "content", "late_reason", "report_date", "received_by",
          "received_on", "review_opinion", "review_result", "reviewer", "reviewed_on", "age_at")


def _day(value) -> str:
    return f"{value:%Y.%m.%d}" if value else ""


def report_form_data(*, report_id: str, age_at: dt.date | None = None) -> dict:
    """Ages are those at the report's date (``age_at`` overrides): the form speaks of that day."""
    r = memo.remembered(("report", report_id), lambda: with_matter().where(MatterReport.id == report_id).get())
    p = person_on_file(r.secretary_id)
    when = age_at or r.report_date or r.matter_date or clock.today()
    spouse = next((m for m in records_of(FamilyMember, p.id) if m.relation in SPOUSES), None)
    unit = p.unit.township.name if p.current_post else f"{p.unit.township.name} {p.unit.name}"
    data = {"name": p.name, "sex": code_map("性别").get(p.sex or "", ""),
            "age": dates.age_at(p.birth_date, when) or "", "political_status": "中共党员" if p.party_date else "",
            "post": p.current_post or "", "unit": unit, "phone": p.phone or "",
            "spouse": {"name": spouse.name, "post": spouse.employer_post or "",
                       "political_status": spouse.political_status or ""} if spouse else None,
            "kind": r.kind, "timing": r.timing or "", "matter": matter_name(r), "matter_date": _day(r.matter_date),
            "place": r.place or "", "persons": r.persons or "", "relation": r.relation or "", "content": r.content or "",
            "block": detail_rows(r, printed=True), "centralised": r.kind == ReportKind.CENTRALISED,
            "late_reason": r.late_reason or "",
            "punctuality": _punctuality(r) if r.status != ReportStatus.DRAFT else None,  # (not handed in: no verdict)
            "report_date": _day(r.report_date), "received_by": r.received_by or "",
            "received_on": _day(r.received_on), "review_opinion": r.review_opinion or "",
            "review_result": r.review_result or "", "reviewer": r.reviewer or "", "reviewed_on": _day(r.reviewed_on),
            "age_at": _day(when), "draft": r.status == ReportStatus.DRAFT,
            "title": form_title(r.matter_type.extra_block if r.matter_type_id else "", r.timing,
                                wedding=_is_wedding(r))}
    if not _is_wedding(r):
        data["block"] = _without_wedding(data["block"])
    return _asked_once(data, r.matter_type.extra_block if r.matter_type_id else "")


# the report's own fields a block's official form asks itself (操办葬礼: 逝世人姓名, 与本人关系,
# 葬礼地点; 操办婚礼: 宴请场所名称): printed there, once, and not in the general rows
ASKED_IN_BLOCK = {"funeral": {"persons": "deceased", "relation": "deceased_relation", "place": "venue"},
                  "banquet": {"place": "venue"}}  # (操办婚礼: the 地点 is the 宴请场所)


def _asked_once(data: dict, block: str) -> dict:
    """The block's row shows the block's answer, and the report's own where it differs (nothing
    is left unprinted); the general rows for those fields are left out (``asked_in_block``)."""
    asked = ASKED_IN_BLOCK.get(block, {})
    labels = {f.key: f.label for f in BLOCKS.get(block, ())}
    by_label = {labels[key]: own for own, key in asked.items()}
    rows = []
    for label, value in data["block"]:
        own = data.get(by_label[label], "") if label in by_label else ""
        rows.append((label, "；".join(dict.fromkeys(filter(None, (value, own))))))
    return {**data, "block": rows, "asked_in_block": tuple(asked)}


def form_title(block: str, timing: str | None, *, wedding: bool = True) -> str:
    """The form's title (FORMS.md §4): 操办葬礼情况报告表; a 宴请 matter's 操办婚礼事前/事后报告表
    (the official form of the type), or 操办喜庆事宜… for another occasion; any other matter's
    个人重大事项报告表."""
    if block == "funeral":
        return "操办葬礼情况报告表"
    if block == "banquet" and timing in (Timing.BEFORE, Timing.AFTER):
        return f"操办{'婚礼' if wedding else '喜庆事宜'}{timing}报告表"
    return "个人重大事项报告表"


WEDDING_ONLY = ("registration_date", "partner", "partner_parents")  # the 操办婚礼 form's own questions
OTHER_OCCASIONS = ("寿", "乔迁", "升学", "满月", "生日", "周岁", "开业", "庆典")


def _is_wedding(report: MatterReport) -> bool:
    """A 婚嫁喜庆 report is a wedding's unless what the clerk wrote names another occasion (寿宴,
    乔迁, 升学 …) and nothing of a wedding — neither the wedding's own questions answered nor a word
    of marriage. The type's name copied into the content (it names 婚礼 and 寿宴) says neither."""
    if not report.matter_type_id or report.matter_type.extra_block != "banquet":
        return True
    answers = read_details(report.details)
    if any(answers.get(key) for key in WEDDING_ONLY):
        return True
    said = "".join(text for text in (report.content, report.persons, report.relation, report.place,
                                     *map(str, answers.values())) if text and text not in report.matter_type.name)
    return "婚" in said or "嫁" in said or not any(word in said for word in OTHER_OCCASIONS)


def _without_wedding(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Another occasion's form: the wedding's own questions (and 是否同城/同地合办, of the two
    families) left out where unanswered, and 婚礼 out of the labels (拟用车辆数及来源, 用车数量)."""
    asked = {field.label for field in BLOCKS["banquet"] if field.key in (*WEDDING_ONLY, "same_city")}
    return [(label.replace("婚礼", ""), text) for label, text in rows if text or label not in asked]


def _punctuality(report: MatterReport) -> tuple[str, str] | None:
    """(截止时间, 是否按期) as the screens judge it — the reviewed report's own due date, the days
    late counted to its 报告时间; None for a report with nothing to judge by."""
    judged = judge_report(report)
    return (_day(judged.due), judged.describe()) if judged is not None else None


def blank_report_data(*, matter_type: str, timing: str | None = None) -> dict:
    """An empty 报告表 of the matter type (code or name) for ``timing`` (事前/事后; default the
    type's own, 事前 for a type reported both before and after): the person fills it by hand."""
    kind = MatterType.live().where((MatterType.code == matter_type) | (MatterType.name == matter_type)).first()
    if kind is None:
        raise ArchiveError(f"没有“{matter_type}”这个报告事项类别")
    timing = timing or (Timing.BEFORE if Timing.BEFORE in kind.timing else kind.timing)
    if timing not in kind.timing:
        raise ArchiveError(f"“{kind.name}”是{kind.timing}报告的事项，没有{timing}报告表")
    data = dict.fromkeys(FIELDS, "")
    data.update(kind=ReportKind.ORDINARY, timing=timing, matter=kind.name, spouse=None, centralised=False,
                punctuality=None,
                block=block_rows(kind.extra_block, None, timing=timing, every_field=True), blank=True,
                title=form_title(kind.extra_block, timing))
    return _asked_once(data, kind.extra_block)
