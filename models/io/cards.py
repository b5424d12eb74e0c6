"""任免审批表 files in and out of the archive: a person's file written as .lrmx, and .lrmx / .lrm
files read into new or existing files — previewed field by field first, then written in one
transaction through the write path (``saving.save_file``), the original file kept with the
person so nothing it holds is lost."""
from __future__ import annotations

import base64
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from models.codes.lists import code_map, code_names
from models.errors import ArchiveError
from models.io.lrmx import (DECEASED, ELEMENTS, FAMILY, MAX_FAMILY, VERSION, Card, format_assessments, format_resume,
                            format_rewards, partial_date, photo_jpeg, read_lrm, read_lrmx, refuse)
from models.org.tables import Unit
from models.personnel.person import Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary
from models.attachments.photos import current_photo
from models.dossier.saving import save_file
from models.storage.files import write_atomically
from models.writing.rows import PartChanges, RowChange
from models.attachments.adding import attach
from models.storage import file_store as store
from models.storage.db import db
from models.values import clock, idcard
from models.values.text import file_name_part
from models.writing import services
from models.writing.actor import Actor

NAME_MATCH = "姓名+出生年月"
MAX_PIXELS = 25_000_000  # a camera photo is at most a few tens of megapixels; beyond, it is not a photo
LABELS = {name: Secretary._meta.fields[name].verbose_name for _, name in ELEMENTS if name}


# -- the archive's person as a card ------------------------------------------------------------------

def card_of(secretary_id: str) -> Card:
    person = Secretary.get_by_id(secretary_id)
    sexes, ethnicities = code_map("性别"), code_map("民族")
    card = Card(f"{person.name}")
    for _, name in ELEMENTS:
        if not name:
            continue
        value = getattr(person, name)
        if name == "sex":
            value = sexes.get(value or "", "")
        elif name == "ethnicity":
            value = ethnicities.get(value or "", "")
        if value:
            card.basic[name] = str(value)
    live = lambda model: list(model.live().where(model.secretary == secretary_id)  # noqa: E731
                              .order_by(model.sort_order, model.id))
    card.resume = [(r.start or "", r.end or "", r.text) for r in live(ResumeEntry)]
    card.family = [{"relation": f.relation, "name": f.name, "birth_date": f.birth_date or "",
                    "political_status": f.political_status or "", "employer_post": f.employer_post or "",
                    "deceased": f.deceased} for f in live(FamilyMember)]
    card.assessments = [(a.year, a.result) for a in live(Assessment)]
    card.rewards = [{"date": r.date or "", "authority": r.authority or "", "text": r.text, "kind": r.kind}
                    for r in live(RewardPunishment)]
    _kept_texts(person.remarks or "", card)
    photo = current_photo(secretary_id)
    card.photo = store.read_bytes(photo.sha256) if photo else None
    return card


def _compact(partial: str) -> str:
    """``1975.03`` (or ``1975.03.12``) → ``197503``: the file's date shape. A reader prints an
    8-digit 出生年月 as it stands, without the age."""
    return partial[:7].replace(".", "")


# What a file said that could not become rows or dates, kept in 备注 under these words and sent
# on in its own element at export (never as 无, never dropped).
KEPT_AS_TEXT = (("assessments_text", "年度考核(原文)"), ("rewards_text", "奖惩(原文)"), ("party", "入党时间所列党派"))


def _with_kept_texts(remarks: str, card: Card) -> str:
    """备注 with the file's texts: each replaces what an earlier file said under the same words
    (a file carries the whole field); the clerk's own lines stay."""
    fresh = {words: getattr(card, name) for name, words in KEPT_AS_TEXT if getattr(card, name)}
    lines = [line for line in remarks.splitlines() if line.split(":", 1)[0] not in fresh]
    return "\n".join(lines + [f"{words}:{text}" for words, text in fresh.items()])


def _kept_texts(remarks: str, card: Card) -> None:
    for name, words in KEPT_AS_TEXT:
        lines = [line.split(":", 1)[1] for line in remarks.splitlines() if line.startswith(f"{words}:")]
        setattr(card, name, "；".join(lines))


def write_lrmx(card: Card, *, age_at: dt.date, reporting_unit: str = "", filled_by: str = "",
               filled_on: dt.date | None = None) -> bytes:
    """UTF-8 XML in the editor's element order; dates ``yyyyMM``; the photo always present;
    ``filled_by`` names the 填表人 (else the one the file keeps)."""
    root = ET.Element("Person")
    texts = {element: card.basic.get(name, "") for element, name in ELEMENTS if name}
    for date_element in ("ChuShengNianYue", "RuDangShiJian", "CanJiaGongZuoShiJian"):
        texts[date_element] = _compact(texts[date_element])
    texts["RuDangShiJian"] = "；".join(filter(None, (texts["RuDangShiJian"], card.party)))
    rewards = "；".join(filter(None, (format_rewards(card.rewards) if card.rewards else "", card.rewards_text)))
    texts.update({
        "JianLi": format_resume(card.resume), "JiangChengQingKuang": rewards or "无",
        "NianDuKaoHeJieGuo": "；".join(filter(None, (format_assessments(card.assessments), card.assessments_text))),
        "ChengBaoDanWei": reporting_unit, "JiSuanNianLingShiJian": f"{age_at:%Y%m%d}",
        "TianBiaoShiJian": f"{filled_on:%Y%m%d}" if filled_on else "", "TianBiaoRen": filled_by or texts["TianBiaoRen"],
        "ZhaoPian": base64.b64encode(photo_jpeg(card.photo)).decode() if card.photo else "", "Version": VERSION})
    for element, _ in ELEMENTS:
        node = ET.SubElement(root, element)
        if element == "JiaTingChengYuan":
            for relative in card.family[:MAX_FAMILY]:
                item = ET.SubElement(node, "Item")
                for child, name in FAMILY:
                    value = relative.get(name) or ""
                    if name == "birth_date":
                        value = _compact(value)
                    if name == "employer_post" and relative.get("deceased") and not any(w in value for w in DECEASED):
                        value = "已故"
                    ET.SubElement(item, child).text = value
            continue
        node.text = texts.get(element, "")
    ET.indent(root)
    # the editor's own style: a double-quoted declaration and <X></X> for an empty element (some
    # readers compare the text)
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'.encode("utf-8")


def file_name(card: Card) -> str:
    """姓名_身份证号末四位.lrmx, safe as a file name whatever the name holds."""
    tail = file_name_part((card.basic.get("id_number") or "")[-4:], empty="")
    return f"{file_name_part(card.basic.get('name'))}{'_' + tail if tail else ''}.lrmx"


def export_cards(actor: Actor, secretary_ids: list[str], folder: Path, *, age_at: dt.date,
                 filled_by: str = "", progress=None, cancelled=None) -> list[Path]:
    """One .lrmx per person into ``folder`` (written whole or not at all, each); each file written
    is an export of that person's file in the audit log (SPEC §7). ``progress(done, total)`` after
    each file; ``cancelled()`` stops before the next one (the files written stay, and say so)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for secretary_id in secretary_ids:
        if cancelled is not None and cancelled():
            break
        person = Secretary.get_by_id(secretary_id)
        card = card_of(secretary_id)
        data = write_lrmx(card, age_at=age_at, reporting_unit=person.unit.township.party_committee,
                          filled_by=filled_by, filled_on=clock.today())
        path = folder / file_name(card)
        counter = 2
        while path in written:  # two people of one name without an ID number in the same export
            path = folder / f"{Path(file_name(card)).stem}({counter}).lrmx"
            counter += 1
        write_atomically(path, data)
        written.append(path)
        services.record_event(actor, action="export", model=Secretary, record_id=secretary_id,
                              summary=f"导出任免审批表:{person.name}", details={"file": path.name})
        if progress is not None:
            progress(len(written), len(secretary_ids))
    return written


# -- files into the archive -------------------------------------------------------------------------

def read_card(path: Path) -> Card:
    """A .lrmx, or a .lrm with its .pic beside it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArchiveError(f"无法读取“{path.name}”:{error.strerror}") from None
    if path.suffix.lower() == ".lrm":
        picture = path.with_suffix(".pic")
        try:
            photo = picture.read_bytes() if picture.exists() else None
        except OSError as error:
            raise ArchiveError(f"无法读取照片“{picture.name}”:{error.strerror}") from None
        return read_lrm(data, path.name, photo)
    return read_lrmx(data, path.name)


SUPERSEDED = "被较新的文件取代"


@dataclass
class Planned:
    """What importing one file would do."""
    path: Path
    card: Card | None = None
    person_id: str | None = None
    matched_by: str = ""  # 身份证号 / 姓名+出生年月 (the latter needs a confirmation)
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (label, archive, file)
    parts: list[str] = field(default_factory=list)  # parts the file replaces, in words
    problem: str = ""  # why this file cannot be imported
    superseded_by: str = ""  # a later card of the same person in the batch (its file name)

    @property
    def action(self) -> str:
        if self.problem:
            return "有问题"
        if self.superseded_by:
            return SUPERSEDED
        if self.person_id is None:
            return "新建"
        return "更新" if self.changes or self.parts else "无变化"


def files_in(paths: list[Path]) -> list[Path]:
    """The files given, and the .lrmx / .lrm files of the folders given."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in (".lrmx", ".lrm"))
        else:
            found.append(path)
    return found


def plan_import(paths: list[Path], *, actor: Actor | None = None, unit_id: str | None = None,
                progress=None) -> list[Planned]:
    """Each file read and matched; with ``actor``, also written on trial and rolled back, so what
    the write path would refuse (an ID check digit, a text too long) is that file's problem now,
    not a surprise that stops the batch. ``progress(done, total)`` after each file."""
    plans, files = [], files_in(paths)
    for path in files:
        planned = Planned(path)
        try:
            planned.card = read_card(path)
            _check_photo(planned.card)
            _keep_unknown_results(planned.card)
            _match(planned)
            if actor is not None:
                _trial(actor, planned, unit_id)
        except ArchiveError as error:
            planned.problem = str(error)
        plans.append(planned)
        if progress is not None:
            progress(len(plans), len(files))
    _keep_the_latest(plans)
    return plans


def _keep_the_latest(plans: list[Planned]) -> None:
    """A folder holding an old and a newer card of one person: the later one (by 填表时间, else
    the file's time) is applied, the others listed as replaced by it — not the whole batch
    refused because one person would get two files."""
    groups: dict[tuple, list[Planned]] = {}
    for planned in plans:
        if not planned.problem and planned.card is not None:
            groups.setdefault(_person_key(planned.card), []).append(planned)
    for same in groups.values():
        if len(same) > 1:
            latest = max(same, key=_filled_when)
            for planned in same:
                if planned is not latest:
                    planned.superseded_by = latest.path.name


def _person_key(card: Card) -> tuple:
    number = card.basic.get("id_number")
    if number:
        try:
            return ("id", idcard.parse(number).number)
        except ArchiveError:
            return ("id", number)
    return ("name", card.basic.get("name", ""), partial_date(card.basic.get("birth_date", ""))[:7])


def _filled_when(planned: Planned) -> tuple:
    filled = re.sub(r"\D", "", planned.card.filled.get("TianBiaoShiJian", "") or "")
    try:
        modified = planned.path.stat().st_mtime
    except OSError:
        modified = 0.0
    return filled.ljust(8, "0")[:8], modified, planned.path.name


def _trial(actor: Actor, planned: Planned, unit_id: str | None) -> None:
    if planned.action == "无变化":
        return
    unit_id = unit_id or (None if planned.person_id else Unit.live().select(Unit.id).scalar())
    if planned.person_id is None and unit_id is None:
        return  # no village yet to try a new file in: the write itself will tell
    with db.atomic() as transaction:
        try:
            _apply(actor, planned, unit_id, photo=False)  # the photo was read already; no file stored
        except ArchiveError as error:
            raise refuse(planned.path.name, str(error)) from None
        finally:
            transaction.rollback()


def _check_photo(card: Card) -> None:
    """The photo is read now, not when the batch is written: a file whose photo is not a usable
    image is refused with the others still importable."""
    if not card.photo:
        return
    from PIL import Image

    try:
        with Image.open(io.BytesIO(card.photo)) as image:
            width, height = image.size
            image.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise refuse(card.source, "照片不是可用的图片") from None
    if width * height > MAX_PIXELS:
        raise refuse(card.source, f"照片尺寸过大({width}×{height})")


def _match(planned: Planned) -> None:
    card = planned.card
    number = card.basic.get("id_number")
    person = None
    if number:
        try:
            person = Secretary.live().where(Secretary.id_number == idcard.parse(number).number).first()
        except ArchiveError:
            person = None  # the write path names the field when the file is imported
        planned.matched_by = "身份证号" if person else ""
    if person is None and card.basic.get("name") and card.basic.get("birth_date"):
        same = (Secretary.name == card.basic["name"]) & _same_birth(partial_date(card.basic["birth_date"]))
        if number:  # a file with an ID number is never another person's: only a file without one matches
            same &= Secretary.id_number.is_null()
        found = list(Secretary.live().where(same).limit(3))
        if len(found) > 1:  # (two 王伟 born in 1978.09: a month names neither)
            births = "、".join(sorted(p.birth_date or "" for p in found))
            raise ArchiveError(f"按姓名和出生年月找到{len(found)}份“{card.basic['name']}”的档案(出生{births}),"
                               "无法确定是哪一位:请在文件中填写身份证号后再导入")
        person = found[0] if found else None
        planned.matched_by = NAME_MATCH if person else ""
    if person is None:
        return
    planned.person_id = person.id
    mine = card_of(person.id)
    _keep_finer_family_dates(card, mine)
    for name, value in card.basic.items():
        old, new = mine.basic.get(name, ""), value
        if name.endswith("_date") or name == "birth_date":
            new = partial_date(value) or value
        if (old or "") != (new or "") and not _finer(old, new):
            planned.changes.append((LABELS.get(name, name), old, new))
    for label, theirs, ours in (("简历", card.resume, mine.resume), ("家庭成员", _family_key(card), _family_key(mine)),
                                ("年度考核", card.assessments, mine.assessments),
                                ("奖惩", _rewards_key(card), _rewards_key(mine))):
        if theirs and [tuple(map(str, t)) for t in theirs] != [tuple(map(str, o)) for o in ours]:
            planned.parts.append(label)


def _same_birth(birth: str):
    """出生年月 the same at the coarser of the two precisions: a file sends yyyyMM of a person the
    archive knows to the day (and the archive may know less than a file)."""
    coarser = [birth[:length] for length in (4, 7) if len(birth) > length]  # 1978.09.15 → 1978, 1978.09
    return (Secretary.birth_date == birth) | Secretary.birth_date.startswith(birth + ".") | \
        Secretary.birth_date.in_(coarser[-1:])


def _finer(kept: str | None, filed: str | None) -> bool:
    """The archive's date says the same month more precisely (1975.03.12 against a file's
    197503, the shape files carry): not a change, and not to be made coarser."""
    return bool(kept and filed) and len(kept) > len(filed) and kept.startswith(f"{filed}.")


def _keep_finer_family_dates(card: Card, mine: Card) -> None:
    """A relative's birth day the archive knows stays when the file sends only its month (as
    files do): neither a change nor made coarser when the family is written again."""
    known = {(f["relation"], f["name"]): f["birth_date"] for f in mine.family}
    for relative in card.family:
        kept = known.get((relative["relation"], relative["name"]))
        if _finer(kept, partial_date(relative["birth_date"])):
            relative["birth_date"] = kept


def _family_key(card: Card) -> list[tuple]:
    """Every imported value of each relative, as the archive keeps it."""
    return [(f["relation"], f["name"], partial_date(f["birth_date"]) or f["birth_date"], f["political_status"] or "",
             f["employer_post"] or "", bool(f["deceased"])) for f in card.family]


def _rewards_key(card: Card) -> list[tuple]:
    return [(partial_date(r["date"]) or r["date"], r["authority"] or "", r["text"], r["kind"]) for r in card.rewards]


def apply_import(actor: Actor, plans: list[Planned], *, unit_id: str | None, skip_bad: bool = False,
                 names_confirmed: bool = False) -> dict:
    """Every file without a problem, in one transaction: new files go to ``unit_id``. A batch
    with a bad file is refused unless the clerk chose to skip it; a person found only by 姓名 +
    出生年月 (no ID number) is updated only once a person confirmed it is the same one."""
    bad = [p for p in plans if p.problem]
    if bad and not skip_bad:
        raise ArchiveError("有问题的文件,未导入任何文件:" + ";".join(p.problem for p in bad[:5]))
    unconfirmed = [p.path.name for p in plans if p.matched_by == NAME_MATCH and not p.problem and not p.superseded_by]
    if unconfirmed and not names_confirmed:
        raise ArchiveError("以下文件没有身份证号,按姓名+出生年月匹配到已有档案,请核对是同一人后确认:"
                           + "、".join(unconfirmed))
    wanted = [p for p in plans if not p.problem and p.action not in ("无变化", SUPERSEDED)]
    if any(p.person_id is None for p in wanted) and not unit_id:
        raise ArchiveError("请选择新建档案所在的村(社区)")
    counts = {"created": 0, "updated": 0}
    with db.atomic():
        for planned in wanted:
            try:
                person_id = _apply(actor, planned, unit_id)
            except ArchiveError as error:
                raise ArchiveError(f"“{planned.path.name}”:{error};没有导入任何文件") from None
            attach(actor, data=planned.path.read_bytes(), file_name=planned.path.name, purpose="source",
                         secretary=person_id, mime="application/xml" if planned.path.suffix.lower() == ".lrmx"
                         else "text/plain", note="导入的任免审批表原件")
            counts["created" if planned.person_id is None else "updated"] += 1
    return counts


def _apply(actor: Actor, planned: Planned, unit_id: str | None, *, photo: bool = True) -> str:
    card, basic = planned.card, _basic_values(planned.card)
    if planned.person_id:
        kept = Secretary.get_by_id(planned.person_id)
        for name in [n for n in basic if n.endswith("_date")]:
            if _finer(getattr(kept, name), partial_date(basic[name])):
                del basic[name]  # the archive's day stays
    remarks = _remarks(planned.person_id)
    kept = _with_kept_texts(remarks, card)
    if kept != remarks:
        basic["remarks"] = kept
    parts = []
    if card.resume:
        rows = [RowChange({"start": s, "end": e, "text": t}) for s, e, t in card.resume]
        parts.append(_replacing(ResumeEntry, planned, rows, "简历" in planned.parts or not planned.person_id))
    if card.family:
        rows = [RowChange({k: v for k, v in f.items() if v not in ("", None)}) for f in card.family]
        parts.append(_replacing(FamilyMember, planned, rows, "家庭成员" in planned.parts or not planned.person_id))
    if card.assessments:
        rows = [RowChange({"year": year, "result": result}) for year, result in card.assessments]
        parts.append(_replacing(Assessment, planned, rows, "年度考核" in planned.parts or not planned.person_id))
    if card.rewards:
        rows = [RowChange({k: v for k, v in r.items() if v}) for r in card.rewards]
        parts.append(_replacing(RewardPunishment, planned, rows, "奖惩" in planned.parts or not planned.person_id))
    parts = [part for part in parts if part is not None]
    if planned.person_id is None:
        basic["unit"] = unit_id
        saved = save_file(actor, secretary_id=None, basic=basic, parts=parts, photo=card.photo if photo else None)
    else:
        saved = save_file(actor, secretary_id=planned.person_id, basic=basic, parts=parts,
                          photo=card.photo if photo and card.photo and current_photo(planned.person_id) is None
                          else None)
    return saved.record.id


def _keep_unknown_results(card: Card) -> None:
    """A 年度考核 clause whose result is not in the code table is kept as text, not refused."""
    known = set(code_names("年度考核结果"))
    odd = [f"{year}年{result}" for year, result in card.assessments if result not in known]
    card.assessments = [(year, result) for year, result in card.assessments if result in known]
    card.assessments_text = "；".join(filter(None, [*odd, card.assessments_text]))


def _replacing(model, planned: Planned, rows: list[RowChange], wanted: bool) -> PartChanges | None:
    """The file's rows instead of the archive's (removed ones to the recycle bin, audited)."""
    if not wanted:
        return None
    existing = ([r.id for r in model.live().where(model.secretary == planned.person_id)]
                if planned.person_id else [])
    return PartChanges(model._meta.table_name, rows, removed=existing)


def _remarks(person_id: str | None) -> str:
    return (Secretary.get_by_id(person_id).remarks or "") if person_id else ""


def _basic_values(card: Card) -> dict:
    sexes = {name: code for code, name in code_map("性别").items()}
    ethnicities = {name: code for code, name in code_map("民族").items()}
    values = dict(card.basic)
    if "sex" in values:
        values["sex"] = sexes.get(values["sex"], values["sex"])
    if "ethnicity" in values:
        name = values["ethnicity"]
        values["ethnicity"] = ethnicities.get(name) or ethnicities.get(f"{name}族") or name
    return values
