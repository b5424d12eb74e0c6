"""Fonts, translations and icons, set up once after the QApplication exists."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon

from models.values.reference import RESOURCES

from .i18n import chosen_language

FONT_FOLDER = RESOURCES / "fonts"
# Hei style for the interface (covers CJK Ext. A), then the rare-character font for Ext. B.
UI_FONTS = ("wqy-zenhei.ttc", "HanaMinB.ttf")
_translators: list[QTranslator] = []
log = logging.getLogger(__name__)


def register_fonts() -> list[str]:
    """Register the bundled fonts so nothing renders as boxes on a PC without Chinese fonts;
    returns the families, main one first."""
    families: list[str] = []
    for file_name in UI_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(FONT_FOLDER / file_name))
        if font_id < 0:
            log.warning("could not load font %s", file_name)
            continue
        families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id)[:1] if f not in families)
    return families


def apply_interface_font(app, families: list[str]) -> None:
    if not families:
        return
    font = QFont(app.font())
    font.setFamilies(families)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)


def install_translations(app) -> None:
    """Simplified Chinese is the source language, with Qt's own dialogs in Chinese from its
    catalogue; English (chosen in 设置) loads the application's English catalogue instead."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if chosen_language() == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _install(app, str(RESOURCES / "i18n" / "app_en.qm"))
        return
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    _install(app, "qtbase", locale=locale, folder=QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _install(app, name: str, *, locale: QLocale | None = None, folder: str = "") -> None:
    translator = QTranslator(app)
    loaded = translator.load(locale, name, "_", folder) if locale is not None else translator.load(name)
    if loaded:
        app.installTranslator(translator)
        _translators.append(translator)


# Semantic names → qtawesome names; the only place icon names are spelled.
ICONS = {
    "home": "fa6s.house",
    "personnel": "fa6s.folder-open",
    "matters": "fa6s.file-signature",
    "campaign": "fa6s.clipboard-check",
    "statistics": "fa6s.chart-column",
    "exchange": "fa6s.right-left",
    "settings": "fa6s.gear",
    "user": "fa6s.user",
    "lock": "fa6s.lock",
    "warning": "fa6s.triangle-exclamation",
    "error": "fa6s.circle-exclamation",
    "copy": "fa6s.copy",
    "archive": "fa6s.box-archive",
    "construction": "fa6s.person-digging",
    "add": "fa6s.plus",
    "remove": "fa6s.trash-can",
    "up": "fa6s.arrow-up",
    "down": "fa6s.arrow-down",
    "save": "fa6s.floppy-disk",
    "close": "fa6s.xmark",
    "new": "fa6s.file-circle-plus",
    "open": "fa6s.folder-open",
    "recycle": "fa6s.recycle",
    "restore": "fa6s.trash-arrow-up",
    "photo": "fa6s.image-portrait",
    "scan": "fa6s.file-image",
    "view": "fa6s.eye",
    "search": "fa6s.magnifying-glass",
    "columns": "fa6s.table-columns",
    "export": "fa6s.file-excel",
    "import": "fa6s.file-import",
    "print": "fa6s.print",
}


ICON_SIZES = (16, 24, 32, 48)  # what toolbars, the navigation list and 150%/200% screens ask for


def icon(name: str, color: str = "#2c4a6b") -> QIcon:
    """The named icon, from the on-disk cache when this version drew it before: loading the icon
    font (qtawesome) costs half a second, which a clerk would wait at every start."""
    folder = icon_cache_folder()
    stem = f"{ICONS[name]}-{color.lstrip('#')}"
    files = [folder / f"{stem}-{size}.png" for size in ICON_SIZES]
    if not all(path.exists() for path in files):
        drawn = _draw_icon(ICONS[name], color, files)
        if drawn is not None:
            return drawn
    cached = QIcon()
    for path in files:
        cached.addFile(str(path))
    return cached


def icon_cache_folder():
    from models.app.version import VERSION
    from models.storage.paths import data_folder

    return data_folder() / "cache" / f"icons-{VERSION}"


def _draw_icon(spec: str, color: str, files: list) -> QIcon | None:
    """Draw and cache the icon; the drawn icon itself when the cache cannot be written."""
    import os

    import qtawesome

    drawn = qtawesome.icon(spec, color=color)
    try:
        files[0].parent.mkdir(parents=True, exist_ok=True)
        for size, path in zip(ICON_SIZES, files):
            # this process's own temporary name: two windows starting at once each write their own
            partial = path.with_name(f"{path.stem}.{os.getpid()}.part")
            drawn.pixmap(size, size).save(str(partial), "PNG")
            partial.replace(path)  # a start interrupted half-way never leaves a broken icon behind
    except OSError:
        log.warning("could not cache icon %s", spec, exc_info=True)
        return drawn
    return None
