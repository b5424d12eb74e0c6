"""首页 figures: each a count, and behind it the list of what it counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, fn

from models.figures.coverage import campaign_coverage, filed_and_serving
from models.matters import ledger
from models.matters.deadlines import current_campaign_year
from models.matters.tables import Campaign, ReportStatus, Timing
from models.org.tables import Unit
from models.personnel.catalogue import Material
from models.personnel.person import FamilyMember, ResumeEntry, Secretary, SecretaryStatus
from models.personnel.registers import Loan
from models.values import clock

TITLES = {
    "serving": "在任书记", "complete": "档案完整", "coverage": "集中报告已报", "awaiting_review": "待审核报告",
    "overdue": "逾期报告（近一年）", "due_this_week": "本周到期的事前事项", "overdue_loans": "逾期未还的借阅",
}


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    value: int
    of: int | None = None  # "12 / 209"

    def text(self) -> str:
        return f"{self.value:,}" if self.of is None else f"{self.value:,} / {self.of:,}"


def _serving():
    return (Secretary.select(Secretary.id, Secretary.name, Unit.name.alias("unit_name"))
            .join(Unit).where(Secretary.deleted_at.is_null() & (Secretary.status == SecretaryStatus.SERVING)))


def _has(model):
    """The file has a live row of ``model``: looked up per serving person by the secretary index
    (an ``IN (SELECT …)`` read every row of three whole tables: 104 ms at 10,000 files)."""
    return fn.EXISTS(model.select(SQL("1")).where((model.secretary == Secretary.id) & model.deleted_at.is_null()))


def complete_query():
    """A file is complete when it has the ID number, birth date, phone, a resume, the family and
    at least one catalogued material."""
    return _serving().where(Secretary.id_number.is_null(False) & Secretary.birth_date.is_null(False) &
                            Secretary.phone.is_null(False) & _has(ResumeEntry) & _has(FamilyMember) & _has(Material))


def latest_campaign(today: dt.date | None = None):
    """The round the home page follows: the current year's (the one rule of
    ``current_campaign_year``) once opened, else the latest opened before it."""
    year = current_campaign_year(today)
    return Campaign.live().where(Campaign.year <= year).order_by(Campaign.year.desc()).first()


def figures(*, today: dt.date | None = None) -> list[Figure]:
    today = today or clock.today()
    serving = _serving().count()
    campaign = latest_campaign(today)
    filed, covered = filed_and_serving(campaign) if campaign else (0, serving)
    return [
        Figure("serving", TITLES["serving"], serving),
        Figure("complete", TITLES["complete"], complete_query().count(), serving),
        Figure("coverage", f"{campaign.year}年度{TITLES['coverage']}" if campaign else TITLES["coverage"],
               filed, covered),
        Figure("awaiting_review", TITLES["awaiting_review"], ledger.count(ledger.LedgerFilter(status=ReportStatus.SUBMITTED), today=today)),
        Figure("overdue", TITLES["overdue"], ledger.count(_recent_overdue(today), today=today)),
        Figure("due_this_week", TITLES["due_this_week"], ledger.count(_this_week(today), today=today)),
        Figure("overdue_loans", TITLES["overdue_loans"], _overdue_loans(today).count()),
    ]


def _recent_overdue(today: dt.date) -> ledger.LedgerFilter:
    return ledger.LedgerFilter(punctuality="overdue", date_from=today - dt.timedelta(days=365))


def _this_week(today: dt.date) -> ledger.LedgerFilter:
    """事前 reports of matters that take place in the coming seven days."""
    return ledger.LedgerFilter(timing=Timing.BEFORE, matter_from=today, matter_to=today + dt.timedelta(days=7))


def _overdue_loans(today: dt.date):
    return (Loan.select(Loan, Secretary.name.alias("person"))
            .join(Secretary)
            .where(Loan.deleted_at.is_null() & Loan.overdue(today))
            .order_by(Loan.due_date, Loan.id))


@dataclass(frozen=True)
class Details:
    """The list behind a figure; ``keys`` name what each row opens: a file or a report."""
    headers: list[str]
    rows: list[tuple]
    keys: list[str]
    opens: str  # "secretary" or "report"
    title: str = ""  # when the list is the complement of the figure ("档案不完整" behind "档案完整")


def details(key: str, *, today: dt.date | None = None) -> Details:
    """What a clerk acts on behind each figure: the people, the files still incomplete (and what
    each lacks), who has not filed the round, the reports, the loans."""
    today = today or clock.today()
    if key == "serving":
        people = list(_serving().order_by(Secretary.name_pinyin, Secretary.id).objects())
        return Details(["姓名", "村（社区）"], [(p.name, p.unit_name) for p in people], [p.id for p in people],
                       "secretary")
    if key == "complete":
        return _incomplete()
    if key == "coverage":
        campaign = latest_campaign(today)
        people = [p for p in (campaign_coverage(campaign, today=today).people if campaign else []) if not p.filed]
        return Details(["乡镇", "村（社区）", "姓名", "情况"],
                       [(p.township, p.unit, p.name, "逾期未报" if p.overdue else "未报") for p in people],
                       [p.secretary_id for p in people], "secretary",
                       f"{campaign.year}年度集中报告未报" if campaign else "集中报告未报")
    if key == "overdue_loans":
        loans = list(_overdue_loans(today).objects())
        return Details(["姓名", "借阅人", "借出日期", "应还日期"],
                       [(loan.person, loan.borrower, loan.lent_date.isoformat(), loan.due_date.isoformat())
                        for loan in loans], [loan.secretary_id for loan in loans], "secretary")
    wanted = {"awaiting_review": ledger.LedgerFilter(status=ReportStatus.SUBMITTED), "overdue": _recent_overdue(today),
              "due_this_week": _this_week(today)}[key]
    rows = ledger.all_rows(wanted, today=today)
    return Details(list(ledger.COLUMNS), [row[1:] for row in rows], [row[0] for row in rows], "report")


def _incomplete() -> Details:
    """The serving files not complete (the rule of ``complete_query``), each with what it lacks."""
    complete = {p.id for p in complete_query()}
    has = {model: {row.secretary_id for row in model.select(model.secretary).where(model.deleted_at.is_null())}
           for model in (ResumeEntry, FamilyMember, Material)}
    people = [p for p in _serving().select_extend(Secretary.id_number, Secretary.birth_date, Secretary.phone)
              .order_by(Secretary.name_pinyin, Secretary.id).objects() if p.id not in complete]
    lacks = lambda p: "、".join(name for name, missing in (  # noqa: E731
        ("身份证号", not p.id_number), ("出生年月", not p.birth_date), ("联系电话", not p.phone),
        ("简历", p.id not in has[ResumeEntry]), ("家庭成员", p.id not in has[FamilyMember]),
        ("档案材料", p.id not in has[Material])) if missing)
    return Details(["姓名", "村（社区）", "缺少"], [(p.name, p.unit_name, lacks(p)) for p in people],
                   [p.id for p in people], "secretary", "档案不完整")
