"""Several clerks writing at once (a district's server): one audit chain, and never a lost update —
the second of two clerks who opened the same file gets the existing "已被他人修改" message."""
import threading

import pytest

from models.errors import ConflictError, ValidationError
from models.personnel.person import Secretary
from models.archive.check import run_check
from models.storage.db import db
from models.writing import audit, services


def _in_threads(*works):
    """Run each work in its own thread (its own connection), re-raising the first failure."""
    failures = []

    def run(work):
        try:
            work()
        except BaseException as error:  # noqa: BLE001 — handed to the test
            failures.append(error)
        finally:
            db.close()  # this thread's connection

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return failures


def test_writers_at_the_same_time_append_to_one_chain(admin, unit):
    before = audit.last_seq()

    def clerk(name):
        def work():
            for given in "春夏秋冬梅兰竹菊松柏山水云霞明":
                services.create(admin, Secretary, {"name": f"{name}{given}", "unit": unit.id})
        return work

    assert _in_threads(clerk("王"), clerk("李")) == []
    assert audit.last_seq() == before + 30 and audit.verify_chain() is None
    assert Secretary.live().count() == 30
    assert run_check().ok


def test_two_clerks_saving_the_same_file_one_is_told_the_other_changed_it(admin, unit, monkeypatch):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    both_read = threading.Barrier(2, timeout=3)
    load = services._load

    def load_then_wait(model, record_id, **kwargs):
        record = load(model, record_id, **kwargs)
        if model is Secretary:
            _meet(both_read)  # each has read the file as it was before either saves
        return record

    monkeypatch.setattr(services, "_load", load_then_wait)

    def clerk(phone):
        return lambda: services.update(admin, Secretary, person.id, {"phone": phone}, expected_version=person.version)

    failures = _in_threads(clerk("13800000001"), clerk("13800000002"))
    assert len(failures) == 1 and isinstance(failures[0], ConflictError), failures
    assert "已被他人修改" in str(failures[0])
    saved = Secretary.get_by_id(person.id)
    assert saved.version == person.version + 1 and saved.phone in ("13800000001", "13800000002")
    assert run_check().ok


def test_two_clerks_filing_the_same_person_at_once_make_one_file(admin, unit, monkeypatch):
    """The rules that look across the archive (one file per ID number in a township) read what
    the other clerk committed: writers take their turn, as on a file, so both cannot pass."""
    from models.writing import rules

    both_checked = threading.Barrier(2, timeout=3)
    check = rules.UNIQUE[Secretary]

    def check_then_wait(merged, existing, problems):
        check(merged, existing, problems)
        _meet(both_checked)  # each has looked for another file with this number

    monkeypatch.setitem(rules.UNIQUE, Secretary, check_then_wait)

    def clerk(name):
        return lambda: services.create(admin, Secretary, {"name": name, "unit": unit.id,
                                                          "id_number": "370281197503120018"})

    failures = _in_threads(clerk("张三"), clerk("张叁"))
    assert len(failures) == 1 and isinstance(failures[0], ValidationError), failures
    assert "同一人只能建一份档案" in str(failures[0])
    assert Secretary.live().where(Secretary.id_number == "370281197503120018").count() == 1
    assert run_check().ok


def _meet(barrier: threading.Barrier) -> None:
    """Wait a moment for the other clerk to reach the same point; go on alone if the server keeps
    them apart (the second writer waits for the first to commit)."""
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        pass


@pytest.fixture(autouse=True)
def _only_where_clerks_share_an_archive(engine):
    """A file on one PC has one writer at a time (its lock); a server has many."""
    if engine == "sqlite":
        pytest.skip("an archive file is written by one window at a time")
