import contextlib
import datetime as dt
import json
import shutil

import pytest

from models.demo.builder import build_demo
from models.errors import ArchiveError
from models.personnel.person import Secretary
from models.storage import file_store as store
from models.archive.lifecycle import close_archive, open_archive
from models.archive.check import run_check
from models.storage.db import db, on_postgresql, server_guarded
from models.storage.settings import Setting
from models.writing import audit, services
from models.writing.actor import SYSTEM
from models.writing.audit import AuditEntry

TODAY = dt.date(2026, 11, 24)


def small_demo():
    return build_demo(SYSTEM, secretaries=12, seed=7, today=TODAY)


def test_a_demo_archive_passes_the_check(archive):
    small_demo()
    result = run_check()
    assert result.ok, result.faults
    assert result.counts["secretary"] == 12


def test_an_edit_made_outside_the_application_is_found(archive):
    small_demo()
    victim = Secretary.select().first()
    db.execute_sql(f"UPDATE secretary SET phone = '13999999999' WHERE id = {db.param}", (victim.id,))
    faults = run_check().faults
    assert any("联系电话" in fault and "操作日志不符" in fault for fault in faults)


def test_a_row_inserted_behind_the_applications_back_is_found(archive, unit):
    db.execute_sql("INSERT INTO secretary (id, created_at, modified_at, version, origin, name, unit_id,"
                   " concurrent_head, status, name_initials, name_pinyin) VALUES"
                   f" ('x', 'a', 'a', 1, 'o', '某人', {db.param}, FALSE, '在任', '', '')", (unit.id,))
    assert any("没有操作日志" in fault for fault in run_check().faults)


def test_a_removed_audit_entry_is_named(archive):
    small_demo()
    AuditEntry.delete().where(AuditEntry.seq == 50).execute()
    assert "操作日志第50条缺失" in " ".join(run_check().faults)


def test_an_altered_attachment_file_is_found(archive):
    small_demo()
    if on_postgresql():  # the bytes live in the database there
        db.execute_sql("UPDATE stored_file SET content = content || '\\x78'::bytea "
                       "WHERE sha256 = (SELECT MIN(sha256) FROM stored_file)")
    else:
        target = next(p for p in store.store_folder().rglob("*") if p.is_file())
        target.write_bytes(target.read_bytes() + b"x")
    assert any("附件" in fault for fault in run_check().faults)


@pytest.mark.sqlite_only  # a server keeps its own pages
def test_damaged_bytes_in_a_copy_are_found(archive, tmp_path):
    small_demo()
    close_archive()
    copy = tmp_path / "copy.sqlite"
    shutil.copy(archive, copy)
    data = bytearray(copy.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)
    copy.write_bytes(bytes(data))
    open_archive(copy)
    assert not run_check().ok
    close_archive()
    open_archive(archive)  # the fixture closes it again


def test_the_demo_is_deterministic_for_a_seed(archive, tmp_path):
    small_demo()
    first = [(s.id, s.name, s.id_number) for s in Secretary.select().order_by(Secretary.id)]
    close_archive()
    from models.archive.lifecycle import create_archive
    create_archive(tmp_path / "second.sqlite", township_name="青石镇")
    small_demo()
    second = [(s.id, s.name, s.id_number) for s in Secretary.select().order_by(Secretary.id)]
    assert first == second
    services.update(SYSTEM, Secretary, first[0][0], {"phone": "13800138000"})  # and it stays writable


def _rewrite_entry(seq: int, **values) -> None:
    """An entry changed as someone with SQL and the program's source would: its own hash made
    again, so that only the chain around it can tell."""
    row = AuditEntry.select().where(AuditEntry.seq == seq).dicts().get()
    row.update(values)
    AuditEntry.update(**values, hash=audit.compute_hash(row)).where(AuditEntry.seq == seq).execute()


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_link_to_the_next(archive):
    small_demo()
    _rewrite_entry(40, summary="修改联系电话:张三")
    assert str(audit.verify_chain()) == "操作日志第41条与上一条的链接不符(日志被改动或删除)"
    assert "操作日志第41条与上一条的链接不符" in " ".join(run_check().faults)


def test_the_changes_of_an_entry_are_part_of_its_hash(archive):
    small_demo()
    entry = AuditEntry.get(AuditEntry.seq == 40)
    forged = {**json.loads(entry.changes), "phone": [None, "13999999999"]}
    AuditEntry.update(changes=audit.to_json(forged)).where(AuditEntry.seq == 40).execute()
    assert str(audit.verify_chain()) == "操作日志第40条内容被改动(哈希不符)"


def test_the_last_entry_replaced_by_a_well_formed_one_differs_from_the_head(archive):
    """The newest entry has no successor to break: the head kept in the settings names its hash."""
    small_demo()
    last = audit.last_seq()
    _rewrite_entry(last, summary="打印人事档案")
    fault = audit.verify_chain()
    assert fault is not None and fault.seq == last + 1


def test_an_entry_forged_with_a_good_chain_fails_the_check_and_nothing_is_sealed_over_it(archive, admin):
    """Someone with the file and the program's source (not the archive key) changes a phone and
    appends the matching entry with its plain SHA-256, moving the head: its chain is perfect, but
    it carries no seal and the head no signature over it — check fails on every PC, key or no key;
    the next sign-in signs in but seals nothing over it, and every write stops until repaired."""
    from models.accounts.users import authenticate
    from models.errors import ArchiveError
    from tests.conftest import ADMIN_PASSWORD

    small_demo()
    victim, forged = _forge_tail_entry()
    assert audit.verify_chain() is None  # the chain alone cannot tell
    unsealed = f"操作日志第{forged['seq']}条没有封印"
    assert any(unsealed in f for f in run_check().faults)
    with _key_locked():  # a PC that never unlocked the key (IT's command line) sees it too
        assert any(unsealed in f for f in run_check().faults)
    authenticate("admin", ADMIN_PASSWORD)  # an ordinary sign-in: signed in, nothing written over it
    assert audit.last_seq() == forged["seq"]
    with pytest.raises(ArchiveError, match=f"第{forged['seq']}条没有封印,不是本程序写入的,已停止写入档案"):
        services.update(admin, Secretary, victim.id, {"phone": "13800000000"})
    for keyless in (False, True):
        with _key_locked() if keyless else contextlib.nullcontext():
            faults = run_check().faults
            assert any(unsealed in f for f in faults), faults
    # one that copies another entry's seal into its own: two alike, seen without the key too
    last = AuditEntry.get(AuditEntry.seq == forged["seq"] - 1)
    AuditEntry.update(seal=last.seal).where(AuditEntry.seq == forged["seq"]).execute()
    with _key_locked():
        assert any(f"操作日志第{forged['seq']}条的封印与第{last.seq}条相同" in f for f in run_check().faults)
    # a made-up seal of the right shape: the MAC shows it where the key is unlocked, and the head's
    # signature (which stops at the entry before) on every other PC
    AuditEntry.update(seal="ab" * 32).where(AuditEntry.seq == forged["seq"]).execute()
    assert any(f"操作日志第{forged['seq']}条" in f and "封印" in f for f in run_check().faults)
    with _key_locked():
        assert any(f"操作日志第{forged['seq']}条没有本档案密钥的封印和签名" in f for f in run_check().faults)


def _forge_tail_entry() -> tuple[Secretary, dict]:
    """A phone changed with SQL and its entry appended with a good chain and no seal, the head moved."""
    from models.storage import settings

    if on_postgresql():  # the server's guard refuses such an entry: the archive's owner can switch it off
        db.execute_sql("ALTER TABLE audit_entry DISABLE TRIGGER guard_audit_entry")
    victim = Secretary.select().order_by(Secretary.id).first()
    db.execute_sql(f"UPDATE secretary SET phone = '13999999999' WHERE id = {db.param}", (victim.id,))
    last = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    forged = {"seq": last.seq + 1, "at": last.at, "actor": "admin", "role": "admin", "installation": last.installation,
              "action": "update", "table": "secretary", "record_id": victim.id, "summary": "修改人事档案",
              "changes": audit.to_json({"phone": [victim.phone, "13999999999"]}), "prev_hash": last.hash}
    forged["hash"] = audit.compute_hash(forged)
    AuditEntry.insert(**forged).execute()
    settings.put_text(audit.HEAD_KEY, audit.to_json([forged["seq"], forged["hash"]]))
    if on_postgresql():
        db.execute_sql("ALTER TABLE audit_entry ENABLE TRIGGER guard_audit_entry")
    return victim, forged


def test_an_administrator_sets_a_forged_tail_aside_and_the_archive_writes_again(archive, admin):
    """The repair (``repair-log``): the unsealed tail leaves the chain, kept whole in the repair's
    own sealed entry; the record the forger changed is then named by the check, and once the clerk
    corrects it in the program the check passes — on every PC, key or no key."""
    from models.archive.repair import set_aside_tail

    small_demo()
    victim, forged = _forge_tail_entry()
    repaired = set_aside_tail(admin)
    assert repaired.kept_to == forged["seq"] - 1
    assert [entry["hash"] for entry in repaired.set_aside] == [forged["hash"]]
    assert repaired.records == [("secretary", victim.id)]
    entry = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    assert (entry.seq, entry.action, entry.actor) == (forged["seq"], "repair_log", "admin")
    kept = json.loads(entry.changes)["set_aside"]
    assert kept[0]["hash"] == forged["hash"] and kept[0]["changes"] == forged["changes"]
    faults = run_check().faults
    assert not any("封印" in f or "签名" in f for f in faults), faults
    assert any("联系电话" in f and "操作日志不符" in f for f in faults), faults
    services.update(admin, Secretary, victim.id, {"phone": victim.phone or "13800000000"})
    assert run_check().ok, run_check().faults
    with _key_locked():
        assert run_check().ok, run_check().faults
    with pytest.raises(ArchiveError, match="没有需要修复的部分"):
        set_aside_tail(admin)


def test_a_log_changed_under_its_sealed_head_is_not_repaired_by_cutting_it(archive, admin):
    """Only a tail is set aside: an old entry rewritten (the chain made again after it) lies under
    the sealed head, and cutting there would drop the program's own entries — restore instead."""
    from models.archive.repair import set_aside_tail

    small_demo()
    before = audit.last_seq()
    _rewrite_entry(40, summary="修改联系电话:张三")
    with pytest.raises(ArchiveError, match="第40条在已封印的部分之内被改动,不能只移出末尾修复:请从备份恢复"):
        set_aside_tail(admin)
    assert audit.last_seq() == before


def test_a_log_rewritten_by_the_databases_owner_fails_the_check_on_a_pc_without_the_key(archive):
    """The owner (or whoever holds the file) rewrites an old entry, makes the chain and the head
    again and writes a made-up head seal: a PC that never unlocked the key cannot check a MAC, but
    the head's signature fails there — and one signed with another key, or none, fails on every PC
    that once unlocked this archive (it keeps the signing key's public half)."""
    from models.storage import settings, vault

    small_demo()
    if on_postgresql():
        db.execute_sql("ALTER TABLE audit_entry DISABLE TRIGGER guard_audit_entry")
    _rechain_from(40, summary="修改联系电话:张三")
    head_seq, head_hash = json.loads(Setting.get(Setting.key == audit.HEAD_KEY).value)
    stored = settings.get(vault.SEAL_KEY)
    made_up = {**stored, "seq": head_seq, "mac": "cd" * 32}
    settings.put_text(vault.SEAL_KEY, json.dumps(made_up))
    with _key_locked():
        assert "操作日志记录头的签名不符" in " ".join(run_check().faults)
    unsigned = {key: value for key, value in made_up.items() if key not in ("sig", "pub")}
    settings.put_text(vault.SEAL_KEY, json.dumps(unsigned))
    with _key_locked():
        assert "操作日志记录头没有签名" in " ".join(run_check().faults)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization

    theirs = Ed25519PrivateKey.generate()
    message = f"{head_seq}:{head_hash}:{stored['from']}".encode()
    resigned = {**unsigned, "sig": theirs.sign(message).hex(), "pub": theirs.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()}
    settings.put_text(vault.SEAL_KEY, json.dumps(resigned))
    with _key_locked():
        assert "签名密钥与本机记住的不同" in " ".join(run_check().faults)
    assert not run_check().ok  # where the key is open, the MAC
    with _key_locked():  # a PC that never unlocked this archive has only the seal's own word
        vault._pins().unlink()
        result = run_check()
        assert result.ok and any("签名密钥未经本机确认" in w for w in result.warnings)


def _rechain_from(seq: int, **values) -> None:
    """Entry ``seq`` rewritten and every entry after it re-hashed, the head moved: a chain
    anyone with the program's source makes again."""
    from models.storage import settings

    _rewrite_entry(seq, **values)
    prev = AuditEntry.get(AuditEntry.seq == seq).hash
    for row in AuditEntry.select().where(AuditEntry.seq > seq).order_by(AuditEntry.seq).dicts():
        row["prev_hash"] = prev
        prev = audit.compute_hash(row)
        AuditEntry.update(prev_hash=row["prev_hash"], hash=prev).where(AuditEntry.seq == row["seq"]).execute()
    settings.put_text(audit.HEAD_KEY, audit.to_json([audit.last_seq(), prev]))


@contextlib.contextmanager
def _key_locked():
    from models.storage import vault

    vault.forget()
    try:
        yield
    finally:
        vault.unlock_with_machine()


def test_nothing_is_written_where_the_archive_key_is_not_unlocked(archive, admin, unit):
    """Every entry is sealed: a PC that has not unlocked the key writes nothing, and says why."""
    from models.errors import ArchiveError
    from models.storage import vault

    vault.forget()
    with pytest.raises(ArchiveError, match="本机尚未解锁档案密钥,不能写入档案"):
        services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    assert not Secretary.select().exists()
    vault.unlock_with_machine()
    assert run_check().ok


def test_removing_the_head_seal_to_start_sealing_again_stops_every_write(archive, admin, unit):
    """Deleting the head seal (to make the next write start the sealing after forged entries)
    leaves check failing and the archive refusing to write, rather than blessing what came before."""
    from models.accounts.users import authenticate
    from models.errors import ArchiveError
    from models.storage import vault
    from tests.conftest import ADMIN_PASSWORD

    db.execute_sql(f"DELETE FROM setting WHERE key = {db.param}", (vault.SEAL_KEY,))
    assert any("封印缺失" in fault for fault in run_check().faults)
    with _key_locked():  # this PC unlocked the archive once: it knows a signed head belongs there
        assert any("封印缺失" in fault for fault in run_check().faults)
    before = audit.last_seq()
    authenticate("admin", ADMIN_PASSWORD)  # signed in (to repair), nothing written
    assert audit.last_seq() == before
    with pytest.raises(ArchiveError, match="已停止写入"):
        services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    assert not run_check().ok
    from models.archive.repair import set_aside_tail

    assert set_aside_tail(admin).set_aside == []  # nothing to set aside: the head sealed again, audited
    assert AuditEntry.get(AuditEntry.seq == before + 1).action == "repair_log"
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    assert run_check().ok


def test_a_pending_event_planted_in_the_file_adds_no_setting_to_the_log(archive, admin):
    """The restore kept aside for the first sign-in is the only thing ever taken from there: a
    planted 'setting' event (to install a key behind the log's back) is written as a restore."""
    from models.accounts.users import authenticate
    from models.storage import settings
    from tests.conftest import ADMIN_PASSWORD

    planted = [{"actor": ["admin", "管理员", "admin"], "action": "setting", "summary": "修改设置",
                "details": {"district_public_key": [None, "00" * 32]}, "username": "admin"}]
    settings.put_raw(services.PENDING, planted)
    guarded = server_guarded()
    assert any(("服务器上不会补记" if guarded else "恢复尚待") in warning for warning in run_check().warnings)
    authenticate("admin", ADMIN_PASSWORD)
    assert not AuditEntry.select().where((AuditEntry.action == "setting") &
                                         AuditEntry.changes.contains("district_public_key")).exists()
    restored = AuditEntry.select().where(AuditEntry.action == "restored").exists()
    if guarded:  # a server is restored by its owner: nothing is ever taken from there, the value stays
        assert not restored and settings.get(services.PENDING) == planted and run_check().ok
    else:
        assert restored and settings.get(services.PENDING) == [] and run_check().ok


def test_a_pinned_key_or_sequence_changed_in_the_file_fails_the_check(tmp_path):
    """A district's pins are kept outside the record tables: a key planted there (to make a forged
    package the township's own) or a sequence set back (to let an old one in again) is caught."""
    from models.exchange.tables import SenderKey
    from tests.models.test_district_merge import accept, export, make_world, Archive

    world = make_world(tmp_path)
    accept(world, export(world, "a"))
    with Archive(world / "district.sqlite"):
        assert run_check().ok
        original = SenderKey.get()
        SenderKey.update(last_sequence=0).execute()
        assert any("序号被改小" in fault for fault in run_check().faults)
        SenderKey.update(last_sequence=original.last_sequence, signing_key="11" * 32).execute()
        assert any("签名密钥与操作日志不符" in fault for fault in run_check().faults)


def test_a_sign_in_and_a_save_while_the_check_reads_are_no_finding(archive, admin, unit, monkeypatch):
    """The window signs in and saves while its check runs beside it: the check read the log, then
    the head and the records after they had moved on, and reported tampering (…之后的日志缺失)."""
    import threading

    from models.accounts.users import authenticate
    from models.archive import check
    from tests.conftest import ADMIN_PASSWORD

    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    writes = iter([lambda: authenticate("admin", ADMIN_PASSWORD),
                   lambda: services.update(admin, Secretary, person.id, {"phone": "13900001111"}),
                   lambda: services.create(admin, Secretary, {"name": "李四", "unit": unit.id})])

    def beside(step):
        def step_with_a_write_beside(result):
            write = next(writes, None)
            if write is not None:  # another connection, as the window's is
                thread = threading.Thread(target=lambda: (write(), db.close()))
                thread.start()
                thread.join()
            return step(result)
        return step_with_a_write_beside

    for name in ("_head_seal", "_replay"):
        monkeypatch.setattr(check, name, beside(getattr(check, name)))
    read_head = audit._check_head  # (after the entries were read, before the head is)
    monkeypatch.setattr(audit, "_check_head", lambda seq, hash_: beside(lambda _: read_head(seq, hash_))(None))
    found = run_check()
    assert found.faults == [] and not [w for w in found.warnings if "日志" in w]
    assert next(writes, None) is None  # all three written during the check
    assert Secretary.select().where(Secretary.phone == "13900001111").exists() and run_check().ok


def test_without_its_head_seal_a_log_changed_in_the_middle_is_not_resealed_by_the_repair(archive, admin):
    """The head seal removed, the repair must find the cut itself: a rewritten entry in an unsealed
    stretch of the log (an archive from before entry seals) is no tail, nor is a broken seal with
    the program's own entries after it — both refused, the log left as it was."""
    from models.archive.repair import set_aside_tail
    from models.storage import vault

    small_demo()
    last = audit.last_seq()
    seal_of_5 = AuditEntry.get(AuditEntry.seq == 5).seal
    AuditEntry.update(seal="ab" * 32).where(AuditEntry.seq == 5).execute()
    db.execute_sql(f"DELETE FROM setting WHERE key = {db.param}", (vault.SEAL_KEY,))
    with pytest.raises(ArchiveError, match="第5条被改动,其后的第6条却是本程序写入的"):
        set_aside_tail(admin)
    assert audit.last_seq() == last
    AuditEntry.update(seal=seal_of_5).where(AuditEntry.seq == 5).execute()
    AuditEntry.update(seal="").where(AuditEntry.seq <= last - 3).execute()  # as an archive sealed late
    _rechain_from(40, summary="修改联系电话:张三")
    with pytest.raises(ArchiveError, match="无法确定哪些条目是本程序写入的"):
        set_aside_tail(admin)
    assert audit.last_seq() == last


def test_a_head_seal_of_another_shape_is_a_finding_never_a_crash(archive, admin):
    """Planted values for the head seal (a list, a string, a number, a seq that is no number):
    `check` names it, with the key or without; a sign-in still signs in (nothing written over it),
    and the repair seals the head again."""
    from models.archive.repair import set_aside_tail
    from models.accounts.users import authenticate
    from models.storage import settings, vault
    from tests.conftest import ADMIN_PASSWORD

    small_demo()
    before = audit.last_seq()
    stored = settings.get(vault.SEAL_KEY)
    for planted in ([1], "x", 3, {**stored, "seq": "x"}, {**stored, "seq": None}, {**stored, "from": "x"},
                    {**stored, "sig": "zz"}, {**stored, "mac": 5}, {**stored, "seq": 2**63}, "garbage, not JSON"):
        settings.put_text(vault.SEAL_KEY, planted if planted == "garbage, not JSON" else json.dumps(planted))
        for keyless in (False, True):
            with _key_locked() if keyless else contextlib.nullcontext():
                assert "记录头的封印格式不对" in " ".join(run_check().faults), planted
        authenticate("admin", ADMIN_PASSWORD)
        assert audit.last_seq() == before
    set_aside_tail(admin)
    assert run_check().ok
    with _key_locked():
        assert run_check().ok


def test_a_log_re_signed_under_another_installation_still_meets_the_key_this_pc_kept(archive):
    """Changing the archive's installation id (to be met as a stranger) and re-signing with a key
    of one's own: the PC kept the key for this place as well, and says the keys differ."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from models.storage import settings, vault

    small_demo()
    if on_postgresql():
        db.execute_sql("ALTER TABLE audit_entry DISABLE TRIGGER guard_audit_entry")
        db.execute_sql("ALTER TABLE setting DISABLE TRIGGER guard_write")
    _rechain_from(40, summary="修改联系电话:张三")
    settings.put_text("installation_id", json.dumps("00000000-0000-0000-0000-000000000000"))
    head_seq, head_hash = json.loads(Setting.get(Setting.key == audit.HEAD_KEY).value)
    stored = settings.get(vault.SEAL_KEY)
    theirs = Ed25519PrivateKey.generate()
    message = f"{head_seq}:{head_hash}:{stored['from']}".encode()
    settings.put_text(vault.SEAL_KEY, json.dumps({**stored, "seq": head_seq, "mac": "cd" * 32,
                                                  "sig": theirs.sign(message).hex(),
                                                  "pub": theirs.public_key().public_bytes(
                                                      serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()}))
    with _key_locked():
        assert "签名密钥与本机记住的不同" in " ".join(run_check().faults)
