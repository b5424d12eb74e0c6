"""The application's version: shown in 关于, written into exported packages' logs; setup.cfg
reads it from here (one place)."""
VERSION = "0.3.0"


def build() -> str:
    """The installed build — the commit and its date, written into ``models/app/_build.py`` by
    the Windows installer build (packaging/build_windows.py); empty when running from source."""
    try:
        from models.app._build import BUILD
    except ImportError:
        return ""
    return BUILD
