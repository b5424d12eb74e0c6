"""Where the archive and its companions live by default: the per-user data folder."""
from __future__ import annotations

import os
from pathlib import Path

APP_FOLDER = "SecretaryArchive"
ARCHIVE_NAME = "archive.sqlite"


def data_folder() -> Path:
    """%LOCALAPPDATA%\\SecretaryArchive on Windows, ~/.local/share/SecretaryArchive on Linux (as
    ``platformdirs`` says for each system; ``SECRETARY_ARCHIVE_HOME`` overrides, for tests and
    portable installs)."""
    override = os.environ.get("SECRETARY_ARCHIVE_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False, roaming=False))


def default_archive() -> Path:
    return data_folder() / ARCHIVE_NAME


def log_file() -> Path:
    return data_folder() / "logs" / "secretary-archive.log"
