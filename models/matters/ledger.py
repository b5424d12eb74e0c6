"""个人重大事项报告登记台账: the ledger of reports, filtered and paged in SQL.

A district holds hundreds of thousands of reports; only the page on screen is read, and every
filter (on time / overdue included, thanks to the stored deadline) is a WHERE clause.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import itertools
import operator
from dataclasses import dataclass
from functools import reduce

from peewee import JOIN, SQL, Case, NodeList, Value, fn

from models.errors import ArchiveError
from models.matters.deadlines import (Timeliness, days_late_sql, on_time_branches, overdue_branches,
                                     reported_lateness_sql)
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind, ReportStatus
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage import memo
from models.storage.db import on_postgresql
from models.values import clock

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
    handed_in: bool = False  # past their draft: the printed 台账 lists no draft (it would say 按期)


def _people(condition, *, walking: bool | str = False):
    """Reports of the people matching ``condition``. ``walking``: the page walks the report-date
    index and tests each report's person (``|| ''`` keeps SQLite from choosing the person index
    and sorting a whole township's reports to show the first hundred)."""
    people = Secretary.select(Secretary.id).join(Unit).where(condition)
    if walking == "people":  # the walk passes through each person: tested there, before their reports
        return Secretary.id.in_(people)
    person = MatterReport.secretary.concat("") if walking else MatterReport.secretary
    return person.in_(people)


def _conditions(wanted: LedgerFilter, today: dt.date, *, walking: bool | str = False) -> list:
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
        "punctuality": lambda v: reduce(operator.or_, _punctuality(v, today)),
        "handed_in": lambda v: MatterReport.status != ReportStatus.DRAFT,
    }
    conditions = [MatterReport.deleted_at.is_null()]
    conditions += [rule(getattr(wanted, name)) for name, rule in rules.items() if getattr(wanted, name)]
    typed = "".join(char for char in wanted.text if char.isprintable() or char == " ").strip()  # (no NUL)
    text = typed.lower()
    if text:
        # the keys are stored lower-case and ID numbers upper-case (X), so a plain LIKE finds what
        # a case-blind one would: on a server ILIKE folds every character of every name (2.4×);
        # a name is looked for as typed too (a server's LIKE minds the case of 王Ａ's Ａ)
        found = _like(Secretary.name, text)
        if typed != text:
            found |= _like(Secretary.name, typed)
        if not _in_names_alone(text):
            found |= (_like(Secretary.name_initials, text) | _like(Secretary.name_pinyin, text) |
                      _like(Secretary.id_number, text.upper()))
        conditions.append(_typed(found, typed, walking=walking))
    return conditions


def _in_names_alone(text: str) -> bool:
    """Whether ``text`` can only be found in a name (then a province's people are read for one
    column, not four): characters neither ASCII nor with a case (Chinese). The keys hold a name's
    characters as pinyin letters, a character without a reading as itself — where the name has
    it, next to the same neighbours — and ID numbers are ASCII. (A letter with a case, even
    full-width, is lower-cased in the keys but not in the name: looked for in both.)"""
    return all(not char.isascii() and char.lower() == char.upper() for char in text)


LISTED_MOST = 5_000  # the most people a typed text may find for them to be listed in the query


def _typed(found, text: str, *, walking: bool | str):
    """Reports of the people a typed text finds. A server reads those people first, once per
    batch, and is given them as one array (which it hashes): tested through a sub-query instead, each
    report walked past looked its person up and matched four patterns again (a common name's
    first page 0.19 s in a province). A text found in very many people is left to the sub-query."""
    if not on_postgresql():
        return _people(found, walking=walking)
    people = memo.remembered(("people typed", text), lambda: [
        row[0] for row in Secretary.select(Secretary.id).where(found).limit(LISTED_MOST + 1).tuples()])
    if len(people) > LISTED_MOST:
        return _people(found, walking=walking)
    listed = fn.ANY(Value(people, unpack=False, converter=list))  # one array parameter: quick to write and send
    return (Secretary.id if walking == "people" else MatterReport.secretary) == listed


def _like(column, text: str):
    """``column LIKE '%text%'`` in SQL's own words on both engines (peewee writes GLOB for LIKE on
    SQLite; SQLite's LIKE ignores the case of ASCII letters, which the stored keys make moot) — the
    text taken as typed: a ``%`` or ``_`` in it is that character, not a wildcard matching everyone.
    The escape is ``!``, which means nothing else in either engine's strings (a backslash does on a
    server with standard_conforming_strings off)."""
    escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return NodeList((column, SQL("LIKE"), f"%{escaped}%", SQL("ESCAPE '!'")))


def _punctuality(wanted: str, today: dt.date) -> list:
    return overdue_branches(today) if wanted == "overdue" else on_time_branches(today)


def _where(query, conditions):
    for condition in conditions:
        query = query.where(condition)
    return query


def _display_query(today: dt.date):
    matter = Case(None, [(MatterReport.kind == ReportKind.CENTRALISED, Campaign.year.concat("年度集中报告"))],
                  MatterType.name)
    return (MatterReport.select(
        MatterReport.id, MatterReport.report_date, Township.name.alias("township"), Unit.name.alias("unit"),
        Secretary.name.alias("name"), Secretary.id_number, MatterReport.kind, matter.alias("matter"),
        MatterReport.timing, MatterReport.matter_date, MatterReport.due_date, days_late_sql(today).alias("days_late"),
        MatterReport.status, MatterReport.review_result)
        .join(Secretary).join(Unit).join(Township)
        .switch(MatterReport).join(MatterType, join_type=JOIN.LEFT_OUTER)
        .switch(MatterReport).join(Campaign, join_type=JOIN.LEFT_OUTER))


def count(wanted: LedgerFilter, *, today: dt.date | None = None, most: int | None = None) -> int:
    """How many reports match; with ``most``, counted only up to it (``most`` means "at least
    that many": a server stops reading there, where the exact count of half a province is 0.15 s)."""
    if wanted == LedgerFilter() and most is None:  # every live report: the table's size minus the bin
        every = MatterReport.select(fn.COUNT(SQL("*"))).scalar()
        return every - MatterReport.select(fn.COUNT(SQL("*"))).where(MatterReport.deleted_at.is_null(False)).scalar()
    today = today or clock.today()
    if wanted.punctuality:  # each case of 按期/逾期 counted by its own index (their OR scans every report)
        others = _conditions(dataclasses.replace(wanted, punctuality=None), today)
        found = 0
        for case in _punctuality(wanted.punctuality, today):
            found += _count(others + [case], most=None if most is None else most - found)
            if most is not None and found >= most:
                break
        return found
    return _count(_conditions(wanted, today), most=most)


def first_page(wanted: LedgerFilter, *, limit: int, sort: str = "report_date", descending: bool = True,
               today: dt.date | None = None, exact: bool = True) -> tuple[list[tuple], int, int | None]:
    """The first page of the matches, what was counted to read it, and how many match (``None``
    when not known: with ``exact=False`` many matches are counted only as far as deciding how a
    page is read, and the caller counts them all apart — on a server, exactly counting half a
    province is 0.15 s, most of the time it takes to show a filter)."""
    with memo.batch():  # the people a typed text finds: read once for the count and the page
        matched = count(wanted, today=today, most=None if exact else SELECTIVE)
        total = matched if exact or matched < SELECTIVE else None
        return page(wanted, offset=0, limit=limit, sort=sort, descending=descending, today=today,
                    matched=matched), matched, total


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
    today = today or clock.today()
    sort = sort if sort in SORTABLE and sort else "report_date"
    selective = matched is not None and matched < SELECTIVE
    # a walk through the people (by township, village or name) tests the typed name, the township
    # or the village on each person it passes, not on each of their reports (a common name sorted
    # by name read a province's two million reports: 94 s on a server)
    walking = "people" if not selective and sort in _THROUGH_PEOPLE else not selective
    conditions = _conditions(wanted, today, walking=walking)
    if sort == "days_late":
        ids = _late_sorted(conditions, today, descending=descending, offset=offset, limit=limit)
    elif sort in _OWN_SORTS:
        ids = _own_sorted(conditions, _OWN_SORTS[sort](today), selective=selective, descending=descending,
                          offset=offset, limit=limit)
    else:
        counting = conditions if walking != "people" else _conditions(wanted, today)
        ids = _walked(conditions, _WALKS[sort], selective=selective, descending=descending,
                      offset=offset, limit=limit, counting=counting)
    if not ids:
        return []
    rows = {row[0]: row for row in _display_query(today).where(MatterReport.id.in_(ids)).tuples()}
    return [rows[i] for i in ids]


def _ordered(columns: list, descending: bool) -> list:
    """``columns`` then report date and id, all in one direction: ties in the same direction let
    one index (column, report_date) walk both ways, so a sort at a million reports reads only the
    page it shows."""
    return [_direction(c, descending) for c in (*columns, MatterReport.report_date, MatterReport.id)]


def _direction(column, descending: bool):
    """SQLite's order of empty values on both engines: first going up, last going down (a server
    puts them the other way round unless told; its indexes are made NULLS FIRST to match)."""
    if not on_postgresql():
        return column.desc() if descending else column.asc()
    return column.desc(nulls="last") if descending else column.asc(nulls="first")


_OWN_SORTS = {
    "report_date": lambda today: MatterReport.report_date, "kind": lambda today: MatterReport.kind,
    "timing": lambda today: MatterReport.timing, "matter_date": lambda today: MatterReport.matter_date,
    "due_date": lambda today: MatterReport.due_date,
    "status": lambda today: MatterReport.status, "review_result": lambda today: MatterReport.review_result,
}


def _own_sorted(conditions: list, column, *, selective: bool, descending: bool, offset: int, limit: int) -> list:
    if selective and not on_postgresql():
        column = fn.COALESCE(column, "")  # an expression: SQLite then filters by index and sorts
    query = _where(MatterReport.select(MatterReport.id), conditions).order_by(*_ordered([column], descending))
    return [row[0] for row in query.offset(offset).limit(_most(limit)).tuples()]


@dataclass(frozen=True)
class _Leg:
    """Reports reached from ``start`` through ``path`` (model, join condition), ordered by
    ``order`` (ending in a unique id, see schema v10's UNIQUE indexes); ``belongs`` picks which
    reports the leg shows (by kind, as the 事项 column names them), also for counting alone;
    ``by_group``: a few groups of many reports each (matter types), walked group by group on a
    server (see ``_leg_parts``)."""
    start: type
    path: tuple
    order: tuple
    belongs: object = None
    by_group: bool = False


_TO_REPORTS = ((MatterReport, MatterReport.secretary == Secretary.id),)
_TO_PEOPLE = ((Secretary, Secretary.unit == Unit.id), *_TO_REPORTS)
_PERSON = (Secretary.name_pinyin, Secretary.id)  # a name sorts by its pinyin, as a reader looks it up
_WALKS = {
    # townships and villages in their official order (排序), as the register lists them
    "township": (_Leg(Township, ((Unit, Unit.township == Township.id), *_TO_PEOPLE),
                      (Township.sort_order, Township.name, Township.id, Unit.sort_order, Unit.name, Unit.id,
                       *_PERSON)),),
    "unit": (_Leg(Unit, _TO_PEOPLE, (Unit.name, Unit.id, *_PERSON)),),
    "name": (_Leg(Secretary, _TO_REPORTS, _PERSON),),
    # the catalogue's matter types in its order, then the annual rounds by year
    "matter": (_Leg(MatterType, ((MatterReport, MatterReport.matter_type == MatterType.id),),
                    (MatterType.sort_order, MatterType.name, MatterType.id), MatterReport.kind == ReportKind.ORDINARY,
                    by_group=True),
               _Leg(Campaign, ((MatterReport, MatterReport.campaign == Campaign.id),), (Campaign.year, Campaign.id),
                    MatterReport.kind == ReportKind.CENTRALISED, by_group=True)),
}


_THROUGH_PEOPLE = ("township", "unit", "name")


def _walked(conditions: list, legs: tuple, *, selective: bool, descending: bool, offset: int, limit: int,
            counting: list) -> list:
    """The page's ids when sorting by another table's column: each leg's tables walked in order
    (forced by CROSS JOIN unless the filter is selective, when SQLite sorts the few matches), the
    legs one after the other. ``counting``: the same filter on the report table alone, to count
    what a part covered."""
    ids: list = []
    for leg in reversed(legs) if descending else legs:
        for query, covers in _leg_parts(leg, conditions, counting, selective=selective, descending=descending):
            wanted = -1 if limit < 0 else limit - len(ids)
            found = [row[0] for row in query.offset(offset).limit(_most(wanted)).tuples()]
            ids += found
            if 0 <= limit <= len(ids):
                return ids
            # the next part starts where this one ended: past it by what this one did not cover
            offset = 0 if found or not offset else max(0, offset - _count(covers))
    return ids


def _leg_parts(leg: _Leg, conditions: list, counting: list, *, selective: bool, descending: bool):
    """A leg's query in order, and the conditions of what it covers. A server joins without
    carrying the second table's order through (its nested loop keeps only the first one's), so
    a leg of one step — reports by matter type — is walked there type by type: each an index
    range read up to the page (was: every report of the first type sorted, 0.45 s at 2,000,000)."""
    own = [leg.belongs] if leg.belongs is not None else []
    belongs, covers = conditions + own, counting + own
    # (only the whole ledger: with a filter a type may hold no match, and proving it reads the type)
    if on_postgresql() and leg.by_group and not selective and len(conditions) == 1:
        (_, on), = leg.path
        groups = leg.start.select(leg.start.id).order_by(*[_direction(c, descending) for c in leg.order])
        for (group,) in groups.tuples():
            part = belongs + [on.lhs == group]
            yield _where(MatterReport.select(MatterReport.id), part).order_by(*_ordered([], descending)), part
        return
    query = leg.start.select(MatterReport.id)
    for model, on in leg.path:  # CROSS JOIN takes no ON: its condition joins the WHERE clause
        query = query.join(model, on=on) if selective else query.join(model, JOIN.CROSS).where(on)
    yield _where(query, belongs).order_by(*_ordered(list(leg.order), descending)), covers


def _late_sorted(conditions: list, today: dt.date, *, descending: bool, offset: int, limit: int) -> list:
    """The page's ids by 是否按期 (days late, then report date and id).

    Days late mean three things, each read in order from its own index and merged here: no
    deadline (NULL, first as SQLite sorts it), not yet reported (today − deadline: the deadline
    backwards), reported (report − deadline, index ``live_report_lateness``).
    """
    due, reported = MatterReport.due_date, MatterReport.report_date
    legs = (
        ([due.is_null()], lambda d: [_direction(c, d) for c in (reported, MatterReport.id)]),
        ([reported.is_null(), due.is_null(False)], lambda d: [_direction(due, not d), _direction(MatterReport.id, d)]),
        ([reported.is_null(False), due.is_null(False)], lambda d: _ordered([reported_lateness_sql()], d)),
    )
    end = -1 if limit < 0 else offset + limit
    streams = []
    for belongs, order in legs:
        query = MatterReport.select(MatterReport.id, days_late_sql(today), reported)
        streams.append(_where(query, conditions + belongs).order_by(*order(descending)).limit(_most(end)).tuples())
    merged = heapq.merge(*streams, key=_lateness_key, reverse=descending)
    return [row[0] for row in itertools.islice(merged, offset, None if end < 0 else end)]


def _lateness_key(row: tuple) -> tuple:
    """SQLite's order for (days late, report date, id): NULL before any value."""
    report_id, late, reported = row
    return ((0, 0) if late is None else (1, late)), ((0, "") if reported is None else (1, str(reported))), report_id


def _most(limit: int) -> int | None:
    """A page's LIMIT: none for "all" (-1, which PostgreSQL refuses)."""
    return None if limit < 0 else limit


def _count(conditions: list, *, most: int | None = None) -> int:
    # COUNT(*), not COUNT(id): a filter's index answers it alone, without reading each row
    if most is None:
        return _where(MatterReport.select(fn.COUNT(SQL("*"))), conditions).scalar()
    first = _where(MatterReport.select(SQL("1")), conditions).limit(max(most, 0))
    return first.select_from(fn.COUNT(SQL("*"))).scalar()


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
