"""The ledger's order when a clerk clicks a column: what a reader expects (townships and villages in
their official order, names by pinyin, matter types in the catalogue's order), the same on every
page, every live report exactly once — whether the page walks an index or sorts the matches."""
import datetime as dt

import pytest

from models.matters import ledger
from models.matters.campaigns import file_nothing_for, open_campaign
from models.matters.tables import Campaign, MatterReport, MatterType
from models.matters.workflow import save_report
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.writing import services

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def reports(admin):
    """Two townships (the second by name comes first by official order), three villages, four people
    whose names sort differently by code point and by pinyin, ordinary and centralised reports, one
    without a report date, one without a deadline and one in the recycle bin."""
    east = services.create(admin, Township, {"name": "东山镇", "sort_order": 2}).record
    west = services.create(admin, Township, {"name": "西河镇", "sort_order": 1}).record
    villages = [services.create(admin, Unit, {"township": township.id, "name": name, "sort_order": order}).record
                for township, name, order in ((east, "北村", 2), (east, "南村", 1), (west, "中村", 1))]
    people = [services.create(admin, Secretary, {"name": name, "unit": village.id}).record
              for name, village in (("张三", villages[0]), ("李四", villages[0]), ("王五", villages[1]),
                                    ("艾青", villages[2]))]
    types = list(MatterType.select().order_by(MatterType.sort_order).limit(3))
    for number, person in enumerate(people):
        for day, kind in enumerate(types):
            save_report(admin, report_id=None, data={
                "secretary": person.id, "kind": "平时报告", "matter_type": kind.id, "timing": "事后",
                "matter_date": dt.date(2026, 3, 1 + day), "report_date": dt.date(2026, 3, 10 + day * 3 - number)})
    save_report(admin, report_id=None, data={"secretary": people[1].id, "kind": "平时报告", "matter_type": types[0].id,
                                             "timing": "事后", "matter_date": dt.date(2026, 4, 1)})  # not yet reported
    undated = save_report(admin, report_id=None, data={
        "secretary": people[3].id, "kind": "平时报告", "matter_type": types[2].id, "timing": "事后",
        "matter_date": dt.date(2026, 5, 1), "report_date": dt.date(2026, 5, 2)}).record
    # a report without a deadline (as an archive from before deadlines were stored may hold)
    MatterReport.update(due_date=None).where(MatterReport.id == undated.id).execute()
    binned = save_report(admin, report_id=None, data={
        "secretary": people[2].id, "kind": "平时报告", "matter_type": types[1].id, "timing": "事后",
        "matter_date": dt.date(2026, 4, 2), "report_date": dt.date(2026, 4, 3)}).record
    services.delete(admin, MatterReport, binned.id, reason="重复登记")
    campaign = open_campaign(admin, year=2025, opened_on=dt.date(2026, 1, 1))
    file_nothing_for(admin, campaign, [people[0].id, people[3].id], report_date=dt.date(2026, 1, 20))
    return people


def _expected(sort: str) -> list[str]:
    """Every live report's id in the order a reader expects, computed in Python from the records."""
    def day(value):
        return (0, "") if value is None else (1, str(value))

    def key(report: MatterReport):
        person = Secretary.get_by_id(report.secretary_id)
        village = Unit.get_by_id(person.unit_id)
        township = Township.get_by_id(village.township_id)
        people = {
            "township": (township.sort_order, township.name, township.id, village.sort_order, village.name,
                         village.id, person.name_pinyin, person.id),
            "unit": (village.name, village.id, person.name_pinyin, person.id),
            "name": (person.name_pinyin, person.id),
        }
        if sort == "days_late":  # 是否按期: no deadline first, then days late (today for a report not made)
            due = report.due_date
            first = (0, 0) if due is None else (1, ((report.report_date or TODAY) - due).days)
        elif sort == "matter":
            if report.matter_type_id:
                kind = MatterType.get_by_id(report.matter_type_id)
                first = (0, kind.sort_order, kind.name, kind.id)
            else:
                campaign = Campaign.get_by_id(report.campaign_id)
                first = (1, campaign.year, "", campaign.id)
        else:
            first = people[sort]
        return (*first, day(report.report_date), report.id)

    live = MatterReport.select().where(MatterReport.deleted_at.is_null())
    return [report.id for report in sorted(live, key=key)]


@pytest.mark.parametrize("sort", ["township", "unit", "name", "matter", "days_late"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("walking", [True, False], ids=["walking the indexes", "sorting the matches"])
def test_every_page_follows_the_readers_order(reports, sort, descending, walking):
    wanted = ledger.LedgerFilter()
    total = ledger.count(wanted, today=TODAY)
    expected = _expected(sort)
    assert total == len(expected) == 16
    matched = None if walking else total  # a known small count: the matches are sorted
    shown = [row[0] for offset in range(0, total + 4, 4)
             for row in ledger.page(wanted, offset=offset, limit=4, sort=sort, descending=descending,
                                    today=TODAY, matched=matched)]
    assert shown == (expected[::-1] if descending else expected)


def test_names_sort_by_pinyin_and_townships_by_their_official_order(reports):
    def column(sort: str, index: int) -> list[str]:
        rows = ledger.page(ledger.LedgerFilter(), offset=0, limit=-1, sort=sort, descending=False, today=TODAY)
        return [row[index] for row in rows]

    names = column("name", 4)
    assert names.index("艾青") < names.index("李四") < names.index("王五") < names.index("张三")
    townships = column("township", 2)
    assert townships[0] == "西河镇" and townships[-1] == "东山镇"


@pytest.mark.parametrize("sort", ["township", "unit", "name", "matter", "days_late"])
@pytest.mark.parametrize("typed", ["", "zhang"], ids=["a township", "a township and a typed name"])
def test_a_filtered_page_keeps_the_order_and_only_the_matches(reports, sort, typed):
    wanted = ledger.LedgerFilter(township_id=Township.get(Township.name == "东山镇").id, text=typed)
    expected = [i for i in _expected(sort) if i in {r[0] for r in ledger.all_rows(wanted, today=TODAY)}]
    for matched in (None, ledger.count(wanted, today=TODAY)):
        shown = [row[0] for row in ledger.page(wanted, offset=0, limit=-1, sort=sort, descending=False,
                                               today=TODAY, matched=matched)]
        assert shown == expected and len(shown) == (11 if not typed else len(expected)) and shown
        # a page past the end (the matches fewer than when counted: another clerk deleted some)
        assert ledger.page(wanted, offset=len(expected) + 4, limit=4, sort=sort, descending=False, today=TODAY,
                           matched=matched) == []


def test_a_name_found_in_more_people_than_a_server_lists_gives_the_same_page(reports, monkeypatch):
    wanted = ledger.LedgerFilter(text="zh")
    listed = [row[0] for row in ledger.page(wanted, offset=0, limit=-1, sort="name", descending=False, today=TODAY)]
    monkeypatch.setattr(ledger, "LISTED_MOST", 0)  # (a server then tests each person by a sub-query)
    for sort in ("name", "report_date"):
        shown = [row[0] for row in ledger.page(wanted, offset=0, limit=-1, sort=sort, descending=False, today=TODAY)]
        assert sorted(shown) == sorted(listed) and len(shown) == ledger.count(wanted, today=TODAY) == 4


@pytest.mark.parametrize("typed, found", [
    ("王五", ["王五"]), ("五", ["王五"]), ("wangw", ["王五"]), ("ww", ["王五"]), ("王w", []), ("三", ["张三"]),
    ("i", ["李四", "艾青Ａ"]), ("Ａ", ["艾青Ａ"]), ("青Ａ", ["艾青Ａ"]), ("ａ", ["艾青Ａ"])])
def test_a_typed_text_is_looked_for_in_names_keys_and_id_numbers(reports, admin, typed, found):
    """Chinese characters are looked for in the names alone (the keys are their pinyin letters);
    a letter, even full-width, in the keys too (lower-cased there)."""
    艾青 = Secretary.get(Secretary.name == "艾青")
    services.update(admin, Secretary, 艾青.id, {"name": "艾青Ａ"}, expected_version=艾青.version)
    rows = ledger.page(ledger.LedgerFilter(text=typed), offset=0, limit=-1, today=TODAY)
    assert sorted({row[ledger.COLUMNS.index("姓名") + 1] for row in rows}) == sorted(found)


@pytest.mark.parametrize("wanted", [ledger.LedgerFilter(), ledger.LedgerFilter(punctuality="overdue"),
                                    ledger.LedgerFilter(punctuality="on_time", text="zhang"),
                                    ledger.LedgerFilter(timing="事后")],
                         ids=["all", "overdue", "on time + name", "事后"])
def test_counting_up_to_a_bound_says_at_least_that_many(reports, wanted):
    """(On a server many matches are counted only as far as choosing how to read a page.)"""
    total = ledger.count(wanted, today=TODAY)
    assert total > 0
    assert [ledger.count(wanted, today=TODAY, most=most) for most in (0, 1, total - 1, total, total + 5)] == \
        [0, 1, total - 1, total, total]
    rows, matched, exact = ledger.first_page(wanted, limit=3, today=TODAY, exact=False)
    assert (matched, exact) == (total, total) and len(rows) == min(3, total)  # fewer than "many": counted


@pytest.mark.sqlite_only  # SQLite's plans (a server's are measured by the benchmark)
@pytest.mark.parametrize("sort", ["report_date", "township", "unit", "name", "matter", "days_late", "status"])
def test_a_sorted_page_walks_an_index_instead_of_sorting_every_report(reports, sort, monkeypatch):
    """At a district's million reports a whole sort takes seconds; the first page must come from
    walking indexes (the expressions of schema v10's indexes and the ledger's queries agree)."""
    from models.storage.db import db

    plans, execute = [], db.obj.execute_sql

    def explained(sql, params=None, *args, **kwargs):
        if sql.startswith("SELECT") and "ORDER BY" in sql:
            plans.append([row[-1] for row in execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()])
        return execute(sql, params, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", explained)
    ledger.page(ledger.LedgerFilter(), offset=0, limit=100, sort=sort, today=TODAY)
    assert plans and all("USE TEMP B-TREE FOR ORDER BY" not in plan for plan in plans), plans


def test_on_time_and_overdue_counts_agree_with_the_one_rule(reports):
    """The counts add up each case of 按期/逾期 separately (one index each); together they are
    exactly the reports the one rule judges so, and the page lists the same ones."""
    from models.matters.deadlines import judge_report

    live = list(MatterReport.select().where(MatterReport.deleted_at.is_null()))
    late = {r.id for r in live if r.due_date and judge_report(r, TODAY).overdue}
    assert late and len(late) < len(live)  # the fixture has both
    for punctuality, expected in (("overdue", late), ("on_time", {r.id for r in live} - late)):
        wanted = ledger.LedgerFilter(punctuality=punctuality)
        assert ledger.count(wanted, today=TODAY) == len(expected)
        assert {row[0] for row in ledger.page(wanted, offset=0, limit=-1, today=TODAY)} == expected
        west = ledger.LedgerFilter(punctuality=punctuality, township_id=Township.get(Township.name == "西河镇").id)
        in_west = {r.id for r in live if Unit.get_by_id(Secretary.get_by_id(r.secretary_id).unit_id).name == "中村"}
        assert ledger.count(west, today=TODAY) == len(expected & in_west)


@pytest.mark.parametrize("typed", ["%", "_", "\\\\", "!", "!%", "%张", "张_"])
def test_a_typed_percent_or_underscore_is_that_character_not_a_wildcard(reports, typed):
    """Nobody's name holds them: nothing is found (a % matched every report on a server)."""
    assert ledger.count(ledger.LedgerFilter(text=typed), today=TODAY) == 0


def test_a_nul_in_the_typed_text_is_left_out_not_sent(reports):
    """A NUL pasted into the search crashed the server's query: it is not part of the text."""
    assert ledger.count(ledger.LedgerFilter(text="张\x00三"), today=TODAY) == \
        ledger.count(ledger.LedgerFilter(text="张三"), today=TODAY) > 0
