"""Same event elsewhere in the window (issue 23): the list under the actors pane's dates follows
the current passage; Enter on an entry opens it in the other pane aligned with the reader's
passage, what they share marked in both (compare); Escape or moving on leaves compare; Back
returns the other pane to where it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.app import build_window
from reader.ui.main_window import MainWindow
from reader.ui.related_feature import COMPARE_LAYER, SETTLE_MS, RelatedFeature, passage_top
from reader.ui.tasks import TaskManager
from reader.ui.views.pane import ReadingPane

from .conftest import show_document, wait_loaded

RELATED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "related"
MEETING, SNOW = 1, 3  # passages of harbour-gazette


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    tasks = TaskManager()
    made = build_window(Library(RELATED_CORPUS, data_dir), tasks)
    qtbot.addWidget(made)
    with qtbot.waitSignal(made.first_painted, timeout=10_000):
        made.show()
    wait_loaded(qtbot, made)
    QApplication.processEvents()
    made.activateWindow()
    yield made
    if made.isVisible():
        made.close()
    tasks.shutdown()


def feature_of(qtbot: QtBot, window: MainWindow) -> RelatedFeature:
    qtbot.waitUntil(lambda: window.findChild(RelatedFeature) is not None, timeout=5000)
    found = window.findChild(RelatedFeature)
    assert found is not None
    return found


def shown_ids(feature: RelatedFeature) -> list[str]:
    return [r.passage_id for r in feature.panel.model.rows()]


def reading(qtbot: QtBot, window: MainWindow) -> tuple[ReadingPane, ReadingPane]:
    """Harbour Gazette in the left pane (active), the valley notes in the right one."""
    while len(window.panes) < 2:
        window.add_pane()
    left, right = window.panes[0], window.panes[1]
    show_document(qtbot, window, "valley-notes", right)
    show_document(qtbot, window, "harbour-gazette", left)
    window.set_active_pane(left)
    left.view.setFocus()
    return left, right


def go_to_passage(qtbot: QtBot, pane: ReadingPane, index: int) -> None:
    doc = pane.doc
    assert doc is not None
    pane.view.go_to(doc.passages[index].start)
    qtbot.waitUntil(lambda: pane.current_passage() == index, timeout=5000)


def mark_texts(pane: ReadingPane) -> set[str]:
    doc = pane.doc
    assert doc is not None
    return {doc.text[s:e] for s, e, _f in pane.view.marks.ranges_between(COMPARE_LAYER, 0, 10**9)}


def test_moving_through_passages_asks_only_where_the_reader_stops(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = feature_of(qtbot, window)
    left, _right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=20_000)
    asked: list[str] = []
    related = window.library.related
    find = related.of

    def recorded(passage_id: str, **options: object) -> list[object]:
        asked.append(passage_id)
        return find(passage_id, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(related, "of", recorded)
    doc = left.doc
    assert doc is not None
    for index in (2, 3, 2, 3, 0):  # J and K pressed in quick succession
        left.view.go_to(doc.passages[index].start)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: left.current_passage() == 0, timeout=5000)
    qtbot.waitUntil(lambda: asked == ["harbour-gazette:0"], timeout=5000)
    qtbot.wait(2 * SETTLE_MS)  # nothing more is asked once the reader stays
    assert asked == ["harbour-gazette:0"]


def test_the_list_follows_the_current_passage(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    left, _right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    # The passage's own document is extracted in the background; the list then fills.
    qtbot.waitUntil(
        lambda: shown_ids(feature) == ["nordic-wire:2", "quota-review:1"], timeout=20_000
    )
    assert feature.panel.list.isVisible()
    assert feature.panel.caption.text().startswith("Same event elsewhere: 2 passages")
    html = str(feature.panel.model.index(0, 0).data(feature.panel.model.HtmlRole))
    assert "Talks on the fishing quotas" in html and "¶3" in html
    assert "Sigrun Vatnsdal" in html and "12 March 2021" in html  # the reasons' chips
    go_to_passage(qtbot, left, SNOW)
    qtbot.waitUntil(lambda: "no other document" in feature.panel.caption.text(), timeout=10_000)
    assert shown_ids(feature) == [] and not feature.panel.list.isVisible()
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=10_000)


def open_first(qtbot: QtBot, window: MainWindow, feature: RelatedFeature) -> ReadingPane:
    """Enter on the first entry, as a reader does; return the pane it opened in."""
    listing = feature.panel.list
    listing.setFocus()
    listing.setCurrentIndex(feature.panel.model.index(0, 0))
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert feature.comparison is not None
    other = feature.comparison.other
    qtbot.waitUntil(lambda: other.doc_id == "nordic-wire" and other.pending is None, timeout=5000)
    qtbot.waitUntil(lambda: bool(mark_texts(other)), timeout=5000)
    return other


def test_activating_opens_aligns_and_marks_the_pair(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 560)  # laptop-like: neither document fits its pane
    feature = feature_of(qtbot, window)
    left, right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=20_000)
    # The reader's passage a few lines down the view, not at its top (no scroll signal: the
    # current passage stays the meeting).
    bar = left.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() >= 2
    bar.setValue(0)
    doc = left.doc
    assert doc is not None
    mine = passage_top(left.view, doc.passages[MEETING].start)
    assert mine is not None and mine > left.view.fontMetrics().lineSpacing()
    other = open_first(qtbot, window, feature)
    assert other is right
    item = feature.panel.model.item_at(0)
    line = right.view.fontMetrics().lineSpacing()
    qtbot.waitUntil(
        lambda: abs((passage_top(right.view, item.start) or -1e9) - mine) < line, timeout=5000
    )
    assert window.active_pane() is left  # the list still follows the reader's passage
    assert shown_ids(feature)[:1] == ["nordic-wire:2"]
    assert right.current_passage() == 2 and left.current_passage() == MEETING
    shared = {"Sigrun Vatnsdal", "Halvard Strandli", "12 March 2021"}
    assert shared <= mark_texts(right) and shared <= mark_texts(left)
    assert feature.panel.state.isVisible() and "¶3" in feature.panel.state.text()


def test_escape_leaves_compare(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    left, _right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=20_000)
    other = open_first(qtbot, window, feature)
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_Escape)
    assert feature.comparison is None
    assert not mark_texts(other) and not mark_texts(left)
    assert other.doc_id == "nordic-wire"  # the panes stay where they are
    assert not feature.panel.state.isVisible()


def test_moving_on_leaves_compare(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    left, right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=20_000)
    open_first(qtbot, window, feature)
    go_to_passage(qtbot, left, SNOW)  # the reader moves on
    qtbot.waitUntil(lambda: feature.comparison is None, timeout=5000)
    assert not mark_texts(right) and not mark_texts(left)


def test_back_returns_the_other_pane(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(qtbot, window)
    left, right = reading(qtbot, window)
    go_to_passage(qtbot, left, MEETING)
    qtbot.waitUntil(lambda: shown_ids(feature)[:1] == ["nordic-wire:2"], timeout=20_000)
    open_first(qtbot, window, feature)
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Back
    qtbot.waitUntil(
        lambda: right.doc_id == "valley-notes" and right.pending is None, timeout=5000
    )
    qtbot.waitUntil(lambda: feature.comparison is None, timeout=5000)
    assert left.doc_id == "harbour-gazette" and window.active_pane() is left


def test_the_readers_place_in_the_list_stays_when_it_is_asked_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = feature_of(qtbot, window).panel
    items = window.library.related.of("harbour-gazette:1")
    assert len(items) == 2
    panel.show_items(items)
    panel.list.setCurrentIndex(panel.model.index(1, 0))
    panel.show_items(list(reversed(items)))  # extraction moved the second one up
    assert panel.list.currentIndex().row() == 0
    assert panel.model.item_at(0).passage_id == items[1].passage_id
