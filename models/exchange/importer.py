"""Reading a package at the district: verify everything first, preview, then apply in one
transaction.

Before anything is compared: the package must open and verify (``read_package``), its sender's key
must be the one pinned to its township (or be confirmed by a person on first contact, or re-pinned
by the administrator after a township's new PC), its audit history must continue the one the
district anchored last time, every record must belong to the sender's township, and every record
must pass the checks a typed record passes. Then each record is classified (``merge``); conflicts
are decided field by field; tombstones need confirmation."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import DateField, DecimalField, ForeignKeyField

from models.errors import ArchiveError, Cancelled, ConflictError
from models.exchange import container, crypto, history
from models.exchange.export import EXCHANGED
from models.exchange.returns import RETURN_KEYS
from models.exchange.merge import (BOOKKEEPING, Changes, Planned, classify, district_changes, local_state,
                                   township_changes)
from models.exchange.owners import foreign_records
from models.exchange.tables import ExchangePackage, SenderKey
from models.matters.deadlines import campaign_due_date
from models.matters.tables import Campaign, MatterType
from models.org.tables import Township, Unit
from models.personnel.person import Secretary, SecretaryStatus
from models.storage import file_store as store
from models.storage import memo, settings, vault
from models.storage.db import current_version, db, on_postgresql, refresh_statistics
from models.storage.record import utc_now
from models.writing import audit, services
from models.writing.actor import Actor, require
from models.writing.validation import check_imported

KINDS = ("new", "updated", "unchanged", "conflicts", "deleted")
BY_TABLE = {model._meta.table_name: model for model in EXCHANGED}
MAPPED = ("matter_type", "campaign")  # the district keeps its own lists; reports point at them
BATCH = 2000  # rows per statement between progress reports and looks at "cancel"
# another clerk saved a file the preview compared (a server archive has several writers)
STALE_PREVIEW = "预览之后档案已有改动(有人保存了交换包涉及的档案),没有导入任何数据:请重新预览后再导入"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class Package:
    sha256: str
    manifest: dict
    records: dict[str, list[dict]]
    contents: container.Contents  # the files (scans, photos) are read when applied
    signer: bytes
    history: list[dict] = field(default_factory=list)

    @property
    def sender(self) -> dict:
        return self.manifest["sender"]

    @property
    def township(self) -> str:
        return (self.sender.get("township") or "").strip()

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.signer)


@dataclass(frozen=True)
class Refusal:
    table: str
    record: str  # the record's id
    name: str  # what it is, in words ("张三的简历")
    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}:{self.label}{self.message}"


@dataclass
class Preview:
    package: Package
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    duplicates: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    pin: str = "known"  # known / new (first contact) / new-key (another key for a pinned township)
    repeat: bool = False  # this very package was imported before
    plan: list[Planned] = field(default_factory=list)
    campaigns: dict[int, str] = field(default_factory=dict)  # years the district has no campaign for yet
    anchor_seq: int | None = None  # the township's log as far as the district merged it (None: unknown)
    sender: tuple | None = None  # the pinned key's state the package's history was verified against

    @property
    def conflicts(self) -> list[Planned]:
        return [p for p in self.plan if p.kind == "conflicts"]

    def as_dict(self) -> dict:
        counts = {**self.counts, "refused": len({r.record for r in self.refused})}
        return {**counts, "counts": counts,
                "sender": {"township": self.package.township, "fingerprint": self.package.fingerprint,
                           "known": self.pin == "known"},
                "pin": self.pin, "refused": [vars(r) for r in self.refused],
                "conflict_fields": [{"table": p.model._meta.table_name, "record": p.values["id"],
                                     "name": _describe(p.model, p.values), "fields": [c.as_dict() for c in p.conflicts]}
                                    for p in self.conflicts],
                "duplicates": self.duplicates, "names": dict(self.names), "township": self.package.township,
                "sequence": self.package.manifest["sequence"], "new_sender": self.pin != "known",
                "fingerprint": self.package.fingerprint, "repeat": self.repeat,
                "format": self.package.manifest.get("format", 1)}


# -- reading ------------------------------------------------------------------------------------

def read_package(data: bytes, *, password: str | None = None) -> Package:
    """Decrypt, verify the signature and the manifest; PackageRejected on anything wrong."""
    header, head, body, signature = container.unpack(data)
    if header.get("mode") == "return":
        raise crypto.PackageRejected("这是区县发给乡镇的回执包,应在乡镇导入")
    private = vault.unseal(settings.get("district_private_key"))
    key = crypto.key_from_header(header, private=bytes.fromhex(private) if private else None, password=password)
    if len(body) < 28:
        raise crypto.PackageRejected("交换包内容不完整")
    plain = crypto.open_sealed(key, body[:12], body[12:], head, crypto.suite_of(header))
    contents = container.open_zip(plain)
    manifest, members = container.check_contents(contents), contents.members
    try:
        signer = bytes.fromhex(manifest["signer"])
        crypto.verify(signer, signature, memoryview(data)[:-container.SIGNATURE_BYTES])
        records = {name[len("records/"):-len(".jsonl")]: _lines(members[name])
                   for name in members if name.startswith("records/")}
        entries = _lines(members.get("audit/entries.jsonl", b""))
        if not isinstance(manifest["sender"]["township"], str):
            raise TypeError
    except (KeyError, ValueError, TypeError, UnicodeDecodeError):
        raise crypto.PackageRejected("交换包清单已损坏") from None
    if set(records) - set(BY_TABLE) or manifest.get("schema", 0) > current_version():
        raise crypto.PackageRejected("交换包由较新版本的程序生成,请先升级本程序")
    if manifest.get("format", 1) >= 2 and not isinstance(manifest.get("audit"), dict):
        raise crypto.PackageRejected("交换包缺少乡镇的操作日志记录头,已拒绝")
    if any(not isinstance(r, dict) or not isinstance(r.get("id"), str) for rows in records.values() for r in rows):
        raise crypto.PackageRejected("交换包中的记录已损坏")
    referred = {row.get("sha256") for row in records.get("attachment", [])}
    stray = [name for name in contents.files if name.split("/")[1] not in referred]
    if stray:
        raise crypto.PackageRejected(f"交换包中有{len(stray)}个文件没有任何记录引用,已拒绝(不是本程序导出的交换包)")
    return Package(hashlib.sha256(data).hexdigest(), manifest, records, contents, signer, entries)


LINES_PER_PARSE = 1000


def _lines(content: bytes) -> list[dict]:
    """A JSON-lines member, parsed a thousand lines per call: line by line was a sixth of an
    import, all in one call held the interpreter (and so the window) for 0.1 s."""
    lines = [line for line in content.decode("utf-8").splitlines() if line.strip()]
    rows: list[dict] = []
    for start in range(0, len(lines), LINES_PER_PARSE):
        rows += json.loads("[" + ",".join(lines[start:start + LINES_PER_PARSE]) + "]")
    return rows


# -- the sender ---------------------------------------------------------------------------------

def _check_sender(package: Package, preview: Preview) -> None:
    if not package.township:
        raise crypto.PackageRejected("交换包没有注明乡镇(街道)名称,已拒绝")
    pinned = SenderKey.get_or_none(SenderKey.township == package.township)
    preview.sender = _sender_state(pinned)
    if pinned is None:  # first contact: the package's own history is checked, it becomes the anchor
        preview.pin = "new"
        _check_history(package, None)
        return
    if pinned.signing_key != package.signer.hex():
        preview.pin = "new-key"  # a new PC starts a new history: the re-pinning sets a new anchor
        return
    if ExchangePackage.get_or_none(ExchangePackage.sha256 == package.sha256):
        preview.repeat = True
        return
    sequence = package.manifest["sequence"]
    if sequence <= pinned.last_sequence:
        raise crypto.PackageRejected(f"该交换包的序号({sequence})不晚于已导入的第{pinned.last_sequence}号,"
                                     "是旧包或重放,已拒绝")
    _check_history(package, pinned)
    if package.manifest.get("audit") and pinned.audit_hash:
        preview.anchor_seq = pinned.audit_seq  # its entries after this are what the township changed


def _sender_state(pinned: SenderKey | None) -> tuple | None:
    return None if pinned is None else (pinned.signing_key, pinned.last_sequence, pinned.audit_seq, pinned.audit_hash)


def _check_history(package: Package, pinned: SenderKey | None) -> None:
    audit_head = package.manifest.get("audit")
    if not audit_head:
        return  # a format 1 package carries no history; its anchor check starts with the next
    try:
        head = history.Head(int(audit_head["head_seq"]), str(audit_head["head_hash"]))
        from_seq = int(audit_head["from_seq"])
    except (KeyError, ValueError, TypeError):
        raise crypto.PackageRejected("交换包中的操作日志记录头已损坏") from None
    anchor = history.Head(pinned.audit_seq, pinned.audit_hash) if pinned is not None and pinned.audit_hash else None
    history.verify_segment(package.history, from_seq=from_seq, head=head, anchor=anchor, township=package.township)


# -- preview ------------------------------------------------------------------------------------

def preview_package(package: Package, *, progress=None) -> Preview:
    """What applying would do, record by record, without writing anything; ``progress(done,
    total)`` as the records are checked and then compared (each record counted in both passes)."""
    if settings.get("mode") != "district":
        raise ArchiveError("只有区县模式的档案可以导入交换包")
    preview = Preview(package)
    _check_sender(package, preview)
    if preview.repeat:  # recognised by its hash: nothing to compare, nothing will change
        preview.counts["unchanged"] = sum(len(rows) for table, rows in package.records.items() if table not in MAPPED)
        return preview
    type_ids = _matter_type_map(package)
    campaign_ids = _campaign_map(package, preview)
    incoming = {table: [_remap(values, type_ids, campaign_ids) for values in rows]
                for table, rows in package.records.items() if table not in MAPPED}
    states = {table: local_state(BY_TABLE[table], [values["id"] for values in rows]) for table, rows in incoming.items()}
    _check_ownership(package, incoming, {table: rows for table, (rows, _) in states.items()})
    known = {table: set(rows) for table, (rows, _) in states.items()}
    known["campaign"] = set(campaign_ids.values())  # the district's, or made when applying
    step = _Steps(progress, 2 * sum(len(rows) for rows in incoming.values()))
    with memo.batch():  # the lists and types every record points at, read once
        preview.refused = _refusals(incoming, known, {table: rows for table, (rows, _) in states.items()}, step)
    township_changed = None if preview.anchor_seq is None else \
        township_changes(package.history, after_seq=preview.anchor_seq)
    for model in EXCHANGED:
        table = model._meta.table_name
        if table in MAPPED:
            continue
        local_rows, last_writes = states.get(table, ({}, {}))
        changes = _changes_of(incoming.get(table, []), local_rows, township_changed)
        for values in incoming.get(table, []):
            planned = classify(model, values, local_rows.get(values["id"]), last_writes.get(values["id"]),
                               changes.get(values["id"]))
            preview.counts[planned.kind] += 1
            preview.plan.append(planned)
            step()
            if model is Secretary and planned.kind != "unchanged":
                preview.names[planned.kind].append(values.get("name") or "")
    _flag_same_people([p.values for p in preview.plan if p.model is Secretary and p.kind == "new"],
                      package.township, preview)
    step.finish()
    return preview


class _Steps:
    """Counts the preview's steps, telling ``progress`` every few hundred (and at the end)."""

    EVERY = 250

    def __init__(self, progress, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.EVERY == 0:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _changes_of(rows: list[dict], local_rows: dict, township_changed: dict | None) -> dict[str, Changes]:
    """What each side changed of the records the district holds otherwise than the package (None
    when the township's changes are not known: merged by state)."""
    if township_changed is None:
        return {}
    differing = [v["id"] for v in rows if local_rows.get(v["id"]) not in (None, v)]
    district_changed = district_changes(differing) if differing else {}
    return {record_id: Changes(frozenset(township_changed.get(record_id, ())),
                               frozenset(district_changed.get(record_id, ()))) for record_id in differing}


def _check_ownership(package: Package, incoming: dict, local_rows: dict) -> None:
    foreign = foreign_records(incoming, local_rows, package.township)
    if foreign:
        listed = "、".join(f"“{name or '不属于任何乡镇'}”{count}条" for name, count in foreign.most_common())
        raise crypto.PackageRejected(
            f"交换包由“{package.township}”发出,却含有其他乡镇的记录({listed}),已拒绝整个交换包,没有写入任何数据;"
            "每个乡镇只能报送本乡镇的档案,人员调动请通过转递办理")


def _refusals(incoming: dict, local_ids: dict[str, set], local_rows: dict[str, dict], step=lambda: None) -> list[Refusal]:
    """Every record that would not pass as typed: bad values, unknown fields, broken references.
    A record identical to the district's copy is not checked again: it passed when it was stored
    (a later package is mostly such records)."""
    present = {table: ids | {values["id"] for values in incoming.get(table, [])} for table, ids in local_ids.items()}
    refusals = []
    for table, rows in incoming.items():
        model, stored = BY_TABLE[table], local_rows.get(table, {})
        for values in rows:
            step()
            if stored.get(values["id"]) == values:
                continue
            problems = _record_problems(model, values, present)
            refusals += [Refusal(table, values["id"], _describe(model, values), *problem) for problem in problems]
    return refusals


def _record_problems(model, values: dict, present: dict) -> list[tuple[str, str, str]]:
    unknown = sorted(set(values) - set(model._meta.fields))
    if unknown:
        return [(unknown[0], unknown[0], "不是本程序认识的项目(交换包来自不兼容的版本或被改动)")]
    problems = _bookkeeping_problems(values)
    for field_ in model._meta.fields.values():
        if isinstance(field_, ForeignKeyField) and values.get(field_.name) is not None:
            target = field_.rel_model._meta.table_name
            if values[field_.name] not in present.get(target, set()) and not _exists(field_.rel_model, values[field_.name]):
                problems.append((field_.name, field_.verbose_name, "所指的记录在交换包和区县档案中都不存在"))
    if not values.get("deleted_at"):  # a tombstone is taken as it is: its content no longer counts
        problems += [(p.field, p.label, p.message) for p in check_imported(model, values)]
    return problems


def _bookkeeping_problems(values: dict) -> list[tuple[str, str, str]]:
    problems = []
    if not isinstance(values.get("id"), str) or not UUID.match(values["id"]):
        problems.append(("id", "标识", "不是有效的标识"))
    if not isinstance(values.get("version"), int) or isinstance(values.get("version"), bool) or values["version"] < 1:
        problems.append(("version", "版本", "不是有效的版本号"))
    for name in ("created_at", "modified_at", "deleted_at"):
        value = values.get(name)
        if value is None and name == "deleted_at":
            continue
        try:
            dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            problems.append((name, "时间", f"“{value}”不是有效的时间"))
    return problems


def _exists(model, record_id) -> bool:
    return memo.remembered((model._meta.table_name, record_id),
                           lambda: model.select(model.id).where(model.id == record_id).exists())


def _describe(model, values: dict) -> str:
    name = values.get("name") or values.get("title") or values.get("text") or ""
    return f"{model.label}“{str(name)[:20]}”" if name else model.label


def _matter_type_map(package: Package) -> dict[str, str]:
    local = {t.code: t.id for t in MatterType.live()}
    incoming = package.records.get("matter_type", [])
    missing = [t.get("name") for t in incoming if t.get("code") not in local and t.get("deleted_at") is None]
    if missing:
        raise crypto.PackageRejected(f"区县没有乡镇使用的报告事项类别“{missing[0]}”,请先在设置中添加(代码相同)")
    return {t["id"]: local[t["code"]] for t in incoming if t.get("code") in local}


def _campaign_map(package: Package, preview: Preview) -> dict[str, str]:
    """Every township's campaign of a year becomes the district's one campaign of that year (its
    id derived from the year, so the order in which townships arrive does not matter)."""
    mapping = {}
    for values in package.records.get("campaign", []):
        year = values.get("year")
        if not isinstance(year, int) or not 1990 <= year <= 2100:
            raise crypto.PackageRejected(f"交换包中的集中报告年度“{year}”无效,已拒绝")
        local = Campaign.live().where(Campaign.year == year).first()
        mapping[values["id"]] = local.id if local else campaign_id(year)
        if local is None and year not in preview.campaigns:
            preview.campaigns[year] = mapping[values["id"]]
    return mapping


def campaign_id(year: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"secretary-archive:campaign:{year}"))


def _remap(values: dict, type_ids: dict[str, str], campaign_ids: dict[str, str]) -> dict:
    values = dict(values)
    if values.get("matter_type") in type_ids:
        values["matter_type"] = type_ids[values["matter_type"]]
    if values.get("campaign") in campaign_ids:
        values["campaign"] = campaign_ids[values["campaign"]]
    return values


def _flag_same_people(people: list[dict], township: str, preview: Preview) -> None:
    """The same ID number under another file: a transfer (the other file 调出) or a possible
    duplicate person; shown, never merged."""
    numbers = sorted({values["id_number"] for values in people if values.get("id_number")})
    others = defaultdict(list)
    for start in range(0, len(numbers), 500):
        query = (Secretary.select(Secretary, Unit, Township).join(Unit).join(Township)
                 .where(Secretary.id_number.in_(numbers[start:start + 500])).order_by(Secretary.id))
        for other in query:
            others[other.id_number].append(other)
    for values in people:
        other = next((o for o in others.get(values.get("id_number"), []) if o.id != values["id"]), None)
        if other is None:
            continue
        where = other.unit.township.name
        if other.status == SecretaryStatus.TRANSFERRED_OUT and where != township:
            preview.duplicates.append(f"{values.get('name')}是从{where}调入的同一人(原档案已调出),两份档案按同一人显示")
        else:
            preview.duplicates.append(f"{values.get('name')}与已有档案“{other.name}”({where})的身份证号相同,可能是同一人,请核实")


# -- applying -----------------------------------------------------------------------------------

def _same_fingerprint(given: str | None, package: Package) -> bool:
    return bool(given) and re.sub(r"\s", "", given).upper() == re.sub(r"\s", "", package.fingerprint)


def apply_preview(actor: Actor, preview: Preview, *, trust: str | None = None, repin: bool = False,
                  accept_deletions: bool = False, progress=None, cancelled=None) -> dict:
    """Apply in one transaction. ``trust``: the fingerprint a person compared (needed on first
    contact and for a re-pin); ``repin``: the administrator replaces a township's key; conflict
    choices are on ``preview.conflicts`` (the district's value unless the township's is taken).
    ``progress(done, total)`` after each batch; ``cancelled()`` true rolls everything back."""
    require(actor, "admin")
    package = preview.package
    if preview.refused:
        raise crypto.PackageRejected(_refused_sentence(preview))
    if preview.pin == "new" and not _same_fingerprint(trust, package):
        raise crypto.PackageRejected(f"首次收到“{package.township}”的交换包:请与乡镇电话核对签名指纹"
                                     f"({package.fingerprint})后再确认导入")
    if preview.pin == "new-key" and not (repin and _same_fingerprint(trust, package)):
        raise crypto.PackageRejected(f"“{package.township}”已登记了另一把签名密钥,此交换包的密钥不同,已拒绝"
                                     "(可能是伪造的交换包;若乡镇更换了电脑,请管理员核对新指纹后重新登记该乡镇的密钥)")
    if preview.repeat:
        return {**dict.fromkeys(KINDS, 0), "unchanged": sum(preview.counts.values()), "repeat": True}
    with db.atomic():
        _require_unchanged_since(preview)
        # references may point forward (a 事后 report to its 事前 report): checked at commit
        db.execute_sql("SET CONSTRAINTS ALL DEFERRED" if on_postgresql() else "PRAGMA defer_foreign_keys = ON")
        for year, record_id in preview.campaigns.items():
            services.create(actor, Campaign, {"year": year, "opened_on": dt.date(year + 1, 1, 1),
                                              "due_date": campaign_due_date(year)}, record_id=record_id)
        applied = dict.fromkeys(KINDS, 0)
        writes = []
        for planned in preview.plan:
            if planned.kind == "deleted" and not accept_deletions:
                continue
            if planned.kind != "unchanged":
                writes.append(planned)
            applied[planned.kind] += 1
        _write_all(actor, writes, package, progress=progress, cancelled=cancelled)
        for name in package.contents.files:  # one at a time: a township's scans need not fit in memory
            content = package.contents.file(name)
            if hashlib.sha256(content).hexdigest() == name.split("/")[1]:
                store.put_bytes(content)
        _remember(actor, preview, applied)
    refresh_statistics()  # thousands of new rows: the ledger's plans follow them
    return applied


def _require_unchanged_since(preview: Preview) -> None:
    """What the preview decided still holds (another clerk may have imported meanwhile): the
    township's key and sequence as they were, this package not imported, no campaign it makes
    created. The records' versions are checked as they are written. The package's history is
    verified again only when the township's pinned key, sequence or anchor changed meanwhile: else
    it is the very history the preview verified against the very same anchor."""
    pinned = SenderKey.get_or_none(SenderKey.township == preview.package.township)
    if _sender_state(pinned) != preview.sender:
        now = Preview(preview.package)
        _check_sender(preview.package, now)  # a newer package applied meanwhile: this one is refused as older
        if (now.pin, now.repeat) != (preview.pin, preview.repeat):
            raise ConflictError(STALE_PREVIEW)
    made = bool(preview.campaigns) and Campaign.live().where(Campaign.year.in_(list(preview.campaigns))).exists()
    if made:
        raise ConflictError(STALE_PREVIEW)


def _refused_sentence(preview: Preview) -> str:
    records = len({r.record for r in preview.refused})
    first = "；".join(str(r) for r in preview.refused[:3])
    return (f"交换包中有{records}条记录未通过检查,已拒绝整个交换包,没有写入任何数据:{first}"
            + ("等" if len(preview.refused) > 3 else "") + "。请乡镇更正后重新导出")


def _write_all(actor: Actor, writes: list[Planned], package: Package, *, progress=None, cancelled=None) -> None:
    """Write the records and their audit entries in batches: one prepared statement per table and
    shape of row, the audit chain computed once (a statement built per record was most of an
    import's time)."""
    batches: dict[tuple, list[tuple]] = defaultdict(list)
    entries = []
    summary = f"导入{package.township}第{package.manifest['sequence']}号包"
    for planned in writes:
        values = planned.merged()
        row = _row(planned.model, values)
        if planned.local is None:
            batches[(planned.model, "insert", tuple(row))].append(tuple(row.values()))
        else:
            rest = tuple(name for name in row if name != "id")
            read = (planned.local["version"], planned.local["modified_at"])  # over the copy the preview compared
            batches[(planned.model, "update", rest)].append(tuple(row[name] for name in rest) + (row["id"], *read))
        entries.append(audit.Pending("import", planned.model._meta.table_name, values["id"], summary,
                                     _import_changes(planned, values)))
    cursor, done = db.cursor(), 0
    for (model, how, names), rows in batches.items():
        statement = _statement(model, how, names)
        for start in range(0, len(rows), BATCH):
            if cancelled and cancelled():
                raise Cancelled("已取消导入,档案没有改动")  # inside the transaction: rolled back
            try:
                cursor.executemany(statement, rows[start:start + BATCH])
            except cursor.connection.IntegrityError as error:
                if "unique" not in str(error).lower():
                    raise
                raise ConflictError(STALE_PREVIEW) from None  # a new record written meanwhile (the same package)
            if how == "update" and cursor.rowcount != len(rows[start:start + BATCH]):
                raise ConflictError(STALE_PREVIEW)  # inside the transaction: nothing of it stays
            done += len(rows[start:start + BATCH])
            if progress:
                progress(done, len(entries))
    audit.append_many(actor, settings.installation_id(), entries)


def _row(model, values: dict) -> dict:
    """The values as the database stores them, with the model's defaults for fields the package
    does not carry (an older program's package), as an insert through the model would."""
    row = {}
    for name, field_ in model._meta.fields.items():
        if name in values:
            value = values[name]
            plain = isinstance(value, str) and not isinstance(field_, (DateField, DecimalField))
            row[field_.column_name] = value if plain else _stored(field_, value)  # most values are plain text
        elif field_ in model._meta.defaults:
            default = model._meta.defaults[field_]
            row[field_.column_name] = field_.db_value(default() if callable(default) else default)
    return row


def _statement(model, how: str, columns: tuple[str, ...]) -> str:
    table, param = model._meta.table_name, db.param
    if how == "insert":
        listed = ", ".join(f'"{c}"' for c in columns)
        return f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join([param] * len(columns))})'
    assignments = ", ".join(f'"{c}" = {param}' for c in columns)
    # (an import writes the township's version numbers: with the time too, a district's own
    # later save that happened to reach the same number is still told apart)
    return (f'UPDATE "{table}" SET {assignments} '
            f'WHERE "id" = {param} AND "version" = {param} AND "modified_at" = {param}')


def _import_changes(planned: Planned, values: dict) -> dict:
    local = planned.local
    changes = {name: [(local or {}).get(name), value] for name, value in values.items()
               if name not in BOOKKEEPING and (local or {}).get(name) != value}
    changes["__deleted"] = [bool(local and local["deleted_at"]), values["deleted_at"] is not None]
    changes.update({f"__{name}": [None, values.get(name)] for name in ("version", "created_at", "modified_at",
                                                                         "origin", "deleted_by")})
    if planned.conflicts:  # the losing values stay in the record's history
        changes["__conflicts"] = [None, [c.as_dict() for c in planned.conflicts]]
    held = planned.held()
    if held:  # what the township sent where the district's value stands: the return package sends it back
        changes["__held"] = [None, held]
    return changes


def _pin_return_key(actor: Actor, package: Package) -> None:
    offered = package.sender.get("return_key")
    if not isinstance(offered, str) or not re.fullmatch(r"[0-9a-f]{64}", offered):
        return  # an older township program: no return package until it sends one
    keys = dict(settings.get(RETURN_KEYS) or {})
    if keys.get(package.township) != offered:
        keys[package.township] = offered
        services.set_setting(actor, RETURN_KEYS, keys, summary=f"登记{package.township}接收回执包的密钥")


def _stored(field_, value):
    if value is None:
        return None
    if isinstance(field_, DecimalField):
        return field_.db_value(decimal.Decimal(str(value)))
    if isinstance(field_, DateField) and isinstance(value, str):
        return value[:10]  # stored as its ISO text: no need to parse it to write it back
    return field_.db_value(value)


def _remember(actor: Actor, preview: Preview, applied: dict) -> None:
    package = preview.package
    audit_head = package.manifest.get("audit") or {}
    anchor = {"audit_seq": int(audit_head.get("head_seq") or 0), "audit_hash": audit_head.get("head_hash") or ""}
    progress = {"last_sequence": package.manifest["sequence"], "last_package": package.sha256, **anchor}
    if preview.pin == "known":
        SenderKey.update(**progress).where(SenderKey.township == package.township).execute()
    else:
        pinned = {"signing_key": package.signer.hex(), "installation_id": package.sender.get("installation_id", ""),
                  "pinned_at": utc_now(), "pinned_by": actor.username, **progress}
        replaced = {getattr(SenderKey, key): value for key, value in pinned.items()}
        SenderKey.insert(township=package.township, **pinned).on_conflict(
            conflict_target=[SenderKey.township], update=replaced).execute()
        action = "登记" if preview.pin == "new" else "重新登记"
        audit.append(actor, settings.installation_id(), action="pin", table="sender_key", record_id=None,
                     summary=f"{action}{package.township}的签名密钥,指纹 {package.fingerprint}",
                     changes={"township": [None, package.township], "fingerprint": [None, package.fingerprint]})
    _pin_return_key(actor, package)
    ExchangePackage.create(sha256=package.sha256, sender=package.sender.get("installation_id", ""),
                           township=package.township, sequence=package.manifest["sequence"],
                           created_at=package.manifest["created_at"], imported_at=utc_now(), imported_by=actor.username,
                           counts=json.dumps(applied, ensure_ascii=False))
    audit.append(actor, settings.installation_id(), action="import", table="exchange_package",
                 record_id=None, summary=f"导入{package.township}第{package.manifest['sequence']}号交换包",
                 changes={"counts": [None, applied], "fingerprint": [None, package.fingerprint],
                          "township": [None, package.township], "sequence": [None, package.manifest["sequence"]]})
