"""Per-user interface choices (window geometry, last page), in an INI file in the data folder.

Domain settings (deadlines, matter types, 密级) live in the archive instead: they travel with it.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

from models.storage.paths import data_folder

DEFAULTS = {
    "main/page": 0,
    "security/idle_minutes": 10,  # auto-lock after this long without keyboard or mouse
}


def app_settings() -> QSettings:
    return QSettings(str(data_folder() / "settings.ini"), QSettings.Format.IniFormat)


def value(key: str):
    return app_settings().value(key, DEFAULTS.get(key))
