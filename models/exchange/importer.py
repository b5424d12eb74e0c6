"""Reading a package at the district: verify everything first, preview, then apply in one
transaction. Records are matched by UUID and keep the sender's times and provenance; matter
types are matched by code to the district's own list."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from peewee import DateField, DecimalField, fn

from models.errors import ArchiveError
from models.exchange import container, crypto
from models.exchange.export import EXCHANGED
from models.exchange.tables import ExchangePackage, ExchangeSender
from models.matters.deadlines import campaign_due_date
from models.matters.tables import Campaign, MatterType
from models.personnel.person import Secretary
from models.storage import file_store as store
from models.storage import settings
from models.storage.db import db
from models.storage.record import utc_now
from models.writing import audit, services
from models.writing.actor import Actor, require
from models.writing.audit import AuditEntry

KINDS = ("new", "updated", "unchanged", "conflicts", "deleted")
BY_TABLE = {model._meta.table_name: model for model in EXCHANGED}


@dataclass
class Package:
    sha256: str
    manifest: dict
    records: dict[str, list[dict]]
    attachments: dict[str, bytes]
    signer: bytes

    @property
    def sender(self) -> dict:
        return self.manifest["sender"]


@dataclass
class Preview:
    package: Package
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    duplicates: list[str] = field(default_factory=list)
    new_sender: bool = False
    repeat: bool = False  # this very package was imported before
    plan: list[tuple] = field(default_factory=list)  # (kind, model, values, local values or None)
    campaigns: dict[int, str] = field(default_factory=dict)  # years the district has no campaign for yet

    def as_dict(self) -> dict:
        return {**self.counts, "duplicates": self.duplicates, "names": dict(self.names),
                "township": self.package.sender["township"], "sequence": self.package.manifest["sequence"],
                "new_sender": self.new_sender, "fingerprint": crypto.fingerprint(self.package.signer),
                "repeat": self.repeat}


def read_package(data: bytes, *, password: str | None = None) -> Package:
    """Decrypt, verify the signature and the manifest; PackageRejected on anything wrong."""
    header, head, body, signature = container.unpack(data)
    private = settings.get("district_private_key")
    key = crypto.key_from_header(header, private=bytes.fromhex(private) if private else None, password=password)
    if len(body) < 28:
        raise crypto.PackageRejected("交换包内容不完整")
    plain = crypto.open_sealed(key, body[:12], body[12:], head)
    members = container.read_zip(plain)
    manifest = container.check_manifest(members)
    try:
        signer = bytes.fromhex(manifest["signer"])
        crypto.verify(signer, signature, data[:-container.SIGNATURE_BYTES])
        records = {name[len("records/"):-len(".jsonl")]: _lines(content)
                   for name, content in members.items() if name.startswith("records/")}
    except (KeyError, ValueError, TypeError):
        raise crypto.PackageRejected("交换包清单已损坏") from None
    unknown = set(records) - set(BY_TABLE)
    if unknown or manifest.get("schema", 0) > _schema_version():
        raise crypto.PackageRejected("交换包由较新版本的程序生成,请先升级本程序")
    attachments = {name.split("/")[1]: content for name, content in members.items() if name.startswith("attachments/")}
    return Package(hashlib.sha256(data).hexdigest(), manifest, records, attachments, signer)


def _lines(content: bytes) -> list[dict]:
    return [json.loads(line) for line in content.decode("utf-8").splitlines() if line.strip()]


def _schema_version() -> int:
    from models.storage.schema import current_version

    return current_version()


def _check_sender(package: Package, preview: Preview) -> None:
    sender = ExchangeSender.get_or_none(ExchangeSender.installation_id == package.sender["installation_id"])
    sequence = package.manifest["sequence"]
    if sender is None:
        preview.new_sender = True
        return
    if sender.signing_key != package.signer.hex():
        raise crypto.PackageRejected(f"签名密钥与已登记的“{sender.township}”不符,已拒绝(可能是伪造的交换包)")
    if ExchangePackage.get_or_none(ExchangePackage.sha256 == package.sha256):
        preview.repeat = True
        return
    if sequence <= sender.last_sequence:
        raise crypto.PackageRejected(f"该交换包的序号({sequence})不晚于已导入的第{sender.last_sequence}号,"
                                     "是旧包或重放,已拒绝")


def preview_package(package: Package) -> Preview:
    """What applying would do, record by record, without writing anything."""
    if settings.get("mode") != "district":
        raise ArchiveError("只有区县模式的档案可以导入交换包")
    preview = Preview(package)
    _check_sender(package, preview)
    if preview.repeat:  # recognised by its hash: nothing to compare, nothing will change
        preview.counts["unchanged"] = sum(len(rows) for table, rows in package.records.items()
                                          if table not in ("matter_type", "campaign"))
        return preview
    type_ids = _matter_type_map(package)
    campaign_ids = _campaign_map(package, preview)
    for model in EXCHANGED:
        if model in (MatterType, Campaign):
            continue  # the district keeps its own lists; reports point at them by code / year
        incoming = package.records.get(model._meta.table_name, [])
        locals_, last_actions = _local_state(model, [values["id"] for values in incoming])
        for values in incoming:
            values = _remap(values, type_ids, campaign_ids)
            kind, local = _classify(values, locals_.get(values["id"]), last_actions.get(values["id"]))
            preview.counts[kind] += 1
            preview.plan.append((kind, model, values, local))
            if model is Secretary and kind != "unchanged":
                preview.names[kind].append(values["name"])
            if model is Secretary and kind == "new":
                _flag_duplicate(values, preview)
    return preview


def _matter_type_map(package: Package) -> dict[str, str]:
    local = {t.code: t.id for t in MatterType.live()}
    incoming = package.records.get("matter_type", [])
    missing = [t["name"] for t in incoming if t["code"] not in local and t["deleted_at"] is None]
    if missing:
        raise crypto.PackageRejected(f"区县没有乡镇使用的报告事项类别“{missing[0]}”,请先在设置中添加(代码相同)")
    return {t["id"]: local[t["code"]] for t in incoming if t["code"] in local}


def _campaign_map(package: Package, preview: Preview) -> dict[str, str]:
    """Every township's campaign of a year becomes the district's one campaign of that year (its
    id derived from the year, so the order in which townships arrive does not matter)."""
    mapping = {}
    for values in package.records.get("campaign", []):
        local = Campaign.live().where(Campaign.year == values["year"]).first()
        mapping[values["id"]] = local.id if local else campaign_id(values["year"])
        if local is None and values["year"] not in preview.campaigns:
            preview.campaigns[values["year"]] = mapping[values["id"]]
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


CHUNK = 500  # ids per query (SQLite's limit on parameters is far above)


def _local_state(model, ids: list[str]) -> tuple[dict[str, dict], dict[str, str]]:
    """The district's copies of these records, and the last audited action on each, read in a
    few queries for the whole table rather than two per record."""
    rows, actions = {}, {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for row in model.select().where(model.id.in_(chunk)).dicts():
            rows[row["id"]] = json.loads(audit.to_json(row))
        present = [i for i in chunk if i in rows]
        if present:
            last = (AuditEntry.select(fn.MAX(AuditEntry.seq)).where(AuditEntry.record_id.in_(present))
                    .group_by(AuditEntry.record_id))
            query = AuditEntry.select(AuditEntry.record_id, AuditEntry.action).where(AuditEntry.seq.in_(last))
            actions.update({entry.record_id: entry.action for entry in query})
    return rows, actions


def _classify(values: dict, local: dict | None, last_action: str | None) -> tuple[str, dict | None]:
    if local is None:
        return ("deleted" if values["deleted_at"] else "new"), None
    if local == values:
        return "unchanged", local
    edited_here = last_action != "import"
    if edited_here or values["version"] <= local["version"]:
        return "conflicts", local
    if values["deleted_at"] and not local["deleted_at"]:
        return "deleted", local
    return "updated", local


def _flag_duplicate(values: dict, preview: Preview) -> None:
    number = values.get("id_number")
    if not number:
        return
    other = Secretary.select().where((Secretary.id_number == number) & (Secretary.id != values["id"])).first()
    if other is not None:
        preview.duplicates.append(f"{values['name']}与已有档案“{other.name}”的身份证号相同,可能是同一人,请核实")


def apply_preview(actor: Actor, preview: Preview, *, accept_deletions: bool = True) -> dict:
    """Apply in one transaction; conflicts keep the district's version; returns the counts."""
    require(actor, "admin")
    package = preview.package
    if preview.repeat:
        return {**dict.fromkeys(KINDS, 0), "unchanged": sum(preview.counts.values()), "repeat": True}
    with db.atomic():
        # references may point forward (a 事后 report to its 事前 report): checked at commit
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
        for year, record_id in preview.campaigns.items():
            services.create(actor, Campaign, {"year": year, "opened_on": dt.date(year + 1, 1, 1),
                                              "due_date": campaign_due_date(year)}, record_id=record_id)
        for kind, model, values, local in preview.plan:
            if kind in ("new", "updated") or (kind == "deleted" and accept_deletions):
                _write(actor, model, values, local, package)
        for sha, content in package.attachments.items():
            if hashlib.sha256(content).hexdigest() == sha:
                store.put_bytes(content)
        _remember(actor, preview)
    return dict(preview.counts)


def _write(actor: Actor, model, values: dict, local: dict | None, package: Package) -> None:
    unknown = set(values) - set(model._meta.fields)
    if unknown:
        raise crypto.PackageRejected(f"交换包中的{model.label}含有未知字段“{sorted(unknown)[0]}”")
    row = {name: _stored(model, name, value) for name, value in values.items()}
    if local is None:
        model.insert(**row).execute()
    else:
        model.update(**row).where(model.id == values["id"]).execute()
    changes = {name: [(local or {}).get(name), value] for name, value in values.items()
               if name not in BOOKKEEPING and (local or {}).get(name) != value}
    changes["__deleted"] = [bool(local and local["deleted_at"]), values["deleted_at"] is not None]
    audit.append(actor, settings.installation_id(), action="import", table=model._meta.table_name,
                 record_id=values["id"], summary=f"导入{package.sender['township']}第{package.manifest['sequence']}号包",
                 changes=changes)


BOOKKEEPING = ("id", "created_at", "modified_at", "version", "origin", "deleted_at", "deleted_by")


def _stored(model, name: str, value):
    field_ = model._meta.fields.get(name)
    if value is None or field_ is None:
        return value
    if isinstance(field_, DecimalField):
        return decimal.Decimal(str(value))
    if isinstance(field_, DateField) and isinstance(value, str):
        return value[:10]
    return value


def _remember(actor: Actor, preview: Preview) -> None:
    package = preview.package
    sender = package.sender
    ExchangeSender.insert(installation_id=sender["installation_id"], township=sender["township"],
                          signing_key=package.signer.hex(), registered_at=utc_now(),
                          last_sequence=package.manifest["sequence"], last_package=package.sha256).on_conflict(
        conflict_target=[ExchangeSender.installation_id],
        update={ExchangeSender.last_sequence: package.manifest["sequence"],
                ExchangeSender.last_package: package.sha256}).execute()
    ExchangePackage.create(sha256=package.sha256, sender=sender["installation_id"], township=sender["township"],
                           sequence=package.manifest["sequence"], created_at=package.manifest["created_at"],
                           imported_at=utc_now(), imported_by=actor.username,
                           counts=json.dumps(preview.counts, ensure_ascii=False))
    audit.append(actor, settings.installation_id(), action="import", table="exchange_package",
                 record_id=None, summary=f"导入{sender['township']}第{package.manifest['sequence']}号交换包",
                 changes={"counts": [None, preview.counts], "fingerprint": [None, crypto.fingerprint(package.signer)]})
