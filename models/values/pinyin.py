"""Pinyin keys of names, so that typing ``zs`` finds 张三 in the register."""
from __future__ import annotations


def name_keys(name: str | None) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower-case, without tones; characters without a
    reading (rare ones, Latin letters) are kept as they are."""
    if not name:
        return "", ""
    # imported on first use: pypinyin loads its phrase dictionary (~0.15 s), not needed at start-up
    from pypinyin import Style, lazy_pinyin

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"))
    full = "".join(lazy_pinyin(name, style=Style.NORMAL, errors="default"))
    return initials.lower(), full.lower()
