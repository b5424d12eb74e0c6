"""The package file: what is on the USB stick.

    MAGIC | header length (4 bytes) | header (JSON) | body length (8 bytes) | nonce + ciphertext | signature

The clear header holds only what opening needs (format version, key mode, salt, ephemeral key):
no name, no ID number, no township. The ciphertext is a zip of the manifest, the records and
the attachments; the header is authenticated with it, and the Ed25519 signature covers the rest.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import zipfile

from models.exchange.crypto import PackageRejected

MAGIC = b"SAPKG\x01\r\n"
FORMAT_VERSION = 2  # 2: the audit history segment and the cipher suite; 1 still imports
RETURN_FORMAT = 3  # a return package (回执包), district → township (``exchange.returns``)
SIGNATURE_BYTES = 64
MAX_MEMBER = 200 * 1024 * 1024
MAX_TOTAL = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100  # a member may not expand more than this (zip bombs)
MEMBER_NAME = re.compile(r"^(manifest\.json|records/[a-z_]+\.jsonl|attachments/[0-9a-f]{64}|audit/entries\.jsonl"
                         r"|returned/values\.jsonl)$")


def pack(header: dict, body: bytes) -> bytes:
    """Everything but the signature (which signs exactly these bytes)."""
    head = json.dumps(header, sort_keys=True).encode("utf-8")
    return MAGIC + struct.pack(">I", len(head)) + head + struct.pack(">Q", len(body)) + body


def unpack(data: bytes) -> tuple[dict, bytes, bytes, bytes]:
    """(header, header bytes as authenticated, body, signature); truncation and garbage refused."""
    if not data.startswith(MAGIC):
        raise PackageRejected("这不是本程序的交换包(文件开头不符)")
    try:
        (head_length,) = struct.unpack_from(">I", data, len(MAGIC))
        head_end = len(MAGIC) + 4 + head_length
        head = data[len(MAGIC) + 4:head_end]
        header = json.loads(head.decode("utf-8"))
        (body_length,) = struct.unpack_from(">Q", data, head_end)
    except (struct.error, ValueError, UnicodeDecodeError):
        raise PackageRejected("交换包不完整或已损坏(文件头无法读取)") from None
    body_start = head_end + 8
    signed_end = body_start + body_length
    if len(data) != signed_end + SIGNATURE_BYTES:
        raise PackageRejected("交换包不完整(长度不符,可能复制时被截断)")
    if not isinstance(header, dict):
        raise PackageRejected("交换包的文件头已损坏")
    if header.get("format", 0) > (RETURN_FORMAT if header.get("mode") == "return" else FORMAT_VERSION):
        raise PackageRejected("交换包由较新版本的程序生成,请先升级本程序")
    return header, data[:body_start - 8], data[body_start:signed_end], data[signed_end:]


def build_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every member, after the checks that keep a hostile zip harmless."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise PackageRejected("交换包内容已损坏(无法解压)") from None
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):
        raise PackageRejected("交换包内有重复的文件")
    total = 0
    members = {}
    for info in infos:
        if not MEMBER_NAME.match(info.filename):
            raise PackageRejected(f"交换包内有不允许的路径“{info.filename[:60]}”")
        total += info.file_size
        too_compressed = info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        if info.file_size > MAX_MEMBER or total > MAX_TOTAL or (too_compressed and info.file_size > 1024 * 1024):
            raise PackageRejected("交换包内的文件过大或压缩比异常,已拒绝(可能是恶意构造的文件)")
        members[info.filename] = _read_limited(archive, info)
    return members


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as handle:
            content = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackageRejected(f"交换包内的文件“{info.filename}”已损坏") from None
    if len(content) != info.file_size:
        raise PackageRejected(f"交换包内的文件“{info.filename}”大小不符")
    return content


def check_manifest(members: dict[str, bytes]) -> dict:
    """The manifest lists every member with its SHA-256: nothing missing, extra or altered."""
    if "manifest.json" not in members:
        raise PackageRejected("交换包缺少清单(manifest)")
    try:
        manifest = json.loads(members["manifest.json"].decode("utf-8"))
        listed = manifest["members"]
    except (ValueError, KeyError, TypeError):
        raise PackageRejected("交换包清单已损坏") from None
    present = set(members) - {"manifest.json"}
    if set(listed) - present:
        raise PackageRejected(f"交换包缺少文件:{sorted(set(listed) - present)[0]}")
    if present - set(listed):
        raise PackageRejected(f"交换包内有清单以外的文件:{sorted(present - set(listed))[0]}")
    for name, digest in listed.items():
        if hashlib.sha256(members[name]).hexdigest() != digest:
            raise PackageRejected(f"交换包内的文件“{name}”校验值不符")
    return manifest
