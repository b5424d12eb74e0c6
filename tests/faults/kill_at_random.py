"""Kill writers, imports and restores at random moments and look at what is left (``make faults``).

For a bounded time, on both cores, each round starts a child process doing one kind of work on a
scratch archive and kills it (SIGKILL, like a pulled plug) after a random delay:

- **write**: the child changes records through the services, printing each acknowledged write;
- **import**: the child imports a township's package at the district (one transaction);
- **restore**: the child writes, then restores an older backup over the archive.

After each kill the archive must open, pass SQLite's check and the audit chain (the full ``check``
every few rounds), hold every write the child acknowledged (unless a restore finished, replacing
the archive by the backup — then it must be exactly the backup's), and an import must be all or
nothing. The figures are printed at the end: kills, corrupt archives, lost acknowledged writes.

    python tests/faults/kill_at_random.py --seconds 600
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASSWORD = "correct-horse-9"


# -- the children ---------------------------------------------------------------------------------------

def child_write(archive: str) -> None:
    from models.personnel.person import Secretary
    from models.archive.lifecycle import open_archive
    from models.writing import services
    from models.writing.actor import SYSTEM

    open_archive(archive)
    people = [p.id for p in Secretary.select(Secretary.id)]
    print("READY", flush=True)
    for number in range(1_000_000):
        person = people[number % len(people)]
        services.update(SYSTEM, Secretary, person, {"remarks": f"write-{os.getpid()}-{number}"})
        print(f"ACK {person} write-{os.getpid()}-{number}", flush=True)


def child_import(archive: str, package: str) -> None:
    from models.exchange.importer import apply_preview, preview_package, read_package
    from models.archive.lifecycle import open_archive
    from models.writing.actor import SYSTEM

    open_archive(archive)
    preview = preview_package(read_package(Path(package).read_bytes()))
    print("START", flush=True)
    apply_preview(SYSTEM, preview, trust=preview.package.fingerprint, accept_deletions=True)
    print("DONE", flush=True)


def die_at_file_operation(number: int, after: bool) -> None:
    """Targeted kills: the process kills itself at its ``number``-th rename, unlink or fsync
    (before or after it), where a restore is most fragile."""
    import os as os_module
    import pathlib

    count = [0]

    def wrapped(function):
        def call(*args, **kwargs):
            count[0] += 1
            if count[0] == number and not after:
                os_module.kill(os_module.getpid(), signal.SIGKILL)
            result = function(*args, **kwargs)
            if count[0] == number and after:
                os_module.kill(os_module.getpid(), signal.SIGKILL)
            return result
        return call

    for name in ("replace", "unlink", "remove", "fsync", "rename"):
        setattr(os_module, name, wrapped(getattr(os_module, name)))
    pathlib.Path.unlink = wrapped(pathlib.Path.unlink)


def child_write_and_die(archive: str, count: str) -> None:
    """Writes, then dies without closing: the writes stay in the WAL nobody folded in (a window
    that crashed), which a restore must not lose."""
    from models.personnel.person import Secretary
    from models.archive.lifecycle import open_archive
    from models.writing import services
    from models.writing.actor import SYSTEM

    open_archive(archive)
    person = Secretary.select().first().id
    for number in range(int(count)):
        services.update(SYSTEM, Secretary, person, {"remarks": f"before-restore-{os.getpid()}-{number}"})
        print(f"ACK {person} before-restore-{os.getpid()}-{number}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def child_restore(archive: str, backup: str, kill_at: str = "0") -> None:
    from models.archive.restore import restore_from
    from models.writing.actor import SYSTEM

    crashed = subprocess.run([sys.executable, __file__, "--child", "write-and-die", archive,
                              str(random.randint(1, 20))], capture_output=True, text=True)
    for line in crashed.stdout.splitlines():
        print(line, flush=True)
    print("RESTORING", flush=True)
    if int(kill_at):
        die_at_file_operation(abs(int(kill_at)), after=int(kill_at) < 0)
    restore_from(Path(archive), Path(backup), actor=SYSTEM)
    print("RESTORED", flush=True)


# -- the parent ---------------------------------------------------------------------------------------

class Scratch:
    """A township archive with a backup, and a district with a package ready to import."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.town = folder / "town.sqlite"
        self.district = folder / "district.sqlite"
        self._make()

    def _make(self) -> None:
        from models.demo.builder import build_demo
        from models.exchange.export import export_package
        from models.exchange.keys import export_public_key, install_public_key
        from models.archive.lifecycle import close_archive, create_archive
        from models.storage.backup import write_backup
        from models.writing.actor import SYSTEM

        create_archive(self.district, mode="district", admin_password=PASSWORD)
        export_public_key(SYSTEM, self.folder / "district.key")
        close_archive()
        create_archive(self.town, township_name="青石镇", admin_password=PASSWORD)
        install_public_key(SYSTEM, self.folder / "district.key")
        build_demo(SYSTEM, secretaries=8, seed=9)
        from models.personnel.person import Secretary
        from models.writing import services

        self.marked = Secretary.select().first().id  # the backup says "in-backup", the archive after it not
        services.update(SYSTEM, Secretary, self.marked, {"remarks": "in-backup"})
        self.backup = write_backup(self.folder / "backup.zip")
        services.update(SYSTEM, Secretary, self.marked, {"remarks": "after-backup"})
        self.package = export_package(SYSTEM, self.folder / "stick").path
        close_archive()
        for path in (self.town, self.district):
            shutil.copy(path, str(path) + ".clean")


MARKERS = {"write": "READY", "import": "START", "restore": "RESTORING"}


def run_child(kind: str, args: list[str], delay: float | None, home: Path) -> tuple[list[str], bool]:
    """Start the child; once it says its work begins, kill it after ``delay`` seconds (None: it
    kills itself, targeted). Its output lines, and whether it was killed (it may finish first)."""
    env = dict(os.environ, SECRETARY_ARCHIVE_HOME=str(home), PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, __file__, "--child", kind, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith(MARKERS[kind]):
            break
    if delay is None:
        output, _ = process.communicate(timeout=60)
        return lines + output.splitlines(), process.returncode == -signal.SIGKILL
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    output, _ = process.communicate()
    return lines + output.splitlines(), killed


def inspect(archive: Path, home: Path, *, full: bool) -> dict:
    """Open the archive (the child is dead: nobody else has it) and describe it."""
    from models.personnel.person import Secretary
    from models.archive.lifecycle import close_archive, open_archive
    from models.archive.check import run_check
    from models.storage.db import db
    from models.writing.audit import verify_chain

    try:
        open_archive(archive)
        try:
            ok = db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok" and verify_chain() is None
            faults = run_check().faults if full else []
            return {"ok": ok and not faults, "faults": faults, "people": Secretary.select().count(),
                    "remarks": {p.id: p.remarks for p in Secretary.select()}}
        finally:
            close_archive()
    except Exception as error:  # anything here is a finding, not a crash of the script
        return {"ok": False, "faults": [repr(error)], "remarks": {}, "people": -1}


def acked(lines: list[str]) -> dict[str, str]:
    last = {}
    for line in lines:
        if line.startswith("ACK "):
            _, person, value = line.split(" ", 2)
            last[person] = value
    return last


def one_round(scratch: Scratch, kind: str, rng: random.Random, home: Path, full: bool) -> dict:
    town, district = scratch.town, scratch.district
    if kind == "write":
        lines, killed = run_child("write", [str(town)], rng.uniform(0.0, 0.5), home)
        state = inspect(town, home, full=full)
        lost = sum(state["remarks"].get(person) != value and not _later(state["remarks"].get(person), value)
                   for person, value in acked(lines).items())
        return {"killed": killed, "corrupt": not state["ok"], "lost": lost, "faults": state["faults"]}
    if kind == "import":
        shutil.copy(str(district) + ".clean", district)
        for suffix in ("-wal", "-shm"):
            Path(str(district) + suffix).unlink(missing_ok=True)
        lines, killed = run_child("import", [str(district), str(scratch.package)], rng.uniform(0.0, 0.4), home)
        state = inspect(district, home, full=full)
        partial = state["people"] not in (0, 8)  # all or nothing
        return {"killed": killed, "corrupt": not state["ok"] or partial, "lost": int("DONE" in lines and
                                                                                      state["people"] != 8),
                "faults": state["faults"]}
    targeted = rng.choice((0, rng.randint(1, 40), -rng.randint(1, 40)))  # 0: a kill at a random moment
    lines, killed = run_child("restore", [str(town), str(scratch.backup), str(targeted)],
                              rng.uniform(0.0, 0.25) if not targeted else None, home)
    state = inspect(town, home, full=full)
    restored = "RESTORED" in lines
    values = acked(lines)
    lost = 0 if restored else sum(state["remarks"].get(p) != v and not _restored_copy(state, scratch)
                                  for p, v in values.items())
    return {"killed": killed, "corrupt": not state["ok"], "lost": lost, "faults": state["faults"]}


def _later(seen: str | None, acknowledged: str) -> bool:
    """A later write of the same child than the acknowledged one is not a loss."""
    if not seen or not seen.startswith("write-"):
        return False
    return seen.rsplit("-", 1)[0] == acknowledged.rsplit("-", 1)[0] and \
        int(seen.rsplit("-", 1)[1]) >= int(acknowledged.rsplit("-", 1)[1])


def _restored_copy(state: dict, scratch: Scratch) -> bool:
    """The kill came after the swap: the archive is the backup's (it says so)."""
    return state["remarks"].get(scratch.marked) == "in-backup"


def worker(seconds: float, seed: int, folder: Path, totals: dict, kinds: tuple[str, ...]) -> None:
    rng = random.Random(seed)
    home = folder / "home"
    os.environ["SECRETARY_ARCHIVE_HOME"] = str(home)
    scratch = Scratch(folder)
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        outcome = one_round(scratch, kind, rng, home, full=rounds % 10 == 0)
        rounds += 1
        totals["rounds"] += 1
        totals["kills"] += outcome["killed"]
        totals[f"kills_{kind}"] += outcome["killed"]
        totals["corrupt"] += outcome["corrupt"]
        totals["lost"] += outcome["lost"]
        if outcome["corrupt"] or outcome["lost"]:
            totals["examples"].append({"kind": kind, **outcome})
        if kind == "restore":  # next rounds start from a clean township again
            shutil.copy(str(scratch.town) + ".clean", scratch.town)
            for suffix in ("-wal", "-shm"):
                Path(str(scratch.town) + suffix).unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default="write,write,import,restore",
                        help="what the rounds do, drawn at random from this list")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        {"write": child_write, "import": child_import, "restore": child_restore,
         "write-and-die": child_write_and_die}[kind](*rest)
        return 0
    from collections import Counter
    totals: Counter = Counter()
    totals["examples"] = []
    with tempfile.TemporaryDirectory(prefix="faults-") as scratch:
        folders = [Path(scratch) / f"w{n}" for n in range(args.workers)]
        for folder in folders:
            folder.mkdir()
        # each worker builds its scratch archives in its own process: the module-level database
        # handle is per process
        with ThreadPoolExecutor(args.workers) as pool:
            results = list(pool.map(lambda n: _worker_process(args.seconds, args.seed + n, folders[n], args.kinds),
                                    range(args.workers)))
    for result in results:
        for key, value in result.items():
            if key == "examples":
                totals["examples"] += value
            else:
                totals[key] += value
    report = {k: v for k, v in totals.items() if k != "examples"} | {"examples": totals["examples"][:5]}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if totals["corrupt"] == 0 and totals["lost"] == 0 else 1


def _worker_process(seconds: float, seed: int, folder: Path, kinds: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--worker", str(seconds), str(seed), str(folder), kinds],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if result.returncode != 0:
        return {"examples": [{"worker_failed": result.stderr[-2000:]}], "corrupt": 1}
    return json.loads(result.stdout.splitlines()[-1])


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        from collections import Counter
        counts: Counter = Counter()
        counts["examples"] = []
        worker(float(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), counts, tuple(sys.argv[5].split(",")))
        print(json.dumps(dict(counts)))
        sys.exit(0)
    sys.exit(main())
