"""The highlights panel (filters, orphans, jump), the notes dock (saved as typed, surviving a
change elsewhere) and changes made on the command line appearing in the window."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.notes_merge import SEPARATOR
from reader.library import Library
from reader.ui.highlighting import HIGHLIGHT_LAYER
from reader.ui.main_window import MainWindow
from reader.ui.models.highlights_model import NEEDS_ATTENTION, HighlightsModel
from reader.ui.views.highlights_panel import WHOLE_LIBRARY
from reader.ui.views.notes_dock import NotesDock
from reader.ui.views.pane import ReadingPane
from tests.conftest import ROOT
from tests.ui.conftest import WindowFactory
from tests.ui.test_highlighting import TIMEOUT, body, ready

LEFT = "norway-peace-diplomacy"
RIGHT = "afghan-insight-regional-conferences"


def _seed(library: Library) -> dict[str, str]:
    """Three highlights in two documents, and one orphan."""
    left, right = library.documents.get(LEFT), library.documents.get(RIGHT)
    lp = [p for p in left.passages if not p.chrome and p.end - p.start > 80]
    rp = [p for p in right.passages if not p.chrome and p.end - p.start > 80]
    a = library.highlights.add(
        LEFT,
        lp[1].start,
        lp[1].start + 30,
        color="green",
        note="about the ministry",
        tags=["policy"],
    )
    b = library.highlights.add(LEFT, lp[2].start, lp[2].start + 25, color="yellow", tags=["people"])
    c = library.highlights.add(
        RIGHT, rp[3].start, rp[3].start + 40, color="green", tags=["policy", "region"]
    )
    lost = library.highlights.add(RIGHT, rp[4].start, rp[4].start + 20, color="pink")
    library.highlights.restore(
        replace(
            lost,
            quote="words that are nowhere in this document at all",
            prefix="",
            suffix="",
            content_hash="not-the-text",
        )
    )
    return {"a": a.id, "b": b.id, "c": c.id, "lost": lost.id}


def test_panel_filters_by_scope_colour_tag_document_and_words(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    library = Library()
    library.state.set_color_label("green", "evidence")
    ids = _seed(library)
    window = make_window()
    ready(qtbot, window)
    panel = window.highlighting.docks.panel  # type: ignore[union-attr]
    window.set_active_pane(window.panes[0])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=TIMEOUT)

    def shown() -> set[str]:
        return {h.id for h in panel.visible_highlights()}

    assert shown() == {ids["a"], ids["b"]}  # this document (the active pane's)
    panel.scope.setCurrentIndex(WHOLE_LIBRARY)
    assert shown() == set(ids.values())
    panel.color.setCurrentIndex(panel.color.findData("green"))
    assert panel.color.currentText() == "evidence (green)"
    assert shown() == {ids["a"], ids["c"]}
    panel.tag.setCurrentIndex(panel.tag.findData("region"))
    assert shown() == {ids["c"]}
    panel.tag.setCurrentIndex(0)
    panel.document.setCurrentIndex(panel.document.findData(LEFT))
    assert shown() == {ids["a"]}
    panel.document.setCurrentIndex(0)
    panel.color.setCurrentIndex(0)
    qtbot.keyClicks(panel.search, "MINISTRY")
    assert shown() == {ids["a"]}  # words of the note count too
    panel.search.clear()
    window.set_active_pane(window.panes[1])
    panel.scope.setCurrentIndex(0)
    assert shown() == {ids["c"], ids["lost"]}


def test_orphans_are_listed_first_and_re_placed_by_selecting_again(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    ids = _seed(Library())
    window = make_window()
    controller = ready(qtbot, window)
    panel = controller.docks.panel  # type: ignore[union-attr]
    panel.scope.setCurrentIndex(WHOLE_LIBRARY)
    first = panel.proxy.index(0, HighlightsModel.STATUS)
    assert first.data(HighlightsModel.IdRole) == ids["lost"]
    assert first.data() == NEEDS_ATTENTION
    assert panel.attention.isVisibleTo(panel)
    assert not panel.replace_button.isVisibleTo(panel)
    panel.select(ids["lost"])
    assert panel.replace_button.isEnabled()
    right = window.panes[1]
    start, _ = body(right, 6)
    right.view.select_range(start, start + 15)
    window.set_active_pane(right)
    with qtbot.waitSignal(controller.highlights_changed, timeout=TIMEOUT):
        qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    placed = window.library.highlights.get(ids["lost"])
    assert (placed.start, placed.end, placed.status) == (start, start + 15, "anchored")
    assert right.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 3)
    assert not panel.attention.isVisibleTo(panel)


def test_clicking_a_highlight_in_the_panel_jumps_to_it_as_a_history_step(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    ids = _seed(Library())
    window = make_window()
    ready(qtbot, window)
    panel = window.highlighting.docks.panel  # type: ignore[union-attr]
    panel.scope.setCurrentIndex(WHOLE_LIBRARY)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=TIMEOUT)
    target = window.library.highlights.get(ids["c"])
    pane = next(p for p in window.panes if p.doc_id == RIGHT)
    assert not window.history.can_go_back
    point = panel.row_rect_center(ids["c"])
    with qtbot.waitSignal(window.history_changed, timeout=TIMEOUT):
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.history.can_go_back
    assert window.active_pane() is pane
    assert pane.view.position_offset() <= target.start
    assert pane.view.marks.ranges_at("flash", target.start)


def test_notes_are_saved_as_typed(window: object, qtbot: QtBot) -> None:
    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    ready(qtbot, window)
    notes = window.highlighting.docks.notes  # type: ignore[union-attr]
    doc_id = window.active_pane().doc_id
    assert notes.doc_id == doc_id
    qtbot.waitUntil(notes.editor.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(notes.saved, timeout=TIMEOUT):
        qtbot.keyClicks(notes.editor, "first thoughts")
    note = window.library.highlights.note(doc_id or "")
    assert note is not None and note.text == "first thoughts"


def test_typing_survives_a_change_made_elsewhere(
    make_window: WindowFactory, qtbot: QtBot, data_dir: Path
) -> None:
    window = make_window()
    ready(qtbot, window)
    notes = window.highlighting.docks.notes  # type: ignore[union-attr]
    doc_id = window.active_pane().doc_id or ""
    qtbot.waitUntil(notes.editor.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(notes.saved, timeout=TIMEOUT):
        qtbot.keyClicks(notes.editor, "line one")
    # Another process replaces the notes while the user keeps typing on the same line.
    other = Library(data_dir=data_dir)
    other.highlights.set_note(doc_id, "line one, edited elsewhere")
    with qtbot.waitSignal(notes.merged, timeout=TIMEOUT) as merged:
        qtbot.keyClicks(notes.editor, " and more")
    assert merged.args == [doc_id, False]
    qtbot.waitUntil(lambda: not notes.saving and not notes.dirty, timeout=TIMEOUT)
    stored = window.library.highlights.note(doc_id)
    assert stored is not None
    assert "line one and more" in stored.text
    assert "line one, edited elsewhere" in stored.text
    assert SEPARATOR in stored.text
    assert notes.editor.toPlainText() == stored.text
    assert "changed elsewhere" in notes.status.text()


def test_a_change_elsewhere_shows_in_an_idle_notes_editor(
    make_window: WindowFactory, qtbot: QtBot, data_dir: Path
) -> None:
    window = make_window()
    ready(qtbot, window)
    notes = window.highlighting.docks.notes  # type: ignore[union-attr]
    doc_id = window.active_pane().doc_id or ""
    qtbot.waitUntil(notes.editor.isEnabled, timeout=TIMEOUT)
    with qtbot.waitSignal(notes.loaded, timeout=TIMEOUT):
        Library(data_dir=data_dir).highlights.set_note(doc_id, "from the command line")
    assert notes.editor.toPlainText() == "from the command line"


def test_a_command_line_add_appears_in_the_window_within_a_second(
    window: object, qtbot: QtBot, data_dir: Path
) -> None:
    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    controller = ready(qtbot, window)
    pane = window.panes[0]
    assert pane.doc is not None
    start, _ = body(pane, 1)
    quote = pane.doc.text[start : start + 35]
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "highlights",
        "add",
        pane.doc.id,
        "--start",
        str(start),
        "--end",
        str(start + 35),
        "--color",
        "purple",
        "--data-dir",
        str(data_dir),
    ]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, timeout=60)
    with qtbot.waitSignal(controller.highlights_changed, timeout=1000):
        pass
    ranges = pane.view.marks.ranges_at(HIGHLIGHT_LAYER, start + 5)
    assert len(ranges) == 1
    found = controller.highlights_at(pane, start + 5)
    assert found[0].quote == quote and found[0].color == "purple"


def test_a_colour_label_set_on_the_command_line_shows_in_the_toolbar(
    window: object, qtbot: QtBot, data_dir: Path
) -> None:
    from reader.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    controller = ready(qtbot, window)
    with qtbot.waitSignal(controller.palette_changed, timeout=1000):
        Library(data_dir=data_dir).state.set_color_label("blue", "context")
    tools = controller.pane_tools(window.panes[0])
    assert tools is not None
    assert tools.toolbar.buttons["blue"].text() == "context"
    panel = controller.docks.panel  # type: ignore[union-attr]
    assert panel.color.itemText(panel.color.findData("blue")) == "context (blue)"


def _notes_on_the_left(
    make_window: WindowFactory, qtbot: QtBot
) -> tuple[MainWindow, NotesDock, ReadingPane, ReadingPane]:
    """A window whose notes dock is ready on the left pane's document."""
    window = make_window()
    ready(qtbot, window)
    notes = window.highlighting.docks.notes  # type: ignore[union-attr]
    left, right = window.panes
    assert left.doc_id and right.doc_id
    window.set_active_pane(left)
    qtbot.waitUntil(
        lambda: notes.doc_id == left.doc_id and notes.editor.isEnabled(), timeout=TIMEOUT
    )
    return window, notes, left, right


def test_notes_typed_just_before_closing_or_switching_are_saved(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window, notes, left, right = _notes_on_the_left(make_window, qtbot)
    qtbot.keyClicks(notes.editor, "on the left")
    with qtbot.waitSignal(notes.saved, timeout=TIMEOUT):
        window.set_active_pane(right)  # before the save delay ran out
    assert notes.doc_id == right.doc_id
    left_note = window.library.highlights.note(left.doc_id)
    assert left_note is not None and left_note.text == "on the left"
    qtbot.waitUntil(notes.editor.isEnabled, timeout=TIMEOUT)
    assert notes.editor.toPlainText() == ""
    qtbot.keyClicks(notes.editor, "on the right")
    window.close()  # at once: the pending save is written before the window goes
    right_note = Library().highlights.note(right.doc_id)
    assert right_note is not None and right_note.text == "on the right"


def test_a_save_still_running_never_counts_as_a_change_elsewhere(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window, notes, left, right = _notes_on_the_left(make_window, qtbot)
    qtbot.keyClicks(notes.editor, "draft")
    notes.save()  # in flight on the io lane ...
    qtbot.keyClicks(notes.editor, " two")
    with qtbot.waitSignal(notes.saved, timeout=TIMEOUT, check_params_cb=lambda d: d == left.doc_id):
        window.set_active_pane(right)  # ... when the user switches documents

    def left_text() -> str:
        note = window.library.highlights.note(left.doc_id or "")
        return note.text if note else ""

    qtbot.waitUntil(lambda: left_text() == "draft two", timeout=TIMEOUT)
    qtbot.waitUntil(notes.editor.isEnabled, timeout=TIMEOUT)
    qtbot.keyClicks(notes.editor, "right one")
    notes.save()
    qtbot.keyClicks(notes.editor, ", right two")
    window.close()  # the synchronous save on closing meets the one still running
    stored = Library().highlights.note(right.doc_id)
    assert stored is not None and stored.text == "right one, right two"
    assert left_text() == "draft two"


def test_panel_sorts_by_document_and_place_or_by_the_column_clicked(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    ids = _seed(Library())
    window = make_window()
    ready(qtbot, window)
    panel = window.highlighting.docks.panel  # type: ignore[union-attr]
    panel.scope.setCurrentIndex(WHOLE_LIBRARY)
    order = [h.id for h in panel.visible_highlights()]
    # Orphans first; then by document title (Norway's before "Regional …"), place in it.
    assert order == [ids["lost"], ids["a"], ids["b"], ids["c"]]
    panel.tree.sortByColumn(HighlightsModel.NOTE, Qt.SortOrder.DescendingOrder)
    assert panel.visible_highlights()[0].id == ids["a"]  # the only one with a note


def test_highlights_model_passes_the_model_tester(qtmodeltester: object, qtbot: QtBot) -> None:
    from reader.ui.models.highlights_model import HighlightRow, HighlightsModel

    library = Library()
    ids = _seed(library)
    model = HighlightsModel()
    rows = [HighlightRow(h, h.doc_id, h.color) for h in library.highlights.list()]
    model.set_rows(rows)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    left_rows = [r for r in rows if r.highlight.doc_id == LEFT]
    model.replace_document(LEFT, left_rows[:1])
    assert model.rowCount() == 3
    assert ids["b"] not in {r.highlight.id for r in model.rows()}
    qtmodeltester.check(model)  # type: ignore[attr-defined]
