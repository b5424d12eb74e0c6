"""What a reader of a printed page sees: every character's box and every ruled line (pdfminer),
to find text that overprints other text or crosses a rule of its cell."""
from __future__ import annotations

import io
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

CORE_X, CORE_Y = 0.2, 0.25  # a glyph's ink lies well inside its box: these margins are trimmed off


@dataclass
class Glyph:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def core(self) -> tuple[float, float, float, float]:
        w, h = self.x1 - self.x0, self.y1 - self.y0
        return self.x0 + CORE_X * w, self.y0 + CORE_Y * h, self.x1 - CORE_X * w, self.y1 - CORE_Y * h


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]


def _walk(item, glyphs: list, rules: list) -> None:
    if isinstance(item, LTChar):
        if item.get_text().strip():
            glyphs.append(Glyph(item.get_text(), item.x0, item.y0, item.x1, item.y1))
        return
    if isinstance(item, (LTLine, LTRect, LTCurve)) and getattr(item, "stroke", True):
        if isinstance(item, LTRect):  # a stroked box is four rules
            x0, y0, x1, y1 = item.bbox
            rules += [Rule(x0, y0, x1, y0), Rule(x0, y1, x1, y1), Rule(x0, y0, x0, y1), Rule(x1, y0, x1, y1)]
        elif isinstance(item, LTLine):
            rules.append(Rule(*item.bbox))
        return
    for child in getattr(item, "_objs", ()):
        _walk(child, glyphs, rules)


def pages(pdf: bytes) -> list[Page]:
    out = []
    for number, layout in enumerate(extract_pages(io.BytesIO(pdf)), start=1):
        glyphs, rules = [], []
        _walk(layout, glyphs, rules)
        out.append(Page(number, layout.width, layout.height, glyphs, rules))
    return out


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overprints(page: Page) -> list[str]:
    """Pairs of characters whose ink overlaps."""
    found = []
    cores = sorted(((g.core(), g) for g in page.glyphs), key=lambda item: item[0][0])
    for index, (box, glyph) in enumerate(cores):
        for other_box, other in cores[index + 1:]:
            if other_box[0] >= box[2]:
                break
            if _overlap(box, other_box):
                found.append(f"p{page.number}: “{glyph.text}”({glyph.x0:.0f},{glyph.y0:.0f}) × “{other.text}”")
    return found


def crossings(page: Page) -> list[str]:
    """Characters a rule runs through: text that left its cell."""
    found = []
    for glyph in page.glyphs:
        x0, y0, x1, y1 = glyph.core()
        for rule in page.rules:
            vertical = abs(rule.x1 - rule.x0) < 0.5
            horizontal = abs(rule.y1 - rule.y0) < 0.5
            if vertical and x0 < rule.x0 < x1 and rule.y0 < y1 and y0 < rule.y1:
                found.append(f"p{page.number}: “{glyph.text}”({glyph.x0:.0f},{glyph.y0:.0f}) 竖线 x={rule.x0:.0f}")
            elif horizontal and y0 < rule.y0 < y1 and rule.x0 < x1 and x0 < rule.x1:
                found.append(f"p{page.number}: “{glyph.text}”({glyph.x0:.0f},{glyph.y0:.0f}) 横线 y={rule.y0:.0f}")
    return found


def outside(page: Page) -> list[str]:
    return [f"p{page.number}: “{g.text}”" for g in page.glyphs
            if g.x0 < 0 or g.y0 < 0 or g.x1 > page.width or g.y1 > page.height]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Each font the PDF uses → whether its outlines travel with it (a PC without it prints it)."""
    from pypdf import PdfReader

    result = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            result[str(font["/BaseFont"])] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    return result


def text(pdf: bytes) -> str:
    """All characters, in reading order per page, without white space."""
    return "".join(g.text for page in pages(pdf) for g in page.glyphs)
