"""Windows without the WinRT class ``Windows.UI.ViewManagement.UISettings`` (stripped 精简版 and
LTSC-era images common on township PCs, and wine 8): Qt 6.9 reads the accent colour through it with
no guard, and the C++ exception ends the process inside ``QApplication()`` — no message, no log.
There Qt is told not to read the desktop's settings, and the palette is taken from the classic
system colours (``GetSysColor``, what Qt's own Windows palette starts from) instead."""
from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# (role, GetSysColor index) — COLOR_BTNFACE 15, COLOR_BTNTEXT 18, COLOR_WINDOW 5, COLOR_WINDOWTEXT 8,
# COLOR_HIGHLIGHT 13, COLOR_HIGHLIGHTTEXT 14, COLOR_INFOBK 24, COLOR_INFOTEXT 23, COLOR_GRAYTEXT 17,
# COLOR_3DLIGHT 22, COLOR_3DSHADOW 16, COLOR_3DDKSHADOW 21, COLOR_3DHILIGHT 20, COLOR_HOTLIGHT 26
_R = QPalette.ColorRole
SYSTEM_COLOURS = ((_R.Window, 15), (_R.WindowText, 18), (_R.Button, 15), (_R.ButtonText, 18), (_R.Base, 5),
                  (_R.Text, 8), (_R.AlternateBase, 15), (_R.Highlight, 13), (_R.HighlightedText, 14),
                  (_R.ToolTipBase, 24), (_R.ToolTipText, 23), (_R.Light, 20), (_R.Midlight, 22), (_R.Mid, 16),
                  (_R.Dark, 16), (_R.Shadow, 21), (_R.Link, 26), (_R.PlaceholderText, 17))
GRAY_TEXT = 17


def lacks_winrt_settings() -> bool:
    """Whether this Windows has no ``windows.ui.dll`` (where Qt's theme would abort)."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        ctypes.WinDLL("windows.ui.dll")
    except OSError:
        return True
    return False


def before_application() -> bool:
    """Called before ``QApplication()``: on such a Windows, keep Qt from the path that aborts.
    Returns whether the palette must then be set (``system_palette``)."""
    if not lacks_winrt_settings():
        return False
    QGuiApplication.setDesktopSettingsAware(False)
    return True


def system_palette(sys_color=None) -> QPalette:
    """The palette of the classic system colours; ``sys_color(index)`` → 0x00BBGGRR (GetSysColor)."""
    if sys_color is None:
        import ctypes

        sys_color = ctypes.windll.user32.GetSysColor
    palette = QPalette()
    for role, index in SYSTEM_COLOURS:
        palette.setColor(role, _colour(sys_color(index)))
    for role in (_R.WindowText, _R.Text, _R.ButtonText):  # greyed out as Windows greys disabled text
        palette.setColor(QPalette.ColorGroup.Disabled, role, _colour(sys_color(GRAY_TEXT)))
    return palette


def _colour(value: int) -> QColor:
    return QColor(value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF)
