"""The licences the program is given under: each library's, as its package ships it, the Qt
notice (PySide6 and Qt are used under the LGPL-3.0: their DLLs are separate files a user may
replace), the Python and font licences, and the full LGPL/GPL texts the installer carries in
``licenses\\`` beside the program (``packaging/build_windows.py`` puts them there)."""
from __future__ import annotations

import importlib.metadata
from pathlib import Path

INSTALLED = Path(__file__).resolve().parents[3] / "licenses"  # <install>\pkgs\models\app\ → <install>\licenses
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"

QT_NOTICE = """Qt and Qt for Python (PySide6, Shiboken6) {version}
Copyright (C) The Qt Company Ltd. and other contributors.
Used under the GNU Lesser General Public License version 3 (LGPL-3.0), text in LGPL-3.0.txt and
GPL-3.0.txt (the LGPL-3.0 builds on the GPL-3.0); PySide6 is also offered under GPL-2.0/GPL-3.0.
The Qt and PySide6 libraries are installed as separate, unmodified files (pkgs\\PySide6,
pkgs\\shiboken6): you may replace them with your own builds of the same version. Their source code
is at https://download.qt.io/official_releases/QtForPython/ and https://code.qt.io/ ."""


def components() -> list[tuple[str, str, str, list[str]]]:
    """(name, version, licence as its package states it, licence files) of every library here."""
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata.get("Name") or ""
        if not name or name.lower() in found:
            continue
        stated = dist.metadata.get("License-Expression") or _classified(dist) or (dist.metadata.get("License") or "")
        files = [str(f) for f in (dist.files or ()) if _licence_file(str(f))]
        found[name.lower()] = (name, dist.version, stated.splitlines()[0][:120] if stated else "", files)
    return sorted(found.values(), key=lambda item: item[0].lower())


def _classified(dist) -> str:
    licences = [c.split("::")[-1].strip() for c in dist.metadata.get_all("Classifier") or [] if c.startswith("License")]
    return ", ".join(licences)


def _licence_file(path: str) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return ".dist-info/" in path.replace("\\", "/") and name.startswith(("licen", "copying", "notice", "authors"))


def qt_version() -> str:
    try:
        return importlib.metadata.version("PySide6")
    except importlib.metadata.PackageNotFoundError:
        return ""


def licence_text() -> str:
    """What 关于 → 许可 shows: the Qt notice, every library with its licence and files, the fonts',
    and the full licence texts carried beside the program."""
    parts = [QT_NOTICE.format(version=qt_version()), "", "本程序使用的组件及其许可(Components and their licences):"]
    where = "pkgs/" if (INSTALLED.parent / "pkgs").is_dir() else ""  # (installed: beside the program)
    for name, version, stated, files in components():
        parts.append(f"  {name} {version}: {stated or '见许可文件'}")
        parts += [f"      {where}{path}" for path in files]
    parts += ["", "字体(Fonts): " + "、".join(p.name for p in sorted(FONTS.glob("LICENSE-*.txt")))]
    for path in sorted(FONTS.glob("LICENSE-*.txt")) + sorted(INSTALLED.glob("*.txt")):
        parts += ["", "=" * 72, path.name, "=" * 72, path.read_text(encoding="utf-8", errors="replace")]
    return "\n".join(parts)
