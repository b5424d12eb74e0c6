"""Plain data for the 基本情况登记表 (in the layout of the 干部任免审批表)."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.forms.people import person_on_file, records_of
from models.personnel.person import Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment
from models.attachments.photos import current_photo
from models.storage import file_store as store
from models.values import clock, dates
from models.values.text import split_meanwhile


def _latest_term(appointments: list[Appointment]) -> Appointment | None:
    """The appointment with a 任期 that began last (one without a start date counts as earliest)."""
    with_term = [a for a in appointments if a.term is not None]
    return max(with_term, key=lambda a: a.start or "", default=None)


def assessments_sentence(rows: list[tuple[int, str]]) -> str:
    """"2022年度、2023年度考核均为称职；2024年度考核为优秀", as the form writes it."""
    groups: list[tuple[str, list[int]]] = []
    for year, result in sorted(rows):
        if groups and groups[-1][0] == result:
            groups[-1][1].append(year)
        else:
            groups.append((result, [year]))
    parts = []
    for result, years in groups:
        listed = "、".join(f"{y}年度" for y in years)
        parts.append(f"{listed}考核{'均' if len(years) > 1 else ''}为{result}")
    return "；".join(parts)


def registration_data(*, secretary_id: str, age_at: dt.date | None = None, filled_by: str | None = None,
                      mode: str = "fit") -> dict:
    """The 基本情况登记表 of one person. ``age_at``: the 计算年龄时间 (default this month); ``mode``:
    "fit" (the official two pages, text shrunk as the official editor does) or "continue"
    (continuation pages). A field the file does not have prints empty."""
    age_at = age_at or clock.today()
    p = person_on_file(secretary_id)
    sexes, ethnicities = code_map("性别"), code_map("民族")
    photo = current_photo(secretary_id)
    resume = [row for r in records_of(ResumeEntry, secretary_id) for row in _resume_rows(r)]
    rewards = [f"{r.date or ''} {r.text}".strip() + (f"（{r.authority}）" if r.authority else "")
               for r in records_of(RewardPunishment, secretary_id)]
    family = [{"relation": m.relation, "name": m.name, "political_status": m.political_status or "",
               "age": "" if m.deceased else str(dates.age_at(m.birth_date, age_at) or ""),
               "employer_post": "已故" if m.deceased else (m.employer_post or "")}
              for m in records_of(FamilyMember, secretary_id)]
    term = _latest_term(records_of(Appointment, secretary_id))
    township = p.unit.township.name
    return {
        "name": p.name, "sex": sexes.get(p.sex or "", ""), "birth": p.birth_date or "",
        "age": dates.age_at(p.birth_date, age_at), "ethnicity": ethnicities.get(p.ethnicity or "", ""),
        "native_place": p.native_place or "", "birthplace": p.birthplace or "", "party_date": p.party_date or "",
        "work_date": p.work_date or "", "health": p.health or "", "tech_title": p.tech_title or "",
        "specialty": p.specialty or "", "marital_status": p.marital_status or "",
        "ft": {"education": p.ft_education or "", "degree": p.ft_degree or "",
               "school": _schools(p.ft_school, p.ft_degree_school)},
        "pt": {"education": p.pt_education or "", "degree": p.pt_degree or "",
               "school": _schools(p.pt_school, p.pt_degree_school)},
        "current_post": p.current_post or "", "post_since": p.post_since or "", "term": term.term if term else "",
        "first_secretary_date": p.first_secretary_date or "", "concurrent_head": "是" if p.concurrent_head else "否",
        "proposed_post": p.proposed_post or "", "proposed_removal": p.proposed_removal or "",
        "appointment_reason": p.appointment_reason or "", "unit": f"{township} {p.unit.name}",
        "phone": p.phone or "", "id_number": p.id_number or "", "resume": resume,
        "rewards": rewards, "assessments": assessments_sentence([(a.year, a.result)
                                                                for a in records_of(Assessment, secretary_id)]),
        "family": family, "photo": store.read_bytes(photo.sha256) if photo else None,
        "reporting_unit": p.unit.township.party_committee,
        "age_at": f"{age_at:%Y.%m}", "filled_on": f"{clock.today():%Y.%m.%d}", "filled_by": filled_by or "",
        "mode": mode,
    }


def _resume_rows(entry: ResumeEntry) -> list[tuple[str, str]]:
    """A resume entry's period and post; what was done meanwhile on the lines under the post,
    as the 任免审批表 prints it."""
    host, meanwhile = split_meanwhile(entry.text)
    return [(f"{entry.start or ''}--{entry.end or ''}", host)] + [("", part) for part in meanwhile.split("\n") if part]


def _schools(education_school: str | None, degree_school: str | None) -> str:
    """The 学历's school over the 学位's, as the 任免审批表 prints them (once when the same)."""
    return "\n".join(dict.fromkeys(filter(None, (education_school, degree_school))))


def blank_registration_data() -> dict:
    """An empty 登记表 to fill in by hand: every field empty, the family's ten rows, no 无."""
    education = {"education": "", "degree": "", "school": ""}
    data = dict.fromkeys(("name", "sex", "birth", "ethnicity", "native_place", "birthplace", "party_date",
                          "work_date", "health", "tech_title", "specialty", "marital_status", "current_post",
                          "post_since", "term", "first_secretary_date", "concurrent_head", "proposed_post",
                          "proposed_removal", "appointment_reason", "unit", "phone", "id_number", "assessments",
                          "reporting_unit", "age_at", "filled_on", "filled_by"), "")
    data.update(age=None, ft=education, pt=dict(education), resume=[], rewards=[], family=[], photo=None,
                mode="fit", blank=True)
    return data
