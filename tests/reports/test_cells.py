"""The grid's cells: text shrinks to fit, a row grows when even the floor size cannot hold it, and
a cell kept on one line shrinks instead of wrapping — checked on the printed page."""
from reportlab.lib.units import mm

from reports.base import PageSetup, render
from reports.cells import Grid
from tests.support import pdf_layout

LONG = "新疆维吾尔自治区乌鲁木齐县某某乡某某村党总支书记、村委会主任、村集体经济股份经济合作社理事长" * 3


def _page(grid: Grid) -> pdf_layout.Page:
    return pdf_layout.pages(render([grid.table()], PageSetup("格子")))[0]


def _lines(page: pdf_layout.Page) -> int:
    """The lines of text above the page number (第 1 页 共 1 页, 10 mm from the foot)."""
    return len({round(g.y0) for g in page.glyphs if g.y0 > 15 * mm})


def test_text_too_long_for_a_fixed_row_grows_the_row_and_stays_inside():
    grid = Grid([30 * mm, 40 * mm])
    grid.row([grid.label("现任职务"), grid.value(LONG, left=True)], height=10 * mm)
    page = _page(grid)
    assert not pdf_layout.crossings(page) and not pdf_layout.overprints(page)
    assert "".join(g.text for g in page.glyphs).count("理事长") == 3  # all of it, none cut off
    assert grid.final_heights == [None]


def test_text_that_fits_when_shrunk_keeps_the_row_height():
    grid = Grid([30 * mm, 60 * mm])
    grid.row([grid.label("籍贯"), grid.value("新疆维吾尔自治区乌鲁木齐县托里乡")], height=10 * mm)
    page = _page(grid)
    assert grid.final_heights == [10 * mm] and not pdf_layout.crossings(page)


def test_a_one_line_cell_shrinks_rather_than_wraps():
    grid = Grid([22 * mm], small=True)
    grid.row([grid.value("650121********0013", one_line=True)])
    page = _page(grid)
    assert _lines(page) == 1 and not pdf_layout.crossings(page)
    wrapped = Grid([22 * mm], small=True)
    wrapped.row([wrapped.value("650121********0013")])
    assert _lines(_page(wrapped)) == 2  # without it, the ID number would break


def test_reportlab_runs_with_its_c_accelerators():
    """ReportLab 4 ships its accelerators separately (rl-accel): without them every string width
    and number is computed in Python (about 13% slower per dossier)."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "instanceStringWidthTTF", "sameFrag"} <= set(rl_accel._c_funcs)


def test_the_same_text_in_narrower_and_wider_cells_breaks_for_each():
    """The lines a text breaks into are remembered by width: one printed in a narrow cell, then
    in a wide one, then narrow again, breaks anew each time and stays inside every cell."""
    narrow, wide = Grid([25 * mm]), Grid([120 * mm])
    narrow.row([narrow.value(LONG[:40], left=True)])
    wide.row([wide.value(LONG[:40], left=True)])
    again = Grid([25 * mm])
    again.row([again.value(LONG[:40], left=True)])
    pages = [_page(grid) for grid in (narrow, wide, again)]
    lines = [_lines(page) for page in pages]
    assert lines[0] == lines[2] > 3 * lines[1] > 0
    assert not any(pdf_layout.crossings(page) for page in pages)
    assert all("".join(g.text for g in page.glyphs if g.y0 > 15 * mm) == LONG[:40] for page in pages)


def test_a_paragraph_split_at_a_pages_foot_leaves_the_same_text_elsewhere_as_it_was():
    """(The lines of a text are shared by every paragraph of it; ReportLab's split changes the
    lines it keeps on the page.)"""
    from reports.base import para, styles

    text = "\n".join(f"第{n}行:{LONG[:30]}" for n in range(6))  # line breaks: several fragments

    def words(paragraph) -> list[str]:
        return [word.text for line in paragraph.blPara.lines for word in line.words]

    first = para(text, styles()["body"])
    first.wrap(80 * mm, 1000)
    before = words(first)
    first.split(80 * mm, first.height / 2)  # half of it fits above the page's foot
    again = para(text, styles()["body"])
    again.wrap(80 * mm, 1000)
    assert words(again) == before and not any(word.endswith(" ") for word in before)


CLOSING, OPENING = "、,。;:)」』", "(「『"
RESUME_LINE = "青石镇东王家村党支部书记、村委会主任(兼)、村集体经济股份经济合作社理事长,东王家村(社区)党总支书记"


def _lines_text(page: pdf_layout.Page) -> list[str]:
    lines: dict[int, list] = {}
    for glyph in page.glyphs:
        if glyph.y0 > 15 * mm:  # (not the page number)
            lines.setdefault(round(glyph.y0), []).append(glyph)
    return ["".join(g.text for g in sorted(line, key=lambda g: g.x0)) for _, line in sorted(lines.items(), reverse=True)]


def test_no_line_starts_with_a_closing_mark_hangs_it_over_the_rule_or_ends_with_an_opening_bracket():
    """Wrapped 简历 lines hung “、” and “)” over the right rule; lines ended with “(”."""
    for width in range(30, 90, 3):
        grid = Grid([width * mm])
        grid.row([grid.value(RESUME_LINE, left=True)])
        page = _page(grid)
        assert not pdf_layout.crossings(page), (width, pdf_layout.crossings(page)[:3])
        lines = _lines_text(page)
        assert "".join(lines) == RESUME_LINE, width
        assert not any(line[0] in CLOSING for line in lines[1:]), (width, lines)
        assert not any(line[-1] in OPENING for line in lines[:-1]), (width, lines)


def test_a_mended_line_leaves_the_lines_after_it_their_full_width():
    """Narrowing one line narrowed every line after it (each then one character short)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.base import styles
    from reports.linebreak import word_split_within

    body = styles()["body"]
    text = "某某镇某某村党支部书记(兼)" + "某" * 60
    width = stringWidth("某某镇某某村党支部书记(", body.fontName, body.fontSize) + 1  # “(” ends line 1
    lines = word_split_within(text, [width], body.fontName, body.fontSize)
    assert lines[0][1] == "某某镇某某村党支部书记"  # the bracket alone moved on, nothing before it
    one = stringWidth("某", body.fontName, body.fontSize)
    assert all(extra < one for extra, _ in lines[1:-1])  # full lines after the mended one
    for mixed in ("第一行\n操办婚嫁喜庆事宜(含婚礼)" + "某" * 30,):  # several runs: the other breaking path
        grid = Grid([30 * mm])
        grid.row([grid.value(mixed, left=True)])
        lines = _lines_text(_page(grid))
        assert not any(line[-1] in OPENING for line in lines[:-1]), lines
