"""The interface's own words in full-width punctuation (issue 31), as the printed forms' are
(tests/reports/test_punctuation.py): "档案:{path}", "村(社区)", "是否继续?" read as typing slips in a
Chinese sentence. Checked over the catalogue lupdate keeps of every string the interface says
(its being in step with ui/ is tested in test_shell). Left as they are: a menu's accelerator
"(&F)", a file filter "(*.key)", a placeholder "{n:,}", 10:30 and 1,000, an address "C:\\…"."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.reports.test_punctuation import HALF_WIDTH, printed_literals

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "i18n" / "app_en.ts"
KEPT = re.compile(r"\{[^{}]*\}|\(&\w\)|\(\*[^()]*\)|\d[,:]\d|[A-Za-z]:[\\/]")


def interface_strings() -> list[str]:
    return [source.text or "" for source in ET.parse(CATALOGUE).iter("source")]


def test_the_interfaces_own_words_use_full_width_punctuation():
    slips = [text for text in interface_strings() if HALF_WIDTH.search(KEPT.sub("·", text))]
    assert len(interface_strings()) > 500 and slips == []


def test_the_interfaces_other_words_too():
    """What it says without a translation: a window title before Qt runs, a column's header, a hint."""
    slips = [f"{path.relative_to(ROOT)}:{line} {text[:60]}" for path in sorted((ROOT / "ui").rglob("*.py"))
             for line, text in printed_literals(path) if HALF_WIDTH.search(KEPT.sub("·", text))]
    assert slips == []


def test_menus_keep_their_accelerators_and_dialogs_their_file_filters():
    """(Qt reads these: a full-width bracket would show "(&F)" as text and break the filter.)"""
    texts = interface_strings()
    assert "档案(&F)" in texts and "公钥 (*.key)" in texts
