"""The archive's file store: attachment bytes kept by SHA-256 in a folder beside the archive.

Files are copied in (never referenced by an outside path), written to a temporary name,
flushed and renamed, so a crash leaves either the whole file or none.

An archive on a PostgreSQL server keeps them in the database instead (table ``stored_file``):
every PC of the office sees them without a shared folder and its permissions, they commit and
roll back with the record that uses them, and the server's backup (pg_dump) holds them.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from models.storage.db import db, on_postgresql
from models.storage.files import write_atomically


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
