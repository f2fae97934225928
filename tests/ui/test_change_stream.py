"""The window follows the library's change stream: changes made by another library (the command
line) arrive through the journal and every view refreshes from the one record."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.library import Changes, Library
from reader.ui.main_window import MainWindow
from reader.ui.models.library_model import LibraryModel


def _titles(window: MainWindow) -> set[str]:
    model = window.library_view.model
    return {
        str(model.data(model.index(r, LibraryModel.TITLE))) for r in range(model.rowCount())
    }


def test_a_correction_made_elsewhere_shows_in_the_list_and_the_pane_header(
    qtbot: QtBot, window: MainWindow, corpus_dir: Path, data_dir: Path
) -> None:
    pane = window.panes[0]
    assert pane.doc is not None
    doc_id = pane.doc.id
    def is_the_correction(changes: Changes) -> bool:
        return bool(changes.metadata)  # extraction publishes its own records meanwhile

    with qtbot.waitSignal(
        window.changes.changed, timeout=3000, check_params_cb=is_the_correction
    ) as blocker:
        Library(corpus_dir, data_dir).documents.edit_metadata(doc_id, {"title": "A new title"})
    assert blocker.args == [Changes.of(metadata=[doc_id])]
    assert "A new title" in _titles(window)
    assert pane.header.title.full_text() == "A new title"
    assert window.library.documents.metadata(doc_id).title == "A new title"


def test_a_gazetteer_entry_added_elsewhere_finds_its_actor_in_the_open_window(
    qtbot: QtBot, window: MainWindow, corpus_dir: Path, data_dir: Path
) -> None:
    from reader.ui.actors_feature import ActorsFeature

    feature = window.findChild(ActorsFeature)
    assert feature is not None
    controller = feature.controller
    qtbot.waitUntil(lambda: not controller.running and bool(controller.done), timeout=20_000)
    assert window.library.actors.count("peace-process") is None
    Library(corpus_dir, data_dir).actors.add_gazetteer_entry("peace process", "group")
    qtbot.waitUntil(lambda: controller.running, timeout=3000)
    qtbot.waitUntil(lambda: not controller.running, timeout=20_000)
    assert window.library.actors.count("peace-process")
