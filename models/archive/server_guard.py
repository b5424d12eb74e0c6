"""The server's own guard over the clerks' account (schema v13; docs/server-guard.md).

Every PC signs in to the server with one shared account, whose password is in each PC's
``.pgpass``. What keeps the archive's promises is therefore the database, not the program: with
that password alone nobody can append to the log, change a record or a setting, or read a
password hash or a wrapped archive key. The program's user signs in *to the server*
(``archive_sign_in``), and the server checks every write of that connection: the log's next
entry, its hash, its author and role; a record's row only with its entry in the same
transaction; a role only on the tables its permissions reach. The owner (who makes and upgrades
the schema) is trusted with everything, as any database owner must be.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from models.accounts.tables import User
from models.accounts.users import LOCK_MINUTES, MAX_FAILURES, holds_key
from models.archive.tables import RECORD_TABLES
from models.storage.db import db, may_change_schema
from models.storage.settings import WRITERS
from models.writing.actor import ROLE_PERMISSIONS, ROLES
from models.writing.rules import GUARDS

SCRIPT = Path(__file__).resolve().parent / "sql" / "server_guard.sql"
# what the server stamps on each audit entry beside what the program writes (not in its hash)
STAMPED = ("db_role", "app_user", "db_xact")
# tables written beside the records: the attachments' bytes, a district's pinned keys and imports
BESIDE_RECORDS = {"stored_file": ("personnel", "reports"), "sender_key": ("admin",), "exchange_package": ("admin",)}


def install() -> None:
    """The guard's tables, functions, triggers and row policy, and each role's rights (made again
    whenever the program's guard changes: the statements are all "or replace")."""
    script = _script()
    db.cursor().execute(script)  # (no parameters: the script's text is sent as it is)
    _triggers()
    db.execute_sql("DELETE FROM guard_right")
    db.cursor().executemany("INSERT INTO guard_right (role, target) VALUES (%s, %s)", sorted(rights()))
    db.execute_sql("DELETE FROM guard_installed")
    db.execute_sql("INSERT INTO guard_installed (digest, version) VALUES (%s, %s)", (_digest(script), _version(script)))


def install_if_changed() -> bool:
    """At the owner's open of a guarded archive: this program's guard installed where the server
    has an older one (a new function, a changed rule), without a schema step — an older program on
    a clerk's PC works with it, and the archive's packages and other PCs see no difference. Never
    an older guard over a newer one (an owner running an older build)."""
    if not may_change_schema() or not db.execute_sql("SELECT to_regclass('guard_session')").fetchone()[0]:
        return False
    script = _script()
    installed = (db.execute_sql("SELECT digest, version FROM guard_installed").fetchone()
                 if db.execute_sql("SELECT to_regclass('guard_installed')").fetchone()[0] else None)
    if installed is not None and (installed[1] > _version(script) or installed[0] == _digest(script)):
        return False
    with db.atomic():
        install()
    return True


def _version(script: str) -> int:
    """The guard's version, from the script's own header line (``-- guard version N``)."""
    return int(re.search(r"^-- guard version (\d+)", script, re.MULTILINE).group(1))


def _script() -> str:
    from psycopg2 import sql  # (the schema's name quoted by the driver, never pasted)

    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    quoted = sql.Identifier(schema).as_string(db.connection())
    return (SCRIPT.read_text(encoding="utf-8").replace("@schema@", quoted)
            .replace("@max_failures@", str(int(MAX_FAILURES))).replace("@lock_minutes@", str(int(LOCK_MINUTES))))


def _digest(script: str) -> str:
    return hashlib.sha256(script.encode("utf-8")).hexdigest()


def rights() -> set[tuple[str, str]]:
    """(role, table or setting:key) each role other than admin may write, from the program's own
    rules: a record's permission (or its guard's), a setting's writer."""
    needs: dict[str, tuple[str, ...]] = {}
    for model in RECORD_TABLES:
        needs[model._meta.table_name] = GUARDS[model][2] if model in GUARDS else (model.permission,)
    needs.update(BESIDE_RECORDS)
    needs.update({f"setting:{key}": (permission,) for key, permission in WRITERS.items()})
    needs["dossier"] = ("personnel",)  # a whole file saved or undone (its entry names no table)
    granted = {(role, target) for target, permissions in needs.items() for role in ROLES
               if role != "admin" and any(p in ROLE_PERMISSIONS[role] for p in permissions)}
    # the archive key's wraps (a PC's, one's own) by the roles whose password opens the key
    return granted | {(role, "setting:key_wrap.") for role in ROLES if role != "admin" and holds_key(role)}


def _triggers() -> None:
    for model in RECORD_TABLES:
        table = model._meta.table_name
        row_check = "guard_user_row" if model is User else "guard_table_write"
        _trigger(table, "guard_write", f"BEFORE INSERT OR UPDATE ON {{}} FOR EACH ROW EXECUTE FUNCTION {row_check}()")
        _trigger(table, "guard_audited", "AFTER INSERT OR UPDATE ON {} DEFERRABLE INITIALLY DEFERRED "
                                         "FOR EACH ROW EXECUTE FUNCTION guard_record_audited()", constraint=True)
    _trigger("setting", "guard_write", "BEFORE INSERT OR UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION guard_setting_row()")
    _trigger("setting", "guard_audited", "AFTER INSERT OR UPDATE ON {} DEFERRABLE INITIALLY DEFERRED "
                                         "FOR EACH ROW EXECUTE FUNCTION guard_setting_audited()", constraint=True)
    for table in BESIDE_RECORDS:
        _trigger(table, "guard_write", "BEFORE INSERT OR UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION guard_table_write()")


def _trigger(table: str, name: str, definition: str, *, constraint: bool = False) -> None:
    from psycopg2 import sql

    db.execute_sql(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(sql.Identifier(name), sql.Identifier(table))
                   .as_string(db.connection()))
    create = "CREATE CONSTRAINT TRIGGER {} " if constraint else "CREATE TRIGGER {} "
    db.execute_sql(sql.SQL(create + definition).format(sql.Identifier(name), sql.Identifier(table))
                   .as_string(db.connection()))
