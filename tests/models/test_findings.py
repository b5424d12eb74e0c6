"""专审: the eight consistency checks as warnings, the 认定 that closes one, the archive-wide list."""
import datetime as dt

import pytest

from models.errors import ValidationError
from models.dossier.checks import audit_files, check_file, completeness
from models.personnel.findings import accept
from models.dossier.saving import save_file
from models.writing.rows import PartChanges, RowChange
from models.archive.tables import BY_NAME
from models.writing.audit import AuditEntry

TODAY = dt.date(2026, 11, 29)


def person(admin, unit, **basic):
    values = {"name": "张三", "unit": unit.id, "id_number": "370281197503120018", "birth_date": "1975.03",
              "sex": "1", "party_date": "1996.07", "work_date": "1993.08", "post_since": "2018.01", **basic}
    resume = PartChanges("resume_entry", [RowChange({"start": "1990.09", "end": "1993.07", "text": "胶州三中学生"}),
                                          RowChange({"start": "1993.08", "end": "2018.01", "text": "东王家村务农"}),
                                          RowChange({"start": "2018.01", "text": "东王家村党支部书记"})])
    assessments = PartChanges("assessment", [RowChange({"year": y, "result": "称职"}) for y in (2023, 2024, 2025)])
    return save_file(admin, secretary_id=None, basic=values, parts=[resume, assessments]).record


def texts(secretary_id):
    return [w.text for w in check_file(secretary_id, today=TODAY)]


def test_a_consistent_file_has_no_warning(admin, unit):
    assert texts(person(admin, unit).id) == []


@pytest.mark.parametrize("basic, part, expected", [
    ({"birth_date": "1975.04"}, None, "出生年月1975.04与身份证号中的1975.03不一致"),
    ({"sex": "2"}, None, "性别与身份证号第17位不一致"),
    ({"party_date": "1992.01"}, None, "入党时间1992.01时未满18周岁"),
    ({"party_date": None}, None, "没有入党时间(党组织书记应为中共党员)"),
    ({"work_date": "1990.01"}, None, "参加工作时间1990.01时未满16周岁"),
    ({"work_date": "1994.03"}, None, "参加工作时间1994.03与简历中第一份工作的起始时间1993.08不一致"),
    ({}, ("resume_entry", [("1990.09", "1993.07", "胶州三中学生"), ("1994.08", "2018.01", "务农"),
                           ("2018.01", None, "书记")]), "1993.07至1994.08之间有12个月空档"),
    ({}, ("resume_entry", [("1990.09", "1993.07", "胶州三中学生"), ("1993.08", "2018.01", "务农"),
                           ("2018.01", "2020.01", "书记")]), "在任人员简历的最后一段应至今(截止时间为空)"),
    ({}, ("assessment", [(2023, "称职"), (2025, "称职"), (2025, "优秀")]), "缺少2024年度的考核结果"),
    ({}, ("family_member", [("儿子", "张小", "1985.01")]), "儿子张小与本人年龄相差不足15岁"),
    ({}, ("family_member", [("母亲", "李老", "1965.01")]), "母亲李老与本人年龄相差不足15岁"),
])
def test_each_check_warns_with_its_sentence(admin, unit, basic, part, expected):
    file = person(admin, unit, **basic)
    if part:
        table, rows = part
        keys = {"resume_entry": ("start", "end", "text"), "assessment": ("year", "result"),
                "family_member": ("relation", "name", "birth_date")}[table]
        from models.archive.tables import BY_NAME
        model = BY_NAME[table]
        removed = [r.id for r in model.live().where(model.secretary == file.id)]
        save_file(admin, secretary_id=file.id, basic={},
                  parts=[PartChanges(table, [RowChange(dict(zip(keys, row))) for row in rows], removed=removed)])
    assert expected in texts(file.id)


def test_an_accepted_warning_is_closed_audited_and_the_list_puts_open_ones_first(admin, unit):
    odd = person(admin, unit, birth_date="1975.04", name="李四", id_number="37028119750312019X")
    fine = person(admin, unit, name="王五", id_number=None)
    [warning] = [w for w in check_file(odd.id, today=TODAY) if w.check == "出生年月"]
    assert warning.open and warning.fields == ("出生年月", "身份证号")
    rows = audit_files(today=TODAY)
    assert rows[0].name == "李四" and rows[0].open_warnings >= 1
    with pytest.raises(ValidationError, match="认定依据材料"):
        accept(admin, odd.id, warning, basis="", approver="周部长")
    accept(admin, odd.id, warning, value="1975.04", basis="1993年招工登记表", approver="周部长",
           decided_on=dt.date(2026, 11, 20))
    [closed] = [w for w in check_file(odd.id, today=TODAY) if w.check == "出生年月"]
    assert not closed.open and closed.finding.basis == "1993年招工登记表"
    assert AuditEntry.select().where(AuditEntry.table == "finding").count() == 1
    assert 0 < completeness(fine.id) < 1


@pytest.mark.parametrize("basic, part, not_expected", [
    ({"birth_date": "1976.03", "party_date": "1994.03", "id_number": None}, None, "未满18周岁"),  # exactly 18
    ({"birth_date": "1975"}, None, "不一致"),  # a year-only birth agrees with the ID's 1975.03
    ({}, ("resume_entry", [("1990.09", "1993", "胶州三中学生"), ("1993.08", "2018.01", "务农"),
                           ("2018.01", None, "书记")]), "空档"),  # a year-only end is not a gap
    ({}, ("resume_entry", [("1993.08", "2018.01", "务农"), ("2018.01", "2021.07", "青岛市委党校函授学习"),
                           ("2018.01", None, "书记")]), "全日制学历"),  # part-time study is not full-time
])
def test_no_false_warning_where_the_precision_or_kind_of_study_allows_it(admin, unit, basic, part, not_expected):
    file = person(admin, unit, ft_education="高中", **basic)
    if part:
        table, rows = part
        from models.personnel.person import ResumeEntry
        removed = [r.id for r in ResumeEntry.live().where(ResumeEntry.secretary == file.id)]
        save_file(admin, secretary_id=file.id, basic={}, parts=[PartChanges(
            table, [RowChange(dict(zip(("start", "end", "text"), row))) for row in rows], removed=removed)])
    assert not [text for text in texts(file.id) if not_expected in text]


@pytest.mark.parametrize("basic, birth_warned, party_warned", [
    ({"birth_date": "1975.03.09"}, True, False),  # the ID number says 12 March: the day differs
    ({"birth_date": "1975"}, False, False),  # a year agrees with any day of it
    ({"birth_date": "1975.03"}, False, False),
    ({"id_number": None, "birth_date": "1980.06", "party_date": "1998"}, False, False),  # maybe 18 already
    ({"id_number": None, "birth_date": "1980.06", "party_date": "1998.05"}, False, True),  # certainly 17
])
def test_saving_a_file_and_the_checks_judge_a_person_alike(admin, unit, basic, birth_warned, party_warned):
    """One rule (values.consistency): the warning shown when the file is saved is the 专审
    warning of the same file, never one without the other."""
    values = {"name": "张三", "unit": unit.id, "id_number": "370281197503120018", "birth_date": "1975.03",
              "sex": "1", "party_date": "1996.07", **basic}
    saved = save_file(admin, secretary_id=None, basic=values, parts=[])
    at_save = {w.field for w in saved.warnings}
    checks = {w.check for w in check_file(saved.record.id, today=TODAY)}
    assert ("birth_date" in at_save, "出生年月" in checks) == (birth_warned, birth_warned)
    assert ("party_date" in at_save, "党龄" in checks) == (party_warned, party_warned)


def _replace_part(admin, file, table, rows) -> None:
    keys = {"resume_entry": ("start", "end", "text"), "assessment": ("year", "result"),
            "family_member": ("relation", "name", "birth_date")}[table]
    model = BY_NAME[table]
    removed = [r.id for r in model.live().where(model.secretary == file.id)]
    save_file(admin, secretary_id=file.id, basic={},
              parts=[PartChanges(table, [RowChange(dict(zip(keys, row))) for row in rows], removed=removed)])


STUDY_UNTIL = lambda end: ("resume_entry", [("1987.09", end, "胶州一中学生"), ("1993.08", "2018.01", "东王家村务农"),  # noqa: E731
                                            ("2018.01", None, "东王家村党支部书记")])


@pytest.mark.parametrize("basic, part, sentence, warned", [
    # 入党: 18 in the month of the 18th birthday (born 1975.03), not the month before
    ({"party_date": "1993.03"}, None, "入党时间1993.03时未满18周岁", False),
    ({"party_date": "1993.02"}, None, "入党时间1993.02时未满18周岁", True),
    # 参加工作: 16
    ({"work_date": "1991.03"}, None, "参加工作时间1991.03时未满16周岁", False),
    ({"work_date": "1991.02"}, None, "参加工作时间1991.02时未满16周岁", True),
    # 全日制学历: 15 at graduation
    ({"ft_education": "初中"}, STUDY_UNTIL("1990.03"), "全日制学历1990.03毕业时未满15周岁", False),
    ({"ft_education": "初中"}, STUDY_UNTIL("1990.02"), "全日制学历1990.02毕业时未满15周岁", True),
    # a child born when the person was 15, a parent 15 when the person was born
    ({}, ("family_member", [("儿子", "张小", "1990.03")]), "儿子张小与本人年龄相差不足15岁", False),
    ({}, ("family_member", [("儿子", "张小", "1990.02")]), "儿子张小与本人年龄相差不足15岁", True),
    ({}, ("family_member", [("父亲", "张老", "1960.03")]), "父亲张老与本人年龄相差不足15岁", False),
    ({}, ("family_member", [("父亲", "张老", "1960.04")]), "父亲张老与本人年龄相差不足15岁", True),
    # 年度考核: the three years before this one (2023–2025 on 29 November 2026), from the year taken office
    ({"post_since": "2023.12"}, ("assessment", [(2024, "称职"), (2025, "称职")]), "缺少2023年度的考核结果", True),
    ({"post_since": "2024.01"}, ("assessment", [(2024, "称职"), (2025, "称职")]), "缺少2023年度的考核结果", False),
    ({}, ("assessment", [(2023, "称职"), (2024, "称职"), (2025, "称职")]), "缺少2026年度的考核结果", False),
])
def test_each_check_at_its_threshold(admin, unit, basic, part, sentence, warned):
    """Each 专审 threshold at its boundary: the month it is met warns nothing, the month before does."""
    file = person(admin, unit, **basic)
    if part:
        _replace_part(admin, file, *part)
    assert (sentence in texts(file.id)) == warned, texts(file.id)


def test_the_list_of_every_file_reads_each_table_once_not_once_per_file(admin, unit, monkeypatch):
    """The 专审 list of a district: the same handful of queries for 3 files or 30 (was 11 a file)."""
    from models.storage.db import db

    def queries_for(count: int) -> int:
        for number in range(len(audit_files(today=TODAY)), count):
            person(admin, unit, name="张" + "一二三四五六七八九十"[number % 10] * (1 + number // 10), id_number=None)
        seen = []
        real = type(db.obj).execute_sql
        monkeypatch.setattr(type(db.obj), "execute_sql", lambda self, sql, *a, **k: seen.append(sql) or real(
            self, sql, *a, **k))
        rows = audit_files(today=TODAY)
        monkeypatch.undo()
        assert len(rows) == count
        return len(seen)

    assert queries_for(3) == queries_for(30) <= 10


def test_people_of_the_same_name_come_in_one_order_on_a_file_and_on_a_server(admin, unit):
    """Ties in the name's pinyin were left to the engine: a server listed two 张伟 the other way round
    from a file. They come by the file's id, which both engines sort alike."""
    made = [person(admin, unit, name="张伟", id_number=None)]
    while made[-1].id > made[0].id or len(made) < 3:  # till one made later sorts first: insertion order ≠ id order
        made.append(person(admin, unit, name="张伟", id_number=None))
    assert [row.secretary_id for row in audit_files(today=TODAY)] == sorted(p.id for p in made)


@pytest.mark.parametrize("meanwhile", ["（其间：2010.09--2013.07在青岛广播电视大学学习）",
                                       "(其间:2010.09--2013.07在青岛市委党校函授学习)"])
def test_study_meanwhile_never_makes_the_work_line_a_study_line(admin, unit, meanwhile):
    """The 其间 line read into the host line made 专审 take 东王家村务农 for study: false warnings
    that 全日制学历 ended after work began and that 参加工作时间 differs from the first job."""
    person_ = save_file(admin, secretary_id=None, basic={
        "name": "张三", "unit": unit.id, "id_number": "370281197503120018", "birth_date": "1975.03", "sex": "1",
        "party_date": "1996.07", "work_date": "1993.08", "post_since": "2018.01", "ft_education": "高中"},
        parts=[PartChanges("resume_entry", [
            RowChange({"start": "1990.09", "end": "1993.07", "text": "胶州三中学生"}),
            RowChange({"start": "1993.08", "end": "2018.01", "text": f"东王家村务农{meanwhile}"}),
            RowChange({"start": "2018.01", "text": "东王家村党支部书记"})])]).record
    found = " ".join(texts(person_.id))
    assert "晚于参加工作" not in found and "第一份工作" not in found, found
