"""The forms' own words in full-width punctuation (issue 31): a Chinese sentence or label printed
with the ASCII , : ; ( ) — "计算年龄时间:", "党委负责人签字(盖章)", "简历(续)" — reads as a
typing slip on an official form. What the archive holds (a matter type's name, a clerk's text)
prints as it was written."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted([*(ROOT / "reports").glob("*.py"), *(ROOT / "models" / "forms").glob("*.py"),
                ROOT / "models" / "matters" / "blocks.py"])
CHINESE = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
HALF_WIDTH = re.compile(f"[{CHINESE}][,:;()?!]|[,;()][{CHINESE}]")


def printed_literals(path: Path):
    """(line, text) of every string literal that is not a docstring."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    before = None
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING:
            docstring = before in (None, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT) \
                and tokens[index + 1].type == tokenize.NEWLINE
            if not docstring:
                yield token.start[0], token.string
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            before = token.type


def test_the_forms_own_words_use_full_width_punctuation():
    slips = [f"{path.relative_to(ROOT)}:{line} {text[:60]}" for path in FORMS
             for line, text in printed_literals(path) if HALF_WIDTH.search(text)]
    assert slips == []


def test_a_printed_form_says_its_labels_in_full_width(stress):
    from models.app.printing import render_form
    from tests.reports.test_forms import text_of

    text = "".join(text_of(render_form("report", report_id=stress["before"])).split())
    for label in ("党委负责人签字（盖章）：", "计算年龄时间：", "宴请标准（元/桌）", "此表一式二份，一份由本人留存"):
        assert label in text, label
