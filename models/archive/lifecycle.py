"""Creating, opening and closing an archive file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError, ImproperlyConfigured, OperationalError

from models.accounts.users import create_first_admin
from models.codes.lists import seed_catalogues
from models.matters.types import seed_matter_types
from models.errors import ArchiveDamaged, ArchiveError, describe_server_failure
from models.org.units import set_township
from models.storage import settings, vault
from models.archive import schema
from models.storage.db import close_database, db, on_server, open_database
from models.storage.record import new_id, utc_now
from models.writing import audit, services
from models.writing.actor import SYSTEM


def create_archive(path: str | Path, *, mode: str = "township", township_name: str = "",
                   admin_password: str | None = None) -> None:
    """A new, empty archive with its catalogues; refuses to touch an existing file."""
    if mode not in settings.MODES:
        raise ArchiveError(f"模式只能是 township(乡镇)或 district(区县),而不是“{mode}”")
    if on_server(path):
        require_empty_server(path)
    else:
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ArchiveError(f"文件“{path}”已经存在,不会覆盖")
        path.parent.mkdir(parents=True, exist_ok=True)
        open_database(path)
    schema.upgrade(backup=False)
    with db.atomic():
        # the identity every audit entry names is written first, then the key that seals every
        # entry, then the rest is audited
        identity = {"installation_id": new_id(), "created_at": utc_now()}
        for key, value in identity.items():
            settings.put_raw(key, value)
        vault.create(lambda key, value: services.set_setting(SYSTEM, key, value, summary="本机的档案密钥"))
        audit.append(SYSTEM, identity["installation_id"], action="setting", table="setting", record_id=None,
                     summary="新建档案", changes={key: [None, value] for key, value in identity.items()})
        services.set_setting(SYSTEM, "mode", mode)
        seed_catalogues(SYSTEM)
        seed_matter_types(SYSTEM)
        if admin_password is not None:
            create_first_admin(password=admin_password, township_name=township_name)
        elif township_name.strip():
            set_township(SYSTEM, township_name)


def open_archive(path: str | Path) -> None:
    """Open an existing archive, upgrading its schema (after a backup) when older."""
    if on_server(path):
        _connect_to_server(path)
    elif not Path(path).exists():
        raise ArchiveError(f"找不到档案文件“{path}”,请先用 init 或 demo 创建")
    try:
        if not on_server(path):
            open_database(path)
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        if schema.current_version() == 0:
            raise ArchiveError(f"“{path}”不是本程序的档案")
        if schema.current_version() >= schema.SEALED_KEYS:
            vault.unlock_with_machine()  # before an upgrade, whose entries are sealed too
        schema.upgrade()
        settings.installation_id()
        vault.unlock_with_machine()
    except (DatabaseError, sqlite3.DatabaseError) as error:
        close_database()
        if on_server(path):  # a refused right or a dropped connection is not damage
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise ArchiveError(f"无法读取服务器上的档案“{path}”:{reason}") from None
        raise ArchiveDamaged(f"档案文件“{path}”已损坏或不是档案文件({error})") from None
    except RuntimeError:
        close_database()
        raise ArchiveError(f"“{path}”不是本程序的档案文件") from None
    except ArchiveError:
        close_database()
        raise


def archive_exists(target: str | Path) -> bool:
    """Whether ``target`` holds an archive: a file there, or our tables in the server's database."""
    if not on_server(target):
        return Path(target).exists()
    _connect_to_server(target)
    try:
        return schema.current_version() > 0
    except DatabaseError as error:  # an account that may connect but not read the archive
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ArchiveError(f"无法读取服务器上的档案“{target}”:{reason}") from None
    finally:
        close_database()


BYTE_ORDER = ("C", "POSIX", "C.UTF-8", "C.utf8")


def require_empty_server(url: str) -> None:
    """Connect to a new archive's database: empty, and sorting as a file does."""
    _connect_to_server(url)
    if schema.current_version() or db.get_tables():
        close_database()
        raise ArchiveError(f"数据库“{url}”里已经有数据,不会覆盖:请为档案新建一个空数据库")
    _require_byte_order(url)


def _require_byte_order(url: str) -> None:
    """Names, IDs and keys sort the same on a server as in a file (byte order): a database made
    with a language's collation would order them otherwise, and not even the same on every server."""
    collation = db.execute_sql("SELECT datcollate FROM pg_database WHERE datname = current_database()").fetchone()[0]
    if collation not in BYTE_ORDER:
        close_database()
        raise ArchiveError(f"数据库“{url}”的排序规则是 {collation},档案需要 C:请按说明书新建数据库"
                           "(CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C')")


def _connect_to_server(url: str) -> None:
    try:
        open_database(url)
    except OperationalError as error:  # the server's own words say why: refused, no such database, password…
        # every line: libpq's last line may be only where the password came from
        said = " ".join(line.strip() for line in str(error).strip().splitlines()) or type(error).__name__
        told = describe_server_failure(error, connecting=True)
        raise ArchiveError(f"无法连接数据库“{url}”:{told + '(服务器说:' + said + ')' if told else said}") from None
    except ImproperlyConfigured:
        raise ArchiveError("本机未安装 PostgreSQL 数据库驱动(psycopg2),不能打开服务器上的档案") from None
    except ValueError:  # a port that is not a number, and the like
        raise ArchiveError(f"数据库地址“{url}”有误,应为 postgresql://用户名@服务器[:端口]/数据库名") from None


def close_archive() -> None:
    """Close the open archive (nothing to do when none was opened: a command that failed early)."""
    if db.obj is None:
        return
    vault.forget()  # the key is for this file as it is now: a restore may put another archive here
    close_database()
