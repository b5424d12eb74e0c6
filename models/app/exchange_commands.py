"""The commands of the USB exchange: a township's package written, a package previewed or
imported at the district, and the district's key."""
from __future__ import annotations

from models.app.signing_in import password_of
from models.app.outcome import Outcome, UsageError
from models.errors import ArchiveError
from models.exchange.crypto import PackageRejected
from models.exchange.export import export_package
from models.exchange.importer import apply_preview, preview_package, read_package
from models.exchange.keys import export_public_key, install_public_key
from models.exchange.returns import apply_return, export_return, is_return_package, preview_return, read_return
from models.storage.backup import automatic_backup


def export(args) -> Outcome:
    if args.township:  # at the district: the return package for one township
        returned = export_return(args.actor, args.township, args.out)
        return Outcome({"file": str(returned.path), "return_sequence": returned.sequence, "records": returned.records},
                       f"已生成{args.township}第{returned.sequence}号回执包:{returned.path}"
                       f"({returned.records}条记录的区县值)")
    result = export_package(args.actor, args.out, since_ack=args.since_ack,
                            password=password_of(args.package_password_file))
    summary = {"file": str(result.path), "sequence": result.sequence, "counts": result.counts, "size": result.size}
    return Outcome(summary, f"已导出第{result.sequence}号交换包:{result.path}({sum(result.counts.values())}条记录)")


def import_package(args) -> Outcome:
    """``import``: preview (``--dry-run``) or apply a package. A first contact needs ``--trust`` (the
    fingerprint compared with the township), a township's new key ``--repin`` too, tombstones
    ``--accept-deletions``; conflicting fields keep the district's value unless ``--take-township``."""
    try:
        data = args.package.read_bytes()
    except OSError as error:
        raise ArchiveError(f"无法读取交换包“{args.package}”:{error.strerror}") from None
    if is_return_package(data):
        return _import_return(args, data)
    preview = preview_package(read_package(data, password=password_of(args.package_password_file)))
    result = preview.as_dict()
    if args.dry_run:
        return Outcome(result, _import_text("预览", result), not preview.refused)
    fingerprint = preview.package.fingerprint
    if preview.pin == "new" and not args.trust:
        raise PackageRejected(f"首次收到“{preview.package.township}”的交换包:请与乡镇电话核对签名指纹 {fingerprint},"
                              f"无误后加 --trust \"{fingerprint}\" 再导入;没有写入任何数据")
    deletions = preview.counts["deleted"]
    if deletions and not args.accept_deletions and not preview.refused:
        raise PackageRejected(f"交换包中有{deletions}条乡镇已删除的记录,核对后请加 --accept-deletions 再导入;"
                              "没有写入任何数据")
    for planned in preview.conflicts:
        for conflict in planned.conflicts:
            conflict.take_township = args.take_township
    automatic_backup("before-import")
    applied = apply_preview(args.actor, preview, trust=args.trust, repin=args.repin,
                            accept_deletions=args.accept_deletions)
    result.update(applied, counts={**applied, "refused": 0}, conflict_fields=preview.as_dict()["conflict_fields"])
    return Outcome(result, _import_text("已导入", result))


def _import_return(args, data: bytes) -> Outcome:
    """At the township: the district's return package, previewed (``--dry-run``) or applied."""
    preview = preview_return(read_return(data))
    counts = preview.counts
    text = (f"区县第{preview.manifest['return_sequence']}号回执包(确认第{counts['sequence']}号交换包):"
            f"{counts['records']}条记录,{counts['applied']}项采用区县的值,{counts['kept']}项本乡镇已另行修改、保留")
    if args.dry_run:
        return Outcome({"kind": "return", **counts}, "预览" + text)
    applied = apply_return(args.actor, preview)
    refused = ";".join(applied["refused"][:3])
    return Outcome({"kind": "return", **applied}, "已导入" + text + (f";未能采用:{refused}" if refused else ""))


def _import_text(verb: str, result: dict) -> str:
    sender = result["sender"]
    text = (f"{verb}{sender['township']}第{result['sequence']}号交换包:新增{result['new']},更新{result['updated']},"
            f"未变{result['unchanged']},冲突{result['conflicts']},删除{result['deleted']}")
    if result["refused"]:
        first = ";".join(f"{r['name']}:{r['label']}{r['message']}" for r in result["refused"][:3])
        text += f";{len({r['record'] for r in result['refused']})}条记录未通过检查,不能导入:{first}"
    if not sender["known"] and verb == "已导入":
        text += f";已登记{sender['township']}的签名密钥(指纹 {sender['fingerprint']})"
    elif not sender["known"]:
        text += f";签名指纹 {sender['fingerprint']}:{'首次收到该乡镇的交换包' if result['pin'] == 'new' else '与已登记的密钥不同'}," \
                "请与乡镇电话核对后加 --trust 指纹" + (" --repin" if result["pin"] == "new-key" else "")
    return text + (";该包此前已导入,没有变化" if result["repeat"] else "")


def key_file_given(args) -> None:
    """``keys``' precondition: the file it writes or reads."""
    if (args.out if args.action == "export-public" else args.file) is None:
        raise UsageError("keys export-public 需要 --out F;keys install 需要文件 F")


def keys(args) -> Outcome:
    if args.action == "export-public":
        fingerprint = export_public_key(args.actor, args.out, suite=args.suite)
        path, text = args.out, f"已导出区县公钥:{args.out},指纹 {fingerprint}(请乡镇安装后核对)"
    else:
        fingerprint = install_public_key(args.actor, args.file)
        path, text = args.file, f"已安装区县公钥,指纹 {fingerprint}(请与区县核对)"
    return Outcome({"fingerprint": fingerprint, "file": str(path)}, text)
