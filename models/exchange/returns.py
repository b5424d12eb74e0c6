"""The return package (回执包): the district's word going back to a township.

After importing a township's package the district writes, for that township, a package carrying
the acknowledgement (the township's package sequence and audit head it merged) and every value the
district holds otherwise than the township sent it — a correction made at the district, a value
kept in a conflict — each with the township's value it replaces. It is encrypted to the return key
the township's own (signed) packages carry and authenticated by the secret of that key and the
district's key, which the township installed: only the district can make it, only the township
read it.

At the township it is opened with the installed district key, previewed and applied through the
write path, audited as the district's: a value the township has not changed since it sent it
takes the district's; one the township changed since stays (its next package brings it to the
district, where a value both sides changed is a conflict). The acknowledged sequence is set from
it, so nobody types it, and the township's next package leaves the district's values alone.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import ArchiveError
from models.exchange import container, crypto
from models.exchange.export import EXCHANGED, package_name, sent_packages, write_safely
from models.exchange.merge import DELETED, WRITES
from models.exchange.tables import SenderKey
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage import settings, vault
from models.storage.db import db
from models.storage.record import data_fields, utc_now
from models.writing import audit, services
from models.writing.actor import Actor, require
from models.writing.audit import AuditEntry

RETURN_KEYS = "township_return_keys"  # at the district: township → its return key (``importer``)
SENT = "return_sent"  # at the district: township → the last return sequence
RECEIVED = "return_received"  # at the township: the last return sequence applied
MEMBER = "returned/values.jsonl"
# the district's own lists: its ids mean nothing at the township (an import maps them by code and year)
NOT_RETURNED = {"matter_type", "campaign"}
BY_TABLE = {model._meta.table_name: model for model in EXCHANGED}
OWN_TABLES = [model for model in EXCHANGED if "secretary" in model._meta.fields]
CHUNK = 500


def _plain(value):
    return json.loads(audit.to_json(value))


# -- at the district ----------------------------------------------------------------------------

def township_record_ids(township: str) -> dict[str, list[str]]:
    """Table → ids of every record the township owns at the district."""
    townships = [t.id for t in Township.select(Township.id).where(Township.name == township)]
    units = [u.id for u in Unit.select(Unit.id).where(Unit.township.in_(townships))] if townships else []
    people = [s.id for s in Secretary.select(Secretary.id).where(Secretary.unit.in_(units))] if units else []
    ids = {"township": townships, "unit": units, "secretary": people}
    for model in OWN_TABLES:
        if model is Secretary:
            continue
        ids[model._meta.table_name] = [row.id for start in range(0, len(people), CHUNK)
                                       for row in model.select(model.id).where(
                                           model.secretary.in_(people[start:start + CHUNK]))]
    return ids


def held_values(model, record_ids: list[str]) -> dict[str, dict[str, list]]:
    """Record id → field → [the township's value, the district's value], for every field the
    district holds otherwise than the township last sent it."""
    found: dict[str, dict[str, list]] = {}
    for start in range(0, len(record_ids), CHUNK):
        chunk = record_ids[start:start + CHUNK]
        sent = _township_values(chunk)
        if not sent:
            continue
        for record in model.select().where(model.id.in_(list(sent))):
            current = {name: _plain(value) for name, value in services.stored_values(record).items()}
            current[DELETED] = record.deleted_at is not None
            differing = {name: [theirs, current.get(name)] for name, theirs in sent[record.id].items()
                         if name in current and name not in NOT_RETURNED and theirs != current.get(name)}
            if differing:
                found[record.id] = differing
    return found


def _township_values(record_ids: list[str]) -> dict[str, dict]:
    """Record id → the township's last-sent value of each field the district wrote since its last
    import of the record or held at that import (other fields are as the township sent them)."""
    state: dict[str, dict] = defaultdict(lambda: {DELETED: False})
    at_import: dict[str, dict] = {}
    touched: dict[str, dict] = {}
    entries = (AuditEntry.select(AuditEntry.record_id, AuditEntry.action, AuditEntry.changes)
               .where(AuditEntry.record_id.in_(record_ids) & AuditEntry.action.in_(WRITES)).order_by(AuditEntry.seq))
    for entry in entries:
        changes, record = json.loads(entry.changes), entry.record_id
        if entry.action in ("delete", "restore"):
            state[record][DELETED] = entry.action == "delete"
            names = {DELETED}
        else:
            names = {name for name in changes if not name.startswith("__") or name == DELETED}
            state[record].update({name: changes[name][1] for name in names if isinstance(changes[name], list)})
        if entry.action == "import":
            at_import[record] = dict(state[record])
            held = (changes.get("__held") or [None, {}])[1]
            touched[record] = dict(held)  # what the township sent, where the district's value stood
        elif record in at_import:  # a record never merged from the township has nothing to return
            for name in names:
                touched[record].setdefault(name, at_import[record].get(name))
    return {record: values for record, values in touched.items() if values}


@dataclass
class ReturnResult:
    path: Path
    sequence: int
    records: int


def export_return(actor: Actor, township: str, folder: Path) -> ReturnResult:
    """Write the return package for ``township`` into ``folder`` (an administrator, at the district)."""
    require(actor, "admin")
    if settings.get("mode") != "district":
        raise ArchiveError("只有区县模式的档案生成回执包")
    pinned = SenderKey.get_or_none(SenderKey.township == township)
    township_key = (settings.get(RETURN_KEYS) or {}).get(township)
    if pinned is None or not township_key:
        raise ArchiveError(f"尚未收到“{township}”含回执密钥的交换包(请乡镇用本版本程序导出交换包,区县导入后再生成回执包)")
    private = vault.unseal(settings.get("district_private_key"))
    if not private:
        raise ArchiveError("区县私钥未解锁:请用管理员账号登录后再生成回执包")
    with db.atomic():
        lines = []
        for table, ids in township_record_ids(township).items():
            for record_id, fields in held_values(BY_TABLE[table], ids).items():
                lines.append(audit.to_json({"table": table, "id": record_id, "fields": fields}))
        sequence = int((settings.get(SENT) or {}).get(township, 0)) + 1
        members = {MEMBER: "\n".join(lines).encode("utf-8")}
        manifest = {"format": container.RETURN_FORMAT, "kind": "return", "township": township,
                    "return_sequence": sequence, "created_at": utc_now(), "records": len(lines),
                    "acknowledged": {"sequence": pinned.last_sequence, "audit_seq": pinned.audit_seq,
                                     "audit_hash": pinned.audit_hash},
                    "members": {name: hashlib.sha256(content).hexdigest() for name, content in members.items()}}
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
        data = _seal(container.build_zip(members), bytes.fromhex(private), bytes.fromhex(township_key))
        path = write_safely(Path(folder), data, package_name(township, sequence, returned=True))
        services.set_setting(actor, SENT, {**(settings.get(SENT) or {}), township: sequence},
                             summary=f"生成{township}第{sequence}号回执包")
        audit.append(actor, settings.installation_id(), action="export", table="", record_id=None,
                     summary=f"生成{township}第{sequence}号回执包({len(lines)}条记录的区县值)",
                     changes={"township": township, "acknowledged": manifest["acknowledged"], "file": path.name})
    return ReturnResult(path, sequence, len(lines))


def _seal(plain: bytes, district_private: bytes, township_public: bytes) -> bytes:
    suite = settings.get("district_suite") or crypto.AES
    key, mac_key, header = crypto.key_for_township(district_private, township_public, suite)
    header["format"] = container.RETURN_FORMAT
    head = container.pack(header, b"")[:-8]
    nonce, sealed = crypto.seal(key, plain, head, suite)
    body = container.pack(header, nonce + sealed)
    return body + crypto.mac(mac_key, body)


# -- at the township ----------------------------------------------------------------------------

def is_return_package(data: bytes) -> bool:
    try:
        return container.unpack(data)[0].get("mode") == "return"
    except crypto.PackageRejected:
        return False


@dataclass
class FieldChange:
    field: str
    label: str
    township: object  # the township's value the district replaces (as the district received it)
    district: object
    current: object  # the township's value now

    @property
    def applies(self) -> bool:
        return self.current == self.township and self.current != self.district

    @property
    def kept(self) -> bool:
        """The township changed it since it sent it: its value stays and goes to the district."""
        return self.current not in (self.township, self.district)


@dataclass
class ReturnPreview:
    manifest: dict
    changes: list[tuple[type, str, str, list[FieldChange]]] = field(default_factory=list)  # model, id, name, fields
    missing: int = 0  # records the township no longer has

    @property
    def counts(self) -> dict[str, int]:
        fields = [change for _, _, _, changed in self.changes for change in changed]
        return {"records": len(self.changes), "applied": sum(c.applies for c in fields),
                "kept": sum(c.kept for c in fields), "missing": self.missing,
                "sequence": self.manifest["acknowledged"]["sequence"]}


def read_return(data: bytes) -> dict:
    """The return package's content, after proving the installed district key made it for this
    township (PackageRejected otherwise)."""
    if settings.get("mode") != "township":
        raise ArchiveError("这是区县发给乡镇的回执包,应在乡镇导入")
    header, head, body, tag = container.unpack(data)
    if header.get("mode") != "return":
        raise crypto.PackageRejected("这不是回执包")
    district_public, own_private = settings.get("district_public_key"), vault.unseal(settings.get("return_private_key"))
    if not district_public or not own_private:
        raise crypto.PackageRejected("本机没有区县公钥或接收回执包的密钥,无法打开回执包")
    key, mac_key = crypto.keys_from_district(header, township_private=bytes.fromhex(own_private),
                                             district_public=bytes.fromhex(district_public))
    crypto.check_mac(mac_key, tag, memoryview(data)[:-container.SIGNATURE_BYTES])
    plain = crypto.open_sealed(key, body[:12], body[12:], head, crypto.suite_of(header))
    members = container.read_zip(plain)
    manifest = container.check_manifest(members)
    if manifest.get("kind") != "return" or manifest.get("township") != (settings.get("township_name") or "").strip():
        raise crypto.PackageRejected(f"该回执包是发给“{manifest.get('township')}”的,不是本乡镇的")
    if int(manifest.get("return_sequence") or 0) <= int(settings.get(RECEIVED) or 0):
        raise crypto.PackageRejected(f"该回执包(第{manifest.get('return_sequence')}号)已导入过或比已导入的旧,已拒绝")
    _check_acknowledged(manifest["acknowledged"])
    manifest["lines"] = [json.loads(line) for line in members.get(MEMBER, b"").decode("utf-8").splitlines() if line]
    return manifest


def _check_acknowledged(acknowledged: dict) -> None:
    """The package the district merged is one this township sent, with the history it sent."""
    sent = sent_packages().get(str(acknowledged.get("sequence")))
    if sent is None or (sent.get("audit_seq"), sent.get("audit_hash")) != (acknowledged.get("audit_seq"),
                                                                            acknowledged.get("audit_hash")):
        raise crypto.PackageRejected(f"回执包确认的第{acknowledged.get('sequence')}号交换包与本乡镇发出的不符"
                                     "(档案可能已从较早的备份恢复),已拒绝;请与区县核实")


def preview_return(manifest: dict) -> ReturnPreview:
    preview = ReturnPreview(manifest)
    for line in manifest["lines"]:
        model = BY_TABLE.get(line.get("table"))
        record = model.get_or_none(model.id == line.get("id")) if model is not None else None
        if record is None:
            preview.missing += 1
            continue
        current = {name: _plain(value) for name, value in services.stored_values(record).items()}
        current[DELETED] = record.deleted_at is not None
        labels = {f.name: f.verbose_name for f in data_fields(model)} | {DELETED: "删除状态"}
        changed = [FieldChange(name, labels.get(name, name), pair[0], pair[1], current.get(name))
                   for name, pair in line.get("fields", {}).items() if name in labels and isinstance(pair, list)]
        if changed:
            preview.changes.append((model, record.id, record.describe(), changed))
    return preview


DISTRICT = Actor(username="district", display_name="区县(回执包)", role="admin")


def apply_return(actor: Actor, preview: ReturnPreview) -> dict:
    """Apply through the write path, as the district's, in one transaction; the acknowledgement set."""
    require(actor, "reports")
    manifest, refused = preview.manifest, []
    with db.atomic():
        for model, record_id, name, changed in preview.changes:
            try:
                with db.atomic():  # a record the write path refuses (a reviewed report) is told, not applied
                    _apply_record(model, record_id, changed)
            except ArchiveError as error:
                refused.append(f"{name}:{error}")
        acknowledged = manifest["acknowledged"]
        services.set_setting(actor, "exchange_acknowledged",
                             {"sequence": acknowledged["sequence"], **sent_packages()[str(acknowledged["sequence"])]},
                             summary=f"区县回执:已确认收到第{acknowledged['sequence']}号交换包")
        services.set_setting(actor, RECEIVED, manifest["return_sequence"],
                             summary=f"导入区县第{manifest['return_sequence']}号回执包")
    return {**preview.counts, "refused": refused}


def _apply_record(model, record_id: str, changed: list[FieldChange]) -> None:
    values = {c.field: c.district for c in changed if c.applies and c.field != DELETED}
    if values:
        services.update(DISTRICT, model, record_id, values)
    deletion = next((c for c in changed if c.applies and c.field == DELETED), None)
    if deletion is not None:
        if deletion.district:
            services.delete(DISTRICT, model, record_id, reason="区县回执包")
        else:
            services.restore(DISTRICT, model, record_id)
