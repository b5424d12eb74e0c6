"""What the Start-menu and desktop shortcuts run (pythonw.exe, no console): the archive's window.
The program is in pkgs\\ beside this file (on the path through the embedded Python's ._pth)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.join(HERE, "pkgs") not in sys.path:
    sys.path.insert(0, os.path.join(HERE, "pkgs"))

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    if sys.stdout is None or sys.stderr is None:  # pythonw has no console: the log has the details
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")
    try:
        from main import main

        code = main()
    except BaseException as error:  # noqa: BLE001 — without a console this box is all the clerk sees
        if isinstance(error, SystemExit):
            raise
        import ctypes
        import traceback

        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        ctypes.windll.user32.MessageBoxW(None, f"程序无法启动:\n{text}", "村(社区)党组织书记档案", 0x10)
        code = 1
    sys.exit(code)
