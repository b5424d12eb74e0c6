"""村(社区)党组织书记档案 — entry point.

No sub-command: open the application window. A sub-command runs headless (SPEC §8): a human
summary or one JSON object (``--json``) on stdout; exit 0 on success, 1 when the input or data is
rejected, 2 on a usage error; errors are one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

# argparse's own sentences (it looks them up through gettext at the moment it needs them), in
# Chinese like everything else the clerk reads; a sentence not listed stays as Python wrote it.
ARGPARSE_CHINESE = {
    "usage: ": "用法:",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数:%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择:%(value)r(可选:%(choices)s)",
    "unrecognized arguments: %s": "无法识别的参数:%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s:%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确,可能是 %(matches)s",
    "show program's version number and exit": "显示版本与构建并退出",
}
argparse._ = lambda text: ARGPARSE_CHINESE.get(text, text)


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(EXIT_USAGE, f"用法错误:{message}(用 -h 查看帮助)\n")


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期(应为 YYYY-MM-DD)") from None


def version_line() -> str:
    from models.app.version import VERSION, build

    return f"村(社区)党组织书记档案 {VERSION}(构建 {build() or '源码'})"


def utf8_streams() -> None:
    """Print UTF-8 whatever the console's code page: a pipe or a file on Windows (and wine) is
    otherwise cp936 or cp1252, where a rare character such as 𠀾 in a name would crash a print.
    A character UTF-8 cannot carry (a lone surrogate) is replaced, never raised."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def build_parser() -> Parser:
    from models.storage.db import archive_target
    from models.storage.paths import default_archive

    parser = Parser(prog="main.py", description="村(社区)党组织书记档案与“一事一报”管理")
    parser.add_argument("--db", type=archive_target, default=None,
                        help=f"档案文件(默认 {default_archive()}),或服务器上的数据库 postgresql://用户名@服务器/数据库名")
    parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    parser.add_argument("--user", help="档案设置了用户时,以此用户登录(也可用环境变量 SECRETARY_ARCHIVE_USER)")
    parser.add_argument("--password-file", help="登录密码:文件的第一行(也可用环境变量 SECRETARY_ARCHIVE_PASSWORD_FILE)")
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    init = commands.add_parser("init", help="创建空档案")
    init.add_argument("--mode", choices=("township", "district"), default="township")
    init.add_argument("--township", default="", help="乡镇(街道)名称")
    init.add_argument("--admin-password-file", help="从文件第一行读取管理员密码")
    demo = commands.add_parser("demo", help="生成演示用的模拟区县档案")
    demo.add_argument("--secretaries", type=_integer, default=209)
    demo.add_argument("--seed", type=_integer, default=2026)
    commands.add_parser("check", help="完整性检查(不需要登录;加 --password-file 时用该密码在本机解锁档案密钥核对封印)")
    stats = commands.add_parser("stats", help="某年度的报告情况与覆盖率")
    stats.add_argument("--year", type=_integer, required=True)
    ledger = commands.add_parser("ledger", help="个人重大事项报告登记台账(某年度按报告时间)")
    ledger.add_argument("--year", type=_integer, help="报告年度(默认全部)")
    ledger.add_argument("--township", help="只列出该乡镇(街道)")
    printing = commands.add_parser("print", help="生成表格PDF")
    printing.add_argument("kind", help="表格:dossier registration catalogue transfer report campaign ledger stats "
                                       "register receipt,空白表 blank-report blank-campaign blank-registration")
    printing.add_argument("--out", type=Path, required=True)
    printing.add_argument("--secretary", help="档案的标识、身份证号或姓名")
    printing.add_argument("--report")
    printing.add_argument("--year", type=_integer)
    printing.add_argument("--township")
    printing.add_argument("--all", action="store_true")
    printing.add_argument("--split", action="store_true")
    printing.add_argument("--age-at", type=_day, help="计算年龄时间 YYYY-MM-DD(默认今天;报告表默认报告日期)")
    printing.add_argument("--filled-by", help="填表人")
    printing.add_argument("--mode", choices=("fit", "continue"), help="登记表:fit 压缩在两页内(默认),continue 续页")
    printing.add_argument("--matter-type", help="空白报告表的事项类别(代码或名称)")
    printing.add_argument("--timing", choices=("事前", "事后"), help="空白报告表:事前或事后")
    printing.add_argument("--from", dest="date_from", type=_day, help="台账:报告时间自 YYYY-MM-DD")
    printing.add_argument("--to", dest="date_to", type=_day, help="台账:报告时间至 YYYY-MM-DD")
    export = commands.add_parser("export", help="导出加密交换包(乡镇);区县用 --township 生成给该乡镇的回执包")
    export.add_argument("--out", type=Path, required=True, help="保存到的文件夹(如U盘)")
    export.add_argument("--township", help="区县:生成给该乡镇的回执包(确认收到的交换包和区县保留或更正的值)")
    export.add_argument("--since-ack", action="store_true", help="只导出区县确认收到之后的变化")
    export.add_argument("--package-password-file", help="未安装区县公钥时:按此文件第一行的密码加密交换包")
    importing = commands.add_parser("import", help="预览或导入交换包(区县),或区县发来的回执包(乡镇)")
    importing.add_argument("package", type=Path)
    importing.add_argument("--dry-run", action="store_true")
    importing.add_argument("--package-password-file", help="按密码加密的交换包:密码文件")
    importing.add_argument("--trust", metavar="FINGERPRINT", help="首次收到某乡镇的交换包时:与乡镇电话核对过的签名指纹")
    importing.add_argument("--repin", action="store_true",
                           help="乡镇更换了签名密钥(如换电脑):按 --trust 的指纹重新登记")
    importing.add_argument("--accept-deletions", action="store_true", help="确认将乡镇已删除的记录移入回收站")
    importing.add_argument("--take-township", action="store_true", help="冲突的项目采用乡镇报送的值(默认保留区县的值)")
    backup = commands.add_parser("backup", help="完整备份档案(数据库与全部扫描件、照片,一个文件)")
    backup.add_argument("--out", type=Path, required=True, help="备份文件,如 E:/档案备份.zip")
    restore = commands.add_parser("restore", help="从备份恢复档案(原档案先另存在 backups 中)")
    restore.add_argument("file", type=Path, help="备份文件(backup --out 生成的 .zip,或 backups 文件夹中的自动备份)")
    moving = commands.add_parser("migrate", help="把档案迁移到服务器上的数据库(或从服务器迁回文件),迁移后检查")
    moving.add_argument("--from", dest="source", type=archive_target, required=True,
                        help="源档案:文件,或 postgresql://用户名@服务器/数据库名")
    moving.add_argument("--to", dest="target", type=archive_target, required=True,
                        help="目标:新的空数据库(排序规则 C),或不存在的文件")
    granting = commands.add_parser("grant",
                                   help="服务器上的档案:给各台电脑使用的数据库账号授予所需的最小权限(由所有者运行)")
    granting.add_argument("--to", dest="account", required=True, help="数据库账号,如 archive_clerk")
    repairing = commands.add_parser("repair-log", help="修复操作日志:移出末尾没有本档案密钥封印的条目(原样保存在修复记录中;"
                                                       "由管理员运行,服务器上用所有者账号)")
    repairing.add_argument("--dry-run", action="store_true", help="只说明将移出哪些条目,不修改")
    roster = commands.add_parser("roster", help="Excel花名册导入/导出")
    roster.add_argument("action", choices=("import", "export"))
    roster.add_argument("file", type=Path)
    roster.add_argument("--dry-run", action="store_true")
    lrmx = commands.add_parser("lrmx", help="干部任免审批表文件(.lrmx/.lrm)导入/导出")
    lrmx_actions = lrmx.add_subparsers(dest="lrmx_action", required=True, parser_class=Parser)
    lrmx_in = lrmx_actions.add_parser("import", help="导入 .lrmx 或 .lrm(+.pic)文件,或包含它们的文件夹")
    lrmx_in.add_argument("paths", type=Path, nargs="+")
    lrmx_in.add_argument("--dry-run", action="store_true", help="只检查并列出每个文件将新建/更新的内容")
    lrmx_in.add_argument("--village", help="新建档案所在的村(社区)")
    lrmx_in.add_argument("--accept-name-matches", action="store_true",
                         help="确认按姓名+出生年月匹配到的已有档案(没有身份证号时)")
    lrmx_in.add_argument("--skip-bad", action="store_true", help="跳过有问题的文件,导入其余文件")
    lrmx_out = lrmx_actions.add_parser("export", help="每人导出一个 .lrmx 文件")
    lrmx_out.add_argument("--out", type=Path, required=True, help="保存到的文件夹")
    lrmx_out.add_argument("--secretary", help="档案的标识、身份证号或姓名")
    lrmx_out.add_argument("--township")
    lrmx_out.add_argument("--all", action="store_true")
    lrmx_out.add_argument("--age-at", type=_day, help="计算年龄时间 YYYY-MM-DD(默认今天)")
    lrmx_out.add_argument("--filled-by", help="填表人")
    commands.add_parser("audit-files", help="专审:各档案的“三龄两历一身份”待核问题与完整度")
    keys = commands.add_parser("keys", help="区县公钥")
    keys.add_argument("action", choices=("export-public", "install"))
    keys.add_argument("file", type=Path, nargs="?")
    keys.add_argument("--out", type=Path)
    keys.add_argument("--suite", choices=("aes-256-gcm", "sm4-gcm"), default="aes-256-gcm",
                      help="区县首次生成密钥时选择交换包加密算法(sm4-gcm 为国密 SM4+SM3)")
    for sub in [*commands.choices.values(), *lrmx_actions.choices.values()]:  # --db/--json after it too
        sub.add_argument("--db", type=archive_target, default=argparse.SUPPRESS)
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        sub.add_argument("--user", default=argparse.SUPPRESS)
        sub.add_argument("--password-file", default=argparse.SUPPRESS)
    return parser


def command_name(args) -> str:
    """The name of the parsed command in the table (``lrmx import``: a command with actions)."""
    return f"{args.command} {args.lrmx_action}" if args.command == "lrmx" else args.command


def run_command(args) -> int:
    from models.app import commands  # (the window never loads the commands)
    from models.storage.paths import default_archive

    args.db = args.db or default_archive()
    outcome = commands.run(command_name(args), args)
    print(json.dumps(outcome.result, ensure_ascii=False) if args.json else outcome.text)
    if not outcome.ok and args.json:
        print(outcome.text, file=sys.stderr)
    return EXIT_OK if outcome.ok else EXIT_REJECTED


def configure_logging() -> Path | None:
    from models.storage.paths import log_file

    from logging.handlers import RotatingFileHandler

    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a shared office PC runs for years: 1 MB a file, the last three kept
        handler = RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8", delay=True)
        logging.basicConfig(handlers=[handler], level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return path
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    utf8_streams()
    args = build_parser().parse_args(argv)
    log_path = configure_logging()
    if args.command is None:
        from models.app.crashes import finish_cleanly, watch_native_crashes

        crashed = watch_native_crashes()  # first: a crash inside Qt leaves its stack beside the log
        try:
            from ui.app import run_gui

            return run_gui(args.db, crashed=crashed)
        finally:  # (a native crash never gets here: its stack stays for the next start)
            finish_cleanly()
    from models.app.outcome import UsageError
    from models.errors import ArchiveError, describe_failure

    try:
        return run_command(args)
    except UsageError as error:
        print(f"用法错误:{error}(用 -h 查看帮助)", file=sys.stderr)
        return EXIT_USAGE
    except ArchiveError as error:
        print(f"错误:{error}", file=sys.stderr)
        return EXIT_REJECTED
    except Exception as error:  # a bug: the user gets one line, the log gets the traceback
        if describe_failure(error):  # the disk, the folder or another program: not a bug
            logging.warning("command %s failed: %r", args.command, error)
            print(f"错误:{describe_failure(error)}", file=sys.stderr)
            return EXIT_REJECTED
        logging.exception("command %s failed", args.command)
        print(f"内部错误:{type(error).__name__}: {error}(详情见日志 {log_path})", file=sys.stderr)
        return EXIT_REJECTED


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the printing workers, should the program ever be frozen into one .exe
    sys.exit(main())
