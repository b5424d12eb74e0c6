import datetime as dt
import io

import pytest
from PIL import Image

from models.errors import ValidationError
from models.personnel.catalogue import Material
from models.personnel.person import FamilyMember, ResumeEntry, Secretary
from models.attachments.photos import crop_to_id_photo, current_photo
from models.personnel.registers import Loan
from models.personnel.roster import RosterFilter, filter_rows, load_roster
from models.dossier.saving import save_file
from models.writing.rows import PartChanges, RowChange
from models.dossier.timeline import file_history, person_timeline
from models.storage import file_store as store
from models.storage.db import db
from models.writing import services

ID = "370281197503120018"


def png(width=600, height=600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def new_file(admin, unit, **extra):
    basic = {"name": "张三", "unit": unit.id, "id_number": ID, **extra}
    resume = PartChanges("resume_entry", [RowChange({"start": "1993.08", "end": "2018.01", "text": "务农"}),
                                          RowChange({"start": "2018.01", "text": "东王家村党支部书记"})])
    return save_file(admin, secretary_id=None, basic=basic, parts=[resume], photo=png())


def test_a_whole_file_is_saved_with_its_parts_and_photo(admin, unit):
    person = new_file(admin, unit).record
    assert [r.text for r in ResumeEntry.live().where(ResumeEntry.secretary == person.id).order_by(ResumeEntry.sort_order)] \
        == ["务农", "东王家村党支部书记"]
    photo = current_photo(person.id)
    assert photo.mime_type == "image/jpeg"
    with Image.open(io.BytesIO(store.read_bytes(photo.sha256))) as image:
        assert abs(image.width / image.height - 5 / 7) < 0.01


def test_a_bad_row_rolls_back_the_whole_save_and_names_the_row(admin, unit):
    person = new_file(admin, unit).record
    family = PartChanges("family_member", [RowChange({"relation": "妻子", "name": "李四", "birth_date": "1976.02"}),
                                           RowChange({"relation": "儿子", "name": "张小", "birth_date": "2001.13"})])
    with pytest.raises(ValidationError) as caught:
        save_file(admin, secretary_id=person.id, basic={"phone": "13800138000"}, parts=[family],
                  expected_version=person.version)
    problem = caught.value.problems[0]
    assert (problem.part, problem.row, problem.field) == ("family_member", 1, "birth_date")
    assert "家庭成员第2行“出生年月”" in str(caught.value)
    assert Secretary.get_by_id(person.id).phone is None
    assert not FamilyMember.select().exists()


def test_removed_rows_become_tombstones_and_order_is_kept(admin, unit):
    person = new_file(admin, unit).record
    rows = list(ResumeEntry.live().where(ResumeEntry.secretary == person.id).order_by(ResumeEntry.sort_order))
    part = PartChanges("resume_entry", [RowChange({}, rows[1].id, rows[1].version)], removed=[rows[0].id])
    save_file(admin, secretary_id=person.id, basic={}, parts=[part])
    assert ResumeEntry.get_by_id(rows[0].id).deleted_at is not None
    assert ResumeEntry.get_by_id(rows[1].id).sort_order == 0


def test_photos_are_cropped_to_the_id_ratio_and_bad_files_refused():
    wide = Image.open(io.BytesIO(crop_to_id_photo(png(1200, 600))))
    assert wide.size == (413, 579) or abs(wide.width / wide.height - 5 / 7) < 0.01
    with pytest.raises(ValidationError, match="照片:无法识别"):
        crop_to_id_photo(b"not an image")


def test_the_register_finds_by_pinyin_initials_id_number_and_village(admin, unit):
    new_file(admin, unit)
    rows = load_roster()
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("zs"))] == ["张三"]
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("ＺＳ"))] == ["张三"]
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("zhangsan"))] == ["张三"]
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("19750312"))] == ["张三"]
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("东王家"))] == ["张三"]
    assert filter_rows(rows, RosterFilter("ls")) == []
    assert filter_rows(rows, RosterFilter(status="离任")) == []
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("zs", township_id=unit.township_id,
                                                                 unit_id=unit.id))] == ["张三"]
    assert filter_rows(rows, RosterFilter("zs", township_id="另一个乡镇")) == []
    assert filter_rows(rows, RosterFilter(unit_id="另一个村")) == []


def test_status_changes_need_a_date_and_show_in_history_and_timeline(admin, unit):
    person = new_file(admin, unit).record
    with pytest.raises(ValidationError, match="状态变更时间"):
        save_file(admin, secretary_id=person.id, basic={"status": "离任"}, parts=[])
    save_file(admin, secretary_id=person.id, basic={"status": "离任", "status_date": "2026.03"}, parts=[])
    assert any(item.kind == "状态变更" and item.when == "2026.03" for item in person_timeline(person.id))
    assert any("状态:在任 → 离任" in item.changes for item in file_history(person.id))


def test_loans_and_materials_belong_to_the_file(admin, unit, today):
    person = new_file(admin, unit).record
    parts = [PartChanges("material", [RowChange({"category": "4-1", "title": "学历证书", "date": "1995.07",
                                                 "pages": 2})]),
             PartChanges("loan", [RowChange({"lent_date": str(today - dt.timedelta(days=2)), "borrower": "李四",
                                             "due_date": str(today + dt.timedelta(days=5))}),
                                  RowChange({"lent_date": str(today - dt.timedelta(days=20)), "borrower": "王五",
                                             "due_date": str(today - dt.timedelta(days=13))})])]
    save_file(admin, secretary_id=person.id, basic={}, parts=parts)
    assert Material.get(Material.secretary == person.id).category == "4-1"
    assert Loan.get(Loan.borrower == "李四").status == "未归还"
    assert Loan.get(Loan.borrower == "王五").status == "逾期未还"  # not back by its due date


def test_the_last_save_is_undone_audited_then_the_save_before_it(admin, unit):
    from models.errors import ArchiveError
    from models.dossier.undo import last_save, undo_last_save
    from models.writing.audit import AuditEntry

    person = new_file(admin, unit).record
    rows = list(ResumeEntry.live().where(ResumeEntry.secretary == person.id).order_by(ResumeEntry.sort_order))
    family = PartChanges("family_member", [RowChange({"relation": "妻子", "name": "李四", "birth_date": "1976.02"})])
    resume = PartChanges("resume_entry", [RowChange({"text": "村党支部书记(更正)"}, rows[1].id, rows[1].version)],
                         removed=[rows[0].id])
    save_file(admin, secretary_id=person.id, basic={"phone": "13800138000", "birth_date": "1975.03"},
              parts=[family, resume], expected_version=person.version)
    assert "修改" in last_save(person.id).describe()
    undone = undo_last_save(admin, person.id)
    assert {(e.table, e.action) for e in undone.entries} == {  # the person, the new relative, the resume rows
        ("secretary", "update"), ("family_member", "create"), ("resume_entry", "update"), ("resume_entry", "delete")}
    back = Secretary.get_by_id(person.id)
    assert back.phone is None and back.birth_date == person.birth_date
    assert not FamilyMember.live().exists()
    assert [r.text for r in ResumeEntry.live().where(ResumeEntry.secretary == person.id)
            .order_by(ResumeEntry.sort_order)] == ["务农", "东王家村党支部书记"]
    marker = AuditEntry.get(AuditEntry.action == "undo")
    assert marker.summary.startswith("撤销admin的上一次保存") and marker.record_id == person.id
    assert (file_history(person.id)[0].action, file_history(person.id)[0].summary) == ("撤销", marker.summary)
    undo_last_save(admin, person.id)  # the save before: the file's creation, to the recycle bin
    assert Secretary.get_by_id(person.id).is_deleted
    with pytest.raises(ArchiveError, match="没有可以撤销的保存"):
        undo_last_save(admin, person.id)


def test_an_undo_is_refused_when_the_value_changed_again(admin, unit):
    from models.errors import ConflictError
    from models.dossier.undo import undo_last_save
    from models.writing import services

    person = new_file(admin, unit).record
    save_file(admin, secretary_id=person.id, basic={"phone": "13800138000"}, parts=[])
    with db.atomic():  # someone changes it again in a way the last save does not cover
        Secretary.update(phone="13900000000").where(Secretary.id == person.id).execute()
    with pytest.raises(ConflictError, match="又被修改过"):
        undo_last_save(admin, person.id)
    assert Secretary.get_by_id(person.id).phone == "13900000000"
    assert services.update(admin, Secretary, person.id, {"phone": "13800138000"}).record.phone == "13800138000"


def test_undo_refuses_to_take_back_a_creation_changed_since(admin, unit):
    from models.errors import ConflictError
    from models.org.units import add_unit
    from models.personnel.villages import merge_units
    from models.dossier.undo import undo_last_save

    twin = add_unit(admin, township_id=unit.township_id, name="东王家村(重复)", kind="村")
    person = save_file(admin, secretary_id=None, basic={"name": "李四", "unit": twin.id}, parts=[]).record
    merge_units(admin, twin.id, unit.id)  # the file moved to another village since it was created
    with pytest.raises(ConflictError, match="又被修改过"):
        undo_last_save(admin, person.id)
    assert not Secretary.get_by_id(person.id).is_deleted


@pytest.mark.parametrize("name, initials, full", [
    ("曾小明", "zxm", "zengxiaoming"), ("单田芳", "stf", "shantianfang"), ("解晓东", "xxd", "xiexiaodong"),
    ("仇英", "qy", "qiuying"), ("区志坚", "ozj", "ouzhijian"), ("查良镛", "zly", "zhaliangyong"),
    ("朴树", "ps", "piaoshu"), ("单于云", "cyy", "chanyuyun"),
    ("张三", "zs", "zhangsan"), ("曾", "c", "ceng"),  # a lone character is not read as a surname
])
def test_surnames_are_keyed_by_their_own_reading(name, initials, full):
    from models.values.pinyin import name_keys

    assert name_keys(name) == (initials, full)


def test_the_register_and_the_ledger_find_and_sort_a_surname_where_a_reader_looks(admin, unit):
    for name in ("张三", "曾小明", "仇英"):
        services.create(admin, Secretary, {"name": name, "unit": unit.id})
    rows = load_roster()
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("zeng"))] == ["曾小明"]
    assert [r.cells[2] for r in filter_rows(rows, RosterFilter("qy"))] == ["仇英"]
    people = Secretary.live().order_by(Secretary.name_pinyin)
    assert [p.name for p in people] == ["仇英", "曾小明", "张三"]  # q, ze, zh


def test_training_hours_print_the_same_from_a_file_and_from_a_server(admin, unit):
    """40 hours print as 40 on both engines (a server gave 40.0), 40.5 as 40.5."""
    from models.forms.dossier import service_data
    from models.personnel.person import Training

    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    for hours, days in (("40", "5"), ("40.5", "0.5")):
        services.create(admin, Training, {"secretary": person.id, "name": "培训班", "start": "2024.05", "hours": hours,
                                          "days": days})
    assert sorted((row[3], row[4]) for row in service_data(person.id)["training"]) == [("40", "5"), ("40.5", "0.5")]
