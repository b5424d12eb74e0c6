"""The interface's language: Simplified Chinese, the source language, or English for the team's
non-Chinese readers (the printed forms stay Chinese). Every visible string goes through ``_t``
with a literal, so ``make translations`` (pyside6-lupdate) finds it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from . import config

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def chosen_language() -> str:
    """The language chosen in 设置 on this PC (a per-user setting, not the archive's)."""
    language = str(config.app_settings().value("ui/language", "zh_CN"))
    return language if language in LANGUAGES else "zh_CN"


def choose_language(language: str) -> None:
    store = config.app_settings()
    store.setValue("ui/language", language)
    store.sync()
