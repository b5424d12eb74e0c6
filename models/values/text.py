"""Validation of free text, personal names and phone numbers."""
from __future__ import annotations

import re
import unicodedata

from models.errors import ValidationError

NAME_MAX = 30
# Letters of any script (rare CJK outside the BMP included), the middle dot of minority names,
# and the few marks some names carry.
_NAME_EXTRA = set("·•・.-'() （）")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")


def has_control(text: str) -> bool:
    """Control or format characters (but not line breaks/tabs, handled by the caller)."""
    if text.isprintable():  # the usual case, decided in C: no character of those categories
        return False
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


def clean_text(raw, *, field: str, label: str, max_length: int = 2000, multiline: bool = False) -> str | None:
    """Trim; refuse control characters; ``None`` when empty."""
    if raw is None:
        return None
    text = str(raw).replace("\r\n", "\n").strip()
    if not text:
        return None
    probe = text.replace("\n", "").replace("\t", "") if multiline else text
    if has_control(probe) or (not multiline and ("\n" in text or "\t" in text)):
        raise ValidationError.single(field, label, "含有不可见的控制字符,请重新输入")
    if len(text) > max_length:
        raise ValidationError.single(field, label, f"不能超过{max_length}个字(现为{len(text)}个)")
    return text


def clean_name(raw, *, field: str = "name", label: str = "姓名", required: bool = True) -> str | None:
    """A person's name: kept exactly as typed (rare characters intact), only trimmed."""
    text = clean_text(raw, field=field, label=label, max_length=NAME_MAX)
    if text is None:
        if required:
            raise ValidationError.single(field, label, "不能为空")
        return None
    text = unicodedata.normalize("NFC", text)
    for ch in text:
        if not (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc") or ch in _NAME_EXTRA):
            raise ValidationError.single(field, label, f"含有姓名中不应出现的字符“{ch}”")
    return text


def clean_phone(raw, *, field: str = "phone", label: str = "联系电话") -> str | None:
    """Mobile (11 digits) or landline with area code; several separated by ``、`` or ``,``."""
    text = clean_text(raw, field=field, label=label, max_length=60)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    numbers = [re.sub(r"\s+", "", n) for n in re.split(r"[、,;/]+", text) if n.strip()]
    for number in numbers:
        plain = number
        if plain.startswith("+86"):
            plain = plain[3:]
        if not (_MOBILE.match(plain) or _LANDLINE.match(plain)):
            raise ValidationError.single(
                field, label, f"“{number}”不是有效的电话号码(手机11位,座机请带区号,如0532-87654321)"
            )
    return "、".join(numbers)


# What Windows refuses in a file name, or reads as a path; names it keeps for devices
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def file_name_part(text, *, limit: int = 40, empty: str = "未命名") -> str:
    """Text from the archive (a name, a village) made safe as part of a file name on Windows and
    Linux: no separators or reserved characters, no ``..``, no leading or trailing dots and
    spaces, not a device name, at most ``limit`` characters — a village named ``x/../../a`` (a
    package can bring one) writes nothing outside the chosen folder."""
    cleaned = _NOT_IN_FILE_NAMES.sub("_", unicodedata.normalize("NFC", str(text or "")))
    cleaned = re.sub(r"\.{2,}", "_", cleaned).strip(" .")[:limit].strip(" .")
    if not cleaned:
        return empty
    return f"_{cleaned}" if _RESERVED.match(cleaned) else cleaned


# （其间：…学习） in a resume line: what was done beside the post (study, a posting) — never the post
_MEANWHILE_OPENS = re.compile(r"[（(]\s*其间\s*[：:]")


def split_meanwhile(text: str) -> tuple[str, str]:
    """``东王家村务农（其间：在中央党校（函授）学习）`` → (``东王家村务农``, ``（其间：…学习）``): the post's
    own text, and everything from the first （其间 on as written (brackets nested in it, a second
    其间, words after it), so the two joined again are the line."""
    opening = _MEANWHILE_OPENS.search(text or "")
    if opening is None or opening.start() == 0:
        return (text or "").strip(), ""
    return text[:opening.start()].rstrip(), text[opening.start():].strip()
