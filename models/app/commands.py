"""The headless sub-commands (SPEC §8), as one table: what each does and how it uses the archive.

``main.py`` parses the arguments and hands them to ``run``, which opens the archive once for the
command (``opened``) and runs it; main prints its ``Outcome``. A command receives the parsed arguments (``args.db`` is the archive)
and finds the archive open, unless it makes or replaces it itself (``archive="own"``: init,
demo, restore, migrate). Anything the user should be told is an ArchiveError; ``UsageError``
for arguments found wrong only once read (exit 2). The shape follows calibredb's: one table of
commands over one archive opened by the entry point.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Callable

from models.app import archive_commands as archive
from models.app import exchange_commands as exchange
from models.app import record_commands as records
from models.app.outcome import Outcome
from models.app.signing_in import signed_in
from models.archive.lifecycle import close_archive, open_archive
from models.storage.db import on_server
from models.storage.lock import exclusive
from models.writing.actor import command_line_actor


@dataclass(frozen=True)
class Command:
    run: Callable[..., Outcome]
    # what the signed-in user must be allowed (``signing_in``): a permission, or one from the
    # arguments; None for a command that needs no sign-in
    permission: str | Callable[..., str] | None = "view"
    archive: str = "open"  # "open": opened before the command and closed after; "own": the command does
    changes: bool = False  # held against the window and other commands while it runs (a file archive)
    precondition: Callable[..., None] | None = None  # checked on the arguments before the archive opens


COMMANDS: dict[str, Command] = {
    "init": Command(archive.init, permission=None, archive="own", changes=True),
    "demo": Command(archive.demo, permission="admin", archive="own", changes=True),  # signs in on an archive with users
    "check": Command(archive.check, permission=None),  # open to support staff: it reads no person's data out
    "stats": Command(records.stats),
    "ledger": Command(records.ledger),
    "print": Command(records.print_forms, changes=True, precondition=records.known_form),  # it logs the print
    "export": Command(exchange.export, permission="reports", changes=True),
    "import": Command(exchange.import_package, permission="reports", changes=True),
    "keys": Command(exchange.keys, permission="admin", changes=True, precondition=exchange.key_file_given),
    "backup": Command(archive.backup, permission="admin", precondition=archive.refuse_on_server("backup")),
    "restore": Command(archive.restore, permission="admin", archive="own", changes=True,
                       precondition=archive.refuse_on_server("restore")),
    "migrate": Command(archive.migrate, permission="admin", archive="own"),  # holds its source itself
    "grant": Command(archive.grant, permission="admin", precondition=archive.require_server),
    "repair-log": Command(archive.repair_log, permission="admin", changes=True),
    "roster": Command(records.roster, permission=lambda args: "personnel" if args.action == "import" else "view",
                      changes=True),
    "lrmx import": Command(records.lrmx_import, permission="personnel", changes=True),
    "lrmx export": Command(records.lrmx_export, changes=True),
    "audit-files": Command(records.audit_files),
}


@contextmanager
def opened(command: Command, db):
    """The command's archive for as long as it runs: held when the command changes an archive
    file (a server serialises its writers itself), opened unless the command opens it, and
    closed after in every case."""
    with exclusive(db) if command.changes and not on_server(db) else nullcontext():
        try:
            if command.archive == "open":
                open_archive(db)
            yield
        finally:
            close_archive()


def run(name: str, args) -> Outcome:
    """The command ``name`` on the parsed ``args`` (``args.db``: its archive), its precondition
    checked before the archive opens, run as the user who signed in (``args.actor``)."""
    command = COMMANDS[name]
    if command.precondition is not None:
        command.precondition(args)
    with opened(command, args.db):
        args.permission = command.permission(args) if callable(command.permission) else command.permission
        args.actor = signed_in(args, args.permission, name) if command.archive == "open" else command_line_actor()
        return command.run(args)
