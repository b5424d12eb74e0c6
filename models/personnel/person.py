"""The personnel file (人事档案) of a secretary and its sub-records.

``help_text`` keeps the national field code of the 干部任免审批表 data set (A01xx) so exchange
with cadre systems can map fields by code.
"""
from __future__ import annotations

from enum import StrEnum

from peewee import BooleanField, CharField, DecimalField, ForeignKeyField, IntegerField

from models.org.tables import Unit
from models.storage.record import IdNumberField, MemoField, NameField, PartialDateField, PhoneField, Record


class SecretaryStatus(StrEnum):
    SERVING = "在任"
    LEFT = "离任"
    TRANSFERRED_OUT = "调出"  # the file went to another township through a 转递
    DECEASED = "去世"



class Secretary(Record):
    name = NameField(max_length=30, verbose_name="姓名", help_text="A0101")
    former_name = NameField(max_length=30, null=True, verbose_name="曾用名")
    sex = CharField(max_length=1, null=True, verbose_name="性别", help_text="A0104")  # GB/T 2261.1
    birth_date = PartialDateField(verbose_name="出生年月", help_text="A0107")
    ethnicity = CharField(max_length=2, null=True, verbose_name="民族", help_text="A0117")  # GB 3304
    native_place = CharField(max_length=40, null=True, verbose_name="籍贯", help_text="A0111")
    birthplace = CharField(max_length=40, null=True, verbose_name="出生地", help_text="A0114")
    party_date = PartialDateField(verbose_name="入党时间", help_text="A0140")
    work_date = PartialDateField(verbose_name="参加工作时间", help_text="A0134")
    health = CharField(max_length=20, null=True, verbose_name="健康状况", help_text="A0128")
    tech_title = CharField(max_length=40, null=True, verbose_name="专业技术职务", help_text="A0196")
    specialty = CharField(max_length=60, null=True, verbose_name="熟悉专业有何专长", help_text="A0187A")
    ft_education = CharField(max_length=20, null=True, verbose_name="全日制教育学历")
    ft_degree = CharField(max_length=20, null=True, verbose_name="全日制教育学位")
    ft_school = CharField(max_length=80, null=True, verbose_name="全日制教育毕业院校系及专业")
    ft_degree_school = CharField(max_length=80, null=True, verbose_name="全日制教育学位院校系及专业")  # (v15)
    pt_education = CharField(max_length=20, null=True, verbose_name="在职教育学历")
    pt_degree = CharField(max_length=20, null=True, verbose_name="在职教育学位")
    pt_school = CharField(max_length=80, null=True, verbose_name="在职教育毕业院校系及专业")
    pt_degree_school = CharField(max_length=80, null=True, verbose_name="在职教育学位院校系及专业")  # (v15)
    id_number = IdNumberField(max_length=18, null=True, index=True, verbose_name="身份证号", help_text="A0184")
    current_post = CharField(max_length=80, null=True, verbose_name="现任职务", help_text="A0192A")
    post_since = PartialDateField(verbose_name="任现职时间")
    first_secretary_date = PartialDateField(verbose_name="首次任书记时间")
    concurrent_head = BooleanField(default=False, verbose_name="是否一肩挑")
    unit = ForeignKeyField(Unit, backref="secretaries", on_delete="RESTRICT", verbose_name="所在村(社区)")
    phone = PhoneField(max_length=60, null=True, verbose_name="联系电话")
    address = CharField(max_length=120, null=True, verbose_name="家庭住址")
    marital_status = CharField(max_length=8, null=True, verbose_name="婚姻状况")
    status = CharField(max_length=4, default=SecretaryStatus.SERVING, index=True, verbose_name="状态")
    status_date = PartialDateField(verbose_name="状态变更时间")
    remarks = MemoField(null=True, verbose_name="备注")
    # the bands of the 干部任免审批表 an appointment fills (schema version 7); empty otherwise
    proposed_post = CharField(max_length=80, null=True, verbose_name="拟任职务")
    proposed_removal = CharField(max_length=80, null=True, verbose_name="拟免职务")
    appointment_reason = MemoField(null=True, verbose_name="任免理由")
    filled_by = CharField(max_length=60, null=True, verbose_name="填表人")  # (v15) of the 任免审批表
    # search keys kept by the service layer (schema version 2)
    name_initials = CharField(max_length=60, default="", index=True, verbose_name="姓名拼音首字母")
    name_pinyin = CharField(max_length=200, default="", verbose_name="姓名拼音")

    label = "人事档案"
    derived = ("name_initials", "name_pinyin")

    def describe(self) -> str:
        return self.name


class SubRecord(Record):
    """A row of one part of a secretary's file."""

    secretary = ForeignKeyField(Secretary, on_delete="RESTRICT", verbose_name="所属档案")
    sort_order = IntegerField(default=0, verbose_name="排序")


class ResumeEntry(SubRecord):
    start = PartialDateField(verbose_name="起始时间")
    end = PartialDateField(verbose_name="截止时间")  # empty = 至今
    text = CharField(max_length=200, verbose_name="单位及职务")

    label = "简历"


class FamilyMember(SubRecord):
    relation = CharField(max_length=10, verbose_name="称谓")
    name = NameField(max_length=30, verbose_name="姓名")
    birth_date = PartialDateField(verbose_name="出生年月")
    political_status = CharField(max_length=12, null=True, verbose_name="政治面貌")
    employer_post = CharField(max_length=100, null=True, verbose_name="工作单位及职务")
    deceased = BooleanField(default=False, verbose_name="已故")

    label = "家庭成员"


class RewardPunishment(SubRecord):
    date = PartialDateField(verbose_name="时间")
    kind = CharField(max_length=8, verbose_name="类别")  # 奖励 / 惩处 / 组织处理
    text = MemoField(verbose_name="奖惩内容")
    authority = CharField(max_length=60, null=True, verbose_name="批准机关")

    label = "奖惩"
    KINDS = ("奖励", "惩处", "组织处理")


class Assessment(SubRecord):
    year = IntegerField(verbose_name="考核年度")
    result = CharField(max_length=8, verbose_name="考核结果")

    label = "年度考核"


class Training(SubRecord):
    start = PartialDateField(verbose_name="开始时间")
    end = PartialDateField(verbose_name="结束时间")
    name = CharField(max_length=100, verbose_name="培训名称")
    organiser = CharField(max_length=60, null=True, verbose_name="主办单位")
    hours = DecimalField(max_digits=6, decimal_places=1, null=True, verbose_name="学时")
    days = DecimalField(max_digits=5, decimal_places=1, null=True, verbose_name="天数")

    label = "培训"


class Appointment(SubRecord):
    post = CharField(max_length=80, verbose_name="职务")
    start = PartialDateField(verbose_name="任职时间")
    end = PartialDateField(verbose_name="免职时间")
    term = CharField(max_length=20, null=True, verbose_name="届次")
    method = CharField(max_length=12, null=True, verbose_name="任职方式")
    document = CharField(max_length=60, null=True, verbose_name="文号")
    concurrent_head = BooleanField(default=False, verbose_name="一肩挑")

    label = "任职记录"


PERSON_PARTS = (ResumeEntry, FamilyMember, RewardPunishment, Assessment, Training, Appointment)
