"""peewee without the server's driver until a server archive is opened.

peewee imports psycopg2 — and with it ssl and socket, about 15 ms — when it is itself imported, for
every archive; a township's archive is a file and never uses it. So peewee is first imported with
the driver hidden (a ``None`` in ``sys.modules`` makes ``import psycopg2`` fail, which peewee takes
as "not installed"), and ``load()`` hands peewee the driver when a server archive is opened. The
names set are peewee's own module globals, those its own import binds (tests/test_layers.py
compares them; the server tests open every server archive through ``load``).
"""
from __future__ import annotations

import sys

SERVER_DRIVERS = ("psycopg2", "psycopg")  # (psycopg 3 is not used: hidden so that it is not looked for)


def import_peewee_without_the_server_driver() -> None:
    if "peewee" in sys.modules:
        return
    hidden = [name for name in SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


def load() -> None:
    """Give peewee psycopg2 (as its import would have), once."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    try:
        import psycopg2
        from psycopg2 import errors, extensions, extras
    except ImportError:
        return  # (peewee then refuses to connect, which opening the archive explains in Chinese)

    extras.register_uuid()
    peewee.psycopg2, peewee.pg_extensions, peewee.pg_errors = psycopg2, extensions, errors
    peewee.pg_register_uuid = extras.register_uuid
