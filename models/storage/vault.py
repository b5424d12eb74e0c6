"""The archive key: what keeps private keys and the audit head safe in a copied file.

Each archive has a random *archive key*. It never sits in the archive in clear: the archive keeps it
only wrapped (AES-256-GCM) —
- by this PC's *machine key*, a random key kept outside the archive folder in the user's own
  folder (protected by Windows DPAPI there), so the program opens it here without a password;
- by each user's password (scrypt), so on a new PC, after a restore, it opens at the next sign-in.

With the archive key the program seals the private keys kept in the settings (a backup alone does
not carry them in clear) and the head of the audit log (an HMAC), so that rewriting the log *and*
its head in the file shows in ``check``. A copy of the archive on another PC, before anybody signs
in there, reads and works but cannot sign packages nor confirm the head seal.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from models.errors import ArchiveError
from models.storage import settings
from models.storage.db import archive_location, db
from models.storage.files import write_atomically
from models.storage.settings import Setting

MACHINE_WRAP = "key_wrap.machine."
USER_WRAP = "key_wrap.user."
SEAL_KEY = "audit_head_seal"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # per sign-in: quick enough, and each password has its own salt
LOCKED = "本机尚未解锁档案密钥(例如刚从备份恢复到这台电脑):请管理员登录一次后再试"
LOCKED_WRITE = ("本机尚未解锁档案密钥,不能写入档案(每条操作日志都须用档案密钥封印):"
                "请管理员或录入员在本机登录一次后再试")

log = logging.getLogger(__name__)
_keys: dict[str, bytes] = {}  # archive file → its archive key, once opened in this process


# -- the machine key ---------------------------------------------------------------------------------

def key_folder() -> Path:
    """Outside the archive's folder, so a backup or a copied data folder does not carry it."""
    override = os.environ.get("SECRETARY_ARCHIVE_HOME")
    if override:
        return Path(override) / "keys"
    import platformdirs

    return Path(platformdirs.user_config_dir("SecretaryArchive", appauthor=False, roaming=True)) / "keys"


def machine_key() -> bytes:
    """This PC's (this user's) machine key, made on first use."""
    path = key_folder() / "machine.key"
    if path.exists():
        return _unprotect(path.read_bytes())
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, _protect(key))
    if os.name != "nt":
        os.chmod(path, 0o600)
    return key


def machine_id(key: bytes) -> str:
    return hashlib.sha256(b"machine:" + key).hexdigest()[:16]


def _protect(data: bytes) -> bytes:
    return _dpapi(data, protect=True) if sys.platform == "win32" else data


def _unprotect(data: bytes) -> bytes:
    return _dpapi(data, protect=False) if sys.platform == "win32" else data


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover (Windows only)
    """CryptProtectData / CryptUnprotectData: only this Windows account on this PC can unwrap."""
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    source = Blob(len(data), ctypes.cast(ctypes.create_string_buffer(data, len(data)), ctypes.POINTER(ctypes.c_char)))
    result = Blob()
    crypt32 = ctypes.windll.crypt32
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if not call(ctypes.byref(source), None, None, None, None, 0, ctypes.byref(result)):
        raise ArchiveError("无法读取本机密钥(Windows 数据保护失败)")
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        ctypes.windll.kernel32.LocalFree(result.pbData)


# -- wrapping ---------------------------------------------------------------------------------------

def _wrap(key: bytes, secret: bytes, extra: dict | None = None) -> dict:
    nonce = secrets.token_bytes(12)
    return {"nonce": nonce.hex(), "sealed": AESGCM(key).encrypt(nonce, secret, b"archive key").hex(), **(extra or {})}


def _unwrap(key: bytes, wrapped: dict) -> bytes | None:
    try:
        return AESGCM(key).decrypt(bytes.fromhex(wrapped["nonce"]), bytes.fromhex(wrapped["sealed"]), b"archive key")
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def _password_key(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **SCRYPT).derive(password.encode("utf-8"))


# -- the archive key in this process ---------------------------------------------------------------------

def _archive() -> str:
    """The open archive's key in this process's cache: its file, or its server and database."""
    return str(archive_location())


def archive_key() -> bytes | None:
    return _keys.get(_archive())


def unlocked() -> bool:
    return archive_key() is not None


def forget() -> None:
    _keys.pop(_archive(), None)


def create(write) -> None:
    """A new archive key for the open archive (new archive, or the upgrade that brings keys),
    wrapped for this machine — and openly while the archive has no user yet (``OPEN_WRAP``);
    ``write(key, value)`` stores a setting through the audited path."""
    key = secrets.token_bytes(32)
    _keys[_archive()] = key
    pin_head_key()
    wrap_for_machine(write)
    write(OPEN_WRAP, _wrap(_open_key(), key))


# An archive without users (just made, a demo) protects nothing yet — anyone may create its first
# administrator — but must open on any PC and for any Windows account, or nothing could be written
# there (every entry is sealed): its key is wrapped under a key anyone can derive, and that wrap
# is removed with the first user (``accounts.users.create_user``).
OPEN_WRAP = "key_wrap.open"


def _open_key() -> bytes:
    return hashlib.sha256(b"open archive:" + str(settings.get("installation_id")).encode()).digest()


def unlock_openly() -> bool:
    """Open the archive key of an archive that has no user yet."""
    wrapped = settings.get(OPEN_WRAP)
    key = _unwrap(_open_key(), wrapped) if wrapped else None
    if key is not None:
        _keys[_archive()] = key
    return key is not None


def wrap_for_machine(write) -> None:
    mine = machine_key()
    write(MACHINE_WRAP + machine_id(mine), _wrap(mine, archive_key()))


def unlock_with_machine() -> bool:
    """Open the archive key with this PC's machine key, when the archive has a wrap for it."""
    if unlocked():
        return True
    mine = machine_key()
    wrapped = settings.get(MACHINE_WRAP + machine_id(mine))
    key = _unwrap(mine, wrapped) if wrapped else None
    if key is not None:
        _keys[_archive()] = key
        pin_head_key()
    return key is not None or unlock_openly()


def unlock_with_password(user_id: str, password: str) -> bool:
    """Open the archive key with a user's password (a new PC: the first sign-in there)."""
    if unlocked():
        return True
    wrapped = settings.get(USER_WRAP + user_id)
    if not wrapped:
        return False
    key = _unwrap(_password_key(password, bytes.fromhex(wrapped["salt"])), wrapped)
    if key is not None:
        _keys[_archive()] = key
        pin_head_key()
    return key is not None


def user_wrap_keys() -> list[str]:
    """The settings holding a user's wrap of the archive key (a removed wrap is kept as null)."""
    return [row.key for row in Setting.select(Setting.key).where(Setting.key.startswith(USER_WRAP))
            if settings.get(row.key) is not None]


def unlock_with_any_password(password: str) -> bool:
    """Open the archive key with whichever user's password this is (``check --password-file``)."""
    return any(unlock_with_password(key[len(USER_WRAP):], password) for key in user_wrap_keys())


def user_wrap(password: str) -> dict | None:
    """The archive key wrapped for a password (None while the key is not open here)."""
    if not unlocked():
        return None
    salt = secrets.token_bytes(16)
    return _wrap(_password_key(password, salt), archive_key(), {"salt": salt.hex()})


# -- sealing ------------------------------------------------------------------------------------------

def seal(value: str) -> dict:
    """A secret setting's value, encrypted with the archive key."""
    key = archive_key()
    if key is None:
        raise ArchiveError(LOCKED)
    nonce = secrets.token_bytes(12)
    return {"sealed": base64.b64encode(nonce + AESGCM(key).encrypt(nonce, value.encode(), b"setting")).decode()}


def unseal(stored) -> str | None:
    """A sealed setting's value; a value kept in clear by an older version is returned as it is."""
    if stored is None or isinstance(stored, str):
        return stored
    key = archive_key()
    if key is None:
        raise ArchiveError(LOCKED)
    raw = base64.b64decode(stored["sealed"])
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], b"setting").decode()
    except InvalidTag:
        raise ArchiveError("档案中的密钥已被改动,无法使用(请运行检查)") from None


def _head_message(seq: int, head_hash: str, sealed_from: int | None) -> bytes:
    return (f"{seq}:{head_hash}" if sealed_from is None else f"{seq}:{head_hash}:{sealed_from}").encode()


def head_seal(seq: int, head_hash: str, sealed_from: int | None = None) -> str | None:
    """The MAC of the log's head — and, since entries are sealed one by one, of the first entry
    that carries its own seal (``sealed_from``), so that nobody moves it without the key."""
    key = archive_key()
    if key is None:
        return None
    return hmac.new(key, _head_message(seq, head_hash, sealed_from), hashlib.sha256).hexdigest()


def seal_head(seq: int, head_hash: str, sealed_from: int | None = None) -> None:
    """Written with every audit entry, in its transaction (raw: the seal is not itself audited):
    the MAC, and the signature anyone can verify without the key (``head_signature_fault``)."""
    value = head_seal(seq, head_hash, sealed_from)
    if value is not None:
        signer = _head_signer(archive_key())
        signature = signer.sign(_head_message(seq, head_hash, sealed_from)).hex()
        settings.put_text(SEAL_KEY, json.dumps({"seq": seq, "mac": value, "from": sealed_from,
                                                "sig": signature, "pub": _public_hex(signer)}))


@dataclass(frozen=True)
class HeadSeal:
    """The head seal as the program writes it (``seal_head``)."""

    seq: int
    mac: str
    sealed_from: int | None  # the first entry sealed one by one
    sig: str | None  # (heads written before schema v16 carry no signature)
    pub: str | None


MISSHAPEN_SEAL = "操作日志记录头的封印格式不对:不是本程序写入的(可能被改动)"


def stored_head_seal() -> HeadSeal | None:
    """The head seal stored (None: none); ArchiveError(MISSHAPEN_SEAL) when it is not of the shape
    the program writes — read by check, the writer and the repair alike, so that no planted value
    reaches them as anything but a finding."""
    try:
        stored = settings.get(SEAL_KEY)
        if stored is None:
            return None
        seal = HeadSeal(stored["seq"], stored["mac"], stored.get("from"), stored.get("sig"), stored.get("pub"))
    except (TypeError, KeyError, AttributeError, IndexError, ValueError):  # (ValueError: not JSON at all)
        raise ArchiveError(MISSHAPEN_SEAL) from None
    numbers = [seal.seq] + ([] if seal.sealed_from is None else [seal.sealed_from])
    signed = (seal.sig, seal.pub) == (None, None) or (_hex(seal.sig, 128) and _hex(seal.pub, 64))
    if not (all(type(n) is int and 0 <= n < 2**53 for n in numbers) and _hex(seal.mac, 64) and signed):
        raise ArchiveError(MISSHAPEN_SEAL)
    return seal


def _hex(value, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and all(c in "0123456789abcdef" for c in value)


# -- the head's signature: what a PC without the key can still verify ------------------------------------
#
# A MAC proves nothing to whoever lacks its key, and IT's command line on a PC nobody signed in on
# has none: a log rewritten with made-up seals would pass there. So the head is also signed with an
# Ed25519 key derived from the archive key; its public half rides in the head seal, and every PC
# that unlocks the archive key keeps that public half (``pin_head_key``), so that a log re-signed
# with another key shows there too.

_signers: dict[bytes, Ed25519PrivateKey] = {}


def _head_signer(key: bytes) -> Ed25519PrivateKey:
    if key not in _signers:
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"audit head signature").derive(key)
        _signers[key] = Ed25519PrivateKey.from_private_bytes(seed)
    return _signers[key]


def _public_hex(signer: Ed25519PrivateKey) -> str:
    return signer.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def head_public_key() -> str | None:
    """The head's signing key (public, hex) of the open archive, where its key is unlocked."""
    key = archive_key()
    return _public_hex(_head_signer(key)) if key else None


def head_signature_fault(seal: HeadSeal, head_hash: str) -> str | None:
    """What is wrong with the head seal's signature over ``head_hash`` (the entry at its ``seq``),
    told with the public key alone: None when it verifies with the key this PC keeps for the
    archive, or with the one it carries where this PC keeps none."""
    pinned = pinned_head_key()
    if seal.sig is None:
        return "操作日志记录头没有签名(本机曾核对过本档案的签名):日志可能连同记录头被改写" if pinned else None
    if pinned and seal.pub != pinned:
        return "操作日志记录头的签名密钥与本机记住的不同:日志可能连同签名被改写(若此处换成了另一个档案,请登录一次)"
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(seal.pub))
        public.verify(bytes.fromhex(seal.sig), _head_message(seal.seq, head_hash, seal.sealed_from))
    except (InvalidSignature, ValueError):
        return "操作日志记录头的签名不符:日志连同记录头被改写过"
    return None


# A PC keeps, for each archive it unlocked, the head's public key — under the archive's
# installation and under its place (file or server), so that an installation changed in the
# archive (to be met as a stranger) still meets the key kept for that place.
PINS = "head-keys.json"


def _pins() -> Path:
    return key_folder() / PINS


def _pins_read() -> dict:
    try:
        pins = json.loads(_pins().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"keys": {}, "places": {}}
    if not isinstance(pins, dict) or not all(isinstance(pins.get(part), dict) for part in ("keys", "places")):
        return {"keys": {}, "places": {}}
    return pins


def pinned_head_key() -> str | None:
    """The head's public key this PC keeps for the open archive (None: never unlocked here)."""
    pins = _pins_read()
    installation = pins["places"].get(_archive()) or str(settings.get("installation_id"))
    return pins["keys"].get(installation)


def pin_head_key() -> None:
    """Keep the open archive's head key on this PC, once the archive key is open here with this
    PC's own key or a user's password (never the open key of an archive without users: anyone
    may make one). A pin that cannot be written is tried again at the next unlock."""
    public, installation = head_public_key(), settings.get("installation_id")
    pins = _pins_read()
    if public is None or not installation:
        return
    if (pins["keys"].get(str(installation)), pins["places"].get(_archive())) == (public, str(installation)):
        return
    pins["keys"][str(installation)] = public
    pins["places"][_archive()] = str(installation)
    try:
        _pins().parent.mkdir(parents=True, exist_ok=True)
        write_atomically(_pins(), json.dumps(pins, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8"))
    except OSError as error:  # (the archive opens all the same)
        log.warning("head key not kept on this PC: %s", error)


def entry_sealer():
    """The seal of an audit entry's own, as a function of its hash: a MAC under the archive key
    ("" while locked), the key looked up once (a write seals thousands, a check reads a whole log).
    An entry appended by anyone without the key — the chain recomputed with plain SHA-256 — has
    none, and a later ordinary write seals only its own entries, never the ones before it."""
    key = archive_key()
    if not key:
        return lambda entry_hash: ""
    return lambda entry_hash: hmac.new(key, b"entry:" + entry_hash.encode(), hashlib.sha256).hexdigest()


def sealed_from() -> int | None:
    """The first entry sealed one by one, as the verified head seal says (None: none yet, or the
    head seal cannot be verified here, or is not of the program's shape)."""
    seal = verified_head_seal()
    return seal.sealed_from if seal is not None else None


def verified_head_seal() -> HeadSeal | None:
    """The stored head seal when its MAC verifies here (None: missing, misshapen, the key not
    open here, or not made with this archive's key)."""
    try:
        seal = stored_head_seal()
    except ArchiveError:
        return None
    if seal is None or archive_key() is None:
        return None
    entry = db_hash_of(seal.seq)
    mac = head_seal(seal.seq, entry, seal.sealed_from) if entry is not None else None
    return seal if mac is not None and hmac.compare_digest(mac, seal.mac) else None


def db_hash_of(seq: int) -> str | None:
    row = db.execute_sql(f"SELECT hash FROM audit_entry WHERE seq = {db.param}", (seq,)).fetchone()
    return row[0] if row else None
