"""个人重大事项报告登记台账: the ledger of reports, filtered and paged in SQL.

A district holds hundreds of thousands of reports; only the page on screen is read, and every
filter (on time / overdue included, thanks to the stored deadline) is a WHERE clause.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, fn

from models.errors import ArchiveError
from models.matters.deadlines import Timeliness, days_late_sql, not_overdue_sql, overdue_sql
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind
from models.org.tables import Township, Unit
from models.personnel.person import Secretary

COLUMNS = ("报告时间", "乡镇", "村(社区)", "姓名", "身份证号", "报告类别", "事项", "事前/事后", "事项时间",
           "截止时间", "是否按期", "状态", "审核结果")
SORTABLE = ("report_date", "township", "unit", "name", None, "kind", "matter", "timing", "matter_date",
            "due_date", "days_late", "status", "review_result")


SELECTIVE = 20_000


@dataclass(frozen=True)
class LedgerFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    township_id: str | None = None
    unit_id: str | None = None
    matter_type_id: str | None = None
    kind: str | None = None
    timing: str | None = None
    status: str | None = None
    punctuality: str | None = None  # "on_time" / "overdue"
    text: str = ""
    secretary_id: str | None = None
    matter_from: dt.date | None = None  # the matter's own date (e.g. 事前 matters of this week)
    matter_to: dt.date | None = None


def _people(condition, *, walking: bool = False):
    """Reports of the people matching ``condition``. ``walking``: the page walks the report-date
    index and tests each report's person (``|| ''`` keeps SQLite from choosing the person index
    and sorting a whole township's reports to show the first hundred)."""
    person = MatterReport.secretary.concat("") if walking else MatterReport.secretary
    return person.in_(Secretary.select(Secretary.id).join(Unit).where(condition))


def _conditions(wanted: LedgerFilter, today: dt.date, *, walking: bool = False) -> list:
    """Every filter as a condition on the report table itself (people through sub-queries), so a
    count needs no join and a page can walk the report-date index."""
    rules = {
        "date_from": lambda v: MatterReport.report_date >= v, "date_to": lambda v: MatterReport.report_date <= v,
        "township_id": lambda v: _people(Unit.township == v, walking=walking),
        "unit_id": lambda v: _people(Secretary.unit == v, walking=walking),
        "matter_type_id": lambda v: MatterReport.matter_type == v, "kind": lambda v: MatterReport.kind == v,
        "timing": lambda v: MatterReport.timing == v, "status": lambda v: MatterReport.status == v,
        "secretary_id": lambda v: MatterReport.secretary == v,
        "matter_from": lambda v: MatterReport.matter_date >= v, "matter_to": lambda v: MatterReport.matter_date <= v,
        "punctuality": lambda v: overdue_sql(today) if v == "overdue" else not_overdue_sql(today),
    }
    conditions = [MatterReport.deleted_at.is_null()]
    conditions += [rule(getattr(wanted, name)) for name, rule in rules.items() if getattr(wanted, name)]
    text = wanted.text.strip().lower()
    if text:
        pattern = f"%{text}%"
        conditions.append(_people(Secretary.name.contains(text) | (Secretary.name_initials ** pattern) |
                                  (Secretary.name_pinyin ** pattern) | Secretary.id_number.contains(text)))
    return conditions


def _where(query, conditions):
    for condition in conditions:
        query = query.where(condition)
    return query


def _display_query(today: dt.date):
    matter = Case(None, [(MatterReport.kind == ReportKind.CENTRALISED, fn.printf("%d年度集中报告", Campaign.year))],
                  MatterType.name)
    return (MatterReport.select(
        MatterReport.id, MatterReport.report_date, Township.name.alias("township"), Unit.name.alias("unit"),
        Secretary.name.alias("name"), Secretary.id_number, MatterReport.kind, matter.alias("matter"),
        MatterReport.timing, MatterReport.matter_date, MatterReport.due_date, days_late_sql(today).alias("days_late"),
        MatterReport.status, MatterReport.review_result)
        .join(Secretary).join(Unit).join(Township)
        .switch(MatterReport).join(MatterType, join_type=JOIN.LEFT_OUTER)
        .switch(MatterReport).join(Campaign, join_type=JOIN.LEFT_OUTER))


def count(wanted: LedgerFilter, *, today: dt.date | None = None) -> int:
    if wanted == LedgerFilter():  # every live report: the table's size (read from its b-tree) minus the bin
        every = MatterReport.select(fn.COUNT(SQL("*"))).scalar()
        return every - MatterReport.select(fn.COUNT(SQL("*"))).where(MatterReport.deleted_at.is_null(False)).scalar()
    # COUNT(*), not COUNT(id): a filter's index answers it alone, without reading each row
    query = MatterReport.select(fn.COUNT(SQL("*")))
    return _where(query, _conditions(wanted, today or dt.date.today())).scalar()


def page(wanted: LedgerFilter, *, offset: int, limit: int, sort: str = "report_date", descending: bool = True,
         today: dt.date | None = None, matched: int | None = None) -> list[tuple]:
    """Rows ``offset`` … ``offset + limit`` as display tuples (first element the report id)."""
    return [_display(row) for row in _rows(wanted, offset=offset, limit=limit, sort=sort, descending=descending,
                                           today=today, matched=matched)]


def _rows(wanted: LedgerFilter, *, offset: int, limit: int, sort: str, descending: bool, today: dt.date | None,
          matched: int | None) -> list[tuple]:
    """The raw rows of a page, in order.

    The page's ids are chosen on the report table alone (walking an index where the sort allows),
    and only those rows are then joined for display. ``matched`` (the count, when known) tells a
    selective filter, for which sorting the few matches beats walking the whole date index.
    """
    today = today or dt.date.today()
    sort = sort if sort in SORTABLE and sort else "report_date"
    own = _own_sort_columns(today)
    if sort not in own:  # sorting by a person's or a type's name needs the joins throughout
        order = SQL(f'"{sort}" {"DESC" if descending else "ASC"}')
        query = _where(_display_query(today), _conditions(wanted, today))
        return list(query.order_by(order, MatterReport.id).offset(offset).limit(limit).tuples())
    column = own[sort]
    selective = matched is not None and matched < SELECTIVE
    if selective:
        column = fn.COALESCE(column, "")  # an expression: SQLite then filters by index and sorts
    # ties in the same direction by report date, then id: one index (column, report_date) walks
    # both directions, so a sort at a million reports reads only the page it shows
    order = [column, MatterReport.report_date, MatterReport.id]
    keys = [c.desc() if descending else c.asc() for c in order]
    ids_query = _where(MatterReport.select(MatterReport.id), _conditions(wanted, today, walking=not selective))
    ids = [row[0] for row in ids_query.order_by(*keys).offset(offset).limit(limit).tuples()]
    if not ids:
        return []
    rows = {row[0]: row for row in _display_query(today).where(MatterReport.id.in_(ids)).tuples()}
    return [rows[i] for i in ids]


def _own_sort_columns(today: dt.date) -> dict:
    return {"report_date": MatterReport.report_date, "kind": MatterReport.kind, "timing": MatterReport.timing,
            "matter_date": MatterReport.matter_date, "due_date": MatterReport.due_date,
            "days_late": days_late_sql(today), "status": MatterReport.status, "review_result": MatterReport.review_result}


def _display(row: tuple) -> tuple:
    (report_id, reported, township, unit, name, id_number, kind, matter, timing, matter_date, due, late,
     status, result) = row
    return (report_id, _day(reported), township, unit, name, id_number or "", kind, matter or "", timing or "",
            _day(matter_date), _day(due), punctuality_text(late, reported), status, result or "")


def _record(row: tuple) -> dict:
    """A row as ``main.py ledger --json`` prints it: ISO dates, on_time null while not reported."""
    (report_id, reported, township, unit, name, id_number, kind, matter, timing, matter_date, due, late,
     status, _) = row
    iso = lambda value: None if value is None else str(value)[:10]  # noqa: E731 (dates come back as text)
    on_time = None if late is None else _judged(late, reported).on_time
    return {"id": report_id, "secretary": name, "id_number": id_number, "township": township, "unit": unit,
            "type": matter, "kind": kind, "timing": timing, "matter_date": iso(matter_date),
            "report_date": iso(reported), "due_date": iso(due), "status": status, "on_time": on_time}


def records(wanted: LedgerFilter, *, today: dt.date | None = None) -> list[dict]:
    """Every row of the filtered ledger, in the ledger's order, for scripts and support."""
    return [_record(row) for row in _rows(wanted, offset=0, limit=-1, sort="report_date", descending=True,
                                          today=today, matched=None)]


def _judged(days_late: float, reported) -> Timeliness:
    """The one rule's judgement from the days computed in SQL (due date kept out: not needed)."""
    return Timeliness(due=None, reported=reported, days_late=int(round(days_late)))


def punctuality_text(days_late, reported) -> str:
    """The ledger's 是否按期 column: the one rule's words."""
    return "" if days_late is None else _judged(days_late, reported).describe()


def _day(value) -> str:
    if value is None:
        return ""
    return (value if isinstance(value, str) else value.isoformat()).replace("-", ".")


def all_rows(wanted: LedgerFilter, *, today: dt.date | None = None) -> list[tuple]:
    return page(wanted, offset=0, limit=-1, today=today)


def period_filter(*, year: int | None = None, township: str | None = None, date_from: dt.date | None = None,
                  date_to: dt.date | None = None) -> LedgerFilter:
    """The reports of a year (or from ``date_from`` to ``date_to``) by report date, of one
    township (by name) or all: what ``ledger --year`` lists and ``print ledger`` prints."""
    township_id = None
    if township:
        found = Township.live().where(Township.name == township).first()
        if found is None:
            raise ArchiveError(f"没有名为“{township}”的乡镇(街道)")
        township_id = found.id
    if year:
        date_from, date_to = date_from or dt.date(year, 1, 1), date_to or dt.date(year, 12, 31)
    return LedgerFilter(date_from=date_from, date_to=date_to, township_id=township_id)


def describe_filter(wanted: LedgerFilter) -> str:
    """What a printed ledger holds, in words: "报告时间 2026.01.01 至 2026.06.30 · 城关镇 · 逾期"."""
    def day(value) -> str:
        return _day(value) if value else "…"

    parts = []
    if wanted.date_from or wanted.date_to:
        if wanted.date_from and wanted.date_to and (wanted.date_from.month, wanted.date_from.day,
                                                     wanted.date_to.month, wanted.date_to.day) == (1, 1, 12, 31) \
                and wanted.date_from.year == wanted.date_to.year:
            parts.append(f"{wanted.date_from.year}年度")
        else:
            parts.append(f"报告时间 {day(wanted.date_from)} 至 {day(wanted.date_to)}")
    if wanted.matter_from or wanted.matter_to:
        parts.append(f"事项时间 {day(wanted.matter_from)} 至 {day(wanted.matter_to)}")
    names = ((Township, wanted.township_id), (Unit, wanted.unit_id), (MatterType, wanted.matter_type_id),
             (Secretary, wanted.secretary_id))
    parts += [model.get_by_id(key).name for model, key in names if key]
    parts += [value for value in (wanted.kind, wanted.timing, wanted.status) if value]
    if wanted.punctuality:
        parts.append("逾期" if wanted.punctuality == "overdue" else "按期")
    if wanted.text.strip():
        parts.append(f"含“{wanted.text.strip()}”")
    return " · ".join(parts) or "全部报告"
