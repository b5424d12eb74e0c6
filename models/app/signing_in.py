"""Who runs a command: once an archive has users, every command that reads personal data or
changes the archive signs in as one of them (``--user NAME --password-file F``, or the environment
variables ``SECRETARY_ARCHIVE_USER`` and ``SECRETARY_ARCHIVE_PASSWORD_FILE``) and is held to that
user's role, as the window is; wrong passwords count towards the lock-out as at the window. An
archive without users yet (just made, a demo) is worked on by the command line as support staff."""
from __future__ import annotations

import os
from pathlib import Path

from models.accounts.users import authenticate, check_password_strength, has_users
from models.errors import ArchiveError
from models.writing.actor import Actor, command_line_actor, require

USER_VARIABLE, PASSWORD_VARIABLE = "SECRETARY_ARCHIVE_USER", "SECRETARY_ARCHIVE_PASSWORD_FILE"


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


def password_of(path: str | None) -> str | None:
    """An existing account's password from ``--password-file`` (None when not given)."""
    return read_password_file(path, new_account=False) if path else None


def signed_in(args, permission: str | None, command: str) -> Actor:
    """The actor of the command on the open archive: its user, checked, when it has users."""
    if permission is None or not has_users():
        return command_line_actor()
    user = getattr(args, "user", None) or os.environ.get(USER_VARIABLE)
    password_file = getattr(args, "password_file", None) or os.environ.get(PASSWORD_VARIABLE)
    if not user or not password_file:
        raise ArchiveError(f"此档案已设置用户,{command} 须先登录:请加 --user 用户名 --password-file 密码文件"
                           f"(或设置环境变量 {USER_VARIABLE} 和 {PASSWORD_VARIABLE})")
    actor = authenticate(user, read_password_file(password_file, new_account=False))
    require(actor, permission)
    return actor
