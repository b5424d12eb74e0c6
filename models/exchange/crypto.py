"""The cryptography of a package, all from the ``cryptography`` library.

Key mode: the township encrypts to the district's X25519 public key (an ephemeral key pair, a KDF,
an AEAD cipher). Password mode, where no district key is installed: scrypt derives the key. In
both modes the township signs the whole file with its Ed25519 key, so the district knows who sent
it and that no byte was changed.

Two cipher suites, chosen by the district when it makes its key (the township learns it with the
public key): ``aes-256-gcm`` (HKDF-SHA256, AES-256-GCM; the default) and ``sm4-gcm`` (HKDF-SM3,
SM4-GCM: the 国密 algorithms a 密评 assessment of government data expects).
"""
from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from models.errors import ArchiveError

INFO = b"secretary-archive package v1"
AES, SM4 = "aes-256-gcm", "sm4-gcm"
SUITES = {AES: "AES-256-GCM + SHA-256", SM4: "SM4-GCM + SM3(国密)"}
TAG = 16
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class PackageRejected(ArchiveError):
    """A package that cannot be trusted or used; the archive is left as it was."""


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public) raw X25519 keys: made once by the district."""
    private = X25519PrivateKey.generate()
    return (private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                  serialization.NoEncryption()), private.public_key().public_bytes(*RAW))


def new_signing_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                      serialization.NoEncryption())


def signing_public(private: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(*RAW)


def fingerprint(public: bytes) -> str:
    """What a clerk reads aloud on the phone: 8 groups of 4 hex digits."""
    digest = hashlib.sha256(public).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def suite_of(header: dict) -> str:
    suite = header.get("suite", AES)  # format 1 packages carry no suite: AES
    if suite not in SUITES:
        raise PackageRejected("交换包使用了本程序不认识的加密算法,请先升级本程序")
    return suite


def _hkdf(shared: bytes, salt: bytes, suite: str) -> bytes:
    algorithm, length = (hashes.SM3(), 16) if suite == SM4 else (hashes.SHA256(), 32)
    return HKDF(algorithm=algorithm, length=length, salt=salt, info=INFO).derive(shared)


def key_for_recipient(public: bytes, suite: str = AES) -> tuple[bytes, dict]:
    """A fresh key for the district's public key, and what the header must carry."""
    ephemeral = X25519PrivateKey.generate()
    salt = os.urandom(16)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    return _hkdf(shared, salt, suite), {"mode": "key", "ephemeral": ephemeral.public_key().public_bytes(*RAW).hex(),
                                        "salt": salt.hex(), "suite": suite}


RETURN_INFO = b"secretary-archive return package v1"


def keys_between(own_private: bytes, other_public: bytes, ephemeral_public: bytes, ephemeral_shared: bytes,
                 salt: bytes, suite: str) -> tuple[bytes, bytes]:
    """The cipher key and the 64-byte MAC key of a return package (district → township): from the
    ephemeral secret and the secret of the two pinned keys, which only the district and that
    township can compute — so opening it proves the district sent it, and nobody else reads it."""
    static = X25519PrivateKey.from_private_bytes(own_private).exchange(X25519PublicKey.from_public_bytes(other_public))
    material = HKDF(algorithm=hashes.SHA512(), length=64, salt=salt, info=RETURN_INFO + ephemeral_public).derive(
        ephemeral_shared + static)
    return _hkdf(material[:32], salt, suite), material[32:] + hashlib.sha256(material).digest()


def key_for_township(district_private: bytes, township_public: bytes, suite: str = AES) -> tuple[bytes, bytes, dict]:
    """(cipher key, MAC key, header) of a return package to the township's pinned return key."""
    ephemeral = X25519PrivateKey.generate()
    salt, ephemeral_public = os.urandom(16), ephemeral.public_key().public_bytes(*RAW)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(township_public))
    key, mac = keys_between(district_private, township_public, ephemeral_public, shared, salt, suite)
    return key, mac, {"mode": "return", "ephemeral": ephemeral_public.hex(), "salt": salt.hex(), "suite": suite}


def keys_from_district(header: dict, *, township_private: bytes, district_public: bytes) -> tuple[bytes, bytes]:
    try:
        salt, ephemeral_public = bytes.fromhex(header["salt"]), bytes.fromhex(header["ephemeral"])
        shared = X25519PrivateKey.from_private_bytes(township_private).exchange(
            X25519PublicKey.from_public_bytes(ephemeral_public))
        return keys_between(township_private, district_public, ephemeral_public, shared, salt, suite_of(header))
    except (KeyError, ValueError, TypeError):
        raise PackageRejected("回执包的文件头已损坏") from None


def mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha512).digest()


def check_mac(key: bytes, tag: bytes, data: bytes) -> None:
    if not hmac.compare_digest(mac(key, data), tag):
        raise PackageRejected("回执包校验失败:不是由本乡镇登记的区县发出,或已被改动")


def key_from_header(header: dict, *, private: bytes | None, password: str | None) -> bytes:
    try:
        salt = bytes.fromhex(header["salt"])
        if header["mode"] == "key":
            if private is None:
                raise PackageRejected("本机没有区县密钥,无法打开按密钥加密的交换包")
            shared = X25519PrivateKey.from_private_bytes(private).exchange(
                X25519PublicKey.from_public_bytes(bytes.fromhex(header["ephemeral"])))
            return _hkdf(shared, salt, suite_of(header))
        if header["mode"] == "password":
            if not password:
                raise PackageRejected("该交换包按密码加密,请输入密码")
            return password_key(password, salt)
    except (KeyError, ValueError, TypeError):
        pass
    raise PackageRejected("交换包的文件头已损坏")


def password_key(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **SCRYPT).derive(password.encode("utf-8"))


def seal(key: bytes, plain: bytes, associated: bytes, suite: str = AES) -> tuple[bytes, bytes]:
    """(nonce, ciphertext with its 16-byte tag at the end) — the same shape for both suites."""
    nonce = os.urandom(12)
    if suite == SM4:
        encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(associated)
        return nonce, encryptor.update(plain) + encryptor.finalize() + encryptor.tag
    return nonce, AESGCM(key).encrypt(nonce, plain, associated)


def open_sealed(key: bytes, nonce: bytes, sealed: bytes, associated: bytes, suite: str = AES) -> bytes:
    nonce = bytes(nonce)  # (the ciphertext may be a view of the package: only these must be bytes)
    try:
        if suite == SM4:
            decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, bytes(sealed[-TAG:]))).decryptor()
            decryptor.authenticate_additional_data(associated)
            return decryptor.update(sealed[:-TAG]) + decryptor.finalize()
        return AESGCM(key).decrypt(nonce, sealed, associated)
    except (InvalidTag, ValueError):
        raise PackageRejected("无法解密:密钥或密码不正确,或交换包已被改动") from None


def sign(private: bytes, data: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(public: bytes, signature: bytes, data: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        raise PackageRejected("签名校验失败:交换包不是由登记的乡镇发出,或已被改动") from None
