"""Plain data for the printed forms, read from the archive (``reports`` never queries)."""
from __future__ import annotations

import datetime as dt

from . import dates, store
from .archive import Material
from .catalogues import code_map
from .org import Township, Unit
from .person import Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary
from .photos import current_photo
from .system import MaterialCategory


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


def registration_data(secretary_id: str, *, age_at: dt.date | None = None) -> dict:
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


def catalogue_data(secretary_id: str) -> dict:
    """Categories in official order, each with its materials sorted by date and numbered."""
    person = Secretary.get_by_id(secretary_id)
    materials = list(Material.live().where(Material.secretary == secretary_id))
    classes = []
    for category in MaterialCategory.live().order_by(MaterialCategory.sort_order):
        rows = sorted((m for m in materials if m.category == category.code), key=lambda m: (m.date or "", m.sort_order))
        classes.append({"code": category.code, "name": category.name, "sub": category.parent is not None,
                        "rows": [_material_row(m) for m in rows]})
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}", "classes": classes}


def _material_row(m: Material) -> dict:
    parts = (m.date or "").split(".")
    year, month, day = (parts + ["", "", ""])[:3]
    return {"title": m.title, "year": year, "month": month.lstrip("0"), "day": day.lstrip("0"),
            "copies": str(m.copies), "pages": str(m.pages), "remarks": m.remarks or ""}


def report_form_data(report_id: str, *, age_at: dt.date | None = None) -> dict:
    from .matter_blocks import BLOCKS, read_details
    from .matters import MatterReport, MatterType

    r = MatterReport.get_by_id(report_id)
    p = r.secretary
    day = lambda v: f"{v:%Y.%m.%d}" if v else ""  # noqa: E731
    details = read_details(r.details)
    if r.kind == "集中报告":
        names = {t.code: t.name for t in MatterType.select(MatterType.code, MatterType.name)}
        block = [(names.get(code, code), str(value)) for code, value in details.items()]
        matter = f"{r.campaign.year}年度集中报告"
    else:
        labels = {f.key: f.label for f in BLOCKS.get(r.matter_type.extra_block, ())}
        block = [(labels.get(k, k), str(v)) for k, v in details.items() if v is not None]
        matter = r.matter_type.name
    return {"name": p.name, "sex": code_map("性别").get(p.sex or "", ""),
            "age": dates.age_at(p.birth_date, age_at or dt.date.today()) or "", "post": p.current_post,
            "kind": r.kind, "timing": r.timing or "", "matter": matter, "matter_date": day(r.matter_date),
            "place": r.place, "persons": r.persons, "relation": r.relation, "content": r.content, "block": block,
            "late_reason": r.late_reason, "report_date": day(r.report_date), "received_by": r.received_by,
            "received_on": day(r.received_on), "review_opinion": r.review_opinion, "review_result": r.review_result}


def dossier_data(secretary_id: str, *, age_at: dt.date | None = None) -> dict:
    from .matters import MatterReport
    from .settings import get

    reports = MatterReport.live().where(MatterReport.secretary == secretary_id).order_by(MatterReport.report_date)
    person = Secretary.get_by_id(secretary_id)
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}",
            "classification": get("classification") or "",
            "registration": registration_data(secretary_id, age_at=age_at), "catalogue": catalogue_data(secretary_id),
            "reports": [report_form_data(r.id, age_at=age_at) for r in reports]}


def ledger_print_data(*, year: int | None = None, township: str | None = None) -> dict:
    """The ledger of a year (by report date), ID numbers masked: the list does not need them."""
    from . import ledger
    from .idcard import mask
    from .org import Township

    township_id = Township.get(Township.name == township).id if township else None
    wanted = ledger.LedgerFilter(date_from=dt.date(year, 1, 1) if year else None,
                                 date_to=dt.date(year, 12, 31) if year else None, township_id=township_id)
    rows = [[*row[1:5], mask(row[5]), *row[6:]] for row in ledger.all_rows(wanted)]
    period = f"{year}年度" if year else "全部"
    return {"period": period + (f" · {township}" if township else ""), "headers": list(ledger.COLUMNS), "rows": rows}


def register_book_data(secretary_id: str | None = None) -> dict:
    from .archive import AccessLog, Loan

    def mine(model, day_field):
        # the person comes with each row (one query, not one per line of the book)
        query = (model.select(model, Secretary).join(Secretary)
                 .where(model.deleted_at.is_null()).order_by(day_field))
        return query.where(model.secretary == secretary_id) if secretary_id else query

    day = lambda v: f"{v:%Y.%m.%d}" if v else ""  # noqa: E731
    access = [[day(a.date), a.secretary.name, a.reader, a.reader_unit or "", a.purpose, a.approver or "",
               str(a.copies_made), a.handler or ""] for a in mine(AccessLog, AccessLog.date)]
    loans = [[day(x.lent_date), x.secretary.name, x.borrower, x.borrower_unit or "", day(x.due_date),
              day(x.returned_date), x.status, x.approver or ""] for x in mine(Loan, Loan.lent_date)]
    return {"access": access, "loans": loans}


def campaign_print_data(year: int, *, secretary_id: str | None = None, township: str | None = None) -> dict:
    from .errors import ArchiveError
    from .matters import Campaign, MatterReport, MatterType
    from .matter_blocks import read_details

    campaign = Campaign.live().where(Campaign.year == year).first()
    if campaign is None:
        raise ArchiveError(f"没有{year}年度的集中报告")
    query = (MatterReport.select(MatterReport, Secretary, Unit, Township).join(Secretary).join(Unit).join(Township)
             .where(MatterReport.deleted_at.is_null() & (MatterReport.campaign == campaign.id)))
    if secretary_id:
        query = query.where(MatterReport.secretary == secretary_id)
    if township:
        query = query.where(Township.name == township)
    names = {t.code: t.name for t in MatterType.live().order_by(MatterType.sort_order)}
    people = []
    for report in query:
        answers = read_details(report.details)
        people.append({"year": year, "name": report.secretary.name, "post": report.secretary.current_post or "",
                       "report_date": f"{report.report_date:%Y.%m.%d}" if report.report_date else "",
                       "answers": [[names.get(code, code), str(value)] for code, value in answers.items()]})
    return {"people": people}


def transfer_data(secretary_id: str) -> dict:
    from .archive import Transfer
    from .errors import ArchiveError
    from . import settings

    person = Secretary.get_by_id(secretary_id)
    transfer = Transfer.live().where(Transfer.secretary == secretary_id).order_by(Transfer.date.desc()).first()
    if transfer is None:
        raise ArchiveError(f"{person.name}的档案没有转递记录")
    sender = settings.get("township_name") or "乡镇党委"
    return {"name": person.name, "post": person.current_post or "", "reason": transfer.reason or "",
            "originals": str(transfer.originals), "duplicates": str(transfer.duplicates),
            "materials": str(transfer.materials), "word": transfer.doc_word or "", "number": transfer.doc_number or "",
            "date": f"{transfer.date.year}年{transfer.date.month}月{transfer.date.day}日",
            "month_day": f"{transfer.date.month}月{transfer.date.day}日",
            "sender": sender if transfer.direction == "转出" else transfer.counterpart,
            "counterpart": transfer.counterpart if transfer.direction == "转出" else sender}


def receipt_data(package_sha256: str) -> dict:
    import json as _json

    from .exchange.tables import ExchangePackage
    from .timeline import local_time

    package = ExchangePackage.get_by_id(package_sha256)
    return {"township": package.township, "sequence": package.sequence, "created_at": local_time(package.created_at),
            "imported_at": local_time(package.imported_at), "imported_by": package.imported_by,
            "sha256": package.sha256, "counts": _json.loads(package.counts)}
