"""File → Export highlights… and Import highlights…: the dialog, the lane, the files."""

from __future__ import annotations

import json
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QProcessEnvironment, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from reader.core.links import ReaderLink, format_link
from reader.library import Library
from reader.ui.export_dialog import (
    EXPORT_LANE,
    Exchange,
    ExportDialog,
    ExportRequest,
    default_file_name,
)
from reader.ui.main_window import MainWindow
from reader.ui.single_instance import InstanceServer, server_name
from tests.ui.conftest import WindowFactory
from tests.unit.export_helpers import highlight_sections, split_front_matter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def exchange_of(window: MainWindow) -> Exchange:
    found = window.findChild(Exchange)
    assert isinstance(found, Exchange)
    return found


def test_the_file_menu_has_export_and_import(window: MainWindow) -> None:
    texts = [a.text().replace("&", "") for a in window.menu("&File").actions()]
    assert texts.index("Export highlights…") < texts.index("Quit")
    assert "Import highlights…" in texts


def test_default_names_follow_scope_and_format(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(("qatar-peace-dialogue", "Qatar"), ["doha", "later"], tmp_path)
    qtbot.addWidget(dialog)
    today = date.today().isoformat()
    assert Path(dialog.path.text()) == tmp_path / f"highlights-qatar-peace-dialogue-{today}.md"
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    dialog.tag.setCurrentText("later")
    assert Path(dialog.path.text()) == tmp_path / f"highlights-tag-later-{today}.csv"
    dialog.scope.setCurrentIndex(dialog.scope.findData("all"))
    dialog.per_document.setChecked(True)
    assert Path(dialog.path.text()) == tmp_path / f"highlights-all-{today}"
    request = dialog.request()
    assert (request.fmt, request.doc_ids, request.tag, request.per_document) == (
        "csv",
        None,
        None,
        True,
    )
    assert default_file_name(None, "Key Claims!", "json", date(2024, 1, 2)) == (
        "highlights-tag-key-claims-2024-01-02.json"
    )


def test_a_path_the_user_typed_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(None, [], tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.path, "x")
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert dialog.path.text().endswith(".mdx")
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, " ")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_export_of_the_current_document_runs_off_the_ui_thread(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pane = window.active_pane()
    assert pane.doc is not None
    library: Library = window.library
    h = library.highlights.add(
        pane.doc.id,
        pane.doc.passages[1].start,
        pane.doc.passages[1].end,
        note="from the window",
        tags=["w"],
    )
    exchange = exchange_of(window)
    with qtbot.waitSignal(exchange.dialog_opened, timeout=20_000) as opened:
        window.window_actions["export_highlights"].trigger()
    dialog = opened.args[0]
    assert isinstance(dialog, ExportDialog)
    assert dialog.scope.currentData() == "document"
    assert dialog.tag.count() == 1 and dialog.tag.itemText(0) == "w"
    dialog.path.setText(str(tmp_path / "current.md"))
    with qtbot.waitSignal(exchange.exported, timeout=20_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert done.args[0].highlights == 1
    front, body = split_front_matter((tmp_path / "current.md").read_text("utf-8"))
    assert front["title"] == pane.doc.meta.title
    assert [s["note"] for s in highlight_sections(body)] == [h.note]
    assert "Exported 1 highlight" in window.statusBar().currentMessage()


def test_progress_reaches_the_end_for_a_large_export(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    library: Library = window.library
    for doc_id in library.documents.ids():
        for i in range(20):
            library.highlights.add(doc_id, 10 * i, 10 * i + 5, tags=["bulk"])
    exchange = exchange_of(window)
    seen: list[tuple[int, int]] = []
    threads: list[str] = []
    exchange.progressed.connect(lambda d, t: seen.append((d, t)))
    exchange.progressed.connect(
        lambda *_: threads.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    request = ExportRequest("json", tmp_path / "per-doc", None, "bulk", True)
    with qtbot.waitSignal(exchange.exported, timeout=30_000):
        exchange.export(request)
    assert seen and seen[-1][0] == seen[-1][1]
    # On the export lane, apart from io: the window stays live and an export never delays a save.
    assert threads and all(t.startswith(f"reader-{EXPORT_LANE}") for t in threads)
    assert len(list((tmp_path / "per-doc").iterdir())) == len(library.documents.ids())
    assert exchange.progress is None


def test_import_merges_a_json_export(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, corpus_dir: Path
) -> None:
    other = Library(corpus_dir, tmp_path / "other")
    h = other.highlights.add("qatar-peace-dialogue", 100, 140, note="from elsewhere")
    other.exports.export("json", tmp_path / "backup.json")
    exchange = exchange_of(window)
    with qtbot.waitSignal(exchange.imported, timeout=20_000) as done:
        exchange.import_file(tmp_path / "backup.json")
    assert done.args[0].highlights == 1
    assert window.library.highlights.get(h.id) == h


def test_a_failed_export_is_shown_without_blocking(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    exchange = exchange_of(window)
    with qtbot.waitSignal(exchange.failed, timeout=20_000) as failed:
        exchange.export(ExportRequest("md", blocker / "sub" / "x.md", None, None, False))
    assert "cannot write" in failed.args[0]
    box = window.findChild(QMessageBox, "exchangeError")
    assert box is not None and box.isVisible()
    box.close()


def test_the_json_written_from_the_window_reads_back(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    library: Library = window.library
    library.highlights.add("qatar-peace-dialogue", 5, 25, note="n")
    exchange = exchange_of(window)
    with qtbot.waitSignal(exchange.exported, timeout=20_000):
        exchange.export(ExportRequest("json", tmp_path / "a.json", None, None, False))
    data = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 1


def test_open_link_hands_the_place_to_the_running_window(
    window: MainWindow, qtbot: QtBot, data_dir: Path
) -> None:
    pane = window.panes[0]
    assert pane.doc is not None
    target = pane.doc.passages[-1]
    link = format_link(ReaderLink(pane.doc.id, target.start, target.end))
    server = InstanceServer(server_name(data_dir))
    assert server.listen()
    server.message_received.connect(window.handle_message)
    process = QProcess()
    env = QProcessEnvironment.systemEnvironment()
    env.insert("READER_DATA_DIR", str(data_dir))
    process.setProcessEnvironment(env)
    process.setWorkingDirectory(str(ROOT))
    try:
        with qtbot.waitSignal(server.message_received, timeout=20_000) as received:
            process.start(sys.executable, ["main.py", "open", link])
        with qtbot.waitSignal(process.finished, timeout=20_000):
            pass
    finally:
        server.close()
    assert received.args[0]["argv"] == [link]
    assert process.exitCode() == 0
    assert pane.view.cursor_offset() == target.start


def test_the_dialog_remembers_scope_format_and_folder_across_restarts(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    first = make_window()
    pane = first.active_pane()
    assert pane.doc is not None
    first.library.highlights.add(pane.doc.id, pane.doc.passages[1].start, pane.doc.passages[1].end)
    folder = tmp_path / "my exports"
    folder.mkdir()
    exchange = exchange_of(first)
    with qtbot.waitSignal(exchange.dialog_opened, timeout=20_000) as opened:
        first.window_actions["export_highlights"].trigger()
    dialog = opened.args[0]
    dialog.scope.setCurrentIndex(dialog.scope.findData("all"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(folder / "everything.csv"))
    with qtbot.waitSignal(exchange.exported, timeout=20_000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    first.close()
    second = make_window()
    again = exchange_of(second)
    with qtbot.waitSignal(again.dialog_opened, timeout=20_000) as opened:
        second.window_actions["export_highlights"].trigger()
    dialog = opened.args[0]
    assert dialog.scope.currentData() == "all"
    assert dialog.format.currentData() == "csv"
    path = Path(dialog.path.text())
    assert path.parent == folder
    assert path.name == f"highlights-all-{date.today().isoformat()}.csv"
    dialog.reject()
