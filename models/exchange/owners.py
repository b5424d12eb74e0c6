"""Which township owns a record: a township its own record, a village its township, a secretary's
file and every part of it (reports, verifications, attachments included) the township of the
file's village. A package may carry only records its sender's township owns, both as they arrive
and as the district holds them now (so it can neither take another township's file nor give one
away) — and a record may point only at records of its own township: an attachment or a
verification hangs on a report or a material of the same township, a 事后 report on a 事前 report
of it (ownership follows the chain, not the ``secretary`` field alone)."""
from __future__ import annotations

from collections import Counter

from models.matters.tables import MatterReport
from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.person import Secretary

CHUNK = 500
# field → the table of the record it points at, owned through that record's file
REFERENCES = {"report": "matter_report", "prior_report": "matter_report", "material": "material"}
PART_TABLES = {"matter_report": MatterReport, "material": Material}


def _by_chunks(ids: set[str]):
    listed = sorted(ids)
    for start in range(0, len(listed), CHUNK):
        yield listed[start:start + CHUNK]


class Owners:
    """Township names of townships, villages and files, from the package first, then the district."""

    def __init__(self, records: dict[str, list[dict]], held_files: set[str] = frozenset()):
        self.township = {r["id"]: r["name"] for r in records.get("township", [])}
        self.unit = {r["id"]: r["township"] for r in records.get("unit", [])}  # unit → township id
        self.secretary = {r["id"]: r["unit"] for r in records.get("secretary", [])}  # file → unit id
        # a report or material → its file, as the package says, then as the district holds it
        self.part = {r["id"]: r.get("secretary") for table in PART_TABLES for r in records.get(table, [])}
        self.district_part = self._district_parts(records)
        self._load_district(records, held_files | set(self.district_part.values()))

    def _district_parts(self, records: dict[str, list[dict]]) -> dict[str, str]:
        """The district's reports and materials the package's records point at (whatever the
        package says of them): their files."""
        pointed: dict[str, set[str]] = {table: set() for table in PART_TABLES}
        for rows in records.values():
            for row in rows:
                for name, table in REFERENCES.items():
                    if row.get(name):
                        pointed[table].add(row[name])
        found = {}
        for table, ids in pointed.items():
            model = PART_TABLES[table]
            for chunk in _by_chunks(ids):
                found.update(model.select(model.id, model.secretary).where(model.id.in_(chunk)).tuples())
        return found

    def referenced(self, values: dict) -> set:
        """The townships of the reports and materials a record points at (None: pointing at
        nothing the package or the district has)."""
        owners = set()
        for name in REFERENCES:
            target = values.get(name)
            if target:
                owners.add(self._file_owner(self.part.get(target), incoming=True) if target in self.part
                           else self._file_owner(self.district_part.get(target), incoming=False))
        return owners

    def _load_district(self, records: dict[str, list[dict]], held_files: set[str]) -> None:
        """The district's rows for every id the package mentions and does not carry itself, and for
        the files the district's copies of the package's parts belong to (``held_files``)."""
        wanted_files = {r.get("secretary") for rows in records.values() for r in rows if r.get("secretary")}
        wanted_files |= {r["id"] for r in records.get("secretary", [])} | set(held_files)
        self.district_secretary: dict[str, str] = {}
        for chunk in _by_chunks({i for i in wanted_files if i}):
            for record_id, unit_id in Secretary.select(Secretary.id, Secretary.unit).where(
                    Secretary.id.in_(chunk)).tuples():
                self.district_secretary[record_id] = unit_id
        wanted_units = set(self.secretary.values()) | set(self.district_secretary.values()) | set(self.unit)
        self.district_unit: dict[str, str] = {}
        for chunk in _by_chunks(wanted_units):
            for record_id, township_id in Unit.select(Unit.id, Unit.township).where(Unit.id.in_(chunk)).tuples():
                self.district_unit[record_id] = township_id
        wanted_townships = set(self.unit.values()) | set(self.district_unit.values()) | set(self.township)
        self.district_township: dict[str, str] = {}
        for chunk in _by_chunks(wanted_townships):
            for record_id, name in Township.select(Township.id, Township.name).where(
                    Township.id.in_(chunk)).tuples():
                self.district_township[record_id] = name

    # -- as the package says --------------------------------------------------------------------
    def incoming(self, table: str, values: dict) -> str | None:
        if table == "township":
            return values.get("name")
        if table == "unit":
            return self._township_name(values.get("township"), self.township, self.district_township)
        if table == "secretary":
            return self._unit_owner(values.get("unit"), incoming=True)
        return self._file_owner(values.get("secretary"), incoming=True)

    # -- as the district holds it now -------------------------------------------------------------
    def current(self, table: str, record_id: str) -> str | None:
        if table == "township":
            return self.district_township.get(record_id)
        if table == "unit":
            return self.district_township.get(self.district_unit.get(record_id, ""))
        if table == "secretary":
            return self._unit_owner(self.district_secretary.get(record_id), incoming=False)
        raise ValueError(table)  # parts: see ``current_of_part``

    def current_of_part(self, secretary_id: str | None) -> str | None:
        return self._file_owner(secretary_id, incoming=False)

    # -- helpers --------------------------------------------------------------------------------
    @staticmethod
    def _township_name(township_id, first: dict, second: dict) -> str | None:
        return first.get(township_id) or second.get(township_id)

    def _unit_owner(self, unit_id, *, incoming: bool) -> str | None:
        township_id = (self.unit.get(unit_id) if incoming else None) or self.district_unit.get(unit_id)
        if incoming:
            return self._township_name(township_id, self.township, self.district_township)
        return self.district_township.get(township_id)

    def _file_owner(self, secretary_id, *, incoming: bool) -> str | None:
        unit_id = (self.secretary.get(secretary_id) if incoming else None) or self.district_secretary.get(secretary_id)
        return self._unit_owner(unit_id, incoming=incoming)


def foreign_records(records: dict[str, list[dict]], local_ids: dict[str, dict[str, dict]],
                    township: str) -> Counter:
    """How many records of each other township the package carries or would change (by name;
    "" for a record that belongs to no township at all)."""
    held_files = {row.get("secretary") for rows in local_ids.values() for row in rows.values() if row.get("secretary")}
    owners = Owners(records, held_files)
    foreign: Counter = Counter()
    for table, rows in records.items():
        if table in ("matter_type", "campaign"):
            continue  # the district's own lists, matched by code and year: nobody's record
        for values in rows:
            claimed = owners.incoming(table, values)
            local = local_ids.get(table, {}).get(values["id"])
            held = None
            if local is not None:
                held = owners.current(table, values["id"]) if table in ("township", "unit", "secretary") \
                    else owners.current_of_part(local.get("secretary"))
            for owner in {claimed} | ({held} if local is not None else set()) | owners.referenced(values):
                if owner != township:
                    foreign[owner or ""] += 1
    return foreign
