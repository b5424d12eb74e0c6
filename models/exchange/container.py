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

from models.attachments.adding import MAX_ATTACHMENT_BYTES
from models.exchange.crypto import PackageRejected

MAGIC = b"SAPKG\x01\r\n"
FORMAT_VERSION = 2  # 2: the audit history segment and the cipher suite; 1 still imports
RETURN_FORMAT = 3  # a return package (回执包), district → township (``exchange.returns``)
SIGNATURE_BYTES = 64
MAX_DATA = 64 * 1024 * 1024  # records and history, decompressed, together: they are parsed in memory
MAX_FILE = MAX_ATTACHMENT_BYTES  # one scan or photo, as the archive takes it
MAX_TOTAL = 2 * 1024 * 1024 * 1024
MAX_MEMBERS = 100_000
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
    view = memoryview(data)  # views, not copies: a township's package with its scans is large
    return header, bytes(view[:body_start - 8]), view[body_start:signed_end], bytes(view[signed_end:])


def build_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


class Contents:
    """The members of a package's zip: the data members read (their sizes checked before a byte
    is decompressed), the files (scans, photos) listed and read one at a time when applied."""

    def __init__(self, archive: zipfile.ZipFile, members: dict[str, bytes], files: dict[str, zipfile.ZipInfo]):
        self.archive, self.members, self.files = archive, members, files

    def file(self, name: str) -> bytes:
        return _read_limited(self.archive, self.files[name])


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every member at once (small packages: the return package, tests)."""
    contents = open_zip(data)
    return {**contents.members, **{name: contents.file(name) for name in contents.files}}


def open_zip(data: bytes) -> Contents:
    """The zip's members, after the checks that keep a hostile zip harmless: every size is read
    from the zip's directory and checked before anything is decompressed — the data members
    (records, history) together at most ``MAX_DATA`` (they are parsed in memory), each file at
    most ``MAX_FILE``, all at most ``MAX_TOTAL``, no member compressed beyond ``MAX_RATIO`` — and
    no member is decompressed past its declared size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise PackageRejected("交换包内容已损坏(无法解压)") from None
    _check_directory(infos)
    members = {info.filename: _read_limited(archive, info) for info in infos if not _is_file(info.filename)}
    return Contents(archive, members, {info.filename: info for info in infos if _is_file(info.filename)})


def _is_file(name: str) -> bool:
    return name.startswith("attachments/")


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):
        raise PackageRejected("交换包内有重复的文件")
    if len(names) > MAX_MEMBERS:
        raise PackageRejected(f"交换包内的文件超过{MAX_MEMBERS}个,已拒绝(可能是恶意构造的文件)")
    for info in infos:
        if not MEMBER_NAME.match(info.filename):
            raise PackageRejected(f"交换包内有不允许的路径“{info.filename[:60]}”")
    data = sum(info.file_size for info in infos if not _is_file(info.filename))
    files = [info.file_size for info in infos if _is_file(info.filename)]
    too_compressed = any(info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                         and info.file_size > 1024 * 1024 for info in infos)
    if data > MAX_DATA or max(files, default=0) > MAX_FILE or data + sum(files) > MAX_TOTAL or too_compressed:
        raise PackageRejected("交换包内的文件过大或压缩比异常,已拒绝(可能是恶意构造的文件);没有读取其中的内容")


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as handle:
            content = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackageRejected(f"交换包内的文件“{info.filename}”已损坏") from None
    if len(content) != info.file_size:
        raise PackageRejected(f"交换包内的文件“{info.filename}”大小不符")
    return content


def check_contents(contents: Contents) -> dict:
    """``check_manifest`` of a package's contents: each file (a scan is named by its SHA-256) read
    and checked one at a time, none kept."""
    manifest = check_manifest(contents.members, also_present=set(contents.files))
    for name in contents.files:
        digest = hashlib.sha256(contents.file(name)).hexdigest()
        if digest != manifest["members"][name] or digest != name.split("/")[1]:
            raise PackageRejected(f"交换包内的文件“{name}”校验值不符")
    return manifest


def check_manifest(members: dict[str, bytes], *, also_present: set[str] = frozenset()) -> dict:
    """The manifest lists every member with its SHA-256: nothing missing, extra or altered
    (``also_present``: members checked by the caller, see ``check_contents``)."""
    if "manifest.json" not in members:
        raise PackageRejected("交换包缺少清单(manifest)")
    try:
        manifest = json.loads(members["manifest.json"].decode("utf-8"))
        listed = manifest["members"]
    except (ValueError, KeyError, TypeError):
        raise PackageRejected("交换包清单已损坏") from None
    present = (set(members) | set(also_present)) - {"manifest.json"}
    if not isinstance(listed, dict) or set(listed) - present:
        raise PackageRejected(f"交换包缺少文件:{sorted(set(listed) - present)[0]}")
    if present - set(listed):
        raise PackageRejected(f"交换包内有清单以外的文件:{sorted(present - set(listed))[0]}")
    for name, digest in listed.items():
        if name in members and hashlib.sha256(members[name]).hexdigest() != digest:
            raise PackageRejected(f"交换包内的文件“{name}”校验值不符")
    return manifest
