"""Plain data for the 基本情况登记表 (in the layout of the 干部任免审批表)."""
from __future__ import annotations

import datetime as dt

from models.codes.lists import code_map
from models.personnel.person import Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary
from models.personnel.photos import current_photo
from models.storage import file_store as store
from models.values import dates


def _live(model, secretary_id):
    return model.live().where(model.secretary == secretary_id).order_by(model.sort_order)


def assessments_sentence(rows: list[tuple[int, str]]) -> str:
    """"2022年度、2023年度考核均为称职;2024年度考核为优秀", as the form writes it."""
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
    return ";".join(parts)


def registration_data(*, secretary_id: str, age_at: dt.date | None = None) -> dict:
    age_at = age_at or dt.date.today()
    p = Secretary.get_by_id(secretary_id)
    sexes, ethnicities = code_map("性别"), code_map("民族")
    photo = current_photo(secretary_id)
    resume = [(f"{r.start or ''}--{r.end or ''}", r.text) for r in _live(ResumeEntry, secretary_id)]
    rewards = ";".join(f"{r.date or ''} {r.text}".strip() for r in _live(RewardPunishment, secretary_id))
    family = [{"relation": m.relation, "name": m.name, "political_status": m.political_status or "",
               "age": "" if m.deceased else str(dates.age_at(m.birth_date, age_at) or ""),
               "employer_post": "已故" if m.deceased else (m.employer_post or "")}
              for m in _live(FamilyMember, secretary_id)]
    return {
        "name": p.name, "sex": sexes.get(p.sex or "", ""), "birth": p.birth_date, "age": dates.age_at(p.birth_date, age_at),
        "ethnicity": ethnicities.get(p.ethnicity or "", ""), "native_place": p.native_place, "birthplace": p.birthplace,
        "party_date": p.party_date, "work_date": p.work_date, "health": p.health, "tech_title": p.tech_title,
        "specialty": p.specialty, "marital_status": p.marital_status,
        "ft": {"education": p.ft_education, "degree": p.ft_degree, "school": p.ft_school},
        "pt": {"education": p.pt_education, "degree": p.pt_degree, "school": p.pt_school},
        "current_post": p.current_post, "post_since": p.post_since, "first_secretary_date": p.first_secretary_date,
        "concurrent_head": "是" if p.concurrent_head else "否", "unit": f"{p.unit.township.name} {p.unit.name}",
        "phone": p.phone, "id_number": p.id_number, "resume": resume, "rewards": rewards,
        "assessments": assessments_sentence([(a.year, a.result) for a in _live(Assessment, secretary_id)]),
        "family": family, "photo": store.read_bytes(photo.sha256) if photo else None,
        "age_at": f"{age_at:%Y.%m}", "filled_on": f"{dt.date.today():%Y.%m.%d}",
    }
