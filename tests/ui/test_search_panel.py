"""The library search panel: Ctrl+Shift+F, typing, grouped results, a bad query's message, and
choosing a passage (the pane showing its document, else the other pane; one history step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.models.actors_model import ResultsModel
from reader.ui.search import SearchFeature

from .conftest import show_document


def feature_of(qtbot: QtBot, window: MainWindow) -> SearchFeature:
    qtbot.waitUntil(lambda: window.findChild(SearchFeature) is not None, timeout=5000)
    found = window.findChild(SearchFeature)
    assert found is not None
    return found


def open_panel(qtbot: QtBot, window: MainWindow) -> SearchFeature:
    feature = feature_of(qtbot, window)
    assert not feature.dock.isVisible()  # out of sight until asked for
    window.active_pane().view.setFocus()
    qtbot.keyClick(
        window.active_pane().view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert feature.dock.isVisible() and feature.panel.edit.hasFocus()
    return feature


def hits_shown(feature: SearchFeature) -> int:
    panel = feature.panel
    return sum(panel.hit_at(r) is not None for r in range(panel.model.rowCount()))


def test_typing_shows_passages_grouped_by_document(qtbot: QtBot, window: MainWindow) -> None:
    feature = open_panel(qtbot, window)
    expected = window.library.search.run("peace talks", limit=200)
    assert len({h.doc_id for h in expected}) >= 2
    qtbot.keyClicks(feature.panel.edit, "Peace Talks")
    qtbot.waitUntil(lambda: hits_shown(feature) == len(expected), timeout=10_000)
    panel = feature.panel
    headings = [r for r in range(panel.model.rowCount()) if panel.hit_at(r) is None]
    # Documents in the order of their best passage, each heading before its passages.
    order = list(dict.fromkeys(h.doc_id for h in expected))
    assert [panel.model.item(r).toolTip() for r in headings] == order
    assert headings[0] == 0
    first = panel.hit_at(1)
    assert first == expected[0]
    html = str(panel.model.item(1).data(ResultsModel.HtmlRole))
    strong = [text for text, bold in first.snippet if bold]
    assert strong
    assert all(f"<b>{text}</b>" in html for text in strong)  # the matching words emphasised
    assert html.startswith(f"<span class='head'>¶{first.passage_index + 1}</span>")
    assert panel.status.text().startswith(f"{len(expected)} passage")


def test_a_bad_query_says_why(qtbot: QtBot, window: MainWindow) -> None:
    feature = open_panel(qtbot, window)
    qtbot.keyClicks(feature.panel.edit, '"peace talks')
    qtbot.waitUntil(lambda: "not closed" in feature.panel.status.text(), timeout=10_000)
    assert feature.panel.model.rowCount() == 0
    feature.panel.edit.setText("kabul date:2021-13-45")
    qtbot.waitUntil(lambda: "not a date" in feature.panel.status.text(), timeout=10_000)


def test_only_the_newest_query_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    feature = open_panel(qtbot, window)
    feature.run("kabul")
    feature.run("doha")  # the answer to "kabul" arrives stale and is dropped
    expected = window.library.search.run("doha", limit=200)
    qtbot.waitUntil(lambda: hits_shown(feature) == len(expected), timeout=10_000)
    assert {feature.panel.hit_at(r) for r in range(feature.panel.model.rowCount())} - {None} == set(
        expected
    )


def test_choosing_a_passage_opens_it_as_one_history_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    feature = open_panel(qtbot, window)
    left, right = window.panes[0], window.panes[1]
    hits = window.library.search.run("doha", limit=200)
    elsewhere = next(h for h in hits if h.doc_id not in (left.doc_id, right.doc_id))
    showing = next((h for h in hits if h.doc_id == left.doc_id), None)
    window.set_active_pane(left)
    qtbot.keyClicks(feature.panel.edit, "doha")
    qtbot.waitUntil(lambda: hits_shown(feature) == len(hits), timeout=10_000)
    steps = len(window.history)
    # A document no pane shows opens in the other pane (not the active one).
    row = next(
        r for r in range(feature.panel.model.rowCount())
        if feature.panel.hit_at(r) == elsewhere
    )
    feature.panel.results.setFocus()
    feature.panel.results.setCurrentIndex(feature.panel.model.index(row, 0))
    with qtbot.waitSignal(window.document_opened, timeout=5000):
        qtbot.keyClick(feature.panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: right.doc_id == elsewhere.doc_id and right.pending is None)
    assert left.doc_id != elsewhere.doc_id
    assert right.current_passage() == elsewhere.passage_index
    assert len(window.history) == steps + 1
    window.go_back()
    qtbot.waitUntil(lambda: right.doc_id != elsewhere.doc_id and right.pending is None)
    if showing is not None:
        show_document(qtbot, window, showing.doc_id, left)
        feature.open_hit(showing)  # the pane already showing the document scrolls there
        assert left.doc_id == showing.doc_id
        qtbot.waitUntil(lambda: left.current_passage() == showing.passage_index)
