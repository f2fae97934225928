"""The annotated PDF from the window: the fourth format of the export dialog, on the lane."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.export_dialog import EXPORT_LANE, Exchange, ExportDialog
from reader.ui.main_window import MainWindow
from tests.unit.pdf_helpers import read_annotations, squash


@pytest.fixture(autouse=True)
def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")


def test_pdf_is_a_format_and_several_documents_go_into_a_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = ExportDialog(("qatar-peace-dialogue", "Qatar"), [], tmp_path)
    qtbot.addWidget(dialog)
    today = date.today().isoformat()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert Path(dialog.path.text()) == tmp_path / f"highlights-qatar-peace-dialogue-{today}.pdf"
    assert not dialog.per_document.isChecked()
    dialog.scope.setCurrentIndex(dialog.scope.findData("all"))
    assert dialog.per_document.isChecked() and not dialog.per_document.isEnabled()
    assert Path(dialog.path.text()) == tmp_path / f"highlights-all-{today}"
    assert dialog.request().per_document


def test_export_the_current_document_as_pdf_from_the_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pane = window.active_pane()
    assert pane.doc is not None
    library: Library = window.library
    passage = next(p for p in pane.doc.passages if not p.chrome and p.end - p.start > 80)
    h = library.highlights.add(pane.doc.id, passage.start, passage.start + 80, note="a note")
    exchange = window.findChild(Exchange)
    assert isinstance(exchange, Exchange)
    threads: list[str] = []
    exchange.progressed.connect(
        lambda *_: threads.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,
    )
    with qtbot.waitSignal(exchange.dialog_opened, timeout=20_000) as opened:
        window.window_actions["export_highlights"].trigger()
    dialog = opened.args[0]
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.path.setText(str(tmp_path / "current.pdf"))
    with qtbot.waitSignal(exchange.exported, timeout=60_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert done.args[0].files == (str(tmp_path / "current.pdf"),)
    assert threads and all(t.startswith(f"reader-{EXPORT_LANE}") for t in threads)
    with pymupdf.open(tmp_path / "current.pdf") as pdf:
        (annot,) = read_annotations(pdf)
    assert squash(annot.covered) == squash(h.quote) and annot.content == "a note"
    assert "Exported 1 highlight" in window.statusBar().currentMessage()
