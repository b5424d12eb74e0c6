"""Printing: the median dossier of the demo against bare ReportLab writing the same number of
pages of Chinese tables in the same embedded font, alternately; and all 209 dossiers from the
command line (two processes) against the same bare ReportLab pages for 209 documents."""
import io
import statistics
import subprocess
import sys

from pypdf import PdfReader

from models.app import printing
from models.forms.dossier import dossier_data
from models.personnel.person import Secretary
from models.archive.lifecycle import close_archive, open_archive
from models.app.forms import FORMS

from .conftest import ROOT, main_py, paired, report, report_pair, timed

BARE = """
import io, sys
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table
from reports.fonts import SONG, register_fonts

def document(pages):
    register_fonts()
    rows = [[f"项目{i}", "中国共产党胶州市青石镇委员会", "2021.03", "村党支部书记、村委会主任"] for i in range(34)]  # (one page each: 38 spilled onto a second)
    story = []
    for _ in range(pages):
        story += [Table(rows, style=[("FONT", (0, 0), (-1, -1), SONG, 10.5),
                                     ("GRID", (0, 0), (-1, -1), 0.5, "black")]), PageBreak()]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story[:-1])
    return out.getvalue()
"""


def bare_pages(pages: int) -> bytes:
    namespace: dict = {}
    exec(BARE, namespace)  # noqa: S102 (the reference, kept as text so the batch run can use it too)
    return namespace["document"](pages)


def dossier(person_id: str) -> bytes:
    return FORMS["dossier"].render(dossier_data(secretary_id=person_id), classification=printing.marking())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_median_dossier_against_bare_reportlab(demo_archive):
    open_archive(demo_archive)
    try:
        counted = sorted((pages_of(dossier(person.id)), person.id) for person in Secretary.live())
        pages, median_person = counted[len(counted) // 2]
        assert pages_of(bare_pages(pages)) == pages  # the same pages (and both warm: fonts loaded, caches filled)
        pair = paired(lambda: timed(lambda: dossier(median_person)), lambda: timed(lambda: bare_pages(pages)),
                      rounds=9)
        report_pair(f"median dossier ({pages} pages, data read and PDF written; pages per dossier: "
                    f"{counted[0][0]}–{counted[-1][0]}, median {statistics.median(p for p, _ in counted)})",
                    f"bare ReportLab, {pages} pages of Chinese tables", pair, unit="ms", target=150)
    finally:
        close_archive()


def test_all_209_dossiers_from_the_command_line(demo_archive, tmp_path):
    open_archive(demo_archive)
    pages = sum(pages_of(dossier(person.id)) for person in Secretary.live())
    close_archive()
    per_document = round(pages / 209)
    reference = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + BARE
                 + f"\nfor _ in range(209): document({per_document})")

    def ours() -> float:
        return timed(lambda: main_py("print", "dossier", "--all", "--split", "--out", str(tmp_path / "out"),
                                     "--db", str(demo_archive)))

    def bare() -> float:
        return timed(lambda: subprocess.run([sys.executable, "-c", reference], check=True, capture_output=True))

    pair = paired(ours, bare, rounds=3)
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 209
    report_pair(f"209 dossiers, print --all --split (two processes, {pages} pages)",
                f"bare ReportLab, 209 documents of {per_document} pages in one process", pair, target=15)


def test_window_while_a_township_is_batch_printed(demo_archive, qapp, qtbot, tmp_path):
    """The longest freeze of the event loop while 批量打印 writes one township's dossiers."""
    from models.writing.actor import SYSTEM
    from ui.printing.actions import BatchPrintDialog

    from .heartbeat import Heartbeat

    open_archive(demo_archive)
    try:
        dialog = BatchPrintDialog(SYSTEM)
        dialog.show()
        with Heartbeat() as beat:
            operation = dialog.start(tmp_path / "batch")
            with qtbot.waitSignal(operation.finished, timeout=600_000):
                pass
        files = len(dialog.written)
        dialog.close()
    finally:
        close_archive()
    report(f"longest GUI gap while batch printing one township ({files} dossiers)", beat.longest_ms, "ms",
           target=100)
