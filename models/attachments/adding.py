"""Adding a file to the archive: what it is (read from its content), its bytes kept once in the
file store, and its record, linked to its owner."""
from __future__ import annotations

import io

from models.attachments.tables import Attachment
from models.errors import ValidationError
from models.storage.file_store import put_bytes
from models.writing import services
from models.writing.actor import Actor

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff", "BMP": "image/bmp"}


def content_type(data: bytes, file_name: str) -> str:
    """What the file *is*, read from its content (a program renamed ``.png`` is not a scan):
    an image Pillow opens and verifies, or a PDF pypdf reads with at least one page."""
    if data.startswith(b"%PDF-"):
        try:
            from pypdf import PdfReader  # (read only when a file is added: not at every start)

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
