"""The district's key pair (made once, with its cipher suite) and its public key file (installed at
each township, which then encrypts with that suite)."""
from __future__ import annotations

import json
from pathlib import Path

from models.errors import ArchiveError
from models.exchange import crypto
from models.storage import settings, vault
from models.storage.db import db
from models.storage.files import write_atomically
from models.writing import services
from models.writing.actor import Actor, require

KIND = "secretary-archive district public key"
SUITE_SETTING = "district_suite"


def ensure_district_keys(actor: Actor, *, suite: str = crypto.AES) -> bytes:
    """The district's public key, the pair (and the suite) made on first use."""
    require(actor, "admin")
    if settings.get("mode") != "district":
        raise ArchiveError("只有区县模式的档案才有区县密钥")
    if settings.get("district_public_key"):
        return bytes.fromhex(settings.get("district_public_key"))
    if suite not in crypto.SUITES:
        raise ArchiveError(f"不认识的加密算法“{suite}”(可选:{'、'.join(crypto.SUITES)})")
    private, public = crypto.new_key_pair()
    with db.atomic():
        services.set_setting(actor, "district_private_key", vault.seal(private.hex()), summary="生成区县密钥(私钥)")
        services.set_setting(actor, "district_public_key", public.hex(),
                             summary=f"生成区县密钥,指纹 {crypto.fingerprint(public)}")
        services.set_setting(actor, SUITE_SETTING, suite, summary=f"交换包加密算法:{crypto.SUITES[suite]}")
    return public


def district_suite() -> str:
    return settings.get(SUITE_SETTING) or crypto.AES


def export_public_key(actor: Actor, path: Path, *, suite: str = crypto.AES) -> str:
    """Write the public key file; ``suite`` applies when the key pair is made by this call."""
    public = ensure_district_keys(actor, suite=suite)
    document = {"kind": KIND, "public_key": public.hex(), "fingerprint": crypto.fingerprint(public),
                "suite": district_suite()}
    write_atomically(Path(path), json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return document["fingerprint"]


def install_public_key(actor: Actor, path: Path) -> str:
    """At a township: the key packages will be encrypted to; returns its fingerprint to compare."""
    require(actor, "admin")
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        public = bytes.fromhex(document["public_key"])
        suite = document.get("suite", crypto.AES)
        if document.get("kind") != KIND or len(public) != 32 or suite not in crypto.SUITES:
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ArchiveError(f"“{path}”不是区县公钥文件") from None
    with db.atomic():
        services.set_setting(actor, "district_public_key", public.hex(),
                             summary=f"安装区县公钥,指纹 {crypto.fingerprint(public)}")
        services.set_setting(actor, SUITE_SETTING, suite, summary=f"交换包加密算法:{crypto.SUITES[suite]}")
    return crypto.fingerprint(public)
