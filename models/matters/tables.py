"""Personal major matters: types, 一事一报 reports, the annual 集中报告 campaign, verifications."""
from __future__ import annotations

from enum import StrEnum

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField

from models.personnel.person import Secretary
from models.storage.record import FullDateField, MemoField, Record


class ReportKind(StrEnum):
    ORDINARY = "平时报告"  # 一事一报: one report per matter, when it happens
    CENTRALISED = "集中报告"  # the annual round, "无" a valid answer


class Timing(StrEnum):
    BEFORE = "事前"
    AFTER = "事后"
    BOTH = "事前+事后"  # of a matter type only: such a matter is reported before and after


class ReportStatus(StrEnum):
    DRAFT = "草稿"
    SUBMITTED = "已提交"  # handed in (受理), awaiting review
    REVIEWED = "已审核"
    ARCHIVED = "已归档"


REVIEWED_STATUSES = (ReportStatus.REVIEWED, ReportStatus.ARCHIVED)  # the due date and content are fixed
EXTRA_BLOCKS = ("", "banquet", "funeral", "travel", "business", "housing")


class MatterType(Record):
    code = CharField(max_length=4, verbose_name="类别代码")
    name = CharField(max_length=80, verbose_name="事项名称")
    timing = CharField(max_length=5, verbose_name="报告时限类型")
    days_before = IntegerField(null=True, verbose_name="事前提前天数")
    days_after = IntegerField(null=True, verbose_name="事后报告天数")
    extra_block = CharField(max_length=10, default="", verbose_name="专项信息")
    basis = CharField(max_length=120, null=True, verbose_name="依据")
    active = BooleanField(default=True, verbose_name="启用")
    sort_order = IntegerField(default=0, verbose_name="排序")

    label = "报告事项类别"
    permission = "admin"

    def describe(self) -> str:
        return self.name


class Campaign(Record):
    """集中报告: one round a year; every serving secretary owes one report."""

    year = IntegerField(verbose_name="报告年度")
    opened_on = FullDateField(verbose_name="开始日期")
    due_date = FullDateField(verbose_name="截止日期")
    note = MemoField(null=True, verbose_name="说明")

    label = "集中报告"
    permission = "reports"

    def describe(self) -> str:
        return f"{self.year}年度集中报告"


class MatterReport(Record):
    secretary = ForeignKeyField(Secretary, backref="reports", on_delete="RESTRICT", verbose_name="报告人")
    kind = CharField(max_length=4, default=ReportKind.ORDINARY, verbose_name="报告类别")
    matter_type = ForeignKeyField(MatterType, null=True, on_delete="RESTRICT", verbose_name="事项类别")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="RESTRICT", verbose_name="集中报告年度")
    timing = CharField(max_length=2, null=True, verbose_name="事前/事后")
    matter_date = FullDateField(null=True, verbose_name="事项时间")
    place = CharField(max_length=120, null=True, verbose_name="地点")
    persons = CharField(max_length=120, null=True, verbose_name="涉及人员")
    relation = CharField(max_length=30, null=True, verbose_name="与本人关系")
    content = MemoField(null=True, verbose_name="事项内容")
    details = MemoField(null=True, verbose_name="专项信息")  # JSON: the type's block or the 集中报告 answers
    report_date = FullDateField(null=True, index=True, verbose_name="报告时间")
    received_by = CharField(max_length=30, null=True, verbose_name="受理人")
    received_on = FullDateField(null=True, verbose_name="受理时间")
    review_opinion = MemoField(null=True, verbose_name="审核意见")
    reviewer = CharField(max_length=30, null=True, verbose_name="审核人")
    reviewed_on = FullDateField(null=True, verbose_name="审核时间")
    review_result = CharField(max_length=8, null=True, verbose_name="审核结果")
    status = CharField(max_length=4, default=ReportStatus.DRAFT, index=True, verbose_name="状态")
    prior_report = ForeignKeyField("self", null=True, on_delete="RESTRICT", verbose_name="对应的事前报告")
    late_reason = MemoField(null=True, verbose_name="逾期说明")
    # computed by the rules from the type's or campaign's deadline (schema version 3)
    due_date = FullDateField(null=True, index=True, verbose_name="报告截止日期")

    label = "重大事项报告"
    permission = "reports"
    derived = ("due_date",)

    def describe(self) -> str:
        if self.kind == ReportKind.CENTRALISED:
            return ReportKind.CENTRALISED.value
        return f"{self.timing or ''}报告"


class Verification(Record):
    """抽查核实 of what a secretary reported."""

    secretary = ForeignKeyField(Secretary, on_delete="RESTRICT", verbose_name="被核实人")
    report = ForeignKeyField(MatterReport, null=True, on_delete="RESTRICT", verbose_name="所核实的报告")
    year = IntegerField(null=True, verbose_name="核实年度")
    date = FullDateField(verbose_name="核实日期")
    result = CharField(max_length=8, verbose_name="核实结果")  # 如实报告 / 漏报 / 瞒报
    disposition = CharField(max_length=60, null=True, verbose_name="处理方式")
    verifier = CharField(max_length=30, null=True, verbose_name="核实人")
    note = MemoField(null=True, verbose_name="说明")

    label = "抽查核实"
    permission = "review"
