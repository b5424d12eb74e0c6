import json
import re

import pytest

from models.accounts.users import create_user
from models.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from models.org.tables import Township
from models.personnel.person import ResumeEntry, Secretary
from models.writing import audit, services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry

ID = "370281197503120018"


def test_id_number_fills_birth_date_and_sex_and_is_read_back(admin, unit):
    saved = services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "id_number": ID})
    again = Secretary.get_by_id(saved.record.id)
    assert (again.birth_date, again.sex, again.name_initials, again.name_pinyin) == ("1975.03", "1", "zs", "zhangsan")
    assert saved.warnings == []


def test_disagreeing_birth_date_and_sex_warn_but_do_not_block(admin, unit):
    saved = services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "id_number": ID,
                                               "birth_date": "1975.05", "sex": "2"})
    assert {w.field for w in saved.warnings} == {"birth_date", "sex"}
    assert Secretary.get_by_id(saved.record.id).birth_date == "1975.05"


def test_the_same_id_number_twice_is_refused_naming_the_existing_file(admin, unit):
    services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "id_number": ID})
    with pytest.raises(ValidationError, match=re.escape("与已有档案“张三(东王家村)”的身份证号相同")):
        services.create(admin, Secretary, {"name": "李四", "unit": unit.id, "id_number": ID.lower()})


def test_all_problems_are_reported_together(admin, unit):
    with pytest.raises(ValidationError) as caught:
        services.create(admin, Secretary, {"unit": unit.id, "party_date": "1975.13", "phone": "12"})
    assert {p.field for p in caught.value.problems} == {"name", "party_date", "phone"}


def test_dates_before_birth_and_resume_order_are_refused(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id, "id_number": ID}).record
    with pytest.raises(ValidationError, match="入党时间:不能早于出生年月"):
        services.update(admin, Secretary, person.id, {"party_date": "1970.01"})
    with pytest.raises(ValidationError, match="截止时间:不能早于起始时间"):
        services.create(admin, ResumeEntry, {"secretary": person.id, "start": "1990.07", "end": "1986.09",
                                             "text": "务农"})


def test_update_bumps_the_version_and_audits_old_and_new(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    services.update(admin, Secretary, person.id, {"phone": "13800138000"}, expected_version=1)
    assert Secretary.get_by_id(person.id).version == 2
    entry = AuditEntry.select().order_by(AuditEntry.seq.desc()).first()
    assert (entry.actor, entry.action, entry.record_id) == ("admin", "update", person.id)
    assert json.loads(entry.changes)["phone"] == [None, "13800138000"]
    with pytest.raises(ConflictError):
        services.update(admin, Secretary, person.id, {"phone": "13900139000"}, expected_version=1)


def test_delete_is_a_tombstone_that_can_be_restored(admin, unit):
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    services.delete(admin, Secretary, person.id, reason="重复录入")
    stored = Secretary.get_by_id(person.id)
    assert stored.deleted_at and stored.deleted_by == "admin"
    assert not Secretary.live().where(Secretary.id == person.id).exists()
    with pytest.raises(NotFound):
        services.update(admin, Secretary, person.id, {"phone": "13800138000"})
    services.restore(admin, Secretary, person.id)
    assert Secretary.live().where(Secretary.id == person.id).exists()
    assert [e.action for e in AuditEntry.select().where(AuditEntry.record_id == person.id)
            .order_by(AuditEntry.seq)] == ["create", "delete", "restore"]


def test_roles_are_checked_inside_the_services(admin, unit):
    create_user(admin, username="viewer1", display_name="查阅员", role="viewer", password="pass-word-1")
    viewer = Actor("viewer1", "查阅员", "viewer")
    with pytest.raises(PermissionDenied, match="角色是查阅,无权录入和修改人事档案"):
        services.create(viewer, Secretary, {"name": "张三", "unit": unit.id})
    clerk = Actor("clerk1", "录入员", "clerk")
    with pytest.raises(PermissionDenied, match="无权系统管理"):
        services.create(clerk, Township, {"name": "柳河镇"})
    assert services.create(clerk, type(unit), {"township": unit.township_id, "name": "西村"}).record.name == "西村"


def test_a_failed_write_leaves_nothing_behind(admin, unit):
    before = AuditEntry.select().count()
    with pytest.raises(ValidationError):
        services.create(admin, Secretary, {"name": "张三", "unit": "no-such-unit"})
    assert AuditEntry.select().count() == before
    assert not Secretary.select().exists()


def test_the_audit_chain_reports_the_first_broken_link(admin, unit):
    for name in ("甲", "乙", "丙"):
        services.create(admin, Secretary, {"name": "张" + name, "unit": unit.id})
    assert audit.verify_chain() is None
    victim = AuditEntry.select().order_by(AuditEntry.seq.desc()).offset(1).first()
    AuditEntry.update(summary="改过").where(AuditEntry.seq == victim.seq).execute()
    fault = audit.verify_chain()
    assert fault.seq == victim.seq and "内容被改动" in str(fault)


def test_passwords_never_reach_the_audit_log(admin):
    create_user(admin, username="clerk1", display_name="王会计", role="clerk", password="pass-word-1")
    logged = " ".join(e.changes for e in AuditEntry.select())
    assert "argon2" not in logged and "pass-word-1" not in logged


def test_five_wrong_passwords_lock_the_account_for_a_while(admin):
    import datetime as dt

    from models.accounts.tables import User
    from models.accounts.users import authenticate, unlock
    from models.errors import AuthenticationFailed
    from models.storage.db import on_postgresql
    create_user(admin, username="clerk1", display_name="王会计", role="clerk", password="pass-word-1")
    now = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="用户名或密码不正确"):
            authenticate("clerk1", "wrong", now=now)
    with pytest.raises(AuthenticationFailed, match="账号已锁定,请15分钟后再试"):
        authenticate("clerk1", "pass-word-1", now=now)
    if on_postgresql():  # a server locks by its own clock, which no client moves: the administrator unlocks
        unlock(admin, User.get(User.username == "clerk1").id)
        assert authenticate("clerk1", "pass-word-1").role == "clerk"
    else:
        assert authenticate("clerk1", "pass-word-1", now=now + dt.timedelta(minutes=16)).role == "clerk"
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            authenticate("clerk1", "wrong", now=now)
    unlock(admin, User.get(User.username == "clerk1").id)
    assert authenticate("clerk1", "pass-word-1", now=now).username == "clerk1"
