"""A native crash leaves its Python stack in the log folder, and the next start says so (each
start in a child process, as the program's own)."""
import subprocess
import sys
from pathlib import Path

from models.app.crashes import CRASH_NAME, PREVIOUS_NAME, crash_notice

ROOT = Path(__file__).resolve().parents[1]
START = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from models.app.crashes import watch_native_crashes
print("KEPT", watch_native_crashes(Path({folder!r})))
if {abort}:
    import faulthandler
    faulthandler._sigabrt()  # what std::terminate does inside Qt: abort, no Python exception
from models.app import crashes
crashes._open[0].write("Windows fatal exception: code 0x800706ba\\n")  # (a dump of an exception a DLL handled)
crashes._open[0].flush()
crashes.finish_cleanly()  # the window closed normally
"""


def start(folder: Path, *, abort: bool) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", START.format(root=str(ROOT), folder=str(folder), abort=abort)],
                          capture_output=True, text=True)
    kept = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("KEPT")]
    return done.returncode, kept[0] if kept else ""


def test_a_native_abort_leaves_its_stack_and_the_next_start_names_the_file(tmp_path):
    code, kept = start(tmp_path, abort=True)
    assert code != 0 and kept == "None"
    crash = (tmp_path / CRASH_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and 'File "<string>"' in crash  # the Python stack of the abort
    code, kept = start(tmp_path, abort=False)  # the next start
    assert code == 0 and kept == str(tmp_path / PREVIOUS_NAME)
    assert "Fatal Python error" in Path(kept).read_text(encoding="utf-8")
    assert kept in crash_notice(Path(kept)) and "意外退出" in crash_notice(Path(kept))
    assert start(tmp_path, abort=False) == (0, "None")  # told once, and a run that ended normally is no crash
    assert (tmp_path / CRASH_NAME).read_text(encoding="utf-8") == ""


def test_a_windows_without_winrt_settings_keeps_the_system_colours(qapp):
    """There Qt's own theme would abort inside QApplication(): the palette comes from GetSysColor."""
    from PySide6.QtGui import QColor, QPalette

    from ui import windows_theme

    colours = {5: 0x00FFFFFF, 8: 0x00000000, 13: 0x00D77800, 14: 0x00FFFFFF, 15: 0x00F0F0F0, 17: 0x006D6D6D}
    palette = windows_theme.system_palette(lambda index: colours.get(index, 0x00808080))
    assert palette.color(QPalette.ColorRole.Highlight) == QColor(0x00, 0x78, 0xD7)  # 0x00BBGGRR
    assert palette.color(QPalette.ColorRole.Window) == QColor(0xF0, 0xF0, 0xF0)
    assert palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) == QColor(0x6D, 0x6D, 0x6D)
    assert not windows_theme.lacks_winrt_settings()  # (not Windows: Qt's theme as it is)
