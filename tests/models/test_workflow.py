"""Every role × every write operation, enforced by the write path itself (whoever calls it): the
report workflow, review fields only by a reviewer, a reviewed report fixed, a viewer writing
nothing. A refused operation leaves the archive as it was (no audit entry, no change)."""
import datetime as dt

import pytest

from models.accounts.users import create_user
from models.errors import ArchiveError, PermissionDenied, ValidationError
from models.matters.campaigns import file_nothing_for, open_campaign
from models.matters.tables import MatterReport, MatterType, ReportStatus, Verification
from models.matters.workflow import archive_report, review_report, save_report, submit_report
from models.personnel.person import Secretary
from models.storage import settings
from models.writing import services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry

ROLES = ("admin", "clerk", "reviewer", "viewer")
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def world(admin, unit):
    """A person and one report in each state, made by the administrator."""
    person = services.create(admin, Secretary, {"name": "张三", "unit": unit.id}).record
    wedding = MatterType.get(MatterType.code == "02")

    def report(state: str) -> MatterReport:
        data = {"secretary": person.id, "kind": "平时报告", "matter_type": wedding.id, "timing": "事前",
                "matter_date": dt.date(2026, 12, 20), "place": "本村"}
        made = save_report(admin, report_id=None, data=data).record
        if state != "draft":
            submit_report(admin, made.id, today=TODAY)
        if state in ("reviewed", "archived"):
            review_report(admin, made.id, result="同意", opinion="同意", today=TODAY)
        if state == "archived":
            archive_report(admin, made.id)
        return MatterReport.get_by_id(made.id)

    return {"person": person, "unit": unit, "wedding": wedding, "campaign": open_campaign(admin, year=2024),
            "draft": report("draft"),
            "submitted": report("submitted"), "reviewed": report("reviewed"), "archived": report("archived")}


def actor(role: str) -> Actor:
    return Actor(f"{role}-user", f"{role}的人", role)


OPERATIONS = {
    "新建人事档案": lambda a, w: services.create(a, Secretary, {"name": "李四", "unit": w["unit"].id}),
    "修改人事档案": lambda a, w: services.update(a, Secretary, w["person"].id, {"phone": "13800138000"}),
    "删除人事档案": lambda a, w: services.delete(a, Secretary, w["person"].id),
    "登记报告(草稿)": lambda a, w: save_report(a, report_id=None, data={
        "secretary": w["person"].id, "kind": "平时报告", "matter_type": w["wedding"].id, "timing": "事前",
        "matter_date": dt.date(2026, 12, 21)}),
    "修改草稿": lambda a, w: save_report(a, report_id=w["draft"].id, data={"place": "别处"}),
    "提交(受理)": lambda a, w: submit_report(a, w["draft"].id, today=TODAY),
    "修改待审核的报告": lambda a, w: save_report(a, report_id=w["submitted"].id, data={"place": "别处"}),
    "草稿直接写审核意见": lambda a, w: services.update(a, MatterReport, w["draft"].id, {"review_opinion": "同意"}),
    "待审核的报告直接写审核结果": lambda a, w: services.update(a, MatterReport, w["submitted"].id,
                                                 {"review_result": "同意"}),
    "草稿直接改为已归档": lambda a, w: services.update(a, MatterReport, w["draft"].id, {"status": "已归档",
                                                                                  "review_result": "同意"}),
    "审核": lambda a, w: review_report(a, w["submitted"].id, result="同意", opinion="同意", today=TODAY),
    "归档": lambda a, w: archive_report(a, w["reviewed"].id),
    "修改已审核的报告": lambda a, w: services.update(a, MatterReport, w["reviewed"].id, {"place": "别处"}),
    "修改已归档的报告": lambda a, w: services.update(a, MatterReport, w["archived"].id, {"content": "改过"}),
    "已审核的报告退回草稿": lambda a, w: services.update(a, MatterReport, w["reviewed"].id, {"status": "草稿"}),
    "删除草稿": lambda a, w: services.delete(a, MatterReport, w["draft"].id),
    "删除已审核的报告": lambda a, w: services.delete(a, MatterReport, w["reviewed"].id),
    "抽查核实": lambda a, w: services.create(a, Verification, {
        "secretary": w["person"].id, "date": TODAY, "result": "如实报告"}),
    "开启集中报告": lambda a, w: open_campaign(a, year=2025),
    "报送集中报告“无”": lambda a, w: file_nothing_for(a, w["campaign"], [w["person"].id], report_date=TODAY),
    "修改报告事项类别": lambda a, w: services.update(a, MatterType, w["wedding"].id, {"days_before": 5}),
    "修改设置(密级)": lambda a, w: services.set_setting(a, "classification", "内部"),
    "新建用户": lambda a, w: create_user(a, username="new", display_name="新人", role="clerk",
                                       password="new-pass-123"),
}

NOBODY = {"修改已审核的报告", "修改已归档的报告", "已审核的报告退回草稿", "草稿直接写审核意见", "待审核的报告直接写审核结果",
          "草稿直接改为已归档"}
ALLOWED = {
    "admin": set(OPERATIONS) - NOBODY,
    "clerk": {"新建人事档案", "修改人事档案", "删除人事档案", "登记报告(草稿)", "修改草稿", "提交(受理)", "修改待审核的报告",
              "归档", "删除草稿", "开启集中报告", "报送集中报告“无”"},
    "reviewer": {"审核", "抽查核实"},
    "viewer": set(),
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_every_role_and_every_write(world, role, operation):
    allowed = operation in ALLOWED[role]
    before = AuditEntry.select().count()
    if allowed:
        OPERATIONS[operation](actor(role), world)
        assert AuditEntry.select().count() > before
        return
    with pytest.raises(ArchiveError) as refused:
        OPERATIONS[operation](actor(role), world)
    assert isinstance(refused.value, (PermissionDenied, ValidationError))
    assert str(refused.value)  # a sentence the person can read
    assert AuditEntry.select().count() == before
    assert MatterReport.get_by_id(world["reviewed"].id).status == ReportStatus.REVIEWED
    assert settings.get("classification") == ""


def test_the_refusals_say_what_is_wrong(world):
    clerk = actor("clerk")
    with pytest.raises(ValidationError, match="审核意见:只能在审核时由审核员填写"):
        services.update(clerk, MatterReport, world["draft"].id, {"review_opinion": "同意"})
    with pytest.raises(PermissionDenied, match="已审核,不能再修改"):
        services.update(clerk, MatterReport, world["reviewed"].id, {"place": "别处"})
    with pytest.raises(ValidationError, match=r"只有已提交的报告可以审核\(当前状态:草稿\)"):
        review_report(actor("reviewer"), world["draft"].id, result="同意", opinion="同意")
    with pytest.raises(ValidationError, match="审核时须选择审核结果"):
        review_report(actor("reviewer"), world["submitted"].id, result="", opinion="同意")
    with pytest.raises(PermissionDenied, match="查阅.*无权"):
        save_report(actor("viewer"), report_id=world["draft"].id, data={"place": "别处"})
