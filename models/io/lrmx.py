"""The cadre system's 干部任免审批表 files: .lrmx (XML, editor 3.x) and the older .lrm + .pic.

Reading gives a ``Card``: the file's values in the archive's own words (field names of
``Secretary`` and its parts, dates as typed — the write path normalises and checks them), the
lines it could not parse kept as text, and the elements it does not know kept by name. Writing
follows the element order, date shapes and text conventions of the exchange format, so the
district's system reads our files back into its tables.
"""
from __future__ import annotations

import base64
import binascii
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from models.errors import ArchiveError, ValidationError
from models.values import dates
from models.values.text import split_meanwhile

MAX_FILE = 20 * 1024 * 1024  # a card with a photo is well under 1 MB
MAX_PHOTO = 5 * 1024 * 1024
VERSION = "3.2.1.16"
MAX_FAMILY = 10

# (element, Secretary field) in the order the editor writes them; None: handled apart
ELEMENTS = (
    ("XingMing", "name"), ("XingBie", "sex"), ("ChuShengNianYue", "birth_date"), ("MinZu", "ethnicity"),
    ("JiGuan", "native_place"), ("ChuShengDi", "birthplace"), ("RuDangShiJian", "party_date"),
    ("CanJiaGongZuoShiJian", "work_date"), ("JianKangZhuangKuang", "health"), ("ZhuanYeJiShuZhiWu", "tech_title"),
    ("ShuXiZhuanYeYouHeZhuanChang", "specialty"),
    ("QuanRiZhiJiaoYu_XueLi", "ft_education"), ("QuanRiZhiJiaoYu_XueWei", "ft_degree"),
    ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "ft_school"), ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "ft_degree_school"),
    ("ZaiZhiJiaoYu_XueLi", "pt_education"), ("ZaiZhiJiaoYu_XueWei", "pt_degree"),
    ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "pt_school"), ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "pt_degree_school"),
    ("XianRenZhiWu", "current_post"), ("NiRenZhiWu", "proposed_post"), ("NiMianZhiWu", "proposed_removal"),
    ("JianLi", None), ("JiangChengQingKuang", None), ("NianDuKaoHeJieGuo", None),
    ("RenMianLiYou", "appointment_reason"),
    ("JiaTingChengYuan", None), ("ChengBaoDanWei", None), ("JiSuanNianLingShiJian", None), ("TianBiaoShiJian", None),
    ("TianBiaoRen", "filled_by"), ("ShenFenZheng", "id_number"), ("ZhaoPian", None), ("Version", None),
)
KNOWN = {element for element, _ in ELEMENTS} | {"DaoLingNianYue", "GaiGeQianRenZhiNianLingJieXian"}
FAMILY = (("ChengWei", "relation"), ("XingMing", "name"), ("ChuShengRiQi", "birth_date"),
          ("ZhengZhiMianMao", "political_status"), ("GongZuoDanWeiJiZhiWu", "employer_post"))
DECEASED = ("已故", "已去世", "去世")


@dataclass
class Card:
    """One person as a 任免审批表 file gives them."""
    source: str  # the file's name, for messages
    basic: dict[str, str] = field(default_factory=dict)  # Secretary field → text as in the file
    resume: list[tuple[str, str, str]] = field(default_factory=list)  # (start, end or "", text)
    unparsed: list[str] = field(default_factory=list)  # 简历 lines kept as text
    family: list[dict] = field(default_factory=list)
    assessments: list[tuple[int, str]] = field(default_factory=list)
    assessments_text: str = ""  # what did not have the 年度考核 shape
    rewards: list[dict] = field(default_factory=list)
    rewards_text: str = ""
    party: str = ""  # the party 入党时间 names besides (or instead of) a date: 民建, (民盟), 无党派
    photo: bytes | None = None
    extras: dict[str, str] = field(default_factory=dict)  # elements this program does not know
    filled: dict[str, str] = field(default_factory=dict)  # 呈报单位, 填表人, 计算年龄时间 …


def refuse(source: str, what: str) -> ArchiveError:
    return ArchiveError(f"任免审批表“{source}”:{what}")


# -- reading .lrmx --------------------------------------------------------------------------------

def read_lrmx(data: bytes, source: str) -> Card:
    if len(data) > MAX_FILE:
        raise refuse(source, f"文件过大({len(data) >> 20}MB),不是正常的任免审批表")
    try:
        root = ET.fromstring(_join_surrogate_references(data))
    except ET.ParseError as error:
        raise refuse(source, f"不是有效的XML文件({error})") from None
    except (ValueError, LookupError) as error:  # an encoding expat cannot read (GB2312, an unknown name)
        raise refuse(source, f"文件声明的编码无法读取({error}),请另存为UTF-8") from None
    if root.tag != "Person":
        raise refuse(source, f"根元素是“{root.tag}”,不是任免审批表的“Person”")
    values = {child.tag: (child.text or "").strip() for child in root if child.tag != "JiaTingChengYuan"}
    card = Card(source)
    for element, name in ELEMENTS:
        if name and values.get(element):
            card.basic[name] = values[element]
    card.basic["id_number"] = card.basic.get("id_number", "").upper() or ""
    if not card.basic["id_number"]:
        del card.basic["id_number"]
    _settle_name_and_party(card)
    card.resume, card.unparsed = parse_resume(values.get("JianLi", ""))
    card.assessments, card.assessments_text = parse_assessments(values.get("NianDuKaoHeJieGuo", ""))
    card.rewards, card.rewards_text = parse_rewards(values.get("JiangChengQingKuang", ""))
    family = root.find("JiaTingChengYuan")
    card.family = [_relative({c.tag: (c.text or "").strip() for c in item}) for item in
                   (family.findall("Item") if family is not None else [])]
    card.family = [relative for relative in card.family if relative["name"] or relative["relation"]]
    card.photo = _photo(values.get("ZhaoPian", ""), source)
    card.filled = {key: values.get(key, "") for key in ("ChengBaoDanWei", "JiSuanNianLingShiJian", "TianBiaoShiJian",
                                                         "TianBiaoRen", "Version")}
    card.extras = {tag: text for tag, text in values.items() if tag not in KNOWN and text}
    return card


def _join_surrogate_references(data: bytes) -> bytes:
    """𠇔 written by one writer's escaper as two UTF-16 halves (``&#55360;&#56788;``), which XML
    refuses: the two references become the one character they mean."""
    def value(text: bytes) -> int:
        return int(text[1:], 16) if text[:1] in (b"x", b"X") else int(text)

    def joined(match: re.Match) -> bytes:
        high, low = value(match.group(1)), value(match.group(2))
        return f"&#{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)};".encode()
    return _SURROGATE_PAIR.sub(joined, data)


# the decimal and hexadecimal references of UTF-16's high (D800–DBFF) and low (DC00–DFFF) halves
_HIGH = rb"(5529[6-9]|55[3-9][0-9][0-9]|56[0-2][0-9][0-9]|5630[0-9]|5631[0-9]|[xX][dD][89aAbB][0-9A-Fa-f]{2})"
_LOW = rb"(563[2-9][0-9]|56[4-9][0-9][0-9]|57[0-2][0-9][0-9]|573[0-3][0-9]|5734[0-3]|[xX][dD][c-fC-F][0-9A-Fa-f]{2})"
_SURROGATE_PAIR = re.compile(rb"&#" + _HIGH + rb";&#" + _LOW + rb";")


def _settle_name_and_party(card: Card) -> None:
    """Whitespace is never part of a Chinese name (two writers pad 王芳 as 王  芳, some with
    U+3000); 入党时间 may name a party besides or instead of a date (200108；民建, (民盟), 无党派):
    the date stays 入党时间, the party is kept apart, and the file is never refused for it."""
    if card.basic.get("name"):
        card.basic["name"] = "".join(card.basic["name"].split())
    if card.basic.get("party_date"):
        date, card.party = split_party_date(card.basic.pop("party_date"))
        if date:
            card.basic["party_date"] = date


_PARTY_DATE = re.compile(r"\d{4}(?:[.\-/年]?\d{1,2}月?)?")


def split_party_date(text: str) -> tuple[str, str]:
    """(the date, the party) of a 入党时间 as the editor writes it."""
    match = _PARTY_DATE.search(text)
    rest = f"{text[:match.start()]} {text[match.end():]}" if match else text
    party = "；".join(part for part in re.split(r"[；;，,、()（）\s]+", rest) if part)
    return (match.group(0) if match else ""), party


def _relative(values: dict[str, str]) -> dict:
    relative = {name: values.get(element, "") for element, name in FAMILY}
    relative["name"] = "".join(relative["name"].split())
    post = relative["employer_post"]
    relative["deceased"] = any(word in post for word in DECEASED)
    return relative


def _photo(text: str, source: str) -> bytes | None:
    if not text:
        return None
    try:
        photo = base64.b64decode(re.sub(r"\s", "", text.split(",", 1)[-1] if text.startswith("data:") else text),
                                 validate=True)
    except (binascii.Error, ValueError):
        raise refuse(source, "照片(ZhaoPian)不是有效的base64编码") from None
    if len(photo) > MAX_PHOTO:
        raise refuse(source, f"照片过大({len(photo) >> 20}MB)")
    return photo or None


# -- the text fields --------------------------------------------------------------------------------

_DATE = r"(\d{4})[.\-/年]?(\d{1,2})?月?(?:[.\-/]?\d{1,2}日?)?"
_RESUME = re.compile(rf"^\s*{_DATE}\s*(?:--|—+|–+|-|~|～|至)\s*(?:{_DATE}|至今|今)?\s*(.*)$")  # 至今: open


def parse_resume(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """``yyyy.MM--yyyy.MM  单位及职务`` lines (tolerant separators, a day ignored); a line not
    starting with a digit continues the one before; a line that starts with a digit but has no
    period is kept as text in its place (start ""), and listed."""
    entries: list[tuple[str, str, str]] = []
    unparsed: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = _RESUME.match(line)
        if match:
            start = _month(match.group(1), match.group(2))
            end = _month(match.group(3), match.group(4)) if match.group(3) else ""
            entries.append((start, end, match.group(5).strip()))
        elif entries and entries[-1][0] and not line[0].isdigit():
            start, end, body = entries[-1]
            entries[-1] = (start, end, f"{body}{line}")
        else:
            entries.append(("", "", line))
            unparsed.append(line)
    return entries, unparsed


def _month(year: str, month: str | None) -> str:
    return f"{year}.{int(month):02d}" if month else year


def format_resume(entries: list[tuple[str, str, str]]) -> str:
    """The editor's shape: ``yyyy.MM--yyyy.MM  text``, the current post ``yyyy.MM--`` + spaces."""
    lines = []
    for start, end, text in entries:
        if not start:  # a line kept as text when it was read
            lines.append(text)
            continue
        period = f"{start}--{end}" if end else f"{start}--       "
        host, meanwhile = split_meanwhile(text)
        lines.append(f"{period}  {host}")
        for part in filter(None, meanwhile.split("\n")):  # on its own line under the text, as the editor
            lines.append(" " * (len(period) + 2) + part)  # prints it (read back into the host)
    return "\n".join(lines)


# the grades of both scales (称职… and the newer 合格…), longest first so 基本称职 is not read as 称职
GRADES = ("基本称职", "不称职", "称职", "优秀", "基本合格", "不合格", "合格", "良好", "不确定等次", "不定等次")
_ASSESSMENT = re.compile(r"(\d{4}(?:\s*[、，,和及]\s*\d{4})*)\s*年?\s*(?:年度|度)?\s*(?:考核|考评)?\s*"
                         r"(?:结果|等次)?\s*(?:均为|均|为|是|被评为|评为|定为|：|:)?\s*(" + "|".join(GRADES) + ")")


def parse_assessments(text: str) -> tuple[list[tuple[int, str]], str]:
    """Each year's grade however a writer put it — ``2023年度考核为优秀；2024年度考核为称职``,
    ``2022年度考核称职、2023年度考核优秀``, ``2020年年度考核合格``, ``2022年：称职``,
    ``2022、2023、2024年度考核均为称职`` —; what is left that says something is kept as text."""
    rows, rest, taken = [], [], 0
    for match in _ASSESSMENT.finditer(text):
        rest.append(text[taken:match.start()])
        taken = match.end()
        rows += [(int(year), match.group(2)) for year in re.findall(r"\d{4}", match.group(1))]
    rest.append(text[taken:])
    left = [part.strip() for part in re.split(r"[；;。，,、\n]", "".join(rest))]
    return rows, "；".join(part for part in left if part and part != "无")


def format_assessments(rows: list[tuple[int, str]]) -> str:
    return "；".join(f"{year}年度考核为{result}" for year, result in rows)


def parse_rewards(text: str) -> tuple[list[dict], str]:
    """Each item — the editor's ``时间,批准机关,名称`` or the prose real files write
    (``2019年6月，被中共××市委授予优秀共产党员``, ``…经××局批准，授予…``, ``2016.06  被××评为…``,
    ``…因违反工作纪律，给予党内警告处分``) — as a row; an item without a time that is a date, or
    without what was given, is kept as text, in its order. Items end at ``；``, a line break, a
    ``。`` or a comma before the next year."""
    rows, rest = [], []
    for item in _REWARD_ITEMS.split(text):
        item = item.strip().rstrip("。．.，,、 \u3000")
        if not item or item == "无":
            continue
        row = (_prose_reward(item) if len(item) <= PROSE_MOST else None) or _listed_reward(item)
        if row:
            rows.append(row)
        else:
            rest.append(item)
    return rows, "；".join(rest)


_REWARD_ITEMS = re.compile(r"[；;\n]|。(?=.)|[，,](?=\s*\d{4}\s*(?:年(?!度)|[.．\-/]\d))")
PROSE_MOST = 200  # a longer item is no award sentence: kept as text (and never searched at length)
_REWARD_DATE = re.compile(r"^(\d{4}\s*(?:年(?!度)\s*(?:\d{1,2}\s*月)?|[.．\-/]\s*\d{1,2}(?:[.．\-/]\s*\d{1,2})?(?!\d))?)"
                          r"(?![年度月份\d.．])[\s，,、:：]*(\S.*)$")
_AWARDED = "授予|评为|评选为|表彰为|命名为|荣获|获得|获(?!得)|记(?=[一二三个大功])"
_PUNISHED = "诫勉|通报批评|党内|政务|行政|警告|严重警告|记过|记大过|降级|撤职|留党察看|开除"
_BODY = r"[^，,被\d年]"  # a 批准机关: no clause, no second 被, no time of its own
_PROSE_REWARDS = (  # (the body's shape) → its 批准机关 and what was given; a reason 因… stays in the text
    re.compile(rf"^经(?P<authority>{_BODY}+?)批准[，,\s]*(?:被)?(?:{_AWARDED}|给予)?(?P<text>.+)$"),
    re.compile(rf"^(?:因(?P<reason>.+?)[，,]?\s*)?(?:被(?P<authority>{_BODY}+?))?给予(?P<text>.+)$"),
    re.compile(rf"^(?:因(?P<reason>.+?)[，,]?\s*)?(?:受到|被)(?P<authority>{_BODY}*?)(?P<text>(?:{_PUNISHED}|表彰|嘉奖).*)$"),
    re.compile(rf"^被?(?P<authority>{_BODY}*?)(?:{_AWARDED})(?P<text>.+)$"))
PUNISHMENTS = ("处分", "警告", "记过", "撤职", "开除", "诫勉", "降级", "留党察看", "通报批评")


def _prose_reward(item: str) -> dict | None:
    dated = _REWARD_DATE.match(item)
    if not dated or not dated.group(1).strip() or not partial_date(dated.group(1)):
        return None
    body = dated.group(2)
    for shape in _PROSE_REWARDS:
        said = shape.match(body)
        if said:
            authority = (said.group("authority") or "").strip()
            if said.groupdict().get("reason") and said.group("authority"):  # the reason is part of it;
                start, end = said.span("authority")  # only the 被/受到 that names the 批准机关 goes
                text = body[:start - (2 if body[start - 2:start] == "受到" else 1)] + body[end:]
            elif said.groupdict().get("reason"):
                text = body
            else:
                text = said.group("text").strip()
            return _reward_row(dated.group(1), authority, text)
    return None


def partial_date(written: str) -> str:
    """``written`` as the archive keeps a partial date (``2019.06``), "" when it is none."""
    try:
        return dates.parse_partial(written, field="date", label="日期") or ""
    except ValidationError:
        return ""


def _listed_reward(item: str) -> dict | None:
    parts = [p.strip() for p in re.split(r"[,，]", item, maxsplit=2)]
    if len(parts) == 3 and re.match(r"^\d{4}", parts[0]) and partial_date(parts[0]):
        return _reward_row(*parts)
    return None


def _reward_row(date: str, authority: str, text: str) -> dict:
    kind = "惩处" if any(word in text for word in PUNISHMENTS) else "奖励"
    return {"date": "".join(date.split()), "authority": authority.strip(), "text": text, "kind": kind}


def format_rewards(rows: list[dict]) -> str:
    return "；".join(f"{r['date']},{r['authority'] or ''},{r['text']}" for r in rows) or "无"


# -- .lrm + .pic ------------------------------------------------------------------------------------

LRM_BASIC = {0: "name", 1: "sex", 2: "birth_date", 3: "ethnicity", 4: "native_place", 5: "party_date", 6: "health",
             7: "birthplace", 8: "work_date", 11: "tech_title", 16: "specialty", 25: "current_post",
             26: "proposed_post", 27: "proposed_removal", 28: "appointment_reason", 31: "filled_by"}


def read_lrm(data: bytes, source: str, picture: bytes | None = None) -> Card:
    if len(data) > MAX_FILE:
        raise refuse(source, "文件过大,不是正常的任免审批表")
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        raise refuse(source, "不是GBK编码的.lrm文件") from None
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')) or '","' not in text:
        raise refuse(source, "不是.lrm格式(应为用“\",\"”分隔的一行文字)")
    fields = text[1:-1].split('","')
    if len(fields) < 29:
        raise refuse(source, f"只有{len(fields)}个字段,.lrm应有33个")
    fields += [""] * (33 - len(fields))
    card = Card(source)
    card.basic = {name: fields[index].strip() for index, name in LRM_BASIC.items() if fields[index].strip()}
    (card.basic["ft_education"], card.basic["ft_degree"]), (card.basic["pt_education"], card.basic["pt_degree"]) = (
        _pair(fields[9]))
    (card.basic["ft_school"], card.basic["ft_degree_school"]), (card.basic["pt_school"], card.basic["pt_degree_school"]) = (
        _pair(fields[10]))
    card.basic = {k: v for k, v in card.basic.items() if v}
    _settle_name_and_party(card)
    card.resume, card.unparsed = parse_resume(fields[17].replace("\\n", "\n"))
    card.rewards, card.rewards_text = parse_rewards(fields[18])
    card.assessments, card.assessments_text = parse_assessments(fields[19])
    columns = [fields[i].split("@") for i in range(20, 25)]
    for row in range(max(len(c) for c in columns)):
        values = {name: (columns[i][row].strip() if row < len(columns[i]) else "")
                  for i, (_, name) in enumerate(FAMILY)}
        if values["name"] or values["relation"]:
            card.family.append(_relative({element: values[name] for element, name in FAMILY}))
    card.filled = {"ChengBaoDanWei": fields[29], "JiSuanNianLingShiJian": fields[30], "TianBiaoRen": fields[31],
                   "TianBiaoShiJian": fields[32]}
    if picture:
        if len(picture) > MAX_PHOTO:
            raise refuse(source, "照片(.pic)过大")
        card.photo = picture
    return card


def _pair(text: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """``全日制#学位@在职#学位`` → ((全日制, 学位), (在职, 学位))."""
    halves = (text.split("@", 1) + [""])[:2]
    return tuple(tuple((half.split("#", 1) + [""])[:2]) for half in halves)  # type: ignore[return-value]


def photo_jpeg(photo: bytes) -> bytes:
    """The photo as the editor expects it: a JPEG about 376×460, well under 1 MB."""
    from PIL import Image

    with Image.open(io.BytesIO(photo)) as image:
        image = image.convert("RGB")
        image.thumbnail((376, 460))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()
