"""Printing through the one form registry: a form for a selection, and many files on both cores.

The only place that reads the 密级 marking (``marking``) and hands it to the renderer, so every
form, printed from the command line, a print button or a batch, carries it the same way.
"""
from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from models.app.forms import FORMS, Form
from models.archive.lifecycle import open_archive
from models.archive.tables import RECORD_TABLES
from models.errors import ArchiveError
from models.forms.people import read_files_of
from models.matters.tables import MatterReport, ReportKind
from models.org.tables import Township, Unit
from models.personnel.person import Secretary
from models.storage import memo, settings
from models.storage.files import write_atomically
from models.values.text import file_name_part
from models.writing import services
from models.writing.audit import AuditEntry
from reportlab.platypus.doctemplate import LayoutError
from reports.base import merge

OPTION_NAMES = {"secretary_id": "--secretary", "report_id": "--report", "year": "--year", "township": "--township",
                "package": "交换包", "age_at": "--age-at", "filled_by": "--filled-by", "mode": "--mode",
                "matter_type": "--matter-type", "timing": "--timing", "date_from": "--from", "date_to": "--to"}
RECORDED = ("age_at", "filled_by", "mode", "year", "township", "date_from", "date_to", "matter_type", "timing")

_worker: dict = {}


def marking() -> str:
    """The 密级 printed at the top of every page (设置 → 打印), empty when none is set."""
    return settings.get("classification") or ""


def form_of(kind: str) -> Form:
    if kind not in FORMS:
        raise ArchiveError(f"没有“{kind}”这种表格(可打印:{' '.join(FORMS)})")
    return FORMS[kind]


def render_form(kind: str, **selection) -> bytes:
    """The PDF of form ``kind`` for ``selection`` (secretary_id, report_id, year, township, package)."""
    kind, selection = _own_form(kind, selection)
    form = form_of(kind)
    missing = [OPTION_NAMES[name] for name in form.requires if selection.get(name) is None]
    if missing:
        raise ArchiveError(f"打印{form.title}须用 {'、'.join(missing)} 指定")
    data = form.data(**selection)
    try:
        return form.render(data, classification=marking())
    except LayoutError:  # a cell's text taller than a page: said, naming whose form and the part
        part = _longest_part(data)
        raise ArchiveError(f"{_whose(selection)}{form.title}" + (f"中“{part}”一栏" if part else "有一栏") +
                           "内容太长,排不进一页,未能打印;请缩短该栏" + ("" if part else "(如很长的工作单位或奖惩情况)")
                           + "后重试") from None


def _whose(selection: dict) -> str:
    report = MatterReport.get_or_none(MatterReport.id == selection.get("report_id") or "")
    person = Secretary.get_or_none(Secretary.id == (selection.get("secretary_id") or
                                                    (report.secretary_id if report is not None else "")))
    return f"{person.name}的" if person is not None else ""


def _longest_part(data) -> str | None:
    """The label of the longest text in a form's data (its keys are the records' field names):
    what made a cell taller than a page."""
    labels = {name: field.verbose_name for model in RECORD_TABLES for name, field in model._meta.fields.items()
              if field.verbose_name}
    longest = (0, None)

    def walk(value, key=None):
        nonlocal longest
        if isinstance(value, str) and key in labels and len(value) > longest[0]:
            longest = (len(value), key)
        elif isinstance(value, dict):
            for inner, item in value.items():
                walk(item, inner)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, key)

    walk(data)
    return labels.get(longest[1])


def _own_form(kind: str, selection: dict) -> tuple[str, dict]:
    """A 集中报告 asked for as a report prints on its own form, the 集中报告表 of its year (the
    个人重大事项报告表 has no place for its answers)."""
    if kind != "report" or not selection.get("report_id"):
        return kind, selection
    report = MatterReport.get_or_none(MatterReport.id == selection["report_id"])
    if report is None or report.kind != ReportKind.CENTRALISED or report.campaign_id is None:
        return kind, selection
    return "campaign", {"year": report.campaign.year, "secretary_id": report.secretary_id}


def log_print(actor, kind: str, selection: dict, *, files: int = 1) -> None:
    """The audit entry of a print: the form, whose, and the options that shaped it — the
    计算年龄时间 among them, so a reprint can show the same ages (``last_options``)."""
    form = form_of(kind)
    options = {name: str(selection[name]) for name in RECORDED if selection.get(name) not in (None, "")}
    subject = selection.get("secretary_id") or selection.get("report_id")
    count = f":{files}个文件" if files > 1 else ""
    ages = f"(计算年龄时间 {options['age_at']})" if "age_at" in options else ""
    services.record_event(actor, action="print", model=None, record_id=subject,
                          summary=f"打印{form.title}{ages}{count}", details={"form": kind, **options})


def last_options(kind: str, subject: str) -> dict:
    """The options of the last print of form ``kind`` for ``subject`` (a person or a report)."""
    entries = (AuditEntry.select(AuditEntry.changes).where((AuditEntry.action == "print") &
                                                          (AuditEntry.record_id == subject))
               .order_by(AuditEntry.seq.desc()))
    for entry in entries:
        details = json.loads(entry.changes or "{}")
        if isinstance(details, dict) and details.get("form") == kind:
            return details
    return {}


def person_pdf_name(index: int, unit: str, name: str) -> str:
    """The file of one person in a township's batch: 001-东王家村-张三.pdf, safe whatever the
    village and the name hold (both may arrive in a package)."""
    return f"{index:03d}-{file_name_part(unit)}-{file_name_part(name)}.pdf"


def suggested_pdf_name(kind: str, selection: dict) -> str:
    """What 另存为 offers: 张三-干部任免审批表.pdf, 2026年度-集中报告统计表.pdf, 青石镇-…; the form's
    title alone where nothing names the subject."""
    title = form_of(kind).title
    person = None
    if selection.get("secretary_id"):
        person = Secretary.get_or_none(Secretary.id == selection["secretary_id"])
    elif selection.get("report_id"):
        report = MatterReport.get_or_none(MatterReport.id == selection["report_id"])
        person = report.secretary if report is not None else None
    subject = (person.name if person is not None else
               selection.get("township") or (f"{selection['year']}年度" if selection.get("year") else ""))
    return f"{file_name_part(subject)}-{file_name_part(title)}.pdf" if subject else f"{file_name_part(title)}.pdf"


def find_secretary(key: str) -> Secretary:
    """A file by its UUID, its ID number or its (unique) name."""
    key = key.strip()
    found = list(Secretary.live().where((Secretary.id == key) | (Secretary.id_number == key.upper()) |
                                        (Secretary.name == key)).limit(2))
    if len(found) != 1:
        reason = "找不到" if not found else "有重名,请改用身份证号"
        raise ArchiveError(f"{reason}档案“{key}”")
    return found[0]


def secretaries_of(township: str | None = None) -> list[Secretary]:
    query = (Secretary.select(Secretary, Unit).join(Unit)  # the unit comes with each person: no query per name
             .where(Secretary.deleted_at.is_null())
             .order_by(Unit.sort_order, Unit.name, Secretary.name_pinyin, Secretary.id))
    if township:
        query = query.where(Unit.township.in_(Township.select(Township.id).where(Township.name == township)))
    return list(query)


def _start_worker(archive: str, kind: str, options: dict) -> None:
    open_archive(archive)
    _worker.update(kind=kind, options=options)


def _print_some(jobs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The files written of a handful, and a sentence for each person whose form could not be."""
    written, failed = [], []
    with memo.batch():  # the people's files read together, the code lists once
        read_files_of([secretary_id for secretary_id, _ in jobs])
        for secretary_id, target in jobs:
            try:
                write_atomically(Path(target), render_form(_worker["kind"], secretary_id=secretary_id,
                                                           **_worker["options"]))
            except ArchiveError as error:  # this person's form: the batch goes on
                failed.append(f"{Path(target).name}:{error}")
                continue
            written.append(target)
    return written, failed


def _handfuls(jobs: list, workers: int) -> list[list]:
    """The jobs in handfuls of at most six, at least four per worker (progress keeps moving); each
    worker's first handful is one person, so the first tick comes as soon as a worker has started
    (it came after a whole handful, over a second after the clerk pressed 打印)."""
    first, rest = jobs[:workers], jobs[workers:]
    size = max(1, min(6, len(rest) // (4 * workers)))
    return [[job] for job in first] + [rest[start:start + size] for start in range(0, len(rest), size)]


def print_many(archive: Path, kind: str, jobs: list[tuple[str, Path]], *, workers: int = 2, progress=None,
               cancelled=None, options: dict | None = None, failed: list[str] | None = None) -> list[Path]:
    """Render form ``kind`` for each (secretary id, target file) job, each worker with its own
    connection to the archive, a handful of people at a time (their files read together);
    ``progress(done, total)`` after each handful; ``cancelled()`` is asked between handfuls: the
    handfuls being written are finished (and returned with the rest written), no other begins. A
    person whose form cannot be printed is skipped, the others printed, and said in ``failed``."""
    handfuls = enumerate(_handfuls([(secretary_id, str(target)) for secretary_id, target in jobs], workers))
    written: dict[int, list[str]] = {}  # handful's number → the files it wrote
    # spawned, not forked: a fork of a process running Qt threads can die at random (and Windows spawns)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(str(archive), kind, options or {})) as pool:
        running: dict = {}  # one handful per worker at a time: a cancel stops after them, not after a queue

        def start_next() -> None:
            number, handful = next(handfuls, (None, None))
            if handful is not None:
                running[pool.submit(_print_some, handful)] = number

        for _ in range(workers):
            start_next()
        stopping, skipped = False, 0
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            stopping = stopping or bool(cancelled and cancelled())
            for future in finished:
                written[running.pop(future)], problems = future.result()
                skipped += len(problems)
                if failed is not None:
                    failed += problems
                if not stopping:
                    start_next()
            if progress:  # (a person not printed is done with too: the bar reaches its end)
                progress(sum(map(len, written.values())) + skipped, len(jobs))
    return [Path(target) for number in sorted(written) for target in written[number]]


def render_combined(kind: str, secretary_ids: list[str], *, progress=None, cancelled=None,
                    failed: list[str] | None = None, **options) -> bytes | None:
    """One PDF holding form ``kind`` of every person, one after the other (None when cancelled).
    With ``failed``, a person whose form cannot be printed is left out and named there
    (姓名:why), the others printed; when nobody can be, that is said."""
    pdfs, skipped = [], []
    for handful in _handfuls(secretary_ids, 1):
        with memo.batch():  # the people's files read together, the code lists once
            read_files_of(handful)
            for secretary_id in handful:
                if cancelled and cancelled():
                    return None
                try:
                    pdfs.append(render_form(kind, secretary_id=secretary_id, **options))
                except ArchiveError as error:
                    if failed is None:
                        raise
                    skipped.append(f"{Secretary.get_by_id(secretary_id).name}:{error}")
                if progress:  # (a person not printed is done with too: the bar reaches its end)
                    progress(len(pdfs) + len(skipped), len(secretary_ids))
    if failed is not None:
        failed += skipped
    if not pdfs:
        raise ArchiveError("没有能打印的档案:" + ";".join(skipped[:5]))
    return pdfs[0] if len(pdfs) == 1 else merge(pdfs, title=form_of(kind).title)
