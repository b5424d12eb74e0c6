"""The district's key pair (made once) and its public key file (installed at each township)."""
from __future__ import annotations

import json
from pathlib import Path

from models.errors import ArchiveError
from models.exchange import crypto
from models.storage import settings
from models.storage.db import db
from models.writing import services
from models.writing.actor import Actor, require

KIND = "secretary-archive district public key"


def ensure_district_keys(actor: Actor) -> bytes:
    """The district's public key, the pair made on first use."""
    require(actor, "admin")
    if settings.get("mode") != "district":
        raise ArchiveError("只有区县模式的档案才有区县密钥")
    if settings.get("district_public_key"):
        return bytes.fromhex(settings.get("district_public_key"))
    private, public = crypto.new_key_pair()
    with db.atomic():
        services.set_setting(actor, "district_private_key", private.hex(), summary="生成区县密钥(私钥)")
        services.set_setting(actor, "district_public_key", public.hex(),
                             summary=f"生成区县密钥,指纹 {crypto.fingerprint(public)}")
    return public


def export_public_key(actor: Actor, path: Path) -> str:
    public = ensure_district_keys(actor)
    document = {"kind": KIND, "public_key": public.hex(), "fingerprint": crypto.fingerprint(public)}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return document["fingerprint"]


def install_public_key(actor: Actor, path: Path) -> str:
    """At a township: the key packages will be encrypted to; returns its fingerprint to compare."""
    require(actor, "admin")
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        public = bytes.fromhex(document["public_key"])
        if document.get("kind") != KIND or len(public) != 32:
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise ArchiveError(f"“{path}”不是区县公钥文件") from None
    services.set_setting(actor, "district_public_key", public.hex(),
                         summary=f"安装区县公钥,指纹 {crypto.fingerprint(public)}")
    return crypto.fingerprint(public)
