"""Where the archive and its companions live by default: the per-user data folder."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "SecretaryArchive"
ARCHIVE_NAME = "archive.sqlite"


def data_folder() -> Path:
    """%LOCALAPPDATA%\\SecretaryArchive on Windows, ~/.local/share/SecretaryArchive elsewhere
    (``SECRETARY_ARCHIVE_HOME`` overrides, for tests and portable installs)."""
    override = os.environ.get("SECRETARY_ARCHIVE_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER


def default_archive() -> Path:
    return data_folder() / ARCHIVE_NAME


def log_file() -> Path:
    return data_folder() / "logs" / "secretary-archive.log"
