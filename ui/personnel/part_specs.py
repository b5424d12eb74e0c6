"""What each part of a file shows in its table: the columns, their kind and their choices."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from models.codes.lists import code_names
from models.codes.tables import MaterialCategory
from models.personnel.catalogue import Material
from models.personnel.person import Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment, Training
from models.personnel import registers
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer

# kinds: text, pdate (partial date), date (full date), bool, int, decimal, choice, computed


@dataclass
class Column:
    field: str
    kind: str = "text"
    width: int = 110
    choices: Callable[[], list[tuple[str, str]]] | None = None  # (stored value, shown text) offered
    labels: Callable[[], list[tuple[str, str]]] | None = None  # shown for every value (default: choices)
    editable_choices: bool = False  # a choice list the clerk may type outside of
    compute: Callable[[dict], tuple[str, str | None]] | None = None  # computed: (text, colour)
    header: str | None = None


@dataclass
class PartSpec:
    tab: str
    model: type
    columns: list[Column] = field(default_factory=list)
    hint: str = ""


def vocabulary(list_name: str):
    return lambda: [(name, name) for name in code_names(list_name)]


def fixed(*values: str):
    return lambda: [(value, value) for value in values]


def categories() -> list[tuple[str, str]]:
    query = MaterialCategory.live().order_by(MaterialCategory.sort_order)
    return [(c.code, c.name if c.parent is None else f"{c.code} {c.name}") for c in query]


def filing_categories() -> list[tuple[str, str]]:
    """The categories a material is filed under: a class with sub-classes (四, 九) only through them."""
    divided = {c.parent for c in MaterialCategory.live().where(MaterialCategory.parent.is_null(False))}
    return [(code, name) for code, name in categories() if code not in divided]


def loan_status(values: dict) -> tuple[str, str | None]:
    try:
        due = dt.date.fromisoformat(values.get("due_date") or "")
    except ValueError:
        due = None  # still being typed
    status = registers.loan_status(due, values.get("returned_date") or None)
    return status, "#b3261e" if status == "逾期未还" else None


def matter_type_spec() -> PartSpec:
    from models.matters.blocks import BLOCK_NAMES
    from models.matters.tables import MatterType, Timing

    blocks = lambda: [("", "无")] + list(BLOCK_NAMES.items())  # noqa: E731
    return PartSpec("报告事项类别", MatterType, [
        Column("code", width=60), Column("name", width=360), Column("timing", "choice", 100, fixed(*Timing)),
        Column("days_before", "int", 100), Column("days_after", "int", 100),
        Column("extra_block", "choice", 120, blocks), Column("active", "bool", 50), Column("basis", width=240)],
        "事前报告至少提前N天，事后报告在N天内；各县规定不同，请按本地规定修改")


def part_specs() -> list[PartSpec]:
    return [
        PartSpec("简历", ResumeEntry, [Column("start", "pdate", 90), Column("end", "pdate", 90, header="截止时间（空为至今）"),
                                     Column("text", width=420)], "日期按“1986.09”填写，截止时间留空表示至今"),
        PartSpec("家庭成员", FamilyMember, [
            Column("relation", "choice", 80, vocabulary("称谓"), editable_choices=True), Column("name", width=90),
            Column("birth_date", "pdate", 90), Column("political_status", "choice", 110, vocabulary("政治面貌")),
            Column("employer_post", width=260), Column("deceased", "bool", 60)]),
        PartSpec("奖惩", RewardPunishment, [Column("date", "pdate", 90), Column("kind", "choice", 90,
                                                                                 fixed(*RewardPunishment.KINDS)),
                                          Column("text", width=320), Column("authority", width=160)]),
        PartSpec("年度考核", Assessment, [Column("year", "int", 90), Column("result", "choice", 110,
                                                                          vocabulary("年度考核结果"))]),
        PartSpec("培训", Training, [Column("start", "pdate", 100), Column("end", "pdate", 100),
                                  Column("name", width=260), Column("organiser", width=180),
                                  Column("hours", "decimal", 60), Column("days", "decimal", 60)]),
        PartSpec("任职/换届", Appointment, [Column("post", width=240), Column("start", "pdate", 90),
                                         Column("end", "pdate", 90), Column("term", width=90),
                                         Column("method", "choice", 100, vocabulary("任职方式"), editable_choices=True),
                                         Column("document", width=150), Column("concurrent_head", "bool", 60)]),
        PartSpec("档案材料目录", Material, [Column("category", "choice", 200, filing_categories, labels=categories),
                                        Column("title", width=260),
                                        Column("date", "pdate", 90), Column("copies", "int", 50),
                                        Column("pages", "int", 50), Column("remarks", width=150)],
                 "同一类内按顺序排列；选中一行后可添加或查看扫描件"),
        PartSpec("查阅登记", AccessLog, [Column("date", "date", 100), Column("reader", width=80),
                                     Column("reader_unit", width=150), Column("reader_post", width=90),
                                     Column("reader_political", "choice", 100, vocabulary("政治面貌")),
                                     Column("reader_phone", width=110),
                                     Column("purpose", width=160), Column("content", width=120),
                                     Column("unit_opinion", width=120), Column("approver", width=80),
                                     Column("leader_opinion", width=120), Column("instructed_on", "date", 100),
                                     Column("copies_made", "int", 70), Column("handler", width=80)]),
        PartSpec("借阅登记", Loan, [Column("lent_date", "date", 100), Column("borrower", width=80),
                                 Column("borrower_unit", width=150), Column("purpose", width=120),
                                 Column("approver", width=80), Column("due_date", "date", 100),
                                 Column("returned_date", "date", 100), Column("handler", width=80),
                                 Column("status", "computed", 80, compute=loan_status, header="状态")]),
        PartSpec("转递", Transfer, [Column("direction", "choice", 60, fixed(*Transfer.DIRECTIONS)),
                                  Column("date", "date", 100), Column("counterpart", width=160),
                                  Column("reason", width=100), Column("originals", "int", 60),
                                  Column("duplicates", "int", 60), Column("materials", "int", 80),
                                  Column("doc_word", width=80), Column("doc_number", width=60),
                                  Column("receipt_date", "date", 100)]),
    ]
