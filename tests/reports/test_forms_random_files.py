"""Every form renders every file the write path accepts (issue 29): random files at the limits —
each text at its field's longest, unbroken runs, rare characters, many rows — made by a
generator that keeps only what ``save_file`` accepts, printed through every form of a person;
and random reports of every kind at their limits (drafts, handed in, reviewed, a 集中报告),
printed on their own forms, the 集中报告表, the 台账 and the 统计表. Each prints: a band longer
than a page flows on in rows (it was refused as 排不进一页)."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from peewee import BooleanField, CharField, DateField, DecimalField, ForeignKeyField, IntegerField, TextField

from models.app.printing import render_form
from models.matters.blocks import BLOCKS
from models.matters.campaigns import active_types, file_campaign_report, open_campaign
from models.matters.tables import MatterReport, MatterType
from models.matters.workflow import review_report, save_report, submit_report
from models.dossier.saving import FILE_PARTS, save_file
from models.errors import ArchiveError, ValidationError
from models.personnel.person import Secretary
from models.storage.record import PartialDateField, data_fields
from models.writing.rows import PartChanges, RowChange
from tests.reports.test_forms import text_of

COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"
RARE = "𠇔𡒄𣲷㵘䶮龘齉𪚥𤍤"  # beyond the common set, in the shipped fonts (one outside them is refused by name)
PUNCTUATION = "、,。;:()《》“”—·-/"
FILES = 3  # random files per run (each printed through every form of a person)


def _text(chance: random.Random, longest: int, *, lines: bool = False) -> str:
    """A text of up to ``longest`` characters: often the longest, sometimes one unbroken run."""
    length = chance.choice([longest, longest, chance.randint(0, longest), 1])
    kind = chance.random()
    if kind < 0.15:  # an unbroken run: no place to break a line
        return "".join(chance.choice("0123456789ABCDEFGH") for _ in range(length))
    alphabet = COMMON * 4 + RARE + PUNCTUATION + ("\n" if lines else "")
    return "".join(chance.choice(alphabet) for _ in range(length))


def _value(chance: random.Random, field, today: dt.date):
    if isinstance(field, ForeignKeyField):
        return None
    if isinstance(field, PartialDateField):
        year = chance.randint(1940, today.year)
        return chance.choice([f"{year}", f"{year}.{chance.randint(1, 12):02d}"])
    if isinstance(field, DateField):
        return today - dt.timedelta(days=chance.randint(0, 20_000))
    if isinstance(field, BooleanField):
        return chance.random() < 0.5
    if isinstance(field, DecimalField):
        return chance.choice([0, 1, 40, 9999])
    if isinstance(field, IntegerField):
        return chance.choice([0, 1, 99, 2024])
    if isinstance(field, (CharField, TextField)):
        return _text(chance, getattr(field, "max_length", None) or 20_000, lines=isinstance(field, TextField))
    return None


def _row(chance: random.Random, model, today: dt.date, *, first: bool = True) -> dict:
    """A row's fields; a memo at its longest (20,000 characters) in a part's first row only — 30
    such rows print as 750 pages, correct but a minute's work a suite cannot spend each time."""
    row = {f.name: _value(chance, f, today) for f in data_fields(model)
           if f.name not in ("secretary", "sort_order", "name_initials", "name_pinyin")}
    if not first:
        row.update({f.name: _text(chance, MEMO_AFTER_FIRST, lines=True) for f in data_fields(model)
                    if isinstance(f, TextField) and not getattr(f, "max_length", None)})
    return row


MEMO_AFTER_FIRST = 300


def _accepted_file(admin, unit, chance: random.Random, today: dt.date) -> Secretary:
    """A random file, its fields dropped one by one where the write path refuses them, until it
    is accepted: what is left is a file a clerk could have saved."""
    basic = {**_row(chance, Secretary, today), "unit": unit.id, "id_number": None, "status": "在任"}
    parts = {model._meta.table_name: [_row(chance, model, today, first=number == 0)
                                      for number in range(chance.choice([0, 3, 12, 30]))]
             for model in FILE_PARTS}
    for _ in range(400):
        try:
            return save_file(admin, secretary_id=None, basic=basic,
                             parts=[PartChanges(table, [RowChange(row) for row in rows])
                                    for table, rows in parts.items()]).record
        except ValidationError as refused:
            for problem in refused.problems:
                target = parts[problem.part][problem.row] if problem.part else basic
                if problem.field not in target or target[problem.field] is None:
                    if problem.part:  # (a rule across fields of the row: the row goes)
                        parts[problem.part].pop(problem.row)
                    else:
                        basic["name"] = "王" + chance.choice(COMMON)
                    break
                target[problem.field] = None if problem.field != "name" else "王" + chance.choice(COMMON)
    raise AssertionError("no random file was accepted")


@pytest.mark.parametrize("seed", range(FILES))
def test_every_form_of_a_random_file_at_the_limits_renders(admin, unit, today, seed):
    chance = random.Random(seed)
    person = _accepted_file(admin, unit, chance, today)
    for kind, options in (("registration", {"mode": "fit"}), ("registration", {"mode": "continue"}),
                          ("dossier", {}), ("catalogue", {}), ("register", {})):
        pdf = render_form(kind, secretary_id=person.id, **options)  # (a long 任免理由 was 排不进一页 before)
        assert pdf.startswith(b"%PDF") and person.name in "".join(text_of(pdf).split()), kind
    try:
        render_form("transfer", secretary_id=person.id)
    except ArchiveError as told:  # (no transfer among the rows accepted: said so, in a sentence)
        assert "没有转递记录" in str(told)


REPORT_FIELDS = ("place", "persons", "relation", "content", "late_reason")
REPORTS = 4  # random reports per person, of random types


@pytest.mark.parametrize("seed", range(FILES))
def test_every_report_form_of_random_reports_at_the_limits_renders(admin, unit, today, seed):
    chance = random.Random(seed)
    person = save_file(admin, secretary_id=None, basic={"name": "王" + chance.choice(COMMON), "unit": unit.id},
                       parts=[]).record
    reports = [_accepted_report(admin, person, chance, today, kind)
               for kind in chance.sample(list(MatterType.live()), REPORTS)]
    campaign = open_campaign(admin, year=today.year - 1)
    file_campaign_report(admin, campaign, person.id, report_date=max(today, campaign.opened_on),
                         answers={t.code: _text(chance, 20_000 // (3 * len(active_types()))) for t in active_types()})
    for report_id in reports:
        pdf = render_form("report", report_id=report_id)
        assert pdf.startswith(b"%PDF") and person.name in "".join(text_of(pdf).split())
    ledger = render_form("ledger", date_from=today - dt.timedelta(days=400), date_to=today)  # (a 集中报告 is there)
    assert ledger.startswith(b"%PDF")
    for kind in ("campaign", "stats"):
        assert render_form(kind, year=campaign.year).startswith(b"%PDF"), kind


def _accepted_report(admin, person, chance: random.Random, today: dt.date, kind: MatterType) -> str:
    """A random report of ``kind``: its texts and block answers at their limits (the block's
    answers sharing the 20,000 characters the write path keeps them in), fields dropped where
    refused; then handed in and reviewed, or left a draft."""
    fields = {f.name: f for f in data_fields(MatterReport)}
    data = {name: _value(chance, fields[name], today) for name in REPORT_FIELDS}
    data.update(secretary=person.id, kind="平时报告", matter_type=kind.id, timing=chance.choice(kind.timing.split("+")),
                matter_date=today - dt.timedelta(days=chance.randint(0, 400)),
                report_date=today - dt.timedelta(days=chance.randint(0, 40)))
    block = {f.key: _value(chance, CharField(max_length=19_000 // len(BLOCKS[kind.extra_block])), today)
             if f.kind == "text" else chance.choice(["0", "1", "99999"]) for f in BLOCKS.get(kind.extra_block, ())}
    report = _saved(admin, data, block, chance)
    if chance.random() < 0.7:
        try:
            submit_report(admin, report, today=today)
        except ValidationError:  # late, with no 逾期说明 left: a draft, as a clerk would keep it
            return report
        if chance.random() < 0.7:
            review_report(admin, report, result="同意", opinion=_text(chance, 20_000, lines=True), today=today)
    return report


def _saved(admin, data: dict, block: dict, chance: random.Random) -> str:
    for _ in range(100):
        try:
            return save_report(admin, report_id=None, data=data, block_values=block).record.id
        except ValidationError as refused:
            for problem in refused.problems:
                key = problem.field.removeprefix("details.")
                if key in block:
                    block.pop(key)
                elif data.get(problem.field) is not None and problem.field in REPORT_FIELDS:
                    data[problem.field] = None
                else:
                    block.pop(chance.choice(list(block))) if block else data.update(late_reason=None)
    raise AssertionError("no random report was accepted")

