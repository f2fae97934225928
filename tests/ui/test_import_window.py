"""Importing from the window: files dropped on the library or a pane, File › Import documents…,
a bad file's message, Properties…, and Remove… (which asks first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.library import ImportResult
from reader.ui.import_documents import DocumentImport
from reader.ui.main_window import MainWindow
from reader.ui.models.library_model import LibraryModel
from reader.ui.views.properties_dialog import PropertiesDialog

NOTE = "# Field notes from Oslo\n\nThe Taliban delegation met Norwegian officials in Oslo.\n"


def feature_of(qtbot: QtBot, window: MainWindow) -> DocumentImport:
    qtbot.waitUntil(lambda: window.findChild(DocumentImport) is not None, timeout=5000)
    found = window.findChild(DocumentImport)
    assert found is not None
    return found


def drop_files(target: QWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    point = QPoint(20, 20)
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)


def titles(window: MainWindow) -> dict[str, object]:
    model = window.library_view.model
    return {
        str(model.data(model.index(r, LibraryModel.TITLE))): model.data(
            model.index(r, LibraryModel.TITLE), Qt.ItemDataRole.FontRole
        )
        for r in range(model.rowCount())
    }


def test_a_file_dropped_on_the_library_is_imported_listed_and_opened(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    feature = feature_of(qtbot, window)
    note = tmp_path / "oslo.md"
    note.write_text(NOTE, "utf-8")
    with qtbot.waitSignal(feature.imported, timeout=10_000) as done:
        drop_files(window.library_view.tree.viewport(), [note])
    [result] = done.args[0]
    assert isinstance(result, ImportResult) and result.status == "added"
    qtbot.waitUntil(lambda: "Field notes from Oslo" in titles(window), timeout=3000)
    font = titles(window)["Field notes from Oslo"]
    assert getattr(font, "italic", lambda: False)()  # the user's own documents read apart
    qtbot.waitUntil(lambda: window.active_pane().doc_id == result.doc_id, timeout=5000)


def test_a_file_dropped_on_a_pane_opens_there(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    feature = feature_of(qtbot, window)
    right = window.panes[1]
    page = tmp_path / "page.txt"
    page.write_text("Envoys met in Doha on Tuesday.\n\nNorway offered to host.\n", "utf-8")
    with qtbot.waitSignal(feature.imported, timeout=10_000):
        drop_files(right, [page])
    qtbot.waitUntil(lambda: right.doc is not None and "Norway offered" in right.doc.text,
                    timeout=5000)


def test_the_menu_imports_chosen_files_and_a_bad_one_is_told(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = feature_of(qtbot, window)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("A good note.\n", "utf-8")
    bad.write_bytes(bytes(range(256)) * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(good), str(bad)], ""))
    before = len(window.library.documents.ids())
    with qtbot.waitSignal(feature.failed, timeout=10_000) as failed:
        window.window_actions["import_documents"].trigger()
    assert "a binary file" in failed.args[0]
    box = window.findChild(QMessageBox, "importError")
    assert box is not None and box.isVisible()
    box.close()
    qtbot.waitUntil(lambda: len(window.library.documents.ids()) == before + 1, timeout=3000)


def test_properties_correct_the_metadata_and_remove_asks_then_clears_the_pane(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    feature = feature_of(qtbot, window)
    note = tmp_path / "oslo.md"
    note.write_text(NOTE, "utf-8")
    with qtbot.waitSignal(feature.imported, timeout=10_000) as done:
        feature.import_paths([str(note)])
    doc_id = done.args[0][0].doc_id
    qtbot.waitUntil(lambda: window.active_pane().doc_id == doc_id, timeout=5000)
    feature.edit_properties(doc_id)
    dialog = window.findChild(PropertiesDialog)
    assert dialog is not None
    dialog.edits["title"].setText("Oslo, spring")
    dialog.edits["published"].setText("2023-04")
    with qtbot.waitSignal(window.changes.changed, timeout=5000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Oslo, spring" in titles(window), timeout=3000)
    assert window.library.documents.metadata(doc_id).published == "2023-04"
    feature.ask_remove(doc_id)
    box = window.findChild(QMessageBox, "removeDocument")
    assert box is not None
    remove = next(b for b in box.buttons() if b.text() == "Remove")
    with qtbot.waitSignal(window.changes.changed, timeout=5000):
        remove.click()
    qtbot.waitUntil(lambda: doc_id not in window.library.documents.ids(), timeout=3000)
    qtbot.waitUntil(lambda: window.active_pane().doc_id is None, timeout=3000)
    assert "Oslo, spring" not in titles(window)


def test_a_pdf_shows_its_pages_read_and_cancel_stops_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit import paged_files as make

    feature = feature_of(qtbot, window)
    pdf = make.report_pdf(tmp_path / "report.pdf", pages=4)
    with qtbot.waitSignal(feature.imported, timeout=30_000) as done:
        feature.import_paths([str(pdf)])
        assert feature.cancel_button.isVisible()
    assert [r.status for r in done.args[0]] == ["added"]
    assert not feature.cancel_button.isVisible()
    # A child that hangs is stopped by Cancel; nothing is kept, no error box.
    monkeypatch.setenv("READER_IMPORT_TEST_HOOK", "sleep")
    other = make.report_pdf(tmp_path / "other.pdf", pages=2)
    before = len(window.library.documents.ids())
    with qtbot.waitSignal(feature.imported, timeout=30_000) as done:
        feature.import_paths([str(other)])
        qtbot.mouseClick(feature.cancel_button, Qt.MouseButton.LeftButton)
    assert [r.reason for r in done.args[0]] == ["cancelled"]
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.findChild(QMessageBox, "importError") is None
    assert len(window.library.documents.ids()) == before


def test_an_encrypted_pdf_asks_for_its_password(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import pymupdf

    from tests.unit import paged_files as make

    feature = feature_of(qtbot, window)
    pdf = make.plain_pdf(
        tmp_path / "secret.pdf", ["A confidential memo."],
        encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="s3cret",
    )
    with qtbot.waitSignal(feature.password_asked, timeout=30_000) as asked:
        drop_files(window.library_view.tree.viewport(), [pdf])
    dialog = asked.args[0]
    assert "encrypted" in dialog.labelText()
    dialog.setTextValue("s3cret")
    with qtbot.waitSignal(feature.imported, timeout=30_000) as done:
        dialog.accept()
    [result] = done.args[0]
    assert result.status == "added"
    pane = window.active_pane()
    qtbot.waitUntil(lambda: pane.doc is not None and pane.doc.id == result.doc_id, timeout=5000)
    assert "confidential memo" in pane.doc.text
