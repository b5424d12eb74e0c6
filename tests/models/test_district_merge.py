"""A district merge a reviewer can trust, with several townships and their own keys: records owned
by their township, keys pinned to a township, no update lost to a false conflict, real conflicts
decided field by field with the loser kept, imported content validated, deletions confirmed,
rewritten histories detected, the 国密 suite, and format 1 packages still read."""
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from models.demo.builder import build_demo
from models.errors import ArchiveError, ConflictError
from models.exchange import container, crypto
from models.exchange.export import _encrypt_and_sign, build_members, export_package, signing_key
from models.exchange.importer import apply_preview, preview_package, read_package
from models.exchange.tables import SenderKey
from models.personnel.person import Secretary
from models.dossier.timeline import file_history
from models.storage import settings
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.archive.tables import RECORD_TABLES
from models.writing import audit, services
from models.writing.actor import SYSTEM
from models.writing.audit import AuditEntry
from tests.support.digest import table_digests

ROOT = Path(__file__).resolve().parents[2]
A, B = "青石镇", "柳河镇"


@pytest.fixture
def world(tmp_path):
    """A district with its key pair (``suite`` as asked) and two townships with their own keys."""
    return make_world(tmp_path)


def make_world(tmp_path, suite=crypto.AES):
    from models.exchange.keys import export_public_key, install_public_key

    create_archive(tmp_path / "district.sqlite", mode="district")
    export_public_key(SYSTEM, tmp_path / "district.key", suite=suite)
    close_archive()
    for name, file in ((A, "a"), (B, "b")):
        create_archive(tmp_path / f"{file}.sqlite", township_name=name)
        install_public_key(SYSTEM, tmp_path / "district.key")
        build_demo(SYSTEM, secretaries=6, seed=7 if file == "a" else 8)
        close_archive()
    return tmp_path


class Archive:
    """``with Archive(path):`` opens the archive for the block."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        open_archive(self.path)

    def __exit__(self, *exc):
        close_archive()


def export(world, file, **options) -> bytes:
    with Archive(world / f"{file}.sqlite"):
        return export_package(SYSTEM, world / "stick", **options).path.read_bytes()


def preview_in_district(world, data, **options):
    open_archive(world / "district.sqlite")
    return preview_package(read_package(data, **options))


def accept(world, data, **choices):
    """Import as a district clerk who compared the fingerprint and confirmed the deletions."""
    try:
        preview = preview_in_district(world, data)
        return apply_preview(SYSTEM, preview, **{"trust": preview.package.fingerprint, "accept_deletions": True,
                                                 **choices})
    finally:
        close_archive()


def digests(world):
    with Archive(world / "district.sqlite"):
        return table_digests()


def refused(world, data, **choices) -> str:
    before = digests(world)
    with pytest.raises(crypto.PackageRejected) as caught:
        accept(world, data, **choices)
    assert digests(world) == before  # a refused package changes nothing
    return str(caught.value)


def forged(world, signer_file: str, mutate) -> bytes:
    """A package built and signed by ``signer_file``'s archive with its own real key, its
    content changed by ``mutate(members, other)`` where ``other`` reads another archive."""
    with Archive(world / f"{signer_file}.sqlite"):
        members, _ = build_members(SYSTEM, since=None, sequence=50, created="2026-11-24T00:00:00+00:00")
    mutate(members)
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: hashlib.sha256(c).hexdigest() for n, c in members.items()
                           if n != "manifest.json"}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with Archive(world / f"{signer_file}.sqlite"):
        return _encrypt_and_sign(buffer.getvalue(), settings.get("district_public_key"), None, signing_key(SYSTEM))


def records_of(world, file, table) -> list[dict]:
    with Archive(world / f"{file}.sqlite"):
        model = {m._meta.table_name: m for m in RECORD_TABLES}[table]
        return [json.loads(audit.to_json(row)) for row in model.select().dicts()]


def replace_lines(members, table, rows):
    members[f"records/{table}.jsonl"] = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()


# -- ownership -------------------------------------------------------------------------------------

def test_a_package_carrying_another_townships_files_is_refused_whole(world):
    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    stolen = [dict(r, name=r["name"] + "改", version=r["version"] + 1) for r in records_of(world, "a", "secretary")]

    def carry_as(members):
        replace_lines(members, "secretary", [json.loads(line) for line in
                                             members["records/secretary.jsonl"].decode().splitlines()] + stolen)

    message = refused(world, forged(world, "b", carry_as))
    assert f"由“{B}”发出" in message and f"“{A}”{len(stolen)}条" in message and "没有写入任何数据" in message
    with Archive(world / "district.sqlite"):
        assert not Secretary.select().where(Secretary.name.endswith("改")).exists()


def test_a_file_cannot_be_moved_into_the_senders_township(world):
    """B's package claims one of A's files for one of B's villages: the district holds it as A's."""
    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    victim = records_of(world, "a", "secretary")[0]
    b_unit = next(u for u in records_of(world, "b", "unit") if not u["deleted_at"])

    def move(members):
        lines = [json.loads(line) for line in members["records/secretary.jsonl"].decode().splitlines()]
        replace_lines(members, "secretary", lines + [dict(victim, unit=b_unit["id"], version=victim["version"] + 1)])

    assert f"“{A}”1条" in refused(world, forged(world, "b", move))


@pytest.mark.parametrize("table", ["resume_entry", "matter_report"])
def test_a_part_or_a_report_of_another_townships_file_is_refused_whole(world, table):
    """A file's parts and reports belong to the file's township: B's package may neither add one
    to A's file nor take one of A's over for its own file."""
    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    a_file = records_of(world, "a", "secretary")[0]
    b_file = records_of(world, "b", "secretary")[0]
    a_row = next(r for r in records_of(world, "a", table) if r["secretary"] == a_file["id"] and not r["deleted_at"])

    def add_to_a(members):  # a new row, for A's file
        lines = [json.loads(line) for line in members[f"records/{table}.jsonl"].decode().splitlines()]
        replace_lines(members, table, lines + [dict(a_row, id="00000000-0000-4000-8000-00000000b0b0")])

    def take_from_a(members):  # A's row, said to be of B's file now
        lines = [json.loads(line) for line in members[f"records/{table}.jsonl"].decode().splitlines()]
        replace_lines(members, table, lines + [dict(a_row, secretary=b_file["id"], version=a_row["version"] + 1)])

    for mutate in (add_to_a, take_from_a):
        assert f"由“{B}”发出" in (message := refused(world, forged(world, "b", mutate))) and f"“{A}”1条" in message


@pytest.mark.parametrize("table, pointer", [("attachment", "report"), ("verification", "report"),
                                            ("matter_report", "prior_report"), ("attachment", "material")])
def test_a_record_of_the_senders_own_file_pointing_into_another_township_is_refused_whole(world, table, pointer):
    """B's attachment, verification or 事后 report of one of B's own files, hung on A's report or
    material: ownership follows the chain, not the secretary field alone."""
    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    target_table = "material" if pointer == "material" else "matter_report"
    a_target = next(r for r in records_of(world, "a", target_table) if not r["deleted_at"])
    b_file = records_of(world, "b", "secretary")[0]
    template = next(iter(records_of(world, "b", table)), None) or next(iter(records_of(world, "a", table)))

    def hang_on_a(members):
        lines = [json.loads(line) for line in members[f"records/{table}.jsonl"].decode().splitlines() if line]
        forged_row = dict(template, id="00000000-0000-4000-8000-0000000000aa", secretary=b_file["id"], version=1,
                          **{pointer: a_target["id"]})
        replace_lines(members, table, lines + [forged_row])

    message = refused(world, forged(world, "b", hang_on_a))
    assert f"由“{B}”发出" in message and f"“{A}”1条" in message


def test_only_an_administrator_imports_a_package(world):
    from models.errors import PermissionDenied
    from models.writing.actor import Actor

    data = export(world, "a")
    before = digests(world)
    for role in ("clerk", "reviewer", "viewer"):
        try:
            preview = preview_in_district(world, data)
            with pytest.raises(PermissionDenied, match="无权系统管理"):
                apply_preview(Actor("someone", "某人", role), preview, trust=preview.package.fingerprint,
                              accept_deletions=True)
        finally:
            close_archive()
    assert digests(world) == before


def test_another_package_with_the_sequence_already_imported_is_refused(world):
    """A sequence number is used once: a second, different package that carries the number of the
    last one imported (a township archive put back from an older copy, or a forgery) is refused."""
    accept(world, forged(world, "a", lambda members: None))  # sequence 50

    def also_fifty(members):
        lines = [json.loads(line) for line in members["records/secretary.jsonl"].decode().splitlines()]
        replace_lines(members, "secretary", [dict(lines[0], phone="13900000050", version=lines[0]["version"] + 1),
                                             *lines[1:]])

    message = refused(world, forged(world, "a", also_fifty))
    assert "序号(50)不晚于已导入的第50号" in message


def test_a_second_key_for_a_pinned_township_is_refused_until_the_administrator_repins(world, tmp_path):
    accept(world, export(world, "a"))
    create_archive(tmp_path / "impostor.sqlite", township_name=A)  # a brand-new PC claiming 青石镇
    from models.exchange.keys import install_public_key
    install_public_key(SYSTEM, world / "district.key")
    build_demo(SYSTEM, secretaries=2, seed=99)
    close_archive()
    with Archive(tmp_path / "impostor.sqlite"):
        package = export_package(SYSTEM, world / "stick").path
    data = package.read_bytes()
    assert "已登记了另一把签名密钥" in refused(world, data)
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "main.py", "--db", str(world / "district.sqlite"), "import", str(package), "--json",
         "--accept-deletions", *extra], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    no_repin = run()
    assert no_repin.returncode == 1 and "已登记了另一把签名密钥" in no_repin.stderr
    dry = json.loads(run("--dry-run").stdout)
    assert dry["sender"] == {"township": A, "fingerprint": dry["fingerprint"], "known": False} and dry["pin"] == "new-key"
    wrong = run("--repin", "--trust", "0000 0000")
    assert wrong.returncode == 1
    repinned = run("--repin", "--trust", dry["fingerprint"].lower().replace(" ", ""))
    assert repinned.returncode == 0, repinned.stderr
    with Archive(world / "district.sqlite"):
        pin = SenderKey.get_by_id(A)
        assert crypto.fingerprint(bytes.fromhex(pin.signing_key)) == dry["fingerprint"]
        assert AuditEntry.select().where((AuditEntry.action == "pin") &
                                         AuditEntry.summary.contains("重新登记")).exists()


def test_first_contact_needs_the_fingerprint_compared_on_both_surfaces(world):
    data = export(world, "a")
    try:
        preview = preview_in_district(world, data)
        assert preview.pin == "new"
        with pytest.raises(crypto.PackageRejected, match="核对签名指纹"):
            apply_preview(SYSTEM, preview)
    finally:
        close_archive()
    package = world / "first.sap"
    package.write_bytes(data)
    result = subprocess.run([sys.executable, "main.py", "--db", str(world / "district.sqlite"), "import", str(package)],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "--trust" in result.stderr + result.stdout
    fingerprint = preview.package.fingerprint
    trusted = subprocess.run([sys.executable, "main.py", "--db", str(world / "district.sqlite"), "import", str(package),
                              "--trust", fingerprint, "--accept-deletions"],
                             cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert trusted.returncode == 0, trusted.stderr
    assert "--trust" not in trusted.stdout and f"已登记{A}的签名密钥(指纹 {fingerprint})" in trusted.stdout


# -- conflicts -----------------------------------------------------------------------------------------

def test_a_view_at_the_district_does_not_turn_the_townships_next_change_into_a_conflict(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "district.sqlite"):
        services.record_event(SYSTEM, action="view", model=Secretary, record_id=person["id"], summary="查看档案")
        services.record_event(SYSTEM, action="print", model=Secretary, record_id=person["id"], summary="打印")
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13800138001"})
    counts = accept(world, export(world, "a"))
    assert (counts["updated"], counts["conflicts"]) == (1, 0)
    with Archive(world / "district.sqlite"):
        assert Secretary.get_by_id(person["id"]).phone == "13800138001"


def test_a_true_conflict_is_decided_field_by_field_and_the_loser_is_kept(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001", "address": "区县改的住址"})
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13700000002", "remarks": "乡镇补充的备注"})
    data = export(world, "a")
    preview = preview_in_district(world, data)
    try:
        [planned] = preview.conflicts
        assert [(c.field, c.base, c.district, c.township) for c in planned.conflicts] == [
            ("phone", person["phone"], "13900000001", "13700000002")]
        info = preview.as_dict()
        assert info["conflicts"] == 1 and info["conflict_fields"][0]["fields"][0]["label"] == "联系电话"
        apply_preview(SYSTEM, preview, trust=preview.package.fingerprint)  # the district's value kept
        merged = Secretary.get_by_id(person["id"])
        assert (merged.phone, merged.address, merged.remarks) == ("13900000001", "区县改的住址", "乡镇补充的备注")
        entry = AuditEntry.select().where(AuditEntry.record_id == person["id"]).order_by(AuditEntry.seq.desc()).first()
        lost = json.loads(entry.changes)["__conflicts"][1][0]
        assert (lost["township"], lost["kept"]) == ("13700000002", "district")
        history = file_history(person["id"])
        assert "13700000002" in " ".join(item.changes for item in history)
        assert "导入交换包" in [item.action for item in history]  # in the clerk's words, not "import"
        from models.archive.check import run_check
        assert run_check().ok
    finally:
        close_archive()


def test_the_township_value_can_be_chosen_for_a_conflicting_field(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001"})
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13700000002"})
    preview = preview_in_district(world, export(world, "a"))
    try:
        preview.conflicts[0].conflicts[0].take_township = True
        apply_preview(SYSTEM, preview, trust=preview.package.fingerprint)
        assert Secretary.get_by_id(person["id"]).phone == "13700000002"
    finally:
        close_archive()


@pytest.mark.parametrize("incremental", [False, True])
def test_the_townships_old_values_sent_again_never_undo_the_districts_decisions(world, incremental):
    """The district corrects a phone, the township changes the same phone (a conflict: the
    district's value stays) — and every later package, full or incremental, whether or not the
    township changed anything else, leaves the district's phone and its own later edits alone,
    while what the township does change arrives."""
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "a.sqlite"):
        from models.exchange.export import acknowledge, sent_packages
        acknowledge(SYSTEM, max(int(n) for n in sent_packages()))  # what the district confirmed
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001"})
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13700000002"})
    counts = accept(world, export(world, "a", since_ack=incremental))
    assert (counts["updated"], counts["conflicts"]) == (0, 1)
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"address": "区县核实的住址"})
    again = accept(world, export(world, "a", since_ack=incremental))  # nothing new from the township
    assert (again["updated"], again["conflicts"], again["new"]) == (0, 0, 0)
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"remarks": "乡镇后来补充的备注"})
    later = accept(world, export(world, "a", since_ack=incremental))
    assert (later["updated"], later["conflicts"]) == (1, 0)
    with Archive(world / "district.sqlite"):
        merged = Secretary.get_by_id(person["id"])
        assert (merged.phone, merged.address, merged.remarks) == ("13900000001", "区县核实的住址", "乡镇后来补充的备注")


def test_a_change_only_the_district_made_is_not_undone_by_the_next_package(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"remarks": "区县备注"})
    counts = accept(world, export(world, "a"))
    assert counts["conflicts"] == 0
    with Archive(world / "district.sqlite"):
        assert Secretary.get_by_id(person["id"]).remarks == "区县备注"


def test_a_change_made_after_the_preview_is_not_overwritten_by_applying_it(world):
    """On a server another clerk may save a file while the importing one reads the preview: the
    import is refused whole (to be previewed again), never applied over the newer save."""
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"remarks": "乡镇补充的备注"})
    preview = preview_in_district(world, export(world, "a"))
    try:
        assert [p.values["id"] for p in preview.plan if p.kind == "updated"] == [person["id"]]
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000009"})  # another clerk, meanwhile
        before = table_digests()
        with pytest.raises(ConflictError, match="预览之后.*请重新预览"):
            apply_preview(SYSTEM, preview, trust=preview.package.fingerprint)
        assert table_digests() == before  # nothing written
    finally:
        close_archive()
    counts = accept(world, export(world, "a"))  # previewed again: both changes kept
    assert counts["updated"] == 1
    with Archive(world / "district.sqlite"):
        kept = Secretary.get_by_id(person["id"])
        assert (kept.phone, kept.remarks) == ("13900000009", "乡镇补充的备注")


def test_the_same_package_applied_from_two_previews_is_imported_once(world):
    """Two clerks preview the same package and both press 导入: the second is told to preview
    again (which then finds it already imported), not shown a database error."""
    data = export(world, "a")
    first, second = preview_in_district(world, data), preview_in_district(world, data)
    try:
        apply_preview(SYSTEM, first, trust=first.package.fingerprint)
        before = table_digests()
        with pytest.raises(ConflictError, match="请重新预览"):
            apply_preview(SYSTEM, second, trust=second.package.fingerprint)
        assert table_digests() == before
        assert preview_package(read_package(data)).repeat
    finally:
        close_archive()


def test_a_township_pinned_meanwhile_is_not_pinned_again_by_an_older_preview(world):
    """Two clerks each preview a first package of the same township, from two of its PCs (two
    keys): the first applied pins its key; the second may not silently replace it."""
    from models.exchange.keys import install_public_key

    create_archive(world / "a2.sqlite", township_name=A)  # the township's second PC
    install_public_key(SYSTEM, world / "district.key")
    build_demo(SYSTEM, secretaries=2, seed=9)
    close_archive()
    accept(world, export(world, "b"))  # (the district's campaigns exist: only the key can differ)
    first, second = export(world, "a"), export(world, "a2")
    previews = [preview_in_district(world, data) for data in (first, second)]
    try:
        assert [(p.pin, p.campaigns) for p in previews] == [("new", {}), ("new", {})]
        apply_preview(SYSTEM, previews[0], trust=previews[0].package.fingerprint)
        before = table_digests()
        with pytest.raises(ConflictError, match="请重新预览"):
            apply_preview(SYSTEM, previews[1], trust=previews[1].package.fingerprint)
        assert table_digests() == before
        assert SenderKey.get(SenderKey.township == A).signing_key == previews[0].package.signer.hex()
    finally:
        close_archive()


# -- validation -------------------------------------------------------------------------------------

def test_invalid_content_is_refused_with_the_list_of_problems(world):
    people = records_of(world, "a", "secretary")
    bad = {people[0]["id"]: {"id_number": "123"}, people[1]["id"]: {"name": "张\x07三"},
           people[2]["id"]: {"party_date": "2999.13"}, people[3]["id"]: {"work_date": "not-a-date"}}

    def spoil(members):
        lines = [json.loads(line) for line in members["records/secretary.jsonl"].decode().splitlines()]
        replace_lines(members, "secretary", [dict(r, **bad.get(r["id"], {})) for r in lines])

    data = forged(world, "a", spoil)
    preview = preview_in_district(world, data)
    try:
        found = {(r.record, r.field) for r in preview.refused}
        assert found == {(people[0]["id"], "id_number"), (people[1]["id"], "name"), (people[2]["id"], "party_date"),
                         (people[3]["id"], "work_date")}
        assert preview.as_dict()["counts"]["refused"] == 4
    finally:
        close_archive()
    assert "4条记录未通过检查" in refused(world, data)
    package = world / "bad.sap"
    package.write_bytes(data)
    dry = subprocess.run([sys.executable, "main.py", "--db", str(world / "district.sqlite"), "import", str(package),
                          "--dry-run", "--json"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert dry.returncode == 1
    result = json.loads(dry.stdout)
    assert result["counts"]["refused"] == 4 and {r["label"] for r in result["refused"]} == {
        "身份证号", "姓名", "入党时间", "参加工作时间"}


# -- deletions ---------------------------------------------------------------------------------------

def test_deletions_need_confirmation_on_both_surfaces(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "a.sqlite"):
        services.delete(SYSTEM, Secretary, person["id"], reason="录错")
    data = export(world, "a")
    preview = preview_in_district(world, data)
    try:
        assert preview.counts["deleted"] == 1
        apply_preview(SYSTEM, preview, trust=preview.package.fingerprint, accept_deletions=False)
        assert Secretary.get_by_id(person["id"]).deleted_at is None  # not confirmed: not deleted
    finally:
        close_archive()
    package = world / "deleting.sap"
    package.write_bytes(export(world, "a"))
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "main.py", "--db", str(world / "district.sqlite"), "import", str(package), *extra],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    refused_run = run()
    assert refused_run.returncode == 1 and "--accept-deletions" in refused_run.stderr
    assert run("--accept-deletions").returncode == 0
    with Archive(world / "district.sqlite"):
        assert Secretary.get_by_id(person["id"]).deleted_at is not None


# -- history ---------------------------------------------------------------------------------------

def test_a_township_archive_rewritten_after_a_package_was_sent_is_detected(world):
    accept(world, export(world, "a"))
    with Archive(world / "a.sqlite"):  # someone edits an old entry and recomputes the whole chain
        entries = list(AuditEntry.select().order_by(AuditEntry.seq).dicts())
        entries[3]["summary"] = "改写过的记录"
        previous = audit.GENESIS
        for entry in entries:
            entry["prev_hash"] = previous
            entry["hash"] = previous = audit.compute_hash(entry)
            AuditEntry.update(summary=entry["summary"], prev_hash=entry["prev_hash"], hash=entry["hash"]).where(
                AuditEntry.seq == entry["seq"]).execute()
        settings.put_raw(audit.HEAD_KEY, [entries[-1]["seq"], entries[-1]["hash"]])
    with pytest.raises(ArchiveError, match="封印记录头缺失或被改动,已停止写入"):
        export(world, "a")  # the township's own program writes nothing more over a rewritten log
    assert "已被改写" in refused(world, forged(world, "a", lambda members: None))  # nor does the district take it


# -- cipher suites and formats --------------------------------------------------------------------------

def test_sm4_packages_round_trip_and_are_refused_when_damaged(tmp_path):
    world = make_world(tmp_path, suite=crypto.SM4)
    data = export(world, "a")
    header, *_ = container.unpack(data)
    assert header["suite"] == crypto.SM4
    assert accept(world, data)["new"] > 0
    later = bytearray(export(world, "a"))
    later[len(later) // 2] ^= 0x40
    assert "密钥或密码不正确" in refused(world, bytes(later)) or "签名" in refused(world, bytes(later))


def test_a_format_1_package_still_imports(world, monkeypatch):
    monkeypatch.setattr(container, "FORMAT_VERSION", 1)

    def as_version_1(members):
        del members["audit/entries.jsonl"]
        manifest = json.loads(members["manifest.json"])
        manifest.pop("audit")
        manifest["format"] = 1
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()

    data = forged(world, "a", as_version_1)
    header, *_ = container.unpack(data)
    assert header["format"] == 1
    assert accept(world, data)["new"] > 0


def test_a_secretary_who_moves_travels_by_transfer_and_the_district_links_the_two_files(world):
    from models.dossier.timeline import person_timeline

    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    mover = next(r for r in records_of(world, "a", "secretary") if r["id_number"])
    with Archive(world / "a.sqlite"):  # the old township marks the file 调出
        services.update(SYSTEM, Secretary, mover["id"], {"status": "调出", "status_date": "2026.10"})
    accept(world, export(world, "a"))
    with Archive(world / "b.sqlite"):  # the new township opens a file of its own
        unit = next(u for u in records_of(world, "b", "unit") if not u["deleted_at"])
    with Archive(world / "b.sqlite"):
        new_file = services.create(SYSTEM, Secretary, {"name": mover["name"], "id_number": mover["id_number"],
                                                       "unit": unit["id"]}).record
    preview = preview_in_district(world, export(world, "b"))
    try:
        assert any(f"从{A}调入的同一人" in text for text in preview.duplicates)
        apply_preview(SYSTEM, preview, trust=preview.package.fingerprint)
        linked = [item for item in person_timeline(new_file.id) if item.kind == "同一人"]
        assert linked and A in linked[0].text and "调出" in linked[0].text
    finally:
        close_archive()


# -- the return package ----------------------------------------------------------------------------

def test_the_districts_values_go_back_in_a_return_package_and_stay(world):
    """District edit + conflict decision → return package → the township holds the district's
    values, its acknowledged sequence is set, a value it changed since it sent it stays, and its
    next package imports as all unchanged."""
    from models.exchange.returns import apply_return, export_return, preview_return, read_return
    from models.personnel.person import ResumeEntry

    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    line = next(r for r in records_of(world, "a", "resume_entry") if r["secretary"] == person["id"])
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001", "address": "区县核实的住址"})
        services.update(SYSTEM, ResumeEntry, line["id"], {"text": "区县更正的简历"})
    with Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13700000002"})
    counts = accept(world, export(world, "a"))  # the phone: a conflict, the district's value kept
    assert counts["conflicts"] == 1
    with Archive(world / "a.sqlite"):  # meanwhile the township rewrites the same resume line
        services.update(SYSTEM, ResumeEntry, line["id"], {"text": "乡镇又改的简历"})
    with Archive(world / "district.sqlite"):
        returned = export_return(SYSTEM, A, world / "stick")
        assert returned.records == 2
        with pytest.raises(ArchiveError, match="尚未收到“柳河镇”含回执密钥的交换包"):
            export_return(SYSTEM, B, world / "stick")  # nothing imported from B yet
    with Archive(world / "a.sqlite"):
        preview = preview_return(read_return(returned.path.read_bytes()))
        assert preview.counts == {"records": 2, "applied": 2, "kept": 1, "missing": 0, "sequence": 2}
        applied = apply_return(SYSTEM, preview)
        assert applied["refused"] == []
        held = Secretary.get_by_id(person["id"])
        assert (held.phone, held.address) == ("13900000001", "区县核实的住址")
        assert ResumeEntry.get_by_id(line["id"]).text == "乡镇又改的简历"  # changed since sent: it stays
        assert settings.get("exchange_acknowledged")["sequence"] == 2
        assert AuditEntry.select().where(AuditEntry.actor == "district").count() == 1
        with pytest.raises(crypto.PackageRejected, match="已导入过"):
            read_return(returned.path.read_bytes())  # a return package is applied once
    later = accept(world, export(world, "a", since_ack=True))
    assert (later["updated"], later["conflicts"], later["new"]) == (0, 1, 0)  # the resume line: both changed it
    with Archive(world / "district.sqlite"):
        assert (Secretary.get_by_id(person["id"]).phone, ResumeEntry.get_by_id(line["id"]).text) == (
            "13900000001", "区县更正的简历")


def test_a_return_package_opens_only_at_its_township_with_the_districts_key(world):
    from models.exchange.returns import export_return, read_return

    accept(world, export(world, "a"))
    accept(world, export(world, "b"))
    with Archive(world / "district.sqlite"):
        data = export_return(SYSTEM, A, world / "stick").path.read_bytes()
    with Archive(world / "b.sqlite"), pytest.raises(crypto.PackageRejected):
        read_return(data)  # another township cannot open it
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 1
    with Archive(world / "a.sqlite"), pytest.raises(crypto.PackageRejected):
        read_return(bytes(tampered))
    with Archive(world / "a.sqlite"):  # the same content sealed with a key that is not the district's
        from models.exchange.returns import _seal

        forged = _seal(b"PK\x05\x06" + bytes(18), crypto.new_key_pair()[0],
                       bytes.fromhex(settings.get("return_public_key")))
        with pytest.raises(crypto.PackageRejected, match="不是由本乡镇登记的区县发出"):
            read_return(forged)


def test_the_return_package_on_the_command_line(world):
    accept(world, export(world, "a"))
    person = records_of(world, "a", "secretary")[0]
    with Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001"})
    run = lambda db, *args: subprocess.run(  # noqa: E731
        [sys.executable, "main.py", "--db", str(world / db), *map(str, args), "--json"], cwd=ROOT,
        capture_output=True, text=True, encoding="utf-8")
    made = run("district.sqlite", "export", "--township", A, "--out", world / "back")
    assert made.returncode == 0, made.stderr
    path = json.loads(made.stdout)["file"]
    wrong_side = run("district.sqlite", "import", path)
    assert wrong_side.returncode == 1 and "应在乡镇导入" in wrong_side.stderr
    seen = run("a.sqlite", "import", path, "--dry-run")
    assert json.loads(seen.stdout)["applied"] == 1
    with Archive(world / "a.sqlite"):
        assert Secretary.get_by_id(person["id"]).phone != "13900000001"  # a preview writes nothing
    done = run("a.sqlite", "import", path)
    assert done.returncode == 0 and json.loads(done.stdout)["refused"] == []
    with Archive(world / "a.sqlite"):
        assert Secretary.get_by_id(person["id"]).phone == "13900000001"


# -- bounded packages ------------------------------------------------------------------------------

def test_a_package_that_would_decompress_to_200_mb_is_refused_in_little_memory(world):
    """A stranger's 14 MB package whose records decompress to 200 MB (each member within the old
    per-member size and compression limits) is refused from the zip's directory, before anything
    is decompressed: the whole dry run stays under 200 MB (it took a gigabyte)."""
    with Archive(world / "a.sqlite"):
        members, _ = build_members(SYSTEM, since=None, sequence=60, created="2026-11-24T00:00:00+00:00")
        key = signing_key(SYSTEM)
        district = settings.get("district_public_key")
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: hashlib.sha256(c).hexdigest() for n, c in members.items() if n != "manifest.json"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in ("family_member", "resume_entry"):  # 100 MB each, about 20:1 compressed
            digest = hashlib.sha256()
            with archive.open(f"records/{table}.jsonl", "w", force_zip64=True) as member:
                for _ in range(100):
                    block = b"".join(b'{"id": "%s", "name": "%s"}\n' % (os.urandom(4).hex().encode(), b"x" * 64)
                                     for _ in range(11_000))[:1 << 20]
                    member.write(block)
                    digest.update(block)
            manifest["members"][f"records/{table}.jsonl"] = digest.hexdigest()
        for name, content in members.items():
            if name not in ("manifest.json", "records/family_member.jsonl", "records/resume_entry.jsonl"):
                archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(manifest))
    with Archive(world / "a.sqlite"):
        package = world / "bomb.sap"
        package.write_bytes(_encrypt_and_sign(buffer.getvalue(), district, None, key))
    assert package.stat().st_size < 16 * 1024 * 1024
    measured = ("import runpy, sys\n"  # the child's own peak (VmHWM: ru_maxrss keeps the parent's across exec)
                "sys.argv = ['main.py'] + sys.argv[1:]\n"
                "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
                "except SystemExit as done:\n    code = done.code\n"
                "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
                "print('PEAK', peak, file=sys.stderr)\n"
                "sys.exit(code)\n")
    dry = subprocess.run([sys.executable, "-c", measured, "--db", str(world / "district.sqlite"), "import",
                          str(package), "--dry-run"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert dry.returncode == 1 and "过大或压缩比异常" in dry.stderr and "没有读取其中的内容" in dry.stderr
    peak_kb = int(dry.stderr.split("PEAK")[-1])
    assert peak_kb < 200 * 1024


def test_a_file_no_record_refers_to_refuses_the_package(world):
    def stray_scan(members):
        content = b"\x89PNG not referred to by any record"
        members[f"attachments/{hashlib.sha256(content).hexdigest()}"] = content

    assert "没有任何记录引用" in refused(world, forged(world, "a", stray_scan))


def test_the_preview_counts_its_records_as_it_goes(world, monkeypatch):
    """A district's preview of 10k records showed a busy bar with no count for a second (6.6 s at
    100k): it tells how far it is, every few hundred records, and ends at its total."""
    from models.exchange import importer

    monkeypatch.setattr(importer._Steps, "EVERY", 10)
    data = export(world, "a")
    open_archive(world / "district.sqlite")
    try:
        told = []
        package = read_package(data)
        preview = preview_package(package, progress=lambda done, total: told.append((done, total)))
        records = sum(len(rows) for table, rows in package.records.items() if table not in importer.MAPPED)
        assert records > 20 and len(told) >= 4
        assert told[-1] == (2 * records, 2 * records) and all(total == 2 * records for _, total in told)
        assert [done for done, _ in told] == sorted(done for done, _ in told)
        assert sum(preview.counts.values()) == records
    finally:
        close_archive()
