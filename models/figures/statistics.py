"""报告情况统计: coverage and report figures for a year, by township and by village (SPEC §4, §8)."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from peewee import SQL, Case, fn

from models.figures.coverage import campaign_coverage
from models.matters.deadlines import overdue_branches
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind, ReportStatus, Verification
from models.personnel.person import Secretary, SecretaryStatus
from models.values import clock


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _figures(people) -> dict:
    filed = on_time = missing_overdue = 0
    for person in people:  # one pass: a province has 100,000 villages, each counted
        if person.report_date is not None:
            filed += 1
            on_time += not person.overdue
        else:
            missing_overdue += person.overdue
    serving = len(people)
    # overdue: filed late (on_time + overdue = filed); missing_overdue: not filed, past the due date
    return {"serving": serving, "filed": filed, "on_time": on_time, "overdue": filed - on_time,
            "missing_overdue": missing_overdue, "missing": serving - filed, "coverage": _share(filed, serving)}


def year_stats(year: int, *, today: dt.date | None = None) -> dict:
    """The JSON of ``main.py stats --year Y``: the centralised report's coverage overall and by
    township (with villages and the names of those missing), and the year's ordinary reports."""
    today = today or clock.today()
    campaign = Campaign.live().where(Campaign.year == year).first()
    people = campaign_coverage(campaign, today=today).people if campaign else []
    result = {"year": year, "campaign": bool(campaign),
              "due_date": campaign.due_date.isoformat() if campaign else None, **_figures(people)}
    if not campaign:
        serving = Secretary.live().where(Secretary.status == SecretaryStatus.SERVING).count()
        result.update(serving=serving, missing=serving, coverage=0.0 if serving else 1.0)
    result["missing_names"] = [f"{p.township} {p.unit} {p.name}" for p in people if not p.filed]
    result["townships"] = _by_township(people)
    result["reports"] = ordinary_reports(year, today=today)
    result["verifications"] = _by_name(Counter(v.result for v in Verification.live().where(Verification.year == year)))
    return result


def _by_name(counts: Counter) -> dict:
    """Counts in their names' order (a server returns rows in any order; code points sort as a
    file and a server in byte order both compare)."""
    return dict(sorted(counts.items(), key=lambda item: item[0] or ""))


def _by_township(people) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for person in people:
        groups[person.township].append(person)
    rows = []
    for township, members in groups.items():
        units: dict[str, list] = defaultdict(list)
        for person in members:
            units[person.unit].append(person)
        rows.append({"township": township, **_figures(members),
                     "missing_names": [p.name for p in members if not p.filed],
                     "units": [{"unit": unit, **_figures(group)} for unit, group in units.items()]})
    return rows


def ordinary_reports(year: int, *, today: dt.date) -> dict:
    """平时报告 of the year (by report date): by type, 事前 vs 事后, on time vs overdue."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # counted in SQL by type, timing and lateness (a province's year is most of a million reports:
    # each read into Python took 15 s); all were reported, so late is the rule's first case
    late = Case(None, [(overdue_branches(today)[0], 1)], 0)
    query = (MatterReport.select(MatterType.name, MatterReport.timing, late, fn.COUNT(SQL("*")))
             .join(MatterType)
             .where(MatterReport.deleted_at.is_null() & (MatterReport.kind == ReportKind.ORDINARY) &
                    (MatterReport.status != ReportStatus.DRAFT) & MatterReport.report_date.between(start, end))
             .group_by(SQL("1"), SQL("2"), SQL("3")))
    by_type, by_timing, punctual = Counter(), Counter(), Counter()
    for name, timing, overdue, count in query.tuples():
        by_type[name] += count
        by_timing[timing] += count
        punctual["overdue" if overdue else "on_time"] += count
    # a server returns groups in any order: ties by name, 事前 before 事后
    return {"total": sum(by_type.values()),
            "by_type": dict(sorted(by_type.items(), key=lambda item: (-item[1], item[0]))),
            "by_timing": _by_name(by_timing),
            "on_time": punctual["on_time"], "overdue": punctual["overdue"]}
