"""Printing several files at once, on both cores, each worker with its own archive connection.

The renderer is named as "module:function" and imported in the worker, so the domain does not
depend on ``reports`` (the caller chooses what to render with).
"""
from __future__ import annotations

import importlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import ArchiveError
from .files import write_atomically
from .org import Unit
from .person import Secretary

_worker = {}


def find_secretary(key: str) -> Secretary:
    """A file by its UUID, its ID number or its (unique) name."""
    key = key.strip()
    found = list(Secretary.live().where((Secretary.id == key) | (Secretary.id_number == key.upper()) |
                                        (Secretary.name == key)).limit(2))
    if len(found) != 1:
        reason = "找不到" if not found else "有重名,请改用身份证号"
        raise ArchiveError(f"{reason}档案“{key}”")
    return found[0]


def secretaries_of(township: str | None = None) -> list[Secretary]:
    query = (Secretary.select(Secretary, Unit).join(Unit)  # the unit comes with each person: no query per name
             .where(Secretary.deleted_at.is_null()).order_by(Unit.sort_order, Unit.name, Secretary.name_pinyin))
    if township:
        from .org import Township
        query = query.where(Unit.township.in_(Township.select(Township.id).where(Township.name == township)))
    return list(query)


def resolve(name: str):
    """The function named "module:function"."""
    module, function = name.split(":")
    return getattr(importlib.import_module(module), function)


def _start_worker(archive: str, data_name: str, render_name: str) -> None:
    from .lifecycle import open_archive

    open_archive(archive)
    _worker.update(data=resolve(data_name), render=resolve(render_name))


def _print_one(secretary_id: str, target: str) -> str:
    write_atomically(Path(target), _worker["render"](_worker["data"](secretary_id)))
    return target


def print_many(archive: Path, jobs: list[tuple[str, Path]], *, data: str, render: str, workers: int = 2,
               progress=None, cancelled=None) -> list[Path]:
    """Render each (secretary id, target file) job; ``progress(done, total)`` after each;
    ``cancelled()`` is asked between files and stops the rest."""
    done: list[Path] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(str(archive), data, render)) as pool:
        futures = [pool.submit(_print_one, secretary_id, str(target)) for secretary_id, target in jobs]
        for future in futures:
            done.append(Path(future.result()))
            if progress:
                progress(len(done), len(jobs))
            if cancelled and cancelled():
                for pending in futures:
                    pending.cancel()
                break
    return done


def combine(pdfs) -> bytes:
    """Several PDFs as one (for "one combined file")."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
