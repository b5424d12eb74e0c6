"""Village names and ID numbers for the demo: as many distinct ones as a district of any size needs.

The classic word lists make the default demo (and the people other tests know by position);
they hold about 1,200 village names, so a larger township draws from wider lists of the same
kind (张家庄村, 西柳沟村) and numbers villages (东张家庄二村) only when even those run out.
"""
from __future__ import annotations

import datetime as dt
import random
from functools import cache

from models.demo.words import (COMMUNITY_CORES, COMMUNITY_NAMES, COMMUNITY_SHAPES, LANDSCAPE_CORES, NUMERALS,
                               SURNAMES, SURNAME_SHAPES, VILLAGE_CORE, VILLAGE_PREFIX, VILLAGE_SUFFIX)
from models.errors import ArchiveError
from models.values.idcard import check_character

COUNTY_CODE = "370281"
# Neighbouring counties, for people born on a day whose sequence numbers at home are all taken
COUNTY_CODES = (COUNTY_CODE, "370283", "370285", "370211")


def unit_names(rng: random.Random, count: int, *, is_street: bool) -> list[str]:
    """``count`` distinct village and community names for one township, sorted."""
    community_share = 0.55 if is_street else 0.08
    names: set[str] = set()
    # the classic lists while they still yield new names quickly (a hundredfold margin for the default)
    classic = min(count, len(VILLAGE_PREFIX) * len(VILLAGE_CORE) * len(VILLAGE_SUFFIX) // 2)
    while len(names) < classic:
        if rng.random() < community_share:
            names.add(rng.choice(COMMUNITY_NAMES) + "社区")
        else:
            names.add(rng.choice(VILLAGE_PREFIX) + rng.choice(VILLAGE_CORE) + rng.choice(VILLAGE_SUFFIX))
    if len(names) < count:
        names |= _wider(rng, count - len(names), names, community_share)
    return sorted(names)


def _wider(rng: random.Random, needed: int, taken: set[str], community_share: float) -> set[str]:
    """``needed`` more names from the wider lists, communities in the same share."""
    communities = _unused(rng, _community_pool(), taken)
    villages = _unused(rng, _village_pool(), taken)
    chosen: set[str] = set()
    while len(chosen) < needed:
        if communities and (rng.random() < community_share or not villages):
            chosen.add(communities.pop())
        elif villages:
            chosen.add(villages.pop())
        else:  # tens of thousands of villages in one township: number them, the last resort
            villages = _unused(rng, _numbered_pool(), taken | chosen)
            if not villages:
                raise ArchiveError("演示数据:一个乡镇的村(社区)过多,无法再取不同的名称")
    return chosen


def _unused(rng: random.Random, pool: tuple[str, ...], taken: set[str]) -> list[str]:
    unused = [name for name in pool if name not in taken]
    rng.shuffle(unused)
    return unused


@cache
def _village_pool() -> tuple[str, ...]:
    prefixes = ("",) + VILLAGE_PREFIX
    by_family = (p + s + shape for p in prefixes for s in SURNAMES for shape in SURNAME_SHAPES)
    by_place = (p + core + suffix for p in prefixes for core in VILLAGE_CORE + LANDSCAPE_CORES
                for suffix in VILLAGE_SUFFIX)
    return tuple(dict.fromkeys((*by_family, *by_place)))


@cache
def _community_pool() -> tuple[str, ...]:
    return tuple(dict.fromkeys(core + shape for core in COMMUNITY_NAMES + COMMUNITY_CORES
                               for shape in COMMUNITY_SHAPES))


@cache
def _numbered_pool() -> tuple[str, ...]:
    return tuple(name[:-1] + numeral + "村" for numeral in NUMERALS for name in _village_pool())


class IdNumbers:
    """ID numbers for invented people: a valid check character, never the same number twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def draw(self, birth: dt.date, male: bool) -> str:
        sequence = self.rng.randrange(1, 999, 2) if male else self.rng.randrange(0, 998, 2)
        number = _number(COUNTY_CODE, birth, sequence)
        if number in self.used:  # rare (a shared birthday and sequence): pick among the free ones
            number = self._free(birth, male)
        self.used.add(number)
        return number

    def _free(self, birth: dt.date, male: bool) -> str:
        for county in COUNTY_CODES:
            sequences = range(1, 999, 2) if male else range(0, 998, 2)  # odd for men, as drawn above
            free = [n for s in sequences if (n := _number(county, birth, s)) not in self.used]
            if free:
                return self.rng.choice(free)
        raise ArchiveError(f"演示数据:{birth:%Y年%m月%d日}出生的人过多,身份证号已用尽")


def _number(county: str, birth: dt.date, sequence: int) -> str:
    body = f"{county}{birth:%Y%m%d}{sequence:03d}"
    return body + check_character(body)
