"""The commands about the archive itself: making it, filling a demo, checking, backing up,
restoring, moving it between a file and a server, and the server's rights."""
from __future__ import annotations

import os
from pathlib import Path

from models.app.outcome import Outcome
from models.accounts.users import authenticate
from models.app.signing_in import USER_VARIABLE, password_of, read_password_file, signed_in
from models.archive.check import remember, run_check
from models.archive.lifecycle import archive_exists, close_archive, create_archive, open_archive
from models.archive.migrate import migrate as copy_archive
from models.archive.repair import describe as describe_repair
from models.archive.repair import plan as repair_plan
from models.archive.repair import set_aside_tail
from models.archive.restore import restore_from, verify_backup
from models.archive.server_rights import grant_clerk_rights
from models.demo.builder import build_demo
from models.errors import ArchiveDamaged, ArchiveError
from models.personnel.person import Secretary
from models.storage import settings, vault
from models.storage.backup import read_backup, write_backup
from models.storage.db import may_change_schema, on_server, server_guarded
from models.storage.lock import exclusive


def init(args) -> Outcome:
    password = read_password_file(args.admin_password_file) if args.admin_password_file else None
    create_archive(args.db, mode=args.mode, township_name=args.township, admin_password=password)
    result = {"db": str(args.db), "mode": args.mode, "township": args.township,
              "installation_id": settings.installation_id(), "admin_created": password is not None}
    admin = "已创建管理员 admin" if password else "首次打开时创建管理员"
    return Outcome(result, f"已创建{settings.MODE_NAMES[args.mode]}档案:{args.db}({admin})")


def _unlock_for_check(args, password: str) -> None:
    """The archive key opened to verify the seals. On a guarded server only the user signed in
    there sees their wrap of it: the check signs that user in (``--user``); the owner sees them all."""
    if not server_guarded() or may_change_schema():
        if not vault.unlock_with_any_password(password):
            raise ArchiveError("密码不正确,无法解锁档案密钥(请用管理员或录入员的登录密码)")
        return
    user = getattr(args, "user", None) or os.environ.get(USER_VARIABLE)
    if not user:
        raise ArchiveError("服务器上的档案:核对封印须同时用 --user 指定管理员或录入员的用户名"
                           "(服务器核对密码后才让该用户打开档案密钥)")
    authenticate(user, password)
    if not vault.unlocked():
        raise ArchiveError(f"用户“{user}”的角色不持有档案密钥,无法核对封印:请用管理员或录入员的用户名和密码")


def demo(args) -> Outcome:
    if not 1 <= args.secretaries <= 20000:
        raise ArchiveError("--secretaries 应在1到20000之间")
    if archive_exists(args.db):
        open_archive(args.db)
        args.actor = signed_in(args, args.permission, "demo")
        if Secretary.select().exists():
            raise ArchiveError(f"档案“{args.db}”中已有人事档案,演示数据只能填入空档案")
    else:
        create_archive(args.db, mode="district", township_name="")
    summary = build_demo(args.actor, secretaries=args.secretaries, seed=args.seed)
    text = (f"演示档案已生成:{summary.townships}个乡镇、{summary.units}个村(社区)、"
            f"{summary.secretaries}名书记、{summary.reports}份报告({summary.campaign_year}年度集中报告"
            f"已报{summary.campaign_filed}份)→ {args.db}")
    return Outcome({"db": str(args.db), **vars(summary)}, text)


def check(args) -> Outcome:
    if args.password_file:
        _unlock_for_check(args, password_of(args.password_file))
    outcome = run_check()
    remember(outcome)  # (the start-up check goes on from a passing whole check; after a failing one it is whole)
    result = {"ok": outcome.ok, "faults": outcome.faults, "warnings": outcome.warnings,
              "schema_version": outcome.schema_version, "records": outcome.counts}
    if outcome.ok:
        text = f"检查通过:结构版本{outcome.schema_version},共{sum(outcome.counts.values())}条记录,操作日志完整"
        text += "".join(f";注意:{warning}" for warning in outcome.warnings)
    else:
        text = "检查发现问题:" + ";".join(outcome.faults)
    return Outcome(result, text, outcome.ok)


def _file_only(db, command: str) -> None:
    if on_server(db):
        raise ArchiveError(f"服务器上的档案由服务器备份和恢复(pg_dump、pg_restore,见说明书),不用 {command} 命令")


def refuse_on_server(command: str):
    """A command's precondition: it works on an archive file only (checked before opening)."""
    return lambda args: _file_only(args.db, command)


def backup(args) -> Outcome:
    """``backup --out FILE``: the whole archive (database and every attachment) in one verified
    file that restores on any PC."""
    target = write_backup(args.out, reason="manual")
    info = read_backup(target)
    return Outcome({"file": str(target), "size": info.size, "created_at": info.created_at},
                   f"已备份到 {target}({info.size / 2**20:.1f} MB,已读回校验)")


def restore(args) -> Outcome:
    """``restore FILE``: verified first; the current archive is kept in ``backups``."""
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    verified = verify_backup(args.file, Path(args.db).parent)  # a bad copy is refused before anyone signs in
    try:
        try:
            args.actor = _signed_in_to(args.db, args, "restore")  # the archive it replaces: its users decide
        except ArchiveDamaged:  # it cannot be read (the very reason to restore): the backup's users decide
            args.actor = _signed_in_to(verified[1], args, "restore")
    except BaseException:
        verified[1].unlink(missing_ok=True)
        raise
    kept = restore_from(args.db, args.file, actor=args.actor, verified=verified)  # opened, audited, closed
    return Outcome({"restored_from": str(args.file), "previous_kept_as": str(kept) if kept else None},
                   f"已从 {args.file} 恢复" + (f";原档案已另存为 {kept}" if kept else ""))


def migrate(args) -> Outcome:
    """``migrate --from A --to B``: the archive copied between a file and a server, then checked
    (the integrity check on the copy, every table's content compared with the source's)."""
    _signed_in_to(args.source, args, "migrate")
    if on_server(args.source):
        moved = copy_archive(args.source, args.target)
    else:
        with exclusive(args.source):  # nobody writes meanwhile
            moved = copy_archive(args.source, args.target)
    open_archive(args.target)
    try:
        checked = run_check()
    finally:
        close_archive()
    faults = moved.faults + checked.faults
    result = {"from": str(args.source), "to": str(args.target), "rows": moved.rows, "attachments": moved.attachments,
              "tables_identical": not moved.faults, "check_ok": checked.ok, "faults": faults}
    if faults:
        return Outcome(result, "迁移后的档案有问题:" + ";".join(faults[:3]), False)
    return Outcome(result, f"已迁移到 {args.target}:{sum(moved.rows.values())}条记录、{moved.attachments}个附件;"
                           "检查通过,各表内容与源档案一致")


def _signed_in_to(target, args, command: str):
    """Sign in to the archive ``target`` (when it exists and has users), then close it again."""
    if not archive_exists(target):
        return args.actor
    open_archive(target)
    try:
        return signed_in(args, args.permission, command)
    finally:
        close_archive()


def require_server(args) -> None:
    if not on_server(args.db):
        raise ArchiveError("grant 用于服务器上的档案(--db postgresql://所有者账号@服务器/数据库名);"
                           "档案文件没有数据库账号")


def repair_log(args) -> Outcome:
    """``repair-log``: the entries someone appended to the log without the archive key are set
    aside — kept whole in the repair's own entry — and the head sealed again, so that the program
    writes again; the records they claimed to change are named for the clerk to look at."""
    if args.dry_run:
        planned = repair_plan()
        return Outcome({"kept_to": planned.kept_to, "set_aside": [entry["seq"] for entry in planned.set_aside],
                        "dry_run": True}, describe_repair(planned) + "(试运行,未修改)")
    repaired = set_aside_tail(args.actor)
    records = repaired.records
    text = (f"已修复操作日志:保留到第{repaired.kept_to}条,移出{len(repaired.set_aside)}条没有封印的条目"
            "(原样保存在这次修复的日志条目中),记录头已重新封印")
    if records:
        text += (f";这些条目涉及{len(records)}条记录,请再运行检查:与操作日志不符的记录会逐条列出,"
                 "请在程序中核对改正")
    return Outcome({"kept_to": repaired.kept_to, "set_aside": [entry["seq"] for entry in repaired.set_aside],
                    "records": [{"table": table, "id": record_id} for table, record_id in records]}, text)


def grant(args) -> Outcome:
    """``grant --to ACCOUNT``: on a server archive, the clerks' account gets exactly the rights the
    program needs (run by the database's owner; again after an upgrade adds tables)."""
    granted, limits = grant_clerk_rights(args.actor, args.account)
    appended = sorted(table for table, rights in granted.items() if "UPDATE" not in rights)
    return Outcome({"account": args.account, "rights": granted, "limits": limits}, (
        f"已授权 {args.account}:读写{len(granted)}张表中的记录(不能删除任何行、不能改变表结构;"
        f"{'、'.join(appended)} 只能读取和追加;不能读取用户的密码哈希;每次写入须有本程序用户登录,由服务器核对);"
        f"{limits}"))
