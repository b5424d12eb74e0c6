"""Pinyin keys of names, so that typing ``zs`` finds 张三 in the register and a list sorted by name
follows the alphabet a reader looks it up in."""
from __future__ import annotations

# Surnames read otherwise than the same character in other words: pypinyin reads 曾 as in 曾经
# (céng), the surname is Zēng; so are 单 Shàn, 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā, 朴 Piáo…
# (《百家姓》 readings; where both exist, the more common one). A name's surname — its first
# two characters when they are a compound surname here, else its first — is read from this
# table, the rest by pypinyin. Surnames pypinyin already reads right are not listed.
SURNAME_READINGS = {
    "单于": "chan yu",
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge",
    "乐": "yue", "覃": "qin", "缪": "miao", "翟": "zhai", "召": "shao", "种": "chong", "秘": "bi", "繁": "po",
    "员": "yun", "句": "gou", "隗": "wei", "藏": "zang", "折": "she", "洗": "xian", "粘": "nian", "宓": "fu",
    "阚": "kan", "佴": "nai", "乜": "nie", "黑": "he", "能": "nai", "祭": "zhai", "郗": "xi", "蕃": "pi",
}


def _surname(name: str) -> tuple[list[str], str]:
    """(syllables of the surname when the table reads it, the rest of the name)."""
    for length in (2, 1):
        reading = SURNAME_READINGS.get(name[:length])
        if reading and len(name) > length:  # a one-character "name" is not a surname with a name
            return reading.split(), name[length:]
    return [], name


def name_keys(name: str | None) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower-case, without tones; characters without a
    reading (rare ones, Latin letters) are kept as they are."""
    if not name:
        return "", ""
    # imported on first use: pypinyin loads its phrase dictionary (~0.15 s), not needed at start-up
    from pypinyin import Style, lazy_pinyin

    surname, rest = _surname(name)
    initials = "".join([s[0] for s in surname] + lazy_pinyin(rest, style=Style.FIRST_LETTER, errors="default"))
    full = "".join(surname + lazy_pinyin(rest, style=Style.NORMAL, errors="default"))
    return initials.lower(), full.lower()
