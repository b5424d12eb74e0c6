"""A throwaway database on the test PostgreSQL server, one per test."""
from __future__ import annotations

import contextlib
import os
import uuid
from urllib.parse import urlsplit, urlunsplit


@contextlib.contextmanager
def scratch_database(server: str):
    """``server`` is the URL of a database to connect to for administration (e.g.
    ``postgresql:///postgres``); yields the URL of a new empty database, dropped afterwards."""
    import psycopg2

    parts = urlsplit(server)
    name = f"archive_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(_dsn(parts))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            # as the README tells district IT to make one: byte order, as SQLite sorts
            cursor.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                           "LC_COLLATE 'C' LC_CTYPE 'C'")
        try:
            yield urlunsplit(parts._replace(path=f"/{name}"))
        finally:
            from models.archive.lifecycle import close_archive
            from models.storage.db import db

            if db.obj is not None:
                close_archive()  # the test's connection, if still open
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


def _dsn(parts) -> str:
    """libpq's keyword form of the URL (the rest — password — from its environment)."""
    options = {"dbname": parts.path.lstrip("/"), "host": parts.hostname, "port": parts.port, "user": parts.username}
    return " ".join(f"{key}={value}" for key, value in options.items() if value)


@contextlib.contextmanager
def server_account(server: str):
    """A new login role on the test server (roles are the cluster's, not one database's); yields
    its name and password, and drops it afterwards — after the test's database is gone."""
    import psycopg2

    name, password = f"archive_clerk_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin = psycopg2.connect(_dsn(urlsplit(server)))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        yield name, password
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP ROLE IF EXISTS {name}")
        admin.close()


def as_account(url: str, account: str) -> str:
    """The same database's URL signed in as ``account``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{account}@{parts.netloc.split('@')[-1]}"))


def use_passwords(monkeypatch, folder, accounts: dict[str, str]) -> None:
    """libpq's password file with these accounts' passwords and the test server's own account's
    (which PGPASSWORD gave), PGPASSWORD unset: each connection signs in as its URL's account."""
    lines = [f"*:*:*:{account}:{password}" for account, password in accounts.items()]
    if os.environ.get("PGPASSWORD"):
        lines.append(f"*:*:*:{os.environ.get('PGUSER') or '*'}:{os.environ['PGPASSWORD']}")
    passfile = folder / "pgpass"
    passfile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    passfile.chmod(0o600)  # libpq ignores a password file others may read
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
