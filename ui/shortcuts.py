"""The keyboard shortcuts, in one table: bound where the actions live, listed in 帮助."""
from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP

NEW_FILE = "Ctrl+N"
FIND = "Ctrl+F"
PRINT = "Ctrl+P"
SAVE = "Ctrl+S"
CLOSE = "Esc"
NEXT_TAB = "Ctrl+PgDown"
PREVIOUS_TAB = "Ctrl+PgUp"
QUIT = "Ctrl+Q"
HELP = "F1"

LISTED = (  # key, what it does (translated where shown)
    (NEW_FILE, QT_TR_NOOP("新建人事档案")),
    (FIND, QT_TR_NOOP("查找（人事档案、一事一报的搜索框）")),
    (PRINT, QT_TR_NOOP("打印当前页面或档案")),
    (SAVE, QT_TR_NOOP("保存档案")),
    (CLOSE, QT_TR_NOOP("关闭档案或对话框（有未保存的修改时先询问）")),
    (NEXT_TAB, QT_TR_NOOP("下一个页面或标签")),
    (PREVIOUS_TAB, QT_TR_NOOP("上一个页面或标签")),
    ("Tab / Shift+Tab", QT_TR_NOOP("下一个 / 上一个输入框")),
    (QUIT, QT_TR_NOOP("退出（有未保存的修改时先询问）")),
    (HELP, QT_TR_NOOP("帮助")),
)


def step(current: int, count: int, forward: bool) -> int:
    """The next (or previous) of ``count`` pages or tabs, going round."""
    return (current + (1 if forward else -1)) % count if count else current
