"""A realistic synthetic district for training, demonstrations and tests (``main.py demo``).

Deterministic for a given seed and day: the same seed gives the same people, files and reports.
Everything is written through the services, so the demo archive is audited like any other; records
are queued and written a few hundred people at a time (``services.create_many``), which makes a
district of 10,000 files in minutes rather than hours.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import random
import uuid
from dataclasses import dataclass
from types import SimpleNamespace

from models.demo.names import COUNTY_CODE, IdNumbers, unit_names
from models.demo.words import (EARLY_JOBS, GIVEN_FEMALE, GIVEN_MALE, PLACES, RARE_NAMES, REWARDS, SCHOOLS, SURNAMES,
                               TOWNSHIPS, TRAININGS)
from models.matters.deadlines import campaign_due_date, current_campaign_year, due_date
from models.matters.tables import Campaign, MatterReport, MatterType, ReportKind, ReportStatus, Timing, Verification
from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.person import (Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary,
                                     SecretaryStatus, Training)
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer
from models.attachments.adding import attach
from models.storage import settings
from models.storage.db import db
from models.values import clock
from models.values.dates import from_date
from models.writing import services
from models.writing.actor import Actor

ELECTION_YEARS = (2018, 2021)
# Queued records are written stage by stage, so that each refers only to records already written:
# villages, then the people in them, then the parts of their files, then reports, and last the
# 事后 reports that name their 事前 report.
UNIT_STAGE, PERSON_STAGE, PART_STAGE, REPORT_STAGE, LINKED_STAGE = range(5)
STAGES = {Unit: UNIT_STAGE, Secretary: PERSON_STAGE, MatterReport: REPORT_STAGE}
PEOPLE_PER_BATCH = 250  # about 7,500 records: large enough to be fast, small enough to stay light


@dataclass
class DemoSummary:
    townships: int = 0
    units: int = 0
    secretaries: int = 0
    reports: int = 0
    campaign_year: int = 0
    campaign_filed: int = 0
    attachments: int = 0


class DemoBuilder:
    def __init__(self, actor: Actor, *, seed: int, today: dt.date):
        self.rng = random.Random(seed)
        self.actor = actor
        self.today = today
        self.summary = DemoSummary()
        self.types = {t.code: t for t in MatterType.live()}
        self.id_numbers = IdNumbers(self.rng)
        self.queued: dict[tuple[int, type], list[tuple[str, dict]]] = {}

    # -- helpers ---------------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model, data: dict) -> SimpleNamespace:
        """Queue a record to write with the next ``flush``; what the builder reads back of it
        (its id, name, kind, title, …) is what it was given."""
        record_id = self.new_id()
        stage = LINKED_STAGE if data.get("prior_report") else STAGES.get(model, PART_STAGE)
        self.queued.setdefault((stage, model), []).append((record_id, data))
        return SimpleNamespace(id=record_id, **data)

    def flush(self) -> None:
        """Write what is queued, one batch per kind of record, stage by stage."""
        for stage, model in sorted(self.queued, key=lambda key: key[0]):  # stable: a stage keeps its order
            services.create_many(self.actor, model, self.queued[stage, model], today=self.today)
        self.queued.clear()

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # -- organisation ----------------------------------------------------------------------
    def build(self, count: int) -> DemoSummary:
        """A district's townships; in a township archive, all the people in its own township."""
        own = settings.get("township_name") if settings.get("mode") == "township" else ""
        townships = [(own, 1)] if own else TOWNSHIPS
        share = _shares(count, [w for _, w in townships])
        for order, ((name, _), people) in enumerate(zip(townships, share)):
            self.flush()
            data = {"name": name, "code": f"{COUNTY_CODE}{order + 1:03d}", "sort_order": order}
            record_id = self.new_id()  # drawn either way, so the seed gives the same people
            township = Township.live().where(Township.name == name).first() or services.create(
                self.actor, Township, data, record_id=record_id).record
            self.summary.townships += 1
            for unit in self.units(township, people, is_street=name.endswith("街道")):
                self.person(unit)
                if self.summary.secretaries % PEOPLE_PER_BATCH == 0:
                    self.flush()
        self.flush()  # the campaign reads who is serving
        self.campaign()
        self.flush()
        return self.summary

    def units(self, township, people: int, *, is_street: bool):
        for order, name in enumerate(unit_names(self.rng, people, is_street=is_street)):
            self.summary.units += 1
            yield self.add(Unit, {"township": township.id, "name": name,
                                  "kind": "社区" if name.endswith("社区") else "村", "sort_order": order})

    # -- one person's file -----------------------------------------------------------------
    def person(self, unit) -> None:
        rng = self.rng
        male = rng.random() < 0.82
        birth = self.day_between(dt.date(1963, 1, 1), dt.date(1993, 12, 31))
        name = self.name(male)
        elected = rng.choice(ELECTION_YEARS)
        first = min(elected, rng.randint(2009, 2021))
        head = rng.random() < 0.88
        post = f"{unit.name}党{'委' if unit.kind == '社区' and rng.random() < 0.3 else '支部'}书记"
        post += ("、" + ("居委会主任" if unit.kind == "社区" else "村委会主任")) if head else ""
        party = years_after(birth, rng.randint(20, 32))
        work = years_after(birth, rng.randint(17, 22))
        retired = rng.random() < 0.04
        record = self.add(Secretary, {
            "name": name, "id_number": self.id_number(birth, male), "ethnicity": "01" if rng.random() < 0.97 else "03",
            "native_place": "山东胶州", "birthplace": "山东胶州", "party_date": from_date(min(party, self.today)),
            "work_date": from_date(work), "health": "健康", "unit": unit.id, "current_post": post,
            "post_since": f"{elected}.0{rng.randint(1, 3)}", "first_secretary_date": f"{first}.0{rng.randint(1, 3)}",
            "concurrent_head": head, "phone": f"1{rng.choice('35789')}{rng.randint(0, 999999999):09d}",
            "address": f"胶州市{unit.name}{rng.randint(1, 300)}号", "marital_status": "已婚",
            "ft_education": rng.choice(("高中", "中专", "大专", "大学")), "ft_school": rng.choice(SCHOOLS),
            "pt_education": rng.choice((None, None, "大专", "大学")),
            "status": SecretaryStatus.LEFT if retired else SecretaryStatus.SERVING, "status_date": "2026.03" if retired else None,
        })
        self.summary.secretaries += 1
        self.resume(record, work, first, post)
        self.family(record, birth, male)
        self.history(record, elected, first, post, head)
        self.materials(record, birth, elected)
        self.registers(record)
        self.reports(record)

    def name(self, male: bool) -> str:
        if self.summary.secretaries in (17, 101):  # two rare-character names in every demo
            return RARE_NAMES[self.summary.secretaries == 101]
        pool = GIVEN_MALE if male else GIVEN_FEMALE
        given = "".join(self.rng.choice(pool) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def id_number(self, birth: dt.date, male: bool) -> str:
        return self.id_numbers.draw(birth, male)

    def resume(self, record, work: dt.date, first: int, post: str) -> None:
        start = from_date(work)
        jobs = self.rng.sample(EARLY_JOBS, self.rng.randint(2, 5))
        year = work.year
        for order, job in enumerate(jobs):
            end_year = min(first - 1, year + self.rng.randint(2, 8)) if order < len(jobs) - 1 else first
            end = f"{max(end_year, year)}.{self.rng.randint(1, 12):02d}"
            if end <= start:
                end = start
            self.add(ResumeEntry, {"secretary": record.id, "start": start, "end": end, "text": job,
                                   "sort_order": order})
            start, year = end, int(end[:4])
        self.add(ResumeEntry, {"secretary": record.id, "start": start, "end": None, "text": post,
                               "sort_order": len(jobs)})

    def family(self, record, birth: dt.date, male: bool) -> None:
        rng, order = self.rng, 0
        spouse_birth = years_after(birth, rng.randint(-3, 3))
        members = [("妻子" if male else "丈夫", spouse_birth, "群众", "务农")]
        for _ in range(rng.randint(1, 3)):
            child = years_after(birth, min(rng.randint(22, 32), self.today.year - 1 - birth.year))
            members.append((rng.choice(("儿子", "女儿")), child, rng.choice(("群众", "共青团员", "中共党员")),
                            rng.choice(("学生", "胶州市某公司职员", "外出务工", "个体经营"))))
        members.append(("父亲", years_after(birth, -rng.randint(22, 30)), "中共党员", "务农"))
        members.append(("母亲", years_after(birth, -rng.randint(20, 28)), "群众", "务农"))
        surname = record.name[0]
        for relation, born, politics, work in members:
            deceased = relation in ("父亲", "母亲") and rng.random() < 0.35
            given = rng.choice(GIVEN_FEMALE if relation in ("妻子", "女儿", "母亲") else GIVEN_MALE)
            family_name = surname if relation in ("儿子", "女儿", "父亲") else rng.choice(SURNAMES)
            self.add(FamilyMember, {"secretary": record.id, "relation": relation, "name": family_name + given
                                    + rng.choice(GIVEN_MALE + GIVEN_FEMALE), "birth_date": from_date(born),
                                    "political_status": politics, "employer_post": work,
                                    "deceased": deceased, "sort_order": order})
            order += 1

    def history(self, record, elected: int, first: int, post: str, head: bool) -> None:
        rng = self.rng
        for year in range(max(first, self.today.year - 5), self.today.year):
            result = "优秀" if rng.random() < 0.18 else ("基本称职" if rng.random() < 0.03 else "称职")
            self.add(Assessment, {"secretary": record.id, "year": year, "result": result})
        for order, (name, organiser, hours) in enumerate(rng.sample(TRAININGS, rng.randint(1, 3))):
            start = dt.date(rng.randint(max(first, 2019), self.today.year - 1), rng.randint(3, 11), rng.randint(1, 20))
            self.add(Training, {"secretary": record.id, "start": from_date(start, "day"),
                                "end": from_date(start + dt.timedelta(days=hours // 8), "day"), "name": name,
                                "organiser": organiser, "hours": hours, "days": hours // 8, "sort_order": order})
        terms = {2018: "第十一届", 2021: "第十二届"}
        for order, year in enumerate(y for y in ELECTION_YEARS if y >= min(first, elected)):
            self.add(Appointment, {"secretary": record.id, "post": post, "start": f"{year}.0{rng.randint(1, 3)}",
                                   "end": None if year == ELECTION_YEARS[-1] else f"{year + 3}.01",
                                   "term": terms[year], "method": "选举产生", "concurrent_head": head,
                                   "document": f"胶组字〔{year}〕{rng.randint(3, 60)}号", "sort_order": order})
        if rng.random() < 0.2:
            date, kind, text, authority = rng.choice(REWARDS)
            self.add(RewardPunishment, {"secretary": record.id, "date": date, "kind": kind, "text": text,
                                        "authority": authority})

    def materials(self, record, birth: dt.date, elected: int) -> None:
        aged = lambda years: from_date(years_after(birth, years))  # noqa: E731
        rows = [("1", "干部履历表", f"{elected}.03"), ("2", "入党志愿书", aged(22)),
                ("3", f"{self.today.year - 1}年度考核登记表", f"{self.today.year}.01"),
                ("4-1", "学历证书复印件", aged(19)),
                ("4-4", "培训结业证书", f"{self.today.year - 2}.11"), ("6", "入党申请书", aged(21)),
                ("9-2", "村党组织书记选举结果报告单", f"{elected}.02"), ("10", "村干部任职资格联审表", f"{elected}.01")]
        for order, (category, title, date) in enumerate(rows[: self.rng.randint(5, len(rows))]):
            material = self.add(Material, {"secretary": record.id, "category": category, "title": title,
                                           "date": date, "copies": 1, "pages": self.rng.randint(1, 6),
                                           "sort_order": order})
            if self.summary.secretaries <= 12 and order == 0:
                self.scan(record, material)

    def scan(self, record, material) -> None:
        self.flush()  # the scan is registered at once, against its catalogue row
        attach(self.actor, data=_scan_image(f"{record.name} {material.title}"),
                     file_name=f"{material.title}-第1页.png", secretary=record.id, material=material.id)
        self.summary.attachments += 1

    def registers(self, record) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            day = self.day_between(self.today - dt.timedelta(days=400), self.today - dt.timedelta(days=3))
            self.add(AccessLog, {"secretary": record.id, "date": day, "reader": rng.choice(("孙立", "赵敏", "钱进")),
                                 "reader_unit": "胶州市委组织部", "reader_post": "干部科科员", "purpose": "换届资格审查",
                                 "content": "干部任免审批表、年度考核材料", "approver": "周部长", "handler": "组织干事"})
        if rng.random() < 0.06:
            lent = self.day_between(self.today - dt.timedelta(days=60), self.today - dt.timedelta(days=2))
            returned = lent + dt.timedelta(days=5) if rng.random() < 0.5 else None
            self.add(Loan, {"secretary": record.id, "lent_date": lent, "borrower": "纪委工作人员",
                            "borrower_unit": "胶州市纪委监委", "purpose": "核查", "approver": "周部长",
                            "handler": "组织干事", "due_date": lent + dt.timedelta(days=7), "returned_date": returned})
        if rng.random() < 0.03:
            day = self.day_between(self.today - dt.timedelta(days=300), self.today - dt.timedelta(days=30))
            self.add(Transfer, {"secretary": record.id, "direction": "转入", "date": day,
                                "counterpart": "胶州市委组织部", "reason": "工作调动", "materials": 12,
                                "doc_word": "胶组档", "doc_number": str(rng.randint(1, 90)),
                                "receipt_date": day + dt.timedelta(days=3)})

    # -- reports ---------------------------------------------------------------------------
    def reports(self, record) -> None:
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3))):
            code = self.rng.choice(("02", "02", "03", "04", "08", "09", "13", "01", "10"))
            self.matter(record, self.types[code])

    def matter(self, record, matter_type) -> None:
        rng = self.rng
        day = self.day_between(self.today - dt.timedelta(days=420), self.today + dt.timedelta(days=20))
        timings = (Timing.BEFORE, Timing.AFTER) if matter_type.timing == Timing.BOTH else (matter_type.timing,)
        prior = None
        for timing in timings:
            due = due_date(timing=timing, matter_date=day, days_before=matter_type.days_before,
                           days_after=matter_type.days_after)
            late = rng.random() < 0.08
            reported = due + dt.timedelta(days=rng.randint(1, 12)) if late else due - dt.timedelta(days=rng.randint(0, 6))
            if reported > self.today:
                if timing == Timing.AFTER:
                    return  # the matter has not happened long enough ago to be reported yet
                reported = self.today
            prior = self.report(record, matter_type, timing, day, reported, prior, late=reported > due)

    def report(self, record, matter_type, timing, day, reported, prior, *, late: bool = False):
        rng = self.rng
        age = (self.today - reported).days
        status = ReportStatus.ARCHIVED if age > 60 else (ReportStatus.REVIEWED if age > 10 or rng.random() < 0.5 else ReportStatus.SUBMITTED)
        details = _details(rng, matter_type.extra_block, timing, surname=record.name[0])
        data = {"secretary": record.id, "kind": ReportKind.ORDINARY, "matter_type": matter_type.id, "timing": timing,
                "matter_date": day, "place": rng.choice(PLACES),
                "content": CONTENTS.get(matter_type.code, matter_type.name.split("(")[0]),
                "late_reason": "外出务工,未及时得知报告时限,回村后即补报" if late else None,
                "details": json.dumps({k: v for k, v in details.items() if v is not None}, ensure_ascii=False)
                if details else None,
                "report_date": reported, "received_by": "组织干事", "received_on": reported,
                "status": status, "prior_report": prior.id if prior else None}
        if status != ReportStatus.SUBMITTED:
            data.update(review_result="同意" if matter_type.extra_block else "登记备案",
                        review_opinion="同意报告事项,按规定从简办理。", reviewer="党委副书记",
                        reviewed_on=min(reported + dt.timedelta(days=2), self.today))
        self.summary.reports += 1
        return self.add(MatterReport, data)

    def campaign(self) -> None:
        year = current_campaign_year(self.today)
        due = campaign_due_date(year)
        opened = min(dt.date(year + 1, 1, 1), self.today)
        campaign = self.add(Campaign, {"year": year, "opened_on": opened, "due_date": due})
        self.summary.campaign_year = year
        codes = sorted(self.types)
        serving = Secretary.live().where(Secretary.status == SecretaryStatus.SERVING).order_by(Secretary.id)
        for person in serving:
            roll = self.rng.random()
            if roll < 0.07:
                continue  # missing: named on the coverage list
            reported = due - dt.timedelta(days=self.rng.randint(0, 25))
            if roll < 0.12:
                reported = due + dt.timedelta(days=self.rng.randint(1, 20))
            reported = max(opened, min(reported, self.today))  # a round still open: handed in so far
            answers = {code: "无" for code in codes}
            if self.rng.random() < 0.2:
                answers["02"] = "已于年内按规定报告子女婚礼事宜"
            self.summary.reports += 1
            self.summary.campaign_filed += 1
            self.add(MatterReport, {"secretary": person.id, "kind": ReportKind.CENTRALISED, "campaign": campaign.id,
                                    "details": json.dumps(answers, ensure_ascii=False), "report_date": reported,
                                    "received_by": "组织干事", "received_on": reported, "status": ReportStatus.REVIEWED,
                                    "review_result": "登记备案", "reviewer": "党委副书记", "reviewed_on": reported})
        self.verifications(campaign)

    def verifications(self, campaign) -> None:
        people = list(Secretary.live().where(Secretary.status == SecretaryStatus.SERVING).order_by(Secretary.id).limit(8))
        for person in people:
            result = self.rng.choice(("如实报告", "如实报告", "如实报告", "漏报"))
            self.add(Verification, {"secretary": person.id, "year": campaign.year, "result": result,
                                    "date": min(campaign.due_date + dt.timedelta(days=40), self.today),
                                    "disposition": "批评教育" if result == "漏报" else None, "verifier": "组织委员"})


def years_after(day: dt.date, years: int) -> dt.date:
    """The first of the month ``years`` later (or earlier): a 29 February has no twin in most years."""
    return day.replace(year=day.year + years, day=1)


def _shares(count: int, weights: list[int]) -> list[int]:
    """``count`` split by ``weights`` (largest remainders), adding up exactly."""
    exact = [count * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[:count - sum(shares)]:
        shares[i] += 1
    return shares


# what a secretary writes under 事项内容, by matter type (else the type's name, without its examples)
CONTENTS = {"01": "本人办理结婚登记", "02": "为儿子操办婚礼,在本村宴请亲友", "03": "父亲病故,按规定从简操办丧事",
            "04": "赴外地探亲,办理因私出入境证件", "08": "配偶注册个体工商户,经营农资销售",
            "09": "在本人宅基地上翻建住房", "10": "申请宅基地一处,用于翻建住房", "13": "因家中有事外出,离开本乡镇数日"}


def _details(rng: random.Random, block: str, timing: str, *, surname: str = "王") -> dict:
    """The block's answers a report of ``timing`` is asked on the official form (no 事后 counts
    before the event, the 事前 plans only before it)."""
    if block == "banquet":
        tables = rng.randint(8, 20)
        asked = {"tables": tables, "guests": tables * 10, "scope": "亲属及近邻", "price_per_table": 800}
        if timing == Timing.BEFORE:
            return {**asked, "planned_vehicles": "自有车辆2辆"}
        return {**asked, "total_cost": tables * 800, "vehicle_count": 2, "public_vehicles": 0, "irregular_gifts": 0,
                "disposal": "无", "other_violation": "无"}
    if block == "funeral":
        return {"deceased": f"{surname}某", "deceased_relation": "父亲", "guests": rng.randint(40, 120),
                "vehicle_count": 2, "public_vehicles": 0, "other_violation": "无"}
    if block == "travel":
        return {"destination": rng.choice(("青岛市", "济南市", "北京市")), "days": rng.randint(2, 7)}
    if block == "housing":
        return {"kind": "翻建住房", "area": rng.randint(120, 220)}
    if block == "business":
        return {"kind": "个体工商户", "scope": "农资销售"}
    return {}


def _scan_image(caption: str) -> bytes:
    """A small grey page standing in for a scanned sheet."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (420, 594), 245)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 400, 574), outline=120)
    for line in range(60, 560, 24):
        draw.line((40, line, 380, line), fill=200)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def build_demo(actor: Actor, *, secretaries: int = 209, seed: int = 2026, today: dt.date | None = None) -> DemoSummary:
    """Fill the open (empty) archive with a synthetic district, in one transaction."""
    with db.atomic():
        return DemoBuilder(actor, seed=seed, today=today or clock.today()).build(secretaries)
