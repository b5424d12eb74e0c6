"""The commands about the records: figures, the ledger, printing, 专审, the Excel roster and the
cadre system's 任免审批表 files."""
from __future__ import annotations

from models.app import printing
from models.app.forms import FORMS
from models.app.outcome import Outcome, UsageError
from models.dossier.checks import audit_files as audit
from models.errors import ArchiveError
from models.figures.statistics import year_stats
from models.io.cards import SUPERSEDED, apply_import, export_cards, plan_import
from models.io.roster import export_roster, import_roster
from models.matters import ledger as ledger_rows
from models.org.tables import Unit
from models.org.units import register_unit
from models.storage import settings
from models.storage.db import db
from models.storage.files import write_atomically
from models.values import clock

FORM_OPTIONS = ("age_at", "filled_by", "mode", "matter_type", "timing", "date_from", "date_to")


def stats(args) -> Outcome:
    year, result = args.year, year_stats(args.year)
    lines = [f"{year}年度集中报告:在任{result['serving']}人,已报{result['filed']}人(按期{result['on_time']}),"
             f"逾期报送{result['overdue']}人,未报{result['missing']}人(已过截止日{result['missing_overdue']}人),"
             f"覆盖率{result['coverage']:.1%}"]
    if not result["campaign"]:
        lines.append(f"尚未开启{year}年度集中报告")
    for row in result["townships"]:
        lines.append(f"  {row['township']}:在任{row['serving']},已报{row['filed']},未报{row['missing']},"
                     f"覆盖率{row['coverage']:.1%}")
    if result["missing_names"]:
        lines.append("未报:" + "、".join(result["missing_names"]))
    reports = result["reports"]
    lines.append(f"平时报告{reports['total']}份(按期{reports['on_time']},逾期{reports['overdue']})")
    return Outcome(result, "\n".join(lines))


def ledger(args) -> Outcome:
    """``ledger``: the rows of the 台账 exactly as the ledger page shows them (by report date)."""
    rows = ledger_rows.records(ledger_rows.period_filter(year=args.year, township=args.township))
    lines = [f"{r['report_date'] or '未报告'} {r['township']} {r['unit']} {r['secretary']} {r['type']} "
             f"{r['timing'] or ''} {'按期' if r['on_time'] else ('逾期' if r['on_time'] is False else '')} {r['status']}"
             for r in rows]
    period = f"{args.year}年度" if args.year else "全部"
    return Outcome({"rows": rows}, "\n".join([f"{period}报告登记台账:{len(rows)}份"] + lines))


def known_form(args) -> None:
    """``print``'s precondition: a form the program has (a usage error, before the archive opens)."""
    if args.kind not in FORMS:
        raise UsageError(f"没有“{args.kind}”这种表格,可打印:{' '.join(FORMS)}")


def print_forms(args) -> Outcome:
    """``print KIND``: one form for the selection, or a per-person form for every person of the
    archive or a township (one combined file, or ``--split`` into one file each)."""
    form = printing.form_of(args.kind)
    person = printing.find_secretary(args.secretary).id if args.secretary else None
    options = {name: getattr(args, name) for name in FORM_OPTIONS if getattr(args, name) is not None}
    selection = {"secretary_id": person, "report_id": args.report, "year": args.year, "township": args.township,
                 **options}
    failed: list[str] = []
    if args.split and not form.per_person:  # (the one PDF was written under the folder's name)
        raise ArchiveError(f"--split 只用于每人一份的表格(如人事档案、登记表),{form.title}不能按人分文件打印")
    if form.per_person and (args.all or (args.township and not person)):
        written = _print_people(args, options, failed)
    else:
        written = [write_atomically(args.out, printing.render_form(args.kind, **selection))]
    printing.log_print(args.actor, args.kind, selection, files=len(written))
    told = f"已生成{len(written)}个PDF文件 → {args.out}"
    if failed:  # the others were printed: who was not, and why
        told += f"\n{len(failed)}人未能打印:\n" + "\n".join(failed)
    return Outcome({"kind": args.kind, "files": [str(p) for p in written], "failed": failed}, told, not failed)


def _print_people(args, options: dict, failed: list[str]) -> list:
    people = printing.secretaries_of(args.township)
    if not people:
        raise ArchiveError("没有可打印的档案")
    if not args.split:
        return [write_atomically(args.out, printing.render_combined(args.kind, [p.id for p in people], failed=failed,
                                                                    **options))]
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [(p.id, args.out / printing.person_pdf_name(index, p.unit.name, p.name))
            for index, p in enumerate(people, start=1)]
    return printing.print_many(args.db, args.kind, jobs, options=options, failed=failed)


def audit_files(args) -> Outcome:
    """专审 across the archive: each file's open warnings and completeness, the worst first."""
    rows = audit()
    files = [{"secretary_id": r.secretary_id, "name": r.name, "unit": r.unit, "open_warnings": r.open_warnings,
              "accepted": r.accepted, "completeness": round(r.completeness, 3), "warnings": list(r.warnings)}
             for r in rows]
    flagged = sum(1 for r in rows if r.open_warnings)
    lines = [f"{r.name}({r.unit}):待核{r.open_warnings}项,完整度{r.completeness:.0%}" for r in rows[:20]]
    return Outcome({"files": files}, f"共{len(rows)}份档案,{flagged}份有待核问题\n" + "\n".join(lines))


def roster(args) -> Outcome:
    if args.action == "export":
        count = export_roster(args.actor, args.file)
        return Outcome({"file": str(args.file), "rows": count}, f"已导出花名册:{count}人 → {args.file}")
    result = import_roster(args.actor, args.file, dry_run=args.dry_run)
    summary = {"created": result.created, "updated": result.updated, "problems": result.problems}
    if result.problems:
        return Outcome(summary, "花名册有问题,未导入任何数据:" + ";".join(result.problems[:10]), False)
    verb = "检查通过(未写入)" if args.dry_run else "已导入"
    return Outcome(summary, f"花名册{verb}:新建{result.created}份,更新{result.updated}份")


def lrmx_import(args) -> Outcome:
    """任免审批表 files (.lrmx, .lrm + .pic, or folders of them) into the archive: previewed, then
    written in one transaction; a file with a problem stops the batch unless ``--skip-bad``."""
    plans = plan_import(args.paths, actor=args.actor)
    summary = {"files": [_planned_json(p) for p in plans]}
    new_files = any(p.action == "新建" for p in plans)
    if args.dry_run:
        counts = {action: sum(p.action == action for p in plans)
                  for action in ("新建", "更新", "无变化", SUPERSEDED, "有问题")}
        village = _village_problem(args.village) if new_files else ""
        return Outcome({**summary, "counts": counts, "village_problem": village},
                       "检查完成(未写入):" + ",".join(f"{k}{v}" for k, v in counts.items()) + (f";{village}" if village
                                                                                           else ""), not village)
    try:
        with db.atomic():  # a refused import leaves no village behind either
            unit_id = _village(args.actor, args.village) if new_files else None
            counts = apply_import(args.actor, plans, unit_id=unit_id, skip_bad=args.skip_bad,
                                  names_confirmed=args.accept_name_matches)
    except ArchiveError as error:
        hint = "(加 --accept-name-matches 确认)" if "姓名+出生年月" in str(error) else ""
        return Outcome(summary, f"{error}{hint}", False)
    return Outcome({**summary, **counts}, f"已导入任免审批表:新建{counts['created']}份,更新{counts['updated']}份")


def _planned_json(planned) -> dict:
    return {"file": planned.path.name, "action": planned.action, "matched_by": planned.matched_by,
            "superseded_by": planned.superseded_by,
            "problem": planned.problem, "name": planned.card.basic.get("name", "") if planned.card else "",
            "changes": [{"field": label, "old": old, "new": new} for label, old, new in planned.changes],
            "parts": planned.parts, "unparsed_resume": planned.card.unparsed if planned.card else []}


def _village_problem(name: str | None) -> str:
    """What the import of new files would say about ``--village``, told by the dry run."""
    if not name:
        return "新建档案需要用 --village 指定所在村(社区)"
    found = Unit.live().where(Unit.name == name.strip()).limit(2).count()
    if found == 1 or (not found and settings.get("mode") == "township" and settings.get("township_name")):
        return ""
    return f"{'找不到' if not found else '有多个'}村(社区)“{name}”"


def _village(actor, name: str | None) -> str:
    """The village new files go to; in a township archive a village not yet registered is added."""
    problem = _village_problem(name)
    if problem:
        raise ArchiveError(problem)
    found = Unit.live().where(Unit.name == name.strip()).first()
    if found is not None:
        return found.id
    return register_unit(actor, township_name=settings.get("township_name"), name=name,
                         kind="社区" if name.strip().endswith("社区") else "村").id


def lrmx_export(args) -> Outcome:
    if args.secretary:
        people = [printing.find_secretary(args.secretary)]
    elif args.township or args.all:
        people = printing.secretaries_of(args.township)
    else:
        raise ArchiveError("请用 --secretary、--township 或 --all 指定导出哪些档案")
    if not people:
        raise ArchiveError("没有符合条件的档案")
    written = export_cards(args.actor, [p.id for p in people], args.out,
                           age_at=args.age_at or clock.today(), filled_by=args.filled_by or "")
    return Outcome({"files": [str(p) for p in written]}, f"已导出任免审批表 {len(written)} 份到 {args.out}")
