"""One archive, a file and the same archive moved onto a server: every form prints the same text
and the commands a district reads (stats, ledger, 专审) answer the same. A server returns rows
that tie in an ORDER BY, and rows it groups, in any order, and gives numbers back as decimals."""
import json

import pytest

from models.app.printing import render_form
from models.archive.lifecycle import close_archive, open_archive
from models.archive.migrate import migrate
from models.matters.deadlines import current_campaign_year
from models.matters.tables import MatterReport
from models.personnel.person import Secretary
from models.personnel.transfers import Transfer
from tests.conftest import SERVER, TODAY
from tests.support.pdf_layout import pages
from tests.test_cli import run

pytestmark = [pytest.mark.postgresql,
              pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: SECRETARY_ARCHIVE_TEST_SERVER is not set")]

YEAR = current_campaign_year(TODAY)
PEOPLE = 8  # files printed on both: every form of each (a whole demo would take minutes)


@pytest.fixture(scope="module")
def file_and_server(tmp_path_factory):
    from tests.support.server import scratch_database

    file = tmp_path_factory.mktemp("same") / "district.sqlite"
    made = run("demo", "--db", file, "--json")
    assert made.returncode == 0, made.stderr
    _add_ties(file)
    with scratch_database(SERVER) as url:
        assert migrate(file, url).faults == []
        yield file, url


def _add_ties(file) -> None:
    """What the demo lacks and a server orders its own way unless told: a draft report (no
    report date) and two reports of one day in the first file, three 查阅 of one day."""
    import datetime as dt

    from models.matters.tables import MatterType
    from models.matters.workflow import save_report
    from models.personnel.registers import AccessLog
    from models.writing import services
    from models.writing.actor import SYSTEM

    open_archive(file)
    try:
        admin = SYSTEM  # the demo has no users yet
        first = Secretary.live().order_by(Secretary.id).first().id
        party = MatterType.get(MatterType.code == "02").id
        for day in (None, dt.date(YEAR, 3, 2), dt.date(YEAR, 3, 2)):
            save_report(admin, report_id=None, data={
                "secretary": first, "kind": "平时报告", "matter_type": party, "timing": "事前", "place": "本村",
                "matter_date": (day or TODAY) + dt.timedelta(days=10), "report_date": day})
        for reader in ("赵一", "钱二", "孙三"):
            services.create(admin, AccessLog, {"secretary": first, "date": dt.date(YEAR, 3, 2), "reader": reader,
                                               "purpose": "干部考察"})
    finally:
        close_archive()


@pytest.mark.parametrize("command", [("stats", "--year", str(YEAR)), ("stats", "--year", str(YEAR - 1)),
                                     ("ledger", "--year", str(YEAR)), ("ledger", "--year", str(YEAR - 1)),
                                     ("audit-files",)])
def test_the_districts_commands_answer_the_same_from_a_file_and_a_server(file_and_server, command):
    answers = []
    for archive in file_and_server:
        result = run("--db", archive, "--json", *command)
        assert result.returncode == 0, result.stderr
        answers.append(result.stdout)
    assert json.loads(answers[0]) and answers[0] == answers[1]  # the text: the order of keys and rows too


def _ink(pdf: bytes) -> list[list[tuple]]:
    """Each page's characters where they stand, top to bottom and left to right (pdfminer's own
    reading order of a table's boxes varies from one reading to the next)."""
    return [sorted((-round(g.y0, 1), round(g.x0, 1), g.text) for g in page.glyphs) for page in pages(pdf)]


def _printed(archive, kinds_and_selections) -> list[list[list[tuple]]]:
    open_archive(archive)
    try:
        return [_ink(render_form(kind, **selection)) for kind, selection in kinds_and_selections]
    finally:
        close_archive()


def _selections(archive) -> list[tuple[str, dict]]:
    """Every form: each per-person one for a spread of files (those with the most reports among
    them), each report form of theirs, and the year's forms."""
    open_archive(archive)
    try:
        people = [p.id for p in Secretary.live().order_by(Secretary.id)]
        chosen = people[::max(1, len(people) // PEOPLE)][:PEOPLE]
        reports = [r.id for r in MatterReport.live().where(MatterReport.secretary.in_(chosen)).order_by(MatterReport.id)]
        moved = [t.secretary_id for t in Transfer.live().order_by(Transfer.id).limit(3)]  # few files have a transfer
    finally:
        close_archive()
    options = {"age_at": TODAY}
    per_person = [(kind, {"secretary_id": person, **options}) for person in chosen
                  for kind in ("dossier", "registration", "catalogue", "register")]
    return [*per_person, ("register", {}), *[("transfer", {"secretary_id": person}) for person in moved], *[("report", {"report_id": report, **options}) for report in reports],
            ("campaign", {"year": YEAR}), *[(kind, {"year": year}) for kind in ("ledger", "stats") for year in (YEAR, YEAR - 1)],
            ("blank-campaign", {"year": YEAR}), ("blank-report", {"matter_type": "02"})]


def test_every_form_prints_the_same_text_from_a_file_and_a_server(file_and_server):
    file, server = file_and_server
    selections = _selections(file)
    assert sum(kind == "report" for kind, _ in selections) >= PEOPLE  # the demo's files have reports …
    assert any(kind == "transfer" for kind, _ in selections)  # … and some were transferred
    for (kind, selection), in_file, on_server in zip(selections, _printed(file, selections),
                                                      _printed(server, selections)):
        assert len(in_file) == len(on_server), f"{kind} {selection}: pages"
        for number, (page_in_file, page_on_server) in enumerate(zip(in_file, on_server), start=1):
            assert page_in_file == page_on_server, f"{kind} {selection}: page {number}"
