"""The exchange page: a township exports to a folder, the district previews and imports it."""
import threading

import pytest
from PySide6.QtCore import Qt

from models.demo.builder import build_demo
from models.exchange.keys import export_public_key
from models.exchange.tables import ExchangePackage
from models.personnel.person import Secretary
from models.storage import settings
from models.archive.lifecycle import close_archive, create_archive, open_archive
from models.writing import services
from models.writing.actor import SYSTEM
from ui.exchange import page as page_module
from ui.exchange.page import ExchangePage


@pytest.fixture
def district_and_township(gui, tmp_path):
    create_archive(tmp_path / "district.sqlite", mode="district")
    export_public_key(SYSTEM, tmp_path / "district.key")
    close_archive()
    create_archive(tmp_path / "town.sqlite", township_name="青石镇")
    build_demo(SYSTEM, secretaries=6, seed=42)
    yield tmp_path
    close_archive()


def test_export_then_import_with_preview_and_receipt(district_and_township, qtbot, monkeypatch, today):
    folder = district_and_township
    township = ExchangePage(SYSTEM)
    qtbot.addWidget(township)
    assert township.key_state.text() == "尚未安装"
    assert township.own_state.text() == "首次导出交换包时生成"
    assert not township.since_ack.isEnabled()  # nothing acknowledged yet: nothing to type or preset
    assert township.install_key(folder / "district.key") and "指纹" in township.key_state.text()
    township.destination.setEditText(str(folder / "stick"))
    operation = township.start_export()
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    assert "已导出第1号交换包" in township.message.text() and township.progress.value() == 3
    [package] = list((folder / "stick").glob("*.sap"))
    assert package.name == f"青石镇-第1号-{today:%Y%m%d}.sap"  # told apart on the stick
    own = township.own_state.text()
    close_archive()
    open_archive(folder / "district.sqlite")
    district = ExchangePage(SYSTEM)
    qtbot.addWidget(district)
    seen = {}

    def confirm(preview):
        seen["info"] = preview.as_dict()
        return True

    monkeypatch.setattr(district, "confirm", confirm)
    monkeypatch.setattr(district, "apply", lambda preview: ExchangePage.apply(district, preview, trust=preview.package.fingerprint,
                                                                accept_deletions=True))
    threads = []
    real_apply = page_module.apply_preview
    monkeypatch.setattr(page_module, "apply_preview", lambda *args, **kwargs: threads.append(
        threading.current_thread()) or real_apply(*args, **kwargs))
    operation = district.start_preview(package)
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: "已导入" in district.message.text(), timeout=30000)
    assert seen["info"]["new_sender"] and seen["info"]["new"] > 0
    assert seen["info"]["fingerprint"] == own  # what the clerk reads out on the phone
    assert threads and threads[0] is not threading.main_thread()  # the window stays responsive
    assert Secretary.select().count() == 6 and district.packages.rowCount() == 1
    receipt = district.show_receipt(ExchangePackage.select().first().sha256)
    qtbot.addWidget(receipt)
    assert receipt.document.pageCount() == 1
    person = Secretary.select().order_by(Secretary.id).first()  # the district corrects a phone …
    services.update(SYSTEM, Secretary, person.id, {"phone": "13900000001"})
    with qtbot.waitSignal(district.start_return_export("青石镇", folder / "back").finished, timeout=30000):
        pass  # … and writes the township's return package
    assert "已生成青石镇第1号回执包" in district.message.text()
    [returned] = list((folder / "back").glob("*.sap"))
    assert returned.name == f"青石镇-回执第1号-{today:%Y%m%d}.sap"
    close_archive()
    open_archive(folder / "town.sqlite")
    monkeypatch.setattr(township, "confirm_return", lambda question: seen.setdefault("question", question) or True)
    with qtbot.waitSignal(township.start_return(returned).finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: "已导入区县回执包" in township.message.text(), timeout=30000)
    assert "确认收到本乡镇第1号交换包" in seen["question"] and "1项改为区县的值" in seen["question"]
    assert Secretary.get_by_id(person.id).phone == "13900000001"
    assert settings.get("exchange_acknowledged")["sequence"] == 1  # nobody typed it
    township.refresh()
    assert township.since_ack.isEnabled() and "区县已确认第1号" in township.since_ack.text()


def test_a_damaged_package_is_refused_with_a_sentence(district_and_township, qtbot):
    folder = district_and_township
    close_archive()
    open_archive(folder / "district.sqlite")
    (folder / "bad.sap").write_bytes(b"not a package at all")
    page = ExchangePage(SYSTEM)
    qtbot.addWidget(page)
    operation = page.start_preview(folder / "bad.sap")
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    assert "不是本程序的交换包" in page.message.text() and "没有任何改动" in page.message.text()
    assert settings.get("mode") == "district"


def test_after_an_import_the_open_pages_show_the_new_files_without_a_restart(district_and_township, qtbot,
                                                                               monkeypatch):
    from models.exchange.export import export_package
    from models.exchange.keys import install_public_key
    from models.matters.tables import MatterReport
    from ui.main_window import MainWindow

    folder = district_and_township
    install_public_key(SYSTEM, folder / "district.key")
    package = export_package(SYSTEM, folder / "stick").path
    close_archive()
    open_archive(folder / "district.sqlite")
    window = MainWindow(SYSTEM)
    qtbot.addWidget(window)
    window.show()
    assert list(window.built) == ["home"]  # the other pages are built when first shown
    roster, ledger = window.show_page("人事档案"), window.show_page("一事一报")
    qtbot.waitUntil(lambda: not ledger.model.busy(), timeout=10_000)
    assert (roster.model.rowCount(), ledger.model.total) == (0, 0)
    exchange = window.show_page("数据交换")
    monkeypatch.setattr(exchange, "confirm", lambda preview: True)
    monkeypatch.setattr(exchange, "apply", lambda preview: ExchangePage.apply(exchange, preview, trust=preview.package.fingerprint,
                                                                accept_deletions=True))
    operation = exchange.start_preview(package)
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: "已导入" in exchange.message.text(), timeout=30000)
    qtbot.wait(50)  # the event loop announces what the import wrote
    assert window.show_page("人事档案").model.rowCount() == 6
    shown = window.show_page("一事一报").model  # (read in the background)
    qtbot.waitUntil(lambda: not shown.busy(), timeout=10_000)
    assert shown.total == MatterReport.live().count() > 0
    serving = Secretary.live().where(Secretary.status == "在任").count()
    assert window.show_page("首页").cards["serving"].number.text() == str(serving) != "0"


def test_the_preview_dialog_asks_for_the_fingerprint_and_a_choice_per_conflicting_field(gui, qtbot, tmp_path):
    import tests.models.test_district_merge as merge
    from PySide6.QtCore import Qt

    from models.writing import services
    from ui.exchange.preview_dialog import ImportPreviewDialog

    world = merge.make_world(tmp_path)
    merge.accept(world, merge.export(world, "a"))
    person = merge.records_of(world, "a", "secretary")[0]
    with merge.Archive(world / "district.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13900000001"})
    with merge.Archive(world / "a.sqlite"):
        services.update(SYSTEM, Secretary, person["id"], {"phone": "13700000002"})
    preview = merge.preview_in_district(world, merge.export(world, "a"))
    dialog = ImportPreviewDialog(preview, SYSTEM)
    qtbot.addWidget(dialog)
    assert not dialog.trust.isVisibleTo(dialog)  # the key is known: nothing to compare
    assert dialog.conflicts.rowCount() == 1 and dialog.conflicts.data(dialog.conflicts.index(0, 4)) == "13700000002"
    assert dialog.conflicts.setData(dialog.conflicts.index(0, 5), Qt.CheckState.Checked.value,
                                    Qt.ItemDataRole.CheckStateRole)
    assert preview.conflicts[0].conflicts[0].take_township
    first = merge.preview_in_district(world, merge.export(world, "b"))
    close_archive()
    fresh = ImportPreviewDialog(first, SYSTEM)
    qtbot.addWidget(fresh)
    fresh.try_accept()
    assert "核对" in fresh.message.text() and fresh.result() != fresh.DialogCode.Accepted
    fresh.trust.setChecked(True)
    fresh.try_accept()
    assert fresh.choices()["trust"] == first.package.fingerprint


def test_the_clerk_can_cancel_an_import_before_it_writes_and_the_archive_stays_as_it_was(district_and_township,
                                                                                           qtbot, monkeypatch):
    from models.exchange.export import export_package
    from models.exchange.keys import install_public_key

    folder = district_and_township
    install_public_key(SYSTEM, folder / "district.key")
    package = export_package(SYSTEM, folder / "stick").path
    close_archive()
    open_archive(folder / "district.sqlite")
    page = ExchangePage(SYSTEM)
    qtbot.addWidget(page)
    page.show()
    backing_up = threading.Event()
    go_on = threading.Event()

    def slow_backup(reason):  # the backup of a large archive takes a while: the clerk cancels meanwhile
        backing_up.set()
        go_on.wait(10)

    monkeypatch.setattr(page_module, "automatic_backup", slow_backup)
    monkeypatch.setattr(page, "confirm", lambda preview: True)
    monkeypatch.setattr(page, "apply", lambda preview: ExchangePage.apply(page, preview, trust=preview.package.fingerprint,
                                                                        accept_deletions=True))
    operation = page.start_preview(package)
    assert page.cancel_button.isVisible() and not page.import_button.isEnabled()
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass
    qtbot.waitUntil(backing_up.is_set, timeout=30000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: "已取消导入" in page.message.text(), timeout=30000)
    assert page.message.text() == "已取消导入，档案没有改动。"
    assert Secretary.select().count() == 0 and ExchangePackage.select().count() == 0
    assert not page.cancel_button.isVisible() and page.import_button.isEnabled()
