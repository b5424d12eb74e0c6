"""ID photos: cropped to the 证件照 ratio (width:height = 5:7, as 一寸/二寸 photos) and stored."""
from __future__ import annotations

import io

from models.attachments.tables import Attachment
from models.errors import ValidationError

RATIO = 5 / 7
MAX_SIZE = (413, 579)  # 二寸 at 300 dpi: sharp on the printed form, small in the archive


def crop_to_id_photo(data: bytes) -> bytes:
    """Centre-crop any image to 5:7, shrink to at most 413×579 and return it as JPEG."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError.single("photo", "照片", "无法识别该图片文件,请选择JPG或PNG格式的照片") from None
    width, height = image.size
    if width < 60 or height < 80:
        raise ValidationError.single("photo", "照片", f"图片太小({width}×{height}像素),请换一张清晰的照片")
    if width / height > RATIO:
        new_width = round(height * RATIO)
        left = (width - new_width) // 2
        image = image.crop((left, 0, left + new_width, height))
    else:
        new_height = round(width / RATIO)
        top = max(0, (height - new_height) // 3)  # keep the head: crop more below than above
        image = image.crop((0, top, width, top + new_height))
    image.thumbnail(MAX_SIZE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def current_photo(secretary_id: str):
    """The person's live photo attachment, or None."""
    return (Attachment.live().where((Attachment.secretary == secretary_id) & (Attachment.purpose == "photo"))
            .order_by(Attachment.created_at.desc()).first())
