"""The shipped TrueType CJK fonts, embedded as subsets, with per-character fallback.

Song style (AR PL UMing) for the body of forms, Hei style (WenQuanYi Zen Hei) for titles, and
HanaMin B for the rare characters of CJK Extension B that names sometimes carry. A character
that no shipped font has is reported before printing (``unprintable``), never dropped.
"""
from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "fonts"
SONG, HEI, RARE = "Song", "Hei", "Rare"
FILES = {SONG: ("uming.ttc", 0), HEI: ("wqy-zenhei.ttc", 0), RARE: ("HanaMinB.ttf", None)}
FALLBACK = {SONG: (SONG, HEI, RARE), HEI: (HEI, SONG, RARE)}
ALWAYS_PRINTABLE = set("\n\t \u3000\xa0")


def _to_unicode_cmap(fontname: str, subset) -> str:
    """ReportLab's ToUnicode map writes code points as 4 hex digits, which breaks copying and
    searching characters outside the BMP (𠇔); this writes them as UTF-16 surrogate pairs."""
    def utf16(code: int) -> str:
        return "".join(f"{unit:04X}" for unit in _utf16_units(code))

    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
             f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
             "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset)]
    lines += ["<%02X> <%s>" % (i, utf16(v)) for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _utf16_units(code: int) -> tuple[int, ...]:
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


@cache
def register_fonts() -> dict[str, TTFont]:
    """Load the fonts once per process (about 0.2 s)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    fonts = {}
    for name, (file_name, index) in FILES.items():
        extra = {"subfontIndex": index} if index is not None else {}
        fonts[name] = TTFont(name, str(FOLDER / file_name), **extra)
        pdfmetrics.registerFont(fonts[name])
    return fonts


def font_for(char: str, base: str) -> str | None:
    """The first font of ``base``'s fallback chain that has ``char``."""
    fonts = register_fonts()
    code = ord(char)
    for name in FALLBACK[base]:
        if code in fonts[name].face.charToGlyph:
            return name
    return None


def unprintable(texts) -> set[str]:
    """The characters of ``texts`` that no shipped font can print."""
    missing = set()
    for text in texts:
        for char in str(text or ""):
            if char not in ALWAYS_PRINTABLE and font_for(char, SONG) is None:
                missing.add(char)
    return missing


def runs(text: str, base: str = SONG) -> list[tuple[str, str]]:
    """``text`` (one line) as (font, characters) runs: the base font where it has the characters,
    the fallback that has them elsewhere (a chart label is drawn run by run)."""
    out: list[tuple[str, str]] = []
    for char in text:
        font = base if char in ALWAYS_PRINTABLE else (font_for(char, base) or base)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text, base: str = SONG) -> str:
    """Paragraph markup of ``text``: escaped, line breaks kept, and every run of characters the
    base font lacks switched to the fallback font that has them. An ideographic space (room to
    sign or date) becomes two no-break spaces, which a paragraph does not collapse."""
    return _markup(str(text if text is not None else ""), base)


@lru_cache(maxsize=50_000)
def _markup(text: str, base: str) -> str:
    # every form repeats its labels on every page of every file: looking each character up in
    # the fonts' tables again was a tenth of a dossier's time
    lines = text.replace("\u3000", "\xa0\xa0").split("\n")
    return "<br/>".join("".join(escape(chunk) if font == base else f'<font name="{font}">{escape(chunk)}</font>'
                                for font, chunk in runs(line, base)) for line in lines)
