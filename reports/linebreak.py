"""Chinese line breaking (避头尾) kept inside the cell.

ReportLab's CJK wrapping keeps a closing mark (、,。) ) off the start of a line by letting it hang
past the line's end — over the right rule of a cell, on a form — and lets an opening bracket end a
line ("操办婚嫁喜庆事宜(" on every wedding row of the 台账). Here the library's breaking runs as it
is, and a line that breaks either way is made again a little narrower, so that the character
before the closing mark, or the opening bracket, goes to the next line with it.
"""
from __future__ import annotations

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph

_library_split, _library_word_split = paragraph.cjkFragSplit, paragraph.wordSplit
# the library's sets, and the ASCII bracket the archive's text writes (its ")" is in the first)
CANNOT_START, CANNOT_END = ALL_CANNOT_START, ALL_CANNOT_END + "("
FUZZ = 1e-6
MOST_TRIES = 40  # each try mends one line, earliest first: a long cell has a few such lines
# Each try breaks the whole paragraph again: past this length (a 20,000-character 奖惩 the write
# path allows) the library's lines stand, and ``base._within`` keeps a hanging mark inside the cell
MEND_MOST = 2000


def split_within(frags, max_widths, calc_bounds, encoding="utf8"):
    """``cjkFragSplit`` (a paragraph of several runs) without hanging marks or lines ending in “(”."""
    def lines_of(broken):
        for line in broken.lines:
            words = [word for word in getattr(line, "words", ()) if getattr(word, "text", "")]
            text = "".join(word.text for word in words)
            # (its ``currentWidth`` counts a character it pushed back to the next line)
            yield (text, line.extraSpace, line.maxWidth - line.extraSpace, words[-1] if words else None,
                   bool(getattr(line, "lineBreak", False)))

    if sum(len(getattr(frag, "text", "")) for frag in frags) > MEND_MOST:
        return _library_split(frags, max_widths, calc_bounds, encoding)
    return _mended(lambda widths: _library_split(frags, widths, calc_bounds, encoding), max_widths, lines_of)


def word_split_within(word, max_widths, font_name, font_size, encoding="utf8"):
    """``wordSplit`` (a paragraph of one run, the forms' usual) likewise."""
    def lines_of(lines):
        for line_number, (extra, text) in enumerate(lines):
            width = widths_used[min(line_number, len(widths_used) - 1)]
            yield text, extra, width - extra, _Run(font_name, font_size), False

    if len(word) > MEND_MOST:
        return _library_word_split(word, max_widths, font_name, font_size, encoding)
    widths_used: list[float] = []

    def split(widths):
        widths_used[:] = widths
        return _library_word_split(word, widths, font_name, font_size, encoding)

    return _mended(split, max_widths, lines_of)


class _Run:
    def __init__(self, font_name: str, font_size: float):
        self.fontName, self.fontSize = font_name, font_size


def _mended(split, max_widths, lines_of):
    """Break the lines with ``split(widths)``, then again with the first misbroken line made just
    too narrow for what must move on, until none is. Only that line narrows: the lines after it
    keep their own width (the library gives lines past the list the list's last width)."""
    given = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    widths = list(given)
    broken = split(widths)
    for _ in range(MOST_TRIES):
        index, narrower = _first_misbroken(list(lines_of(broken)))
        if index is None:
            break
        widths += [given[-1]] * (index + 2 - len(widths))
        widths[index] = narrower
        broken = split(list(widths))
    return broken


def _first_misbroken(lines: list[tuple]) -> tuple[int | None, float | None]:
    """The first line that hangs a closing mark or ends with an opening bracket, and the width at
    which the library breaks it before the character that must move on: the bracket itself, or
    the character a closing mark follows (half way into that character, so the break falls there
    and not one earlier)."""
    for index, (text, extra, used, run, line_break) in enumerate(lines[:-1]):
        if line_break or run is None or len(text) < 3:
            continue  # (a line of one or two characters stays: the text must move on)
        hangs = extra < -FUZZ and text[-1] in CANNOT_START
        if not hangs and text[-1] not in CANNOT_END:
            continue
        moving = text[-2:] if hangs else text[-1:]  # what goes to the next line
        width = lambda chars: stringWidth(chars, run.fontName, run.fontSize)  # noqa: E731
        return index, used - width(moving) + width(moving[0]) / 2
    return None, None


def install() -> None:
    """Every CJK paragraph of the forms breaks its lines this way (ReportLab looks the functions
    up in its module at each wrap)."""
    paragraph.cjkFragSplit = split_within
    paragraph.wordSplit = word_split_within
