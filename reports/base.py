"""What every form shares: A4 pages, margins, the styles, "第 X 页 共 Y 页", the 密级 marking,
and the check that every character can be printed."""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, SimpleDocTemplate, TableStyle)

from models.errors import ArchiveError

from . import linebreak
from .fonts import HEI, SONG, markup, register_fonts, unprintable

linebreak.install()  # 避头尾 within the cell: no closing mark hung over a rule, no line ending in “(”


class UnprintableText(ArchiveError):
    """Text holds characters that no shipped font has; raised before anything is printed."""

    def __init__(self, characters: set[str]):
        self.characters = characters
        listed = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in sorted(characters))
        super().__init__(f"以下字符没有可用的字体，无法打印：{listed}。请改用常用字或联系技术支持。")


class NothingToPrint(ArchiveError):
    """The selection holds nothing to print: no PDF is written (never an empty one)."""


MARGIN = 18 * mm
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 12  # what a portrait page holds (its frame pads 6 pt above and below)


@dataclass(frozen=True)
class PageSetup:
    title: str
    classification: str = ""  # 密级, printed at the top left of every page
    landscape: bool = False
    draft: bool = False  # a report not handed in: WATERMARK across every page, never to be filed


WATERMARK = "草稿 — 未提交"


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # CJK word wrap: Chinese lines break between any two characters, not only at spaces
    body = ParagraphStyle("body", fontName=SONG, fontSize=10.5, leading=14, alignment=TA_LEFT, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontName=HEI, fontSize=18, leading=26, alignment=TA_CENTER,
                                spaceAfter=4 * mm, wordWrap="CJK"),
        "subtitle": ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER),
        "cover": ParagraphStyle("cover", parent=body, fontSize=15, leading=22, alignment=TA_CENTER),
        "body": body,
        "label": ParagraphStyle("label", parent=body, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5),
        "small_center": ParagraphStyle("small_center", parent=body, fontSize=9, leading=11.5, alignment=TA_CENTER),
        "small_label": ParagraphStyle("small_label", parent=body, fontSize=9, leading=11.5, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", parent=body, fontName=HEI, fontSize=11, leading=15),
        "part": ParagraphStyle("part", parent=body, fontName=HEI, fontSize=13, leading=18, alignment=TA_CENTER),
        "subclass": ParagraphStyle("subclass", parent=body, fontSize=10, leading=13, leftIndent=6 * mm),
        "hanging": ParagraphStyle("hanging", parent=body, leftIndent=36 * mm, firstLineIndent=-36 * mm),
        "draft": ParagraphStyle("draft", parent=body, fontName=HEI, fontSize=14, leading=20, alignment=TA_CENTER,
                                textColor=colors.HexColor("#b00000"), borderColor=colors.HexColor("#b00000"),
                                borderWidth=1, borderPadding=3, spaceAfter=4 * mm),
    }


def table_style(commands: list) -> TableStyle:
    """A table style whose cells default to the embedded Song font (ReportLab's default is an
    unembedded Helvetica, which would be listed in the PDF even for empty cells)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SONG)] + list(commands))


def _style_key(style: ParagraphStyle) -> tuple:
    """What of a style decides how a paragraph's lines break and are drawn (the forms' styles
    differ in nothing else)."""
    return (style.fontName, style.fontSize, style.leading, style.leftIndent, style.rightIndent,
            style.firstLineIndent, style.alignment, style.wordWrap, getattr(style, "autoLeading", ""),
            str(style.textColor))


_PARSED: dict[tuple, list] = {}  # (markup, style) → ReportLab's parsed fragments
_LINES: dict[tuple, tuple] = {}  # (markup, style, width) → the lines they break into, and their height


class _Paragraph(Paragraph):
    """A paragraph whose line breaking is remembered by text, style and width: a cell's text is
    measured when the form is laid out, again by the table for the row's height and again when
    the cell is drawn, and the forms' labels (姓名, 性别, …) recur in every file — breaking the
    lines was half a dossier's time. Drawing only reads the lines (a right-to-left script's
    would be reversed: none here); splitting at a page's foot changes them, so a paragraph split
    takes a copy first. The available height plays no part in breaking."""

    lines_key: tuple | None = None

    def wrap(self, available_width, available_height):
        key = (self.lines_key, available_width) if self.lines_key else None
        known = _LINES.get(key) if key else None
        if known is None:
            size = super().wrap(available_width, available_height)
            if key and size != _CANNOT_FIT:
                _forget_when_full(_LINES)
                _LINES[key] = (self.blPara, self.height)
            return size
        self.width = available_width
        self.blPara, self.height = known
        return self.width, self.height

    def split(self, available_width, available_height):
        # ReportLab adds a space to the last word of each line it keeps on the page (a paragraph
        # with a line break or a font change): on lines of this paragraph's own
        if getattr(self, "blPara", None) is not None:
            self.blPara = copy.deepcopy(self.blPara)
        return super().split(available_width, available_height)


_CANNOT_FIT = (0, 0x7FFFFFFF)  # ReportLab's answer for a width too small to hold anything


def _forget_when_full(cache: dict) -> None:
    if len(cache) > 50_000:
        cache.clear()


def para(text, style: ParagraphStyle) -> Paragraph:
    """A paragraph of ``text``. Every form repeats its labels (姓名, 性别, …) on every page of every
    file: the markup is parsed once per process (a sixth of a dossier's time), each paragraph
    getting its own copy of the fragments."""
    source = markup(text, style.fontName)
    key = (source, _style_key(style))
    if key not in _PARSED:
        _forget_when_full(_PARSED)
        _PARSED[key] = Paragraph(source, style).frags
    paragraph = _Paragraph(source, style, frags=[copy.copy(fragment) for fragment in _PARSED[key]])
    paragraph.lines_key = key
    return paragraph


FLOOR = 6.0  # the smallest size the forms shrink to (points): below it a row grows instead


def sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{size:.2f}", parent=style, fontSize=size,
                          leading=size * style.leading / style.fontSize)


def _overhang(paragraph: Paragraph) -> float:
    """How far a wrapped paragraph's lines reach past its width: ReportLab's CJK wrap lets a
    punctuation mark that cannot start a line (、,。) hang in the margin — in a cell, over the rule."""
    lines = getattr(paragraph.blPara, "lines", ())
    spare = [line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0) for line in lines]
    return max([0.0] + [-space for space in spare if space < 0])


def _within(text, style: ParagraphStyle, width: float) -> tuple[Paragraph, float]:
    """The paragraph wrapped so no line hangs past ``width`` (its right indent takes the overhang)."""
    paragraph = para(text, style)
    _, needed = paragraph.wrap(width, 10_000)
    for _ in range(3):
        overhang = _overhang(paragraph)
        if not overhang:
            break
        style = ParagraphStyle(f"{style.name}-in", parent=style, rightIndent=style.rightIndent + overhang)
        paragraph = para(text, style)
        _, needed = paragraph.wrap(width, 10_000)
    return paragraph, needed


def fitted(text, style: ParagraphStyle, width: float, height: float | None, *, floor: float = FLOOR):
    """A paragraph for a cell ``width`` × ``height`` (inside the padding): at the style's size
    when it fits, else shrunk step by step — as the official editor shrinks text — down to
    ``floor``. Returns (paragraph, fits); when it does not fit even at the floor, the caller lets
    the row grow (the text still never crosses the cell's sides: it wraps within them)."""
    if height is not None and len(text) > _most_characters(width, height, floor):
        return para(text, sized(style, floor)), False  # (hopeless: not wrapped, a long text's wraps are slow)
    tried: dict[float, tuple] = {}

    def at(size: float) -> tuple:
        if size not in tried:
            tried[size] = _within(text, sized(style, size) if size != style.fontSize else style, width)
        return tried[size]

    paragraph, needed = at(style.fontSize)
    if height is None or needed <= height or style.fontSize <= floor:
        return paragraph, height is None or needed <= height
    # the sizes in half points down to the floor; the largest that fits is found by halving (each
    # try wraps the whole text: a long one took a wrap for every half point)
    sizes = [style.fontSize - 0.5 * step for step in range(1, int((style.fontSize - floor) / 0.5) + 1)]
    if not sizes or sizes[-1] > floor:
        sizes.append(floor)
    low, high = 0, len(sizes) - 1
    while low < high:
        middle = (low + high) // 2
        if at(sizes[middle])[1] <= height:
            high = middle
        else:
            low = middle + 1
    paragraph, needed = at(sizes[low])
    return paragraph, needed <= height


def _most_characters(width: float, height: float, size: float) -> int:
    """More characters than a cell could ever hold at ``size``: lines of the narrowest glyphs
    (a quarter of the size wide) at a leading of the size itself."""
    return int(width / (size / 4) + 1) * int(height / size + 1)


def _numbered_canvas(setup: PageSetup):
    class NumberedCanvas(Canvas):
        """Pages are kept until the end so each can say how many there are in all — in its part,
        when the document is made of parts (``_PartStart`` sets ``part_title``): the part's
        first page is then listed in the PDF's outline."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = SONG  # else an unembedded Helvetica is listed
            super().__init__(*args, **kwargs)
            self._pages = []
            self.part = (0, "", True)  # (number, title, numbered) of the part being laid out

        def showPage(self):  # noqa: N802 (ReportLab override)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            totals: dict = {}
            for state in self._pages:
                totals[state["part"]] = totals.get(state["part"], 0) + 1
            number, previous = 0, None
            for state in self._pages:
                self.__dict__.update(state)
                number = 1 if state["part"] != previous else number + 1
                if number == 1 and self.part[1]:  # now that the page is written where it will stay
                    key = f"part-{self.part[0]}"
                    self.bookmarkPage(key)
                    self.addOutlineEntry(self.part[1], key, level=0)
                previous = state["part"]
                self._decorate(number, totals[state["part"]])
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = self._pagesize
            self.setFont(SONG, 9)
            if self.part[2]:  # every form's page, a one-page form's too (not a dossier's cover)
                self.drawCentredString(width / 2, 10 * mm, f"第 {number} 页 共 {total} 页")
            if setup.classification:
                self.setFont(HEI, 10.5)
                self.drawString(18 * mm, height - 12 * mm, setup.classification)
            if setup.draft:
                self._draft_mark(width, height)

        def _draft_mark(self, width: float, height: float) -> None:
            """Across the page, over what is printed, in a colour text stays readable through."""
            self.saveState()
            self.setFont(HEI, 60)
            self.setFillColorRGB(0.85, 0.2, 0.2, alpha=0.25)
            self.translate(width / 2, height / 2)
            self.rotate(55 if height > width else 25)
            self.drawCentredString(0, -20, WATERMARK)
            self.restoreState()

    return NumberedCanvas


@dataclass(frozen=True)
class Part:
    """One form of a document made of parts (the dossier): its pages numbered on their own, as the
    forms are filed separately in the paper file."""
    title: str
    flowables: list
    landscape: bool = False
    numbered: bool = True  # (a cover is not)


class _PartStart(Flowable):
    """Where a part begins: tells the canvas, takes no room."""

    def __init__(self, number: int, title: str, numbered: bool = True):
        super().__init__()
        self.part = (number, title, numbered)

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.part = self.part


def render_parts(parts: list[Part], setup: PageSetup, *, texts=()) -> bytes:
    """Several forms in one PDF (one layout, the fonts embedded once), each starting on a new page
    in its own orientation and numbered on its own; the outline lists them."""
    if any(not part.flowables for part in parts) or not parts:
        raise NothingToPrint(f"{setup.title}没有可打印的内容")
    story: list = []
    for number, part in enumerate(parts):
        if number:
            story += [NextPageTemplate(_orientation(part.landscape)), PageBreak()]
        story += [_PartStart(number, part.title, part.numbered), *part.flowables]
    first = _orientation(parts[0].landscape)
    templates = sorted((_page_template(landscaped) for landscaped in (False, True)), key=lambda t: t.id != first)
    return _build(story, setup, texts, lambda buffer: BaseDocTemplate(buffer, pageTemplates=templates,
                                                                     **_document_options(setup, A4)))


def _orientation(landscaped: bool) -> str:
    return "landscape" if landscaped else "portrait"


def _page_template(landscaped: bool) -> PageTemplate:
    width, height = landscape(A4) if landscaped else A4
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")
    return PageTemplate(id=_orientation(landscaped), frames=[frame], pagesize=(width, height))


def _document_options(setup: PageSetup, size) -> dict:
    return dict(pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                title=setup.title, author="", creator="村（社区）党组织书记档案")


def _build(story: list, setup: PageSetup, texts, document) -> bytes:
    missing = unprintable(texts)
    if missing:
        raise UnprintableText(missing)
    register_fonts()
    buffer = io.BytesIO()
    document(buffer).build(story, canvasmaker=_numbered_canvas(setup))
    return buffer.getvalue()


def render(flowables: list, setup: PageSetup, *, texts=()) -> bytes:
    """Lay out ``flowables`` on A4 pages and return the PDF; ``texts`` (every value printed) are
    checked first, so a character without a font stops the print with a clear message."""
    if not flowables:
        raise NothingToPrint(f"{setup.title}没有可打印的内容")
    size = landscape(A4) if setup.landscape else A4
    return _build(flowables, setup, texts, lambda buffer: SimpleDocTemplate(buffer, **_document_options(setup, size)))


def merge(pdfs: list[bytes], *, title: str = "") -> bytes:
    """Several PDFs as one, each keeping its own page numbers (a dossier's parts, a batch)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def flatten(value) -> list[str]:
    """Every string inside nested data, for the printability check."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in flatten(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in flatten(v)]
    return [value] if isinstance(value, str) else []
