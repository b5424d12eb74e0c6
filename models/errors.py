"""The error types of the domain. Anything the user can cause is one of these, in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


class ArchiveError(Exception):
    """Base of every error the domain raises on purpose; its text is shown to the user as is."""


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the model field name, so a form can put the message beside the widget
    label: str  # the Chinese label the user sees
    message: str
    part: str = ""  # for a row of a part of a file: the part's table name …
    row: int = -1  # … and the row's position in it (0-based)

    def __str__(self) -> str:
        return f"{self.label}:{self.message}"


class ValidationError(ArchiveError):
    """Input rejected; carries one or more problems, each naming its field in Chinese."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem):
        if isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(";".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, label: str, message: str) -> "ValidationError":
        return cls(FieldProblem(field, label, message))


class PermissionDenied(ArchiveError):
    """The acting user's role does not allow the operation."""


class NotFound(ArchiveError):
    """A record asked for by id does not exist (or is in the recycle bin)."""


class ConflictError(ArchiveError):
    """The record was changed by someone else since it was read (version mismatch)."""


class ArchiveDamaged(ArchiveError):
    """The archive file fails an integrity check."""


class Cancelled(ArchiveError):
    """The person stopped a long operation before it finished; nothing was written."""

    def __init__(self, message: str = "已取消,档案没有改动"):
        super().__init__(message)


class AuthenticationFailed(ArchiveError):
    """Wrong user name or password, or the account is disabled."""


# -- failures of the machine, in words a clerk can act on -------------------------------------------

_NO_CHANGE = "档案没有改动"
_FULL = f"磁盘空间已满,未能写入。请清理磁盘或换一个有空间的位置后重试;{_NO_CHANGE}。"
_READ_ONLY = "没有写入的权限(文件夹或U盘是只读的,或属于其他用户)。请换一个文件夹,或请管理员开放权限;" + _NO_CHANGE + "。"
_LOCKED = f"文件正被另一个程序占用(另一个窗口、杀毒或备份软件)。请关闭该程序后重试;{_NO_CHANGE}。"
_GONE = f"U盘或移动硬盘已拔出,或磁盘无法读写。请重新插好(或检查磁盘)后重试;{_NO_CHANGE}。"
_SERVER_GONE = ("与档案数据库服务器的连接中断了(服务器重启、网络断开或服务器未开机);这次操作没有保存。"
                "请稍后重试,程序会自动重新连接;若一直如此,请联系区县的信息管理员。")
_ASK_IT = "若一直如此,请联系区县的信息管理员"
_SERVER_HELD = ("档案的写入顺序锁被另一个数据库连接占着(另一台电脑正在导入或保存大量数据,或它卡住了没有退出),"
                f"等了30秒仍未放开;这次操作没有保存,请稍后重试。{_ASK_IT}查看服务器上占着锁的会话。")
# By SQLSTATE, which does not depend on the server's language (PostgreSQL appendix A).
_SERVER_STATES = {
    "55P03": _SERVER_HELD,  # lock_not_available
    "53100": f"档案数据库服务器的磁盘已满,这次操作没有保存。请信息管理员清理服务器磁盘后重试;{_NO_CHANGE}。",
    "53200": f"档案数据库服务器内存不足,这次操作没有保存;请稍后重试。{_ASK_IT}。",
    "53300": "档案数据库服务器的连接已满(同时打开档案的电脑或窗口太多);请关掉不用的窗口后稍后重试。",
    "42501": ("数据库拒绝了本账号的这项操作(权限不足:权限可能被收回,或升级后还没有重新授权);这次操作没有保存。"
              "请信息管理员用数据库所有者的账号运行 grant 后重试。"),
    "57P03": "档案数据库服务器正在启动或关闭,暂时不能使用;这次操作没有保存,请过一分钟再试。",
    "57014": f"服务器上的这次操作等得太久被取消了;档案没有改动,请稍后重试。{_ASK_IT}。",
    "25P03": "与服务器的连接因长时间无操作被服务器断开;这次操作没有保存,请重试(程序会重新连接)。",
    "28P01": "数据库账号的密码不对(或本机保存的密码文件 .pgpass 中的密码已过期);请信息管理员核对账号和密码。",
    "28000": "服务器不允许本账号从这台电脑连接(账号不存在、已停用或未被授权);请信息管理员核对账号设置。",
    "3D000": "服务器上没有这个数据库(数据库名写错,或尚未创建);请核对地址中的数据库名。",
}
_UNREACHABLE = "连不上档案数据库服务器(地址或端口不对、服务器未开机或网络不通),档案没有打开;请核对地址,或请信息管理员检查服务器。"
_NO_PASSWORD = ("本机没有找到这个数据库账号的密码:请在密码文件(Windows 为 %APPDATA%\\postgresql\\pgpass.conf)中为该服务器、"
                "数据库和账号加一行,或请信息管理员设置。")
# libpq's words when the failure happened before the server gave an SQLSTATE (at connecting)
# The server's guard (docs/server-guard.md) refused a write: no user of the program signed in on the
# connection, or a write beyond the user's role. The program itself never asks for one; a clerk
# meets it when the server forgot the sign-in (its session ended) — signing in again mends that.
GUARD_REFUSED = "archive guard:"
_GUARD_SENTENCE = ("服务器拒绝了这次写入:它没有认出本窗口登录的用户,或这项操作超出了该用户的权限;这次操作没有保存。"
                   "请锁定后重新登录再试;仍被拒绝请联系管理员(服务器日志中有原因)。")
_SERVER_WORDS = ((("the database system is starting up",), _SERVER_STATES["57P03"]),
                 (("the database system is shutting down",), _SERVER_STATES["57P03"]),
                 (("not yet accepting connections",), _SERVER_STATES["57P03"]),
                 (("in recovery mode",), _SERVER_STATES["57P03"]),
                 (("password authentication failed",), _SERVER_STATES["28P01"]),
                 (("no password supplied",), _NO_PASSWORD),
                 (("no pg_hba.conf entry",), _SERVER_STATES["28000"]),
                 (("role ", "does not exist"), _SERVER_STATES["28000"]),
                 (("permission denied for database",), _SERVER_STATES["42501"]),
                 (("database ", "does not exist"), _SERVER_STATES["3D000"]),
                 (("too many clients",), _SERVER_STATES["53300"]),
                 (("remaining connection slots are reserved",), _SERVER_STATES["53300"]))
# libpq's own words (no SQLSTATE) when the client notices first that the connection is gone
SERVER_CONNECTION_LOST = ("server closed the connection", "terminating connection", "connection already closed",
                          "ssl connection has been closed", "ssl syscall error", "connection reset by peer",
                          "could not receive data from server", "could not send data to server",
                          "no connection to the server")
SERVER_UNREACHABLE = ("could not connect to server", "connection refused", "connection timed out",
                      "could not translate host name", "timeout expired", "no route to host")


def connection_lost(error: BaseException) -> bool:
    """Whether a database error says the server connection was lost: by its SQLSTATE (class 08,
    or the server shutting down: 57P01–57P03), which does not depend on the server's language;
    else by libpq's words when the client noticed first (those carry no SQLSTATE)."""
    code = _sqlstate(error)
    if code:
        return code.startswith("08") or code in ("57P01", "57P02", "57P03")
    return any(words in str(error).lower() for words in SERVER_CONNECTION_LOST)


def _sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a server's error (peewee keeps the driver's error as ``orig``)."""
    return getattr(getattr(error, "orig", None), "pgcode", None) or getattr(error, "pgcode", None)


_WINDOWS = {32: _LOCKED, 33: _LOCKED, 5: _READ_ONLY, 19: _READ_ONLY, 112: _FULL, 39: _FULL, 21: _GONE, 1167: _GONE,
            1117: _GONE, 55: _GONE}


def describe_failure(error: BaseException) -> str | None:
    """One sentence with what to do for a failure of the disk, the folder or another program
    (None for anything else: that is a bug, reported as such)."""
    import errno
    import sqlite3

    from peewee import InterfaceError as PeeweeInterface
    from peewee import OperationalError as PeeweeOperational

    if isinstance(error, OSError):
        winerror = getattr(error, "winerror", None)
        if winerror in _WINDOWS:
            return _WINDOWS[winerror]
        where = f"“{error.filename}”" if error.filename else ""
        return {errno.ENOSPC: _FULL, errno.EDQUOT: _FULL, errno.EROFS: _READ_ONLY, errno.EACCES: _READ_ONLY,
                errno.EPERM: _READ_ONLY, errno.EBUSY: _LOCKED, errno.ETXTBSY: _LOCKED, errno.EIO: _GONE,
                errno.ENODEV: _GONE, errno.ENXIO: _GONE,
                errno.EISDIR: f"无法写入{where}(那里是一个文件夹,或路径不对);请换一个位置或文件名后重试;{_NO_CHANGE}。",
                errno.ENOTDIR: f"无法写入{where}(路径中有一项不是文件夹);请换一个位置后重试;{_NO_CHANGE}。",
                errno.ENOENT: f"找不到文件或文件夹{where}(可能已被移走或U盘已拔出);"
                f"{_NO_CHANGE}。"}.get(error.errno)
    if isinstance(error, (PeeweeOperational, PeeweeInterface)) or _sqlstate(error):
        told = describe_server_failure(error)
        if told:
            return told
    if isinstance(error, (sqlite3.OperationalError, sqlite3.DatabaseError, PeeweeOperational)):
        text = str(error).lower()
        for words, sentence in (("full", _FULL), ("readonly", _READ_ONLY), ("read-only", _READ_ONLY),
                                ("locked", _LOCKED), ("busy", _LOCKED), ("disk i/o", _GONE),
                                ("unable to open", _READ_ONLY)):
            if words in text:
                return sentence
    return None


def describe_server_failure(error: BaseException, *, connecting: bool = False) -> str | None:
    """The sentence for a failure of the archive's database server: by its SQLSTATE, else (a
    failure while connecting carries none) by libpq's words; None for anything else.
    ``connecting``: nothing was open yet, so an unreachable server is not a lost connection."""
    code = _sqlstate(error)
    if code == "42501" and GUARD_REFUSED in str(error):
        return _GUARD_SENTENCE
    if code in _SERVER_STATES:
        return _SERVER_STATES[code]
    if connection_lost(error):
        return _SERVER_GONE
    text = str(error).lower()
    if code is None:
        for words, sentence in _SERVER_WORDS:
            if all(word in text for word in words):
                return sentence
    if any(words in text for words in SERVER_UNREACHABLE):
        return _UNREACHABLE if connecting else _SERVER_GONE
    return None
