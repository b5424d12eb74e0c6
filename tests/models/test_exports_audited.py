"""Every export of personal data is in the audit log (SPEC §7: view, print and export of a file):
the Excel roster, the ledger workbook and each 任免审批表 file, whoever exports them."""
from models.dossier.timeline import file_history
from models.io.cards import export_cards
from models.io.roster import export_roster
from models.io.xlsx import write_ledger
from models.matters.ledger import LedgerFilter
from models.personnel.person import Secretary
from models.writing import services
from models.writing.actor import Actor
from models.writing.audit import AuditEntry


def test_roster_ledger_and_cadre_files_exported_are_logged_by_whom(admin, unit, tmp_path, today):
    people = [services.create(admin, Secretary, {"name": name, "unit": unit.id}).record for name in ("张三", "李四")]
    viewer = Actor("reader", "查阅员", "viewer")  # may look, and so take a copy: logged by name
    first = AuditEntry.select().count()
    assert export_roster(viewer, tmp_path / "花名册.xlsx") == 2
    assert write_ledger(viewer, tmp_path / "台账.xlsx", LedgerFilter(), today=today) == 0
    written = export_cards(viewer, [p.id for p in people], tmp_path / "cards", age_at=today)
    entries = list(AuditEntry.select().where(AuditEntry.seq > first).order_by(AuditEntry.seq))
    assert [(e.action, e.actor, e.summary) for e in entries] == [
        ("export", "reader", "导出花名册:2人"), ("export", "reader", "导出报告登记台账:0份报告"),
        ("export", "reader", "导出任免审批表:张三"), ("export", "reader", "导出任免审批表:李四")]
    assert [e.record_id for e in entries[2:]] == [p.id for p in people] and len(written) == 2
    history = file_history(people[0].id)
    assert history[0].action == "导出" and history[0].summary == "导出任免审批表:张三"
