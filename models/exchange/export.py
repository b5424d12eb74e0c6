"""Writing a township's package: records as JSON lines, attachments, a manifest; encrypted to
the district's key (or a password), signed, written safely to the stick and read back."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from models.errors import ArchiveError
from models.exchange import container, crypto
from models.matters.tables import Campaign, MatterReport, MatterType, Verification
from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.findings import Finding
from models.personnel.person import (Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary,
                                     Training)
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer
from models.storage import file_store as store
from models.storage import settings, vault
from models.attachments.tables import Attachment
from models.storage.db import current_version, db
from models.storage.files import write_atomically
from models.storage.record import utc_now
from models.values import clock
from models.values.text import file_name_part
from models.writing import audit, services
from models.writing.actor import Actor, require

# What a package carries, parents before children (the format's content: a new table travels
# once it is named here). Users stay where they are; each archive keeps its own code tables
# (matched by code on import): NOT_EXCHANGED, which with these names every record table.
EXCHANGED = [Township, Unit, Secretary, ResumeEntry, FamilyMember, RewardPunishment, Assessment, Training,
             Appointment, Material, AccessLog, Loan, Transfer, Finding, MatterType, Campaign, MatterReport,
             Verification, Attachment]
NOT_EXCHANGED = {"user", "code_item", "material_category"}


@dataclass
class ExportResult:
    path: Path
    sequence: int
    counts: dict[str, int]
    size: int


def _rows(model, since: str | None) -> list[str]:
    query = model.select().order_by(model.id)
    if since:
        query = query.where(model.modified_at > since)
    return [audit.to_json(row) for row in query.dicts().iterator()]


def signing_key(actor: Actor) -> bytes:
    """This installation's Ed25519 key, made on the first export and kept in the archive."""
    stored = vault.unseal(settings.get("signing_private_key"))
    if stored:
        return bytes.fromhex(stored)
    key = crypto.new_signing_key()
    services.set_setting(actor, "signing_private_key", vault.seal(key.hex()), summary="生成本机签名密钥")
    return key


def own_fingerprint() -> str | None:
    """The fingerprint the district pins for this township (shown on its import preview), for
    the telephone check the manual asks for; None before the first export. ArchiveError where
    this user's password does not open the archive key."""
    stored = vault.unseal(settings.get("signing_private_key"))
    return crypto.fingerprint(crypto.signing_public(bytes.fromhex(stored))) if stored else None


def return_key(actor: Actor) -> bytes:
    """This township's X25519 public key for the district's return packages (made with the first
    export, the private half sealed in the archive); each package carries it, signed."""
    stored = settings.get("return_public_key")
    if stored and vault.unseal(settings.get("return_private_key")):
        return bytes.fromhex(stored)
    private, public = crypto.new_key_pair()
    services.set_setting(actor, "return_private_key", vault.seal(private.hex()), summary="生成接收回执包的密钥(私钥)")
    services.set_setting(actor, "return_public_key", public.hex(), summary="生成接收回执包的密钥")
    return public


def sent_packages() -> dict[str, dict]:
    """sequence → {"created_at", "audit_seq", "audit_hash"} of every package exported (packages
    exported by older versions recorded only their time)."""
    sent = settings.get("exchange_sent") or {}
    return {key: value if isinstance(value, dict) else {"created_at": value} for key, value in sent.items()}


def _audit_segment(since_seq: int) -> tuple[bytes, dict]:
    """The audit entries after ``since_seq`` (the history the district has not seen) and the head:
    the district checks that they continue the history it anchored at its last import."""
    rows = (audit.AuditEntry.select().where(audit.AuditEntry.seq > since_seq).order_by(audit.AuditEntry.seq)
            .dicts().iterator())
    start = audit.AuditEntry.get_or_none(audit.AuditEntry.seq == since_seq)
    lines, head = [], {"from_seq": since_seq, "head_seq": since_seq, "head_hash": start.hash if start else audit.GENESIS}
    for row in rows:
        lines.append(audit.to_json(row))
        head.update(head_seq=row["seq"], head_hash=row["hash"])
    return "\n".join(lines).encode("utf-8"), head


def build_members(actor: Actor, *, since: str | None, sequence: int, created: str,
                  since_seq: int = 0) -> tuple[dict[str, bytes], dict]:
    members, counts = {}, {}
    for model in EXCHANGED:
        lines = _rows(model, since)
        counts[model._meta.table_name] = len(lines)
        members[f"records/{model._meta.table_name}.jsonl"] = "\n".join(lines).encode("utf-8")
    for attachment in Attachment.select(Attachment.sha256).where(Attachment.deleted_at.is_null()).distinct():
        if since is None or Attachment.select().where((Attachment.sha256 == attachment.sha256) &
                                                      (Attachment.modified_at > since)).exists():
            members[f"attachments/{attachment.sha256}"] = store.read_bytes(attachment.sha256)
    members["audit/entries.jsonl"], history = _audit_segment(since_seq)
    data = sum(len(content) for name, content in members.items() if not name.startswith("attachments/"))
    if data > container.MAX_DATA:  # what the district would refuse unread
        raise ArchiveError(f"交换包的记录和操作日志共{data >> 20} MB,超过区县能接收的{container.MAX_DATA >> 20} MB:"
                           "请先导入区县的回执包,之后只导出区县确认之后的变化")
    manifest = {"format": container.FORMAT_VERSION, "schema": current_version(), "created_at": created,
                "audit": history,
                "sender": {"installation_id": settings.installation_id(),
                           "township": settings.get("township_name") or "", "return_key": return_key(actor).hex()},
                "sequence": sequence, "since": since, "counts": counts,
                "signer": crypto.signing_public(signing_key(actor)).hex(),
                "members": {name: hashlib.sha256(content).hexdigest() for name, content in members.items()}}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return members, manifest


def export_package(actor: Actor, folder: Path, *, since_ack: bool = False, password: str | None = None,
                   progress=None) -> ExportResult:
    """Write the next package into ``folder``, named by township, number and day."""
    require(actor, "reports")
    district_key = settings.get("district_public_key")
    if not district_key and not password:
        raise ArchiveError("尚未安装区县公钥:请先在设置中安装区县下发的公钥文件,或改用密码加密")
    _check_own_township()
    with db.atomic():
        sequence = int(settings.get("exchange_sequence") or 0) + 1
        acknowledged = (settings.get("exchange_acknowledged") or {}) if since_ack else {}
        since = acknowledged.get("created_at")
        created = utc_now()
        members, manifest = build_members(actor, since=since, sequence=sequence, created=created,
                                          since_seq=int(acknowledged.get("audit_seq") or 0))
        if progress:
            progress(1, 3)
        data = _encrypt_and_sign(container.build_zip(members), district_key, password, signing_key(actor),
                                 suite=settings.get("district_suite") or crypto.AES)
        if progress:
            progress(2, 3)
        path = write_safely(Path(folder), data, package_name(settings.get("township_name"), sequence))
        services.set_setting(actor, "exchange_sequence", sequence)
        record = {"created_at": created, "audit_seq": manifest["audit"]["head_seq"],
                  "audit_hash": manifest["audit"]["head_hash"]}
        services.set_setting(actor, "exchange_sent", {**sent_packages(), str(sequence): record})
        audit.append(actor, settings.installation_id(), action="export", table="", record_id=None,
                     summary=f"导出交换包第{sequence}号({'增量' if since else '全部'})",
                     changes={"counts": manifest["counts"], "file": path.name})
    if progress:
        progress(3, 3)
    return ExportResult(path, sequence, manifest["counts"], len(data))


def _check_own_township() -> None:
    """A township's package carries its own township only: the district refuses any other."""
    if settings.get("mode") != "township":
        raise ArchiveError("只有乡镇模式的档案导出交换包")
    own = (settings.get("township_name") or "").strip()
    if not own:
        raise ArchiveError("本档案还没有填写乡镇(街道)名称,请先在设置中填写后再导出")
    others = [t.name for t in Township.live().where(Township.name != own)]
    if others:
        raise ArchiveError(f"档案中有不属于本乡镇({own})的乡镇“{'、'.join(others)}”及其村(社区),区县不会接收;"
                           "请先把这些村(社区)并入本乡镇或删除后再导出")


def _encrypt_and_sign(plain: bytes, district_key: str | None, password: str | None, signer: bytes, *,
                      suite: str = crypto.AES) -> bytes:
    if district_key:
        key, header = crypto.key_for_recipient(bytes.fromhex(district_key), suite)
    else:
        salt = os.urandom(16)
        key, header = crypto.password_key(password, salt), {"mode": "password", "salt": salt.hex()}
    header["format"] = container.FORMAT_VERSION
    head = container.pack(header, b"")[:-8]  # magic + header: authenticated with the ciphertext
    nonce, sealed = crypto.seal(key, plain, head, crypto.suite_of(header))
    signed = container.pack(header, nonce + sealed)
    return signed + crypto.sign(signer, signed)


def package_name(township: str, sequence: int, *, returned: bool = False) -> str:
    """青石镇-第3号-20261207.sap (a return package: 青石镇-回执第3号-…): the clerk and the district
    tell packages apart on the stick, as the manual's exchange check asks. Only what the package
    already shows the district; the content stays encrypted."""
    return f"{file_name_part(township)}-{'回执' if returned else ''}第{sequence}号-{clock.today():%Y%m%d}.sap"


def write_safely(folder: Path, data: bytes, name: str) -> Path:
    """Temporary name, flush, fsync, rename, then read back and compare: a stick pulled out
    mid-write leaves no file that looks complete. A file of that name already there (a package
    from a restored archive, same number) is kept: this one gets a suffix."""
    target = folder / name
    if target.exists():
        target = target.with_stem(f"{target.stem}-{secrets.token_hex(3)}")
    final = write_atomically(target, data)
    if final.read_bytes() != data:
        final.unlink(missing_ok=True)
        raise ArchiveError(f"写入后读回校验失败:{final}(请换一个U盘或文件夹重试)")
    return final


def acknowledge(actor: Actor, sequence: int) -> None:
    """The district confirmed package ``sequence``: later "since acknowledged" exports start there."""
    sent = sent_packages()
    if str(sequence) not in sent:
        raise ArchiveError(f"没有导出过第{sequence}号交换包")
    services.set_setting(actor, "exchange_acknowledged", {"sequence": sequence, **sent[str(sequence)]},
                         summary=f"区县已确认收到第{sequence}号交换包")



