"""Townships and villages managed by the clerk: rename, merge (the files move, audited), retire."""
import pytest

from models.errors import ValidationError
from models.org.tables import Township, Unit
from models.org.units import add_unit, ensure_township, rename_township, rename_unit
from models.personnel.villages import merge_units, retire_unit
from models.personnel.person import Secretary
from models.storage import settings
from models.writing import services
from models.writing.audit import AuditEntry


def test_a_mistyped_village_is_renamed_and_a_second_of_the_same_name_is_refused(admin, unit):
    typo = add_unit(admin, township_id=unit.township_id, name="下孙家装村", kind="村")
    renamed = rename_unit(admin, typo.id, name="下孙家庄村", kind="村")
    assert Unit.get_by_id(typo.id).name == "下孙家庄村" and renamed.version == typo.version + 1
    with pytest.raises(ValidationError, match="本乡镇已有“下孙家庄村”"):
        add_unit(admin, township_id=unit.township_id, name="下孙家庄村", kind="村")
    with pytest.raises(ValidationError, match="本乡镇已有"):
        rename_unit(admin, typo.id, name=unit.name, kind="村")


def test_merging_two_villages_moves_every_file_audited_and_retires_the_duplicate(admin, unit):
    twin = add_unit(admin, township_id=unit.township_id, name="东河头村(重复)", kind="村")
    people = [services.create(admin, Secretary, {"name": n, "unit": twin.id}).record for n in ("张三", "李四")]
    stays = services.create(admin, Secretary, {"name": "王五", "unit": unit.id}).record
    assert merge_units(admin, twin.id, unit.id) == 2
    assert {p.unit_id for p in Secretary.select().where(Secretary.id.in_([p.id for p in people]))} == {unit.id}
    assert Secretary.get_by_id(stays.id).unit_id == unit.id
    assert Unit.get_by_id(twin.id).is_deleted  # in the recycle bin, restorable
    moves = AuditEntry.select().where((AuditEntry.table == "secretary") & (AuditEntry.action == "update"))
    assert {m.record_id for m in moves} == {p.id for p in people}
    removal = AuditEntry.get((AuditEntry.record_id == twin.id) & (AuditEntry.action == "delete"))
    assert f"并入{unit.name}" in removal.changes


def test_villages_of_two_townships_are_not_merged_and_nothing_moves(admin, unit):
    other = add_unit(admin, township_id=ensure_township(admin, "白沙镇").id, name="前屯村", kind="村")
    person = services.create(admin, Secretary, {"name": "张三", "unit": other.id}).record
    with pytest.raises(ValidationError, match="不属于同一乡镇"):
        merge_units(admin, other.id, unit.id)
    assert Secretary.get_by_id(person.id).unit_id == other.id and not Unit.get_by_id(other.id).is_deleted


def test_a_village_with_files_is_not_retired_an_empty_one_is(admin, unit):
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id})
    with pytest.raises(ValidationError, match="还有1份档案"):
        retire_unit(admin, unit.id)
    empty = add_unit(admin, township_id=unit.township_id, name="已撤并村", kind="村")
    assert retire_unit(admin, empty.id).is_deleted


def test_renaming_the_township_renames_the_archive(admin, unit):
    township = Township.get_by_id(unit.township_id)
    rename_township(admin, township.id, "青石街道")
    assert settings.get("township_name") == "青石街道"
    assert Township.get_by_id(township.id).party_committee == "中共青石街道工作委员会"
