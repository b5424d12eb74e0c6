"""Vocabularies adapted in 设置 → 代码表, audited, with the defaults restorable."""
import pytest

from models.codes.editing import add_entry, editable_lists, entries, move_entry, restore_defaults, set_active
from models.codes.lists import code_names
from models.errors import PermissionDenied, ValidationError
from models.personnel.person import Assessment, Secretary
from models.writing import services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry


def test_an_entry_is_added_switched_off_and_the_defaults_come_back(admin, unit):
    assert "年度考核结果" in editable_lists() and "民族" not in editable_lists() and "状态" not in editable_lists()
    defaults = code_names("年度考核结果")
    added = add_entry(admin, "年度考核结果", "不定等次")
    assert code_names("年度考核结果") == defaults + ["不定等次"]
    with pytest.raises(ValidationError, match="已有“不定等次”"):
        add_entry(admin, "年度考核结果", "不定等次")
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    services.create(admin, Assessment, {"secretary": person.id, "year": 2024, "result": defaults[0]})
    first = entries("年度考核结果")[0]
    set_active(admin, first.id, False)
    assert defaults[0] not in code_names("年度考核结果")
    kept = Assessment.get(Assessment.secretary == person.id)
    services.update(admin, Assessment, kept.id, {"year": 2023})  # a value switched off stays valid
    move_entry(admin, added.id, -1)
    assert code_names("年度考核结果")[-2] == "不定等次"
    assert restore_defaults(admin, "年度考核结果") >= 2
    assert code_names("年度考核结果") == defaults + ["不定等次"]
    assert AuditEntry.select().where(AuditEntry.table == "code_item").count() >= 4


def test_national_codes_are_not_edited_and_a_clerk_edits_nothing(admin):
    with pytest.raises(ValidationError, match="国家标准或程序使用"):
        add_entry(admin, "民族", "新民族")
    with pytest.raises(PermissionDenied):
        add_entry(Actor("clerk", "王干事", "clerk"), "称谓", "继父")
