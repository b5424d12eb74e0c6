"""The township's audit history, carried by a format 2 package: the entries after the point the
township last had acknowledged, and its head. The district recomputes their hash chain and checks
that it continues the anchor it kept at its last import from that township; a township archive
whose history was rewritten after a package was sent no longer continues it, and is refused."""
from __future__ import annotations

from dataclasses import dataclass

from models.exchange.crypto import PackageRejected
from models.writing.audit import GENESIS, compute_hash


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def verify_segment(entries: list[dict], *, from_seq: int, head: Head, anchor: Head | None, township: str) -> None:
    """Refuse a segment that is not a hash chain from ``from_seq`` to ``head`` or does not pass
    through ``anchor`` (the district's last known head of this township's history)."""
    expected_seq, links = from_seq + 1, {}
    previous = None
    for entry in entries:
        if entry.get("seq") != expected_seq:
            raise PackageRejected(f"{township}交换包中的操作日志不连续(第{expected_seq}条缺失),已拒绝")
        try:
            recomputed = compute_hash(entry)
        except (KeyError, TypeError):
            raise PackageRejected(f"{township}交换包中的操作日志第{expected_seq}条已损坏,已拒绝") from None
        if recomputed != entry.get("hash") or (previous is not None and entry.get("prev_hash") != previous):
            raise PackageRejected(f"{township}交换包中的操作日志第{expected_seq}条与前后不符(日志被改动),已拒绝")
        if from_seq == 0 and expected_seq == 1 and entry.get("prev_hash") != GENESIS:
            raise PackageRejected(f"{township}交换包中的操作日志开头不符,已拒绝")
        links[entry["seq"]] = (entry["prev_hash"], entry["hash"])
        previous, expected_seq = entry["hash"], expected_seq + 1
    last = Head(expected_seq - 1, previous or "")
    if entries and last != head:
        raise PackageRejected(f"{township}交换包的操作日志与清单中的记录头不符,已拒绝")
    _continues(anchor, from_seq, head, links, township)


def _continues(anchor: Head | None, from_seq: int, head: Head, links: dict, township: str) -> None:
    if anchor is None or anchor.seq == 0:
        return  # first contact: this package's head becomes the anchor
    rewritten = (f"{township}的操作日志与区县上次导入时记录的不一致(第{anchor.seq}条已被改写),"
                 "该乡镇的档案在发出交换包后被改动过,已拒绝;请与乡镇核实")
    if anchor.seq > head.seq:
        raise PackageRejected(f"{township}的操作日志比区县上次导入时短(应至少有{anchor.seq}条),"
                              "该乡镇的档案可能被替换或改写,已拒绝;请与乡镇核实")
    if anchor.seq < from_seq:
        raise PackageRejected(f"无法核对{township}的操作日志(区县上次导入到第{anchor.seq}条,交换包从第{from_seq + 1}条起);"
                              "请乡镇导出完整交换包(不选“只导出区县确认之后的变化”)")
    if anchor.seq == from_seq:
        first = links.get(from_seq + 1)
        if (first[0] if first is not None else head.hash) != anchor.hash:
            raise PackageRejected(rewritten)
        return
    if links[anchor.seq][1] != anchor.hash:
        raise PackageRejected(rewritten)
