"""The headless sub-commands (SPEC §8): each returns a result dict and a human summary.

``main.py`` parses arguments and prints; these functions do the work and raise ArchiveError
subclasses for anything the user should be told.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from models.accounts.users import check_password_strength
from models.demo.builder import build_demo
from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.storage import settings
from models.archive.lifecycle import archive_exists, close_archive, create_archive, open_archive
from models.archive.check import run_check
from models.storage.files import write_atomically
from models.values import clock
from models.writing.actor import command_line_actor


def read_password_file(path: str | Path, *, new_account: bool = True) -> str:
    """The first line of the file (saved by Notepad as UTF-8 with or without BOM, or as GBK); for
    a new account it must also be a strong enough password."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ArchiveError(f"无法读取密码文件“{path}”:{error.strerror}") from None
    for encoding in ("utf-8-sig", "gbk"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ArchiveError(f"密码文件“{path}”的编码无法识别,请用记事本另存为UTF-8后重试")
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if new_account:
        check_password_strength(password)
    return password


def init(db: Path, *, mode: str, township: str, admin_password_file: str | None) -> tuple[dict, str]:
    password = read_password_file(admin_password_file) if admin_password_file else None
    create_archive(db, mode=mode, township_name=township, admin_password=password)
    try:
        result = {"db": str(db), "mode": mode, "township": township,
                  "installation_id": settings.installation_id(), "admin_created": password is not None}
    finally:
        close_archive()
    admin = "已创建管理员 admin" if password else "首次打开时创建管理员"
    return result, f"已创建{settings.MODE_NAMES[mode]}档案:{db}({admin})"


def demo(db: Path, *, secretaries: int, seed: int) -> tuple[dict, str]:
    if secretaries < 1 or secretaries > 20000:
        raise ArchiveError("--secretaries 应在1到20000之间")
    if archive_exists(db):
        open_archive(db)
        if Secretary.select().exists():
            close_archive()
            raise ArchiveError(f"档案“{db}”中已有人事档案,演示数据只能填入空档案")
    else:
        create_archive(db, mode="district", township_name="")
    try:
        summary = build_demo(command_line_actor(), secretaries=secretaries, seed=seed)
    finally:
        close_archive()
    result = {"db": str(db), **vars(summary)}
    text = (f"演示档案已生成:{summary.townships}个乡镇、{summary.units}个村(社区)、"
            f"{summary.secretaries}名书记、{summary.reports}份报告({summary.campaign_year}年度集中报告"
            f"已报{summary.campaign_filed}份)→ {db}")
    return result, text


def check(db: Path, *, password_file: str | None = None) -> tuple[dict, str, bool]:
    from models.storage import vault

    open_archive(db)
    try:
        if password_file and not vault.unlock_with_any_password(_password(password_file)):
            raise ArchiveError("密码不正确,无法解锁档案密钥(请用管理员或其他用户的登录密码)")
        outcome = run_check()
    finally:
        close_archive()
    result = {"ok": outcome.ok, "faults": outcome.faults, "warnings": outcome.warnings,
              "schema_version": outcome.schema_version, "records": outcome.counts}
    if outcome.ok:
        text = f"检查通过:结构版本{outcome.schema_version},共{sum(outcome.counts.values())}条记录,操作日志完整"
        text += "".join(f";注意:{warning}" for warning in outcome.warnings)
    else:
        text = "检查发现问题:" + ";".join(outcome.faults)
    return result, text, outcome.ok


def stats(db: Path, *, year: int) -> tuple[dict, str]:
    from models.figures.statistics import year_stats

    open_archive(db)
    try:
        result = year_stats(year)
    finally:
        close_archive()
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
    return result, "\n".join(lines)


def ledger(db: Path, *, year: int | None, township: str | None) -> tuple[dict, str]:
    """``ledger``: the rows of the 台账 exactly as the ledger page shows them (by report date)."""
    from models.matters import ledger as ledger_rows

    open_archive(db)
    try:
        rows = ledger_rows.records(ledger_rows.period_filter(year=year, township=township))
    finally:
        close_archive()
    lines = [f"{r['report_date'] or '未报告'} {r['township']} {r['unit']} {r['secretary']} {r['type']} "
             f"{r['timing'] or ''} {'按期' if r['on_time'] else ('逾期' if r['on_time'] is False else '')} {r['status']}"
             for r in rows]
    period = f"{year}年度" if year else "全部"
    return {"rows": rows}, "\n".join([f"{period}报告登记台账:{len(rows)}份"] + lines)


def print_forms(db: Path, *, kind: str, out: Path, secretary: str | None, report: str | None, all_: bool,
                split: bool, township: str | None, year: int | None = None, options: dict | None = None
                ) -> tuple[dict, str]:
    """``print KIND``: one form for the selection, or a per-person form for every person of the
    archive or a township (one combined file, or ``split`` into one file each). ``options``: the
    form's own (age_at, filled_by, mode, matter_type, timing, date_from, date_to)."""
    from models.app import printing  # the renderers: loaded only by the commands that print

    open_archive(db)
    try:
        form = printing.form_of(kind)
        person = printing.find_secretary(secretary).id if secretary else None
        selection = {"secretary_id": person, "report_id": report, "year": year, "township": township,
                     **{name: value for name, value in (options or {}).items() if value is not None}}
        if form.per_person and (all_ or (township and not person)):
            written = _print_people(db, kind, out, split=split, township=township, options=options or {})
        else:
            written = [write_atomically(out, printing.render_form(kind, **selection))]
        printing.log_print(command_line_actor(), kind, selection, files=len(written))
    finally:
        close_archive()
    return {"kind": kind, "files": [str(p) for p in written]}, f"已生成{len(written)}个PDF文件 → {out}"


def _print_people(db: Path, kind: str, out: Path, *, split: bool, township: str | None, options: dict) -> list[Path]:
    from models.app import printing

    people = printing.secretaries_of(township)
    if not people:
        raise ArchiveError("没有可打印的档案")
    if not split:
        return [write_atomically(out, printing.render_combined(kind, [p.id for p in people], **options))]
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(p.id, out / f"{index:03d}-{p.unit.name}-{p.name}.pdf") for index, p in enumerate(people, start=1)]
    return printing.print_many(db, kind, jobs, options=options)


def _password(path: str | None) -> str | None:
    return read_password_file(path, new_account=False) if path else None


def export(db: Path, *, out: Path, since_ack: bool, password_file: str | None) -> tuple[dict, str]:
    from models.exchange.export import export_package
    from models.writing.actor import command_line_actor

    open_archive(db)
    try:
        result = export_package(command_line_actor(), out, since_ack=since_ack, password=_password(password_file))
    finally:
        close_archive()
    summary = {"file": str(result.path), "sequence": result.sequence, "counts": result.counts, "size": result.size}
    return summary, f"已导出第{result.sequence}号交换包:{result.path}({sum(result.counts.values())}条记录)"


def import_package(db: Path, *, package: Path, dry_run: bool, password_file: str | None, trust: str | None = None,
                   repin: bool = False, accept_deletions: bool = False,
                   take_township: bool = False) -> tuple[dict, str, bool]:
    """``import``: preview (``dry_run``) or apply a package. A first contact needs ``trust`` (the
    fingerprint compared with the township), a township's new key ``repin`` too, tombstones
    ``accept_deletions``; conflicting fields keep the district's value unless ``take_township``."""
    from models.exchange.crypto import PackageRejected
    from models.exchange.importer import apply_preview, preview_package, read_package
    from models.storage.backup import automatic_backup

    open_archive(db)
    try:
        try:
            data = package.read_bytes()
        except OSError as error:
            raise ArchiveError(f"无法读取交换包“{package}”:{error.strerror}") from None
        preview = preview_package(read_package(data, password=_password(password_file)))
        result = preview.as_dict()
        if dry_run:
            return result, _import_text("预览", result), not preview.refused
        fingerprint = preview.package.fingerprint
        if preview.pin == "new" and not trust:
            raise PackageRejected(f"首次收到“{preview.package.township}”的交换包:请与乡镇电话核对签名指纹 {fingerprint},"
                                  f"无误后加 --trust \"{fingerprint}\" 再导入;没有写入任何数据")
        deletions = preview.counts["deleted"]
        if deletions and not accept_deletions and not preview.refused:
            raise PackageRejected(f"交换包中有{deletions}条乡镇已删除的记录,核对后请加 --accept-deletions 再导入;"
                                  "没有写入任何数据")
        for planned in preview.conflicts:
            for conflict in planned.conflicts:
                conflict.take_township = take_township
        automatic_backup("before-import")
        applied = apply_preview(command_line_actor(), preview, trust=trust, repin=repin,
                                accept_deletions=accept_deletions)
        result.update(applied, counts={**applied, "refused": 0}, conflict_fields=preview.as_dict()["conflict_fields"])
    finally:
        close_archive()
    return result, _import_text("已导入", result), True


def _import_text(verb: str, result: dict) -> str:
    sender = result["sender"]
    text = (f"{verb}{sender['township']}第{result['sequence']}号交换包:新增{result['new']},更新{result['updated']},"
            f"未变{result['unchanged']},冲突{result['conflicts']},删除{result['deleted']}")
    if result["refused"]:
        first = ";".join(f"{r['name']}:{r['label']}{r['message']}" for r in result["refused"][:3])
        text += f";{len({r['record'] for r in result['refused']})}条记录未通过检查,不能导入:{first}"
    if not sender["known"]:
        text += f";签名指纹 {sender['fingerprint']}:{'首次收到该乡镇的交换包' if result['pin'] == 'new' else '与已登记的密钥不同'}," \
                "请与乡镇电话核对后加 --trust 指纹" + (" --repin" if result["pin"] == "new-key" else "")
    return text + (";该包此前已导入,没有变化" if result["repeat"] else "")


def keys(db: Path, *, action: str, path: Path, suite: str = "aes-256-gcm") -> tuple[dict, str]:
    from models.exchange.keys import export_public_key, install_public_key
    from models.writing.actor import command_line_actor

    open_archive(db)
    try:
        if action == "export-public":
            fingerprint = export_public_key(command_line_actor(), path, suite=suite)
            text = f"已导出区县公钥:{path},指纹 {fingerprint}(请乡镇安装后核对)"
        else:
            fingerprint = install_public_key(command_line_actor(), path)
            text = f"已安装区县公钥,指纹 {fingerprint}(请与区县核对)"
    finally:
        close_archive()
    return {"fingerprint": fingerprint, "file": str(path)}, text


def _file_only(db, command: str) -> None:
    from models.storage.db import on_server

    if on_server(db):
        raise ArchiveError(f"服务器上的档案由服务器备份和恢复(pg_dump、pg_restore,见说明书),不用 {command} 命令")


def backup(db: Path, *, out: Path) -> tuple[dict, str]:
    """``backup --out FILE``: the whole archive (database and every attachment) in one verified
    file that restores on any PC."""
    from models.storage.backup import read_backup, write_backup

    _file_only(db, "backup")
    open_archive(db)
    try:
        target = write_backup(out, reason="manual")
        info = read_backup(target)
    finally:
        close_archive()
    return ({"file": str(target), "size": info.size, "created_at": info.created_at},
            f"已备份到 {target}({info.size / 2**20:.1f} MB,已读回校验)")


def restore(db: Path, *, copy: Path) -> tuple[dict, str]:
    """``restore FILE``: verified first; the current archive is kept in ``backups``."""
    from models.archive.restore import restore_from

    _file_only(db, "restore")
    kept = restore_from(db, copy)
    open_archive(db)  # upgrades an older copy, and proves it opens
    close_archive()
    return {"restored_from": str(copy), "previous_kept_as": str(kept) if kept else None}, \
        f"已从 {copy} 恢复" + (f";原档案已另存为 {kept}" if kept else "")


def migrate(source, target) -> tuple[dict, str, bool]:
    """``migrate --from A --to B``: the archive copied between a file and a server, then checked
    (the integrity check on the copy, every table's content compared with the source's)."""
    import contextlib

    from models.storage.db import on_server
    from models.storage.lock import exclusive
    from models.archive.migrate import migrate as copy_archive

    with contextlib.nullcontext() if on_server(source) else exclusive(source):  # nobody writes meanwhile
        moved = copy_archive(source, target)
    open_archive(target)
    try:
        checked = run_check()
    finally:
        close_archive()
    faults = moved.faults + checked.faults
    result = {"from": str(source), "to": str(target), "rows": moved.rows, "attachments": moved.attachments,
              "tables_identical": not moved.faults, "check_ok": checked.ok, "faults": faults}
    if faults:
        return result, "迁移后的档案有问题:" + ";".join(faults[:3]), False
    return result, (f"已迁移到 {target}:{sum(moved.rows.values())}条记录、{moved.attachments}个附件;"
                    "检查通过,各表内容与源档案一致"), True


def grant(db, *, account: str) -> tuple[dict, str]:
    """``grant --to ACCOUNT``: on a server archive, the clerks' account gets exactly the rights the
    program needs (run by the database's owner; again after an upgrade adds tables)."""
    from models.storage.db import on_server
    from models.archive.server_rights import grant_clerk_rights

    if not on_server(db):
        raise ArchiveError("grant 用于服务器上的档案(--db postgresql://所有者账号@服务器/数据库名);"
                           "档案文件没有数据库账号")
    open_archive(db)
    try:
        granted = grant_clerk_rights(command_line_actor(), account)
    finally:
        close_archive()
    appended = sorted(table for table, rights in granted.items() if "UPDATE" not in rights)
    return {"account": account, "rights": granted}, (
        f"已授权 {account}:读写{len(granted)}张表中的记录(不能删除任何行、不能改变表结构;"
        f"{'、'.join(appended)} 只能读取和追加)")


def roster(db: Path, *, action: str, path: Path, dry_run: bool) -> tuple[dict, str, bool]:
    from models.io.roster import export_roster, import_roster
    from models.writing.actor import command_line_actor

    open_archive(db)
    try:
        if action == "export":
            count = export_roster(path)
            return {"file": str(path), "rows": count}, f"已导出花名册:{count}人 → {path}", True
        result = import_roster(command_line_actor(), path, dry_run=dry_run)
    finally:
        close_archive()
    summary = {"created": result.created, "updated": result.updated, "problems": result.problems}
    if result.problems:
        return summary, "花名册有问题,未导入任何数据:" + ";".join(result.problems[:10]), False
    verb = "检查通过(未写入)" if dry_run else "已导入"
    return summary, f"花名册{verb}:新建{result.created}份,更新{result.updated}份", True


def lrmx_import(db: Path, *, paths: list[Path], dry_run: bool, village: str | None, name_matches: bool,
                skip_bad: bool) -> tuple[dict, str, bool]:
    """任免审批表 files (.lrmx, .lrm + .pic, or folders of them) into the archive: previewed, then
    written in one transaction; a file with a problem stops the batch unless ``skip_bad``."""
    from models.io.cards import apply_import, plan_import
    from models.writing.actor import command_line_actor

    open_archive(db)
    try:
        plans = plan_import(paths, actor=command_line_actor())
        summary = {"files": [_planned_json(p) for p in plans]}
        if dry_run:
            counts = {action: sum(p.action == action for p in plans) for action in ("新建", "更新", "无变化", "有问题")}
            text = "检查完成(未写入):" + ",".join(f"{k}{v}" for k, v in counts.items())
            return {**summary, "counts": counts}, text, True
        unit_id = _village(village) if any(p.person_id is None and not p.problem for p in plans) else None
        try:
            counts = apply_import(command_line_actor(), plans, unit_id=unit_id, skip_bad=skip_bad,
                                  names_confirmed=name_matches)
        except ArchiveError as error:
            hint = "(加 --accept-name-matches 确认)" if "姓名+出生年月" in str(error) else ""
            return summary, f"{error}{hint}", False
    finally:
        close_archive()
    return {**summary, **counts}, f"已导入任免审批表:新建{counts['created']}份,更新{counts['updated']}份", True


def _planned_json(planned) -> dict:
    return {"file": planned.path.name, "action": planned.action, "matched_by": planned.matched_by,
            "problem": planned.problem, "name": planned.card.basic.get("name", "") if planned.card else "",
            "changes": [{"field": label, "old": old, "new": new} for label, old, new in planned.changes],
            "parts": planned.parts, "unparsed_resume": planned.card.unparsed if planned.card else []}


def _village(name: str | None) -> str:
    """The village new files go to; in a township archive a village not yet registered is added."""
    from models.org.tables import Unit
    from models.org.units import register_unit

    if not name:
        raise ArchiveError("新建档案需要用 --village 指定所在村(社区)")
    found = list(Unit.live().where(Unit.name == name.strip()).limit(2))
    if len(found) == 1:
        return found[0].id
    if not found and settings.get("mode") == "township" and settings.get("township_name"):
        return register_unit(command_line_actor(), township_name=settings.get("township_name"), name=name,
                             kind="社区" if name.strip().endswith("社区") else "村").id
    raise ArchiveError(f"{'找不到' if not found else '有多个'}村(社区)“{name}”")


def lrmx_export(db: Path, *, out: Path, secretary: str | None, township: str | None, all_: bool,
                age_at: dt.date | None, filled_by: str | None) -> tuple[dict, str]:
    from models.app.printing import find_secretary, secretaries_of
    from models.io.cards import export_cards

    open_archive(db)
    try:
        if secretary:
            people = [find_secretary(secretary)]
        elif township or all_:
            people = secretaries_of(township)
        else:
            raise ArchiveError("请用 --secretary、--township 或 --all 指定导出哪些档案")
        if not people:
            raise ArchiveError("没有符合条件的档案")
        written = export_cards([p.id for p in people], out, age_at=age_at or clock.today(), filled_by=filled_by or "")
    finally:
        close_archive()
    return {"files": [str(p) for p in written]}, f"已导出任免审批表 {len(written)} 份到 {out}"


def audit_files(db: Path) -> tuple[dict, str]:
    """专审 across the archive: each file's open warnings and completeness, the worst first."""
    from models.dossier.checks import audit_files as audit

    open_archive(db)
    try:
        rows = audit()
        files = [{"secretary_id": r.secretary_id, "name": r.name, "unit": r.unit,
                  "open_warnings": r.open_warnings, "accepted": r.accepted,
                  "completeness": round(r.completeness, 3), "warnings": list(r.warnings)} for r in rows]
    finally:
        close_archive()
    flagged = sum(1 for r in rows if r.open_warnings)
    lines = [f"{r.name}({r.unit}):待核{r.open_warnings}项,完整度{r.completeness:.0%}" for r in rows[:20]]
    return {"files": files}, f"共{len(rows)}份档案,{flagged}份有待核问题\n" + "\n".join(lines)
