"""The archive's file store: attachment bytes kept by SHA-256 in a folder beside the archive.

Files are copied in (never referenced by an outside path), written to a temporary name,
flushed and renamed, so a crash leaves either the whole file or none.

An archive on a PostgreSQL server keeps them in the database instead (table ``stored_file``):
every PC of the office sees them without a shared folder and its permissions, they commit and
roll back with the record that uses them, and the server's backup (pg_dump) holds them.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from models.errors import ValidationError
from models.storage.attachments import Attachment
from models.storage.db import db, on_postgresql
from models.storage.files import write_atomically
from models.writing import services
from models.writing.actor import Actor

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def store_folder() -> Path:
    return folder_of(Path(db.database))


def folder_of(archive: Path) -> Path:
    """The folder of an archive file's attachments: ``archive-files`` beside ``archive.sqlite``."""
    return archive.with_name(archive.stem + "-files")


def path_for(sha256: str) -> Path:
    return store_folder() / sha256[:2] / sha256


def put_bytes(data: bytes) -> str:
    """Store ``data`` (once, whatever how many records use it); returns its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    if on_postgresql():
        db.execute_sql("INSERT INTO stored_file (sha256, content) VALUES (%s, %s) ON CONFLICT (sha256) DO NOTHING",
                       (digest, data))
        return digest
    target = path_for(digest)
    if target.exists() and target.stat().st_size == len(data):
        return digest
    write_atomically(target, data)
    return digest


def read_bytes(sha256: str) -> bytes:
    if on_postgresql():
        row = db.execute_sql("SELECT content FROM stored_file WHERE sha256 = %s", (sha256,)).fetchone()
        if row is None:
            raise FileNotFoundError(sha256)
        return bytes(row[0])
    return path_for(sha256).read_bytes()


def file_problem(sha256: str, size: int) -> str | None:
    """Why a stored file cannot be trusted, or None when it is intact."""
    if on_postgresql():
        row = db.execute_sql("SELECT length(content), encode(sha256(content), 'hex') FROM stored_file "
                             "WHERE sha256 = %s", (sha256,)).fetchone()
        if row is None:
            return "文件缺失"
        return "文件大小不符" if row[0] != size else None if row[1] == sha256 else "文件内容被改动(SHA-256不符)"
    target = path_for(sha256)
    if not target.exists():
        return "文件缺失"
    if target.stat().st_size != size:
        return "文件大小不符"
    digest = hashlib.sha256()
    with open(target, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return None if digest.hexdigest() == sha256 else "文件内容被改动(SHA-256不符)"


IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff", "BMP": "image/bmp"}


def content_type(data: bytes, file_name: str) -> str:
    """What the file *is*, read from its content (a program renamed ``.png`` is not a scan):
    an image Pillow opens and verifies, or a PDF pypdf reads with at least one page."""
    if data.startswith(b"%PDF-"):
        try:
            from pypdf import PdfReader

            if len(PdfReader(io.BytesIO(data)).pages) > 0:
                return "application/pdf"
        except Exception:  # pypdf raises many kinds for a damaged file
            pass
        raise ValidationError.single("file_name", "附件", f"“{file_name}”是损坏的PDF文件,无法打开")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        kind = None
    if kind not in IMAGE_TYPES:
        raise ValidationError.single("file_name", "附件", f"“{file_name}”不是图片(JPG/PNG/TIFF/BMP)或PDF文件(按文件内容判断)")
    return IMAGE_TYPES[kind]


def attach(actor: Actor, *, data: bytes, file_name: str, purpose: str = "scan", secretary=None,
           material=None, report=None, note: str | None = None, mime: str | None = None) -> Attachment:
    """Copy a file into the archive and register it, linked to its owner. ``mime``: a file the
    caller has already read as what it is (an imported 任免审批表), not sniffed as a scan."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError.single("file_name", "附件", f"“{file_name}”超过{MAX_ATTACHMENT_BYTES >> 20}MB")
    mime = mime or content_type(data, file_name)
    digest = put_bytes(data)
    values = {"file_name": file_name, "mime_type": mime, "size": len(data), "sha256": digest,
              "purpose": purpose, "secretary": secretary, "material": material, "report": report,
              "note": note}
    return services.create(actor, Attachment, {k: v for k, v in values.items() if v is not None}).record
