"""The demo generator at district scale: unique names and ID numbers, any birthday, any size."""
import datetime as dt
import random

import pytest

from models.demo.builder import _shares, build_demo, years_after
from models.demo.names import IdNumbers, unit_names
from models.demo.words import TOWNSHIPS
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive, create_archive
from models.archive.check import run_check
from models.values import clock, idcard
from models.writing.actor import SYSTEM

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def district(tmp_path):
    create_archive(tmp_path / "district.sqlite", mode="district")
    yield
    close_archive()


def test_a_29_february_birthday_moves_to_a_real_day_in_any_year():
    assert years_after(dt.date(1972, 2, 29), 21) == dt.date(1993, 2, 1)
    assert years_after(dt.date(1972, 2, 29), -3) == dt.date(1969, 2, 1)


def test_seed_1012_with_100_secretaries_builds_a_sound_archive(district):
    summary = build_demo(SYSTEM, secretaries=100, seed=1012, today=TODAY)
    assert summary.secretaries == Secretary.select().count() == 100
    born = [s.id_number[10:14] for s in Secretary.select(Secretary.id_number)]
    assert "0229" in born  # 马良刚, born 29 February 1972
    assert run_check().ok


@pytest.mark.parametrize("is_street", [False, True])
def test_a_township_of_20000_gets_as_many_distinct_plausible_names(is_street):
    names = unit_names(random.Random(1), 20000, is_street=is_street)
    assert len(names) == len(set(names)) == 20000
    assert all(name.endswith(("村", "社区")) and 3 <= len(name) <= 10 for name in names)


def test_the_10000_district_has_distinct_names_in_every_township():
    rng = random.Random(2026)
    for (township, _), count in zip(TOWNSHIPS, _shares(10000, [w for _, w in TOWNSHIPS])):
        names = unit_names(rng, count, is_street=township.endswith("街道"))
        assert len(set(names)) == count
        numbered = [n for n in names if any(c in n for c in "一二三四五六七八九")]
        assert len(numbered) < count // 20  # numbered villages only as a last resort


def test_small_townships_keep_the_classic_village_names():
    names = unit_names(random.Random(5), 30, is_street=False)
    assert len(names) == 30 and names == sorted(names)


def test_10000_id_numbers_are_unique_and_valid():
    rng, ids = random.Random(3), IdNumbers(random.Random(4))
    start = dt.date(1963, 1, 1)
    numbers = []
    for _ in range(10000):
        birth = start + dt.timedelta(days=rng.randint(0, 11322))
        male = rng.random() < 0.82
        number = ids.draw(birth, male)
        parsed = idcard.parse(number, today=TODAY)
        assert (parsed.birth_date, parsed.sex_code) == (birth, "1" if male else "2")
        numbers.append(number)
    assert len(set(numbers)) == 10000


def test_more_people_born_on_one_day_than_one_county_numbers_still_get_distinct_numbers():
    ids = IdNumbers(random.Random(1))
    numbers = [ids.draw(dt.date(1975, 3, 12), True) for _ in range(700)]
    assert len(set(numbers)) == 700
    assert all(idcard.parse(n, today=TODAY).sex_code == "1" for n in numbers)


@pytest.mark.parametrize("day, round_year", [("2026-11-30", 2025), ("2026-12-01", 2026), ("2027-01-01", 2026)])
def test_the_demo_opens_the_round_a_clerk_works_on_and_its_statistics_name_the_townships(
        district, monkeypatch, day, round_year):
    """From 1 December the round being filed is this year's (the suite once went red every
    December: it asked for last year's statistics of a demo built on this year's round)."""
    from models.figures.statistics import year_stats
    from models.matters.deadlines import current_campaign_year
    
    monkeypatch.setenv(clock.TODAY_VARIABLE, day)
    summary = build_demo(SYSTEM, secretaries=30, seed=7)
    assert summary.campaign_year == current_campaign_year() == round_year
    stats = year_stats(round_year)
    assert stats["serving"] > 0 and stats["filed"] > 0 and stats["townships"]
