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
    from models.storage.archive_file import open_archive
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
    from models.storage.archive_file import open_archive
    from models.writing.actor import SYSTEM

    open_archive(archive)
    preview = preview_package(read_package(Path(package).read_bytes()))
    print("START", flush=True)
    apply_preview(SYSTEM, preview, trust=preview.package.fingerprint, accept_deletions=True)
    print("DONE", flush=True)


def child_restore(archive: str, backup: str) -> None:
    from models.personnel.person import Secretary
    from models.storage.archive_file import close_archive, open_archive
    from models.storage.db import db
    from models.storage.restore import restore_from
    from models.writing import services
    from models.writing.actor import SYSTEM

    open_archive(archive)
    person = Secretary.select().first().id
    for number in range(random.randint(1, 20)):
        services.update(SYSTEM, Secretary, person, {"remarks": f"before-restore-{os.getpid()}-{number}"})
        print(f"ACK {person} before-restore-{os.getpid()}-{number}", flush=True)
    if random.random() < 0.5:
        close_archive()
    else:
        db.close()  # as if the window had died without folding its WAL in
    print("RESTORING", flush=True)
    restore_from(Path(archive), Path(backup))
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
        from models.storage.archive_file import close_archive, create_archive
        from models.storage.backup import write_backup
        from models.writing.actor import SYSTEM

        create_archive(self.district, mode="district", admin_password=PASSWORD)
        export_public_key(SYSTEM, self.folder / "district.key")
        close_archive()
        create_archive(self.town, township_name="青石镇", admin_password=PASSWORD)
        install_public_key(SYSTEM, self.folder / "district.key")
        build_demo(SYSTEM, secretaries=8, seed=9)
        self.backup = write_backup(self.folder / "backup.zip")
        self.package = export_package(SYSTEM, self.folder / "stick").path
        close_archive()
        for path in (self.town, self.district):
            shutil.copy(path, str(path) + ".clean")


MARKERS = {"write": "READY", "import": "START", "restore": "RESTORING"}


def run_child(kind: str, args: list[str], delay: float, home: Path) -> tuple[list[str], bool]:
    """Start the child; once it says its work begins, kill it after ``delay`` seconds. Its output
    lines, and whether it was killed (it may have finished first)."""
    env = dict(os.environ, SECRETARY_ARCHIVE_HOME=str(home), PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, __file__, "--child", kind, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith(MARKERS[kind]):
            break
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    output, _ = process.communicate()
    return lines + output.splitlines(), killed


def inspect(archive: Path, home: Path, *, full: bool) -> dict:
    """Open the archive (the child is dead: nobody else has it) and describe it."""
    from models.personnel.person import Secretary
    from models.storage.archive_file import close_archive, open_archive
    from models.storage.check import run_check
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
    lines, killed = run_child("restore", [str(town), str(scratch.backup)], rng.uniform(0.0, 0.25), home)
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
    """The kill came after the swap: the archive is the backup's (its remarks are the backup's)."""
    return not any(str(value or "").startswith("before-restore") for value in state["remarks"].values())


def worker(seconds: float, seed: int, folder: Path, totals: dict) -> None:
    rng = random.Random(seed)
    home = folder / "home"
    os.environ["SECRETARY_ARCHIVE_HOME"] = str(home)
    scratch = Scratch(folder)
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        kind = rng.choice(("write", "write", "import", "restore"))
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
    parser.add_argument("--seconds", type=float, default=480)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        {"write": child_write, "import": child_import, "restore": child_restore}[kind](*rest)
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
            results = list(pool.map(lambda n: _worker_process(args.seconds, args.seed + n, folders[n]),
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


def _worker_process(seconds: float, seed: int, folder: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--worker", str(seconds), str(seed), str(folder)],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if result.returncode != 0:
        return {"examples": [{"worker_failed": result.stderr[-2000:]}], "corrupt": 1}
    return json.loads(result.stdout.splitlines()[-1])


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        from collections import Counter
        counts: Counter = Counter()
        counts["examples"] = []
        worker(float(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), counts)
        print(json.dumps(dict(counts)))
        sys.exit(0)
    sys.exit(main())
