"""The actors-and-dates pane: following the passage, from an actor to its passages, mentions."""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from reader.core.actors import ACTOR_KINDS
from reader.core.date_words import date_in_words
from reader.library import Library
from reader.ui.actors_feature import ActorsFeature
from reader.ui.extraction import ExtractionController
from reader.ui.main_window import MainWindow
from reader.ui.mentions import ACTOR_LAYER, ACTOR_PROPERTY
from reader.ui.models.actors_model import ActorsModel, date_label
from reader.ui.tasks import TaskManager
from reader.ui.views.pane import ReadingPane
from reader.ui.views.range_marks import FLASH
from tests.ui.conftest import WindowFactory

NORWAY_DOC = "norway-peace-diplomacy"


@pytest.fixture
def feature(make_window: WindowFactory, qtbot: QtBot) -> ActorsFeature:
    """A window on the bundled corpus with the library extracted."""
    window = make_window()
    found = window.findChild(ActorsFeature)
    assert isinstance(found, ActorsFeature)
    controller = found.controller
    if controller.running or len(controller.done) < len(window.library.documents.ids()):
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            pass
    # The marks are built on a worker after the facts arrive: wait for the open panes' marks.
    shown = [p for p in window.panes if p.doc is not None]
    qtbot.waitUntil(
        lambda: all(ACTOR_LAYER in p.view.marks.layer_names() for p in shown), timeout=10_000
    )
    return found


def _point_of(pane: ReadingPane, offset: int) -> QPoint:
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.positions.to_qt(offset))
    return pane.view.cursorRect(cursor).center()


def _passage_with_actors_and_dates(library: Library, doc_id: str) -> int:
    actors = library.actors.extract(doc_id).passages
    dates = library.actors.passage_dates(doc_id)
    return next(i for i, (a, d) in enumerate(zip(actors, dates, strict=True)) if a.actors and d)


def _click_passage(qtbot: QtBot, window: MainWindow, pane: ReadingPane, index: int) -> None:
    assert pane.doc is not None
    passage = pane.doc.passages[index]
    pane.view.go_to(passage.start)
    if pane.current_passage() == index and window.active_pane() is pane:
        return
    with qtbot.waitSignal(window.passage_changed, timeout=3000):
        qtbot.mouseClick(
            pane.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, passage.start + 1)
        )


def test_moving_the_current_passage_fills_the_pane(feature: ActorsFeature, qtbot: QtBot) -> None:
    window, library = feature.window, feature.window.library
    pane = window.panes[0]
    assert pane.doc_id == NORWAY_DOC
    index = _passage_with_actors_and_dates(library, NORWAY_DOC)
    _click_passage(qtbot, window, pane, index)
    expected = library.actors.extract(NORWAY_DOC).passages[index].actors
    counts = library.actors.counts()
    model = feature.pane.model
    shown = [(r.actor.id, r.library_count) for r in model.rows()]
    by_kind = [am for kind in ACTOR_KINDS for am in expected if am.actor.kind == kind]
    assert shown == [(am.actor.id, counts[am.actor.id][1]) for am in by_kind]
    kinds = [model.index(g, 0).data(ActorsModel.KindRole) for g in range(model.rowCount())]
    assert kinds == [k for k in ACTOR_KINDS if any(am.actor.kind == k for am in expected)]
    dates = library.actors.passage_dates(NORWAY_DOC)[index]
    listed = [feature.pane.dates.index(r).data() for r in range(feature.pane.dates.rowCount())]
    assert listed == [date_label(d) for d in dates]
    assert any(date_in_words(d.value, d.mod) in text for d, text in zip(dates, listed, strict=True))
    assert f"¶{index + 1}" in feature.pane.place.text()

    # The next passage replaces them.
    other = next(
        i
        for i, p in enumerate(library.actors.extract(NORWAY_DOC).passages)
        if i > index and p.actors and p.actor_ids() != [am.actor.id for am in expected]
    )
    _click_passage(qtbot, window, pane, other)
    ids = {r.actor.id for r in model.rows()}
    assert ids == set(library.actors.extract(NORWAY_DOC).passages[other].actor_ids())


def test_the_dates_read_in_words(feature: ActorsFeature, qtbot: QtBot) -> None:
    window, library = feature.window, feature.window.library
    dates = library.actors.passage_dates(NORWAY_DOC)
    index = next(i for i, ds in enumerate(dates) if any(d.value and "/" in d.value for d in ds))
    _click_passage(qtbot, window, window.panes[0], index)
    listed = [feature.pane.dates.index(r).data() for r in range(feature.pane.dates.rowCount())]
    assert any(text.startswith("23–25 January 2022") for text in listed)


def _activate_actor(qtbot: QtBot, feature: ActorsFeature, actor_id: str, narrow: bool) -> None:
    tree = feature.pane.tree
    index = feature.pane.model.index_of(actor_id)
    assert index.isValid(), f"{actor_id} is not in the pane"
    tree.setCurrentIndex(index)
    modifier = Qt.KeyboardModifier.ControlModifier if narrow else Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(feature.pane.results.modelReset, timeout=10_000):
        qtbot.keyClick(tree, Qt.Key.Key_Return, modifier)


def _show_passage_naming(qtbot: QtBot, feature: ActorsFeature, actor_ids: set[str]) -> int:
    window, library = feature.window, feature.window.library
    passages = library.actors.extract(NORWAY_DOC).passages
    index = next(i for i, p in enumerate(passages) if actor_ids <= set(p.actor_ids()))
    _click_passage(qtbot, window, window.panes[0], index)
    return index


def test_an_actor_lists_its_passages_and_a_result_opens_in_the_other_pane(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    window, library = feature.window, feature.window.library
    _show_passage_naming(qtbot, feature, {"norway"})
    _activate_actor(qtbot, feature, "norway", narrow=False)
    matches = feature.pane.results.matches()
    expected = library.actors.passages("norway")
    assert [(m.document.id, m.passage.index) for m in matches] == [
        (o.document.id, o.passage.index) for o in expected
    ]
    assert len({m.document.id for m in matches}) >= 2
    dates = [m.document.meta.published or "~" for m in matches]
    assert dates == sorted(dates)
    for row, match in enumerate(matches):
        mention = match.mentions[0].mentions[0]
        emphasised = f"<b>{html.escape(match.document.text[mention.start : mention.end])}</b>"
        assert emphasised in feature.pane.results.index(row).data(feature.pane.results.HtmlRole)

    # A passage of the document in the right-hand pane: it opens there, at its start, flashed.
    row = next(i for i, m in enumerate(matches) if m.document.id != NORWAY_DOC)
    target = matches[row]
    right = window.panes[1]
    assert window.active_pane() is window.panes[0]
    before = window.current_step()
    view = feature.pane.results_view
    rect = view.visualRect(feature.pane.results.index(row))
    view.scrollTo(feature.pane.results.index(row))
    rect = view.visualRect(feature.pane.results.index(row))
    with qtbot.waitSignal(window.history_changed, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert right.doc_id == target.document.id
    assert right.place().offset == target.passage.start
    assert window.active_pane() is right
    assert right.view.marks.ranges_between(FLASH, target.passage.start, target.passage.end)
    assert window.panes[0].doc_id == NORWAY_DOC  # the passage being read stays beside it

    # One step of history: Back returns to where the reader was.
    window.go_back()
    assert window.current_step() == before


def test_a_result_in_a_document_not_shown_replaces_the_other_pane(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    window = feature.window
    _show_passage_naming(qtbot, feature, {"taliban"})
    _activate_actor(qtbot, feature, "taliban", narrow=False)
    shown = {p.doc_id for p in window.panes}
    matches = feature.pane.results.matches()
    row = next(i for i, m in enumerate(matches) if m.document.id not in shown)
    target = matches[row]
    feature.pane.results_view.setCurrentIndex(feature.pane.results.index(row))
    with qtbot.waitSignal(window.document_opened, timeout=5000) as opened:
        qtbot.keyClick(feature.pane.results_view, Qt.Key.Key_Return)
    pane, doc_id = opened.args
    assert pane is window.panes[1] and doc_id == target.document.id
    assert pane.place().offset == target.passage.start
    assert window.panes[0].doc_id == NORWAY_DOC


def test_a_second_actor_narrows_to_passages_naming_both(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    library = feature.window.library
    _show_passage_naming(qtbot, feature, {"norway", "taliban"})
    _activate_actor(qtbot, feature, "norway", narrow=False)
    norway_only = len(feature.pane.results.matches())
    _activate_actor(qtbot, feature, "taliban", narrow=True)
    both = feature.pane.results.matches()
    assert 0 < len(both) < norway_only
    for match in both:
        ids = library.actors.extract(match.document.id).passages[match.passage.index]
        assert {"norway", "taliban"} <= set(ids.actor_ids())
    assert [c.text().split()[0] for c in feature.pane.chips.chips] == ["Norway", "Taliban"]
    # Removing a chip widens the list again.
    with qtbot.waitSignal(feature.pane.results.modelReset, timeout=10_000):
        feature.pane.chips.chips[1].click()
    assert len(feature.pane.results.matches()) == norway_only


def _first_mention(feature: ActorsFeature, actor_id: str) -> tuple[int, int]:
    facts = feature.controller.facts(NORWAY_DOC)
    return next(
        (m.start, m.end)
        for p in facts.actors.passages
        for am in p.actors
        if am.actor.id == actor_id
        for m in am.mentions
    )


def test_hovering_a_mention_names_its_actor_and_clicking_selects_it(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    pane = feature.window.panes[0]
    start, _end = _first_mention(feature, "taliban")
    pane.view.go_to(start)
    point = _point_of(pane, start + 1)
    viewport = pane.view.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    assert QToolTip.text().startswith("Taliban — group")
    assert re.search(r"· \d+ passages? in the library", QToolTip.text())
    with qtbot.waitSignal(feature.pane.actor_selected, timeout=3000) as selected:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert selected.args == ["taliban"]
    assert feature.pane.selected_actor() == "taliban"


def test_hovering_a_date_shows_its_value_in_words(feature: ActorsFeature, qtbot: QtBot) -> None:
    pane = feature.window.panes[0]
    dates = feature.window.library.actors.passage_dates(NORWAY_DOC)
    date = next(d for ds in dates for d in ds if d.value and "/" in d.value)
    pane.view.go_to(date.start)
    point = _point_of(pane, date.start + 1)
    viewport = pane.view.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    assert QToolTip.text() == f"23–25 January 2022 ({date.value})"


def _drawn_actor_marks(pane: ReadingPane) -> int:
    pane.view.marks.apply_now()
    return sum(
        1
        for s in pane.view.extraSelections()
        if s.format.property(ACTOR_PROPERTY)  # type: ignore[attr-defined]
    )


def test_the_mentions_toggle_hides_and_shows_the_marks(feature: ActorsFeature) -> None:
    pane = feature.window.panes[0]
    start, _ = _first_mention(feature, "norway")
    pane.view.go_to(start)
    assert pane.view.marks.ranges_at(ACTOR_LAYER, start)
    assert _drawn_actor_marks(pane) > 0
    feature.mentions_action.trigger()
    assert _drawn_actor_marks(pane) == 0
    assert feature.mentions.mention_at(pane, _point_of(pane, start + 1)) is None
    feature.mentions_action.trigger()
    assert _drawn_actor_marks(pane) > 0


def test_the_status_bar_reports_progress_and_reduced_recall(feature: ActorsFeature) -> None:
    text = feature.status.text()
    assert "5 documents" in text
    assert "recall is reduced" in text


@pytest.fixture
def controller(corpus_dir: Path, data_dir: Path, qtbot: QtBot) -> Iterator[ExtractionController]:
    tasks = TaskManager()
    yield ExtractionController(Library(corpus_dir, data_dir), tasks)
    tasks.shutdown()


def test_documents_arrive_one_by_one_those_being_read_first(
    controller: ExtractionController, qtbot: QtBot
) -> None:
    arrived: list[str] = []
    progress: list[tuple[int, int]] = []
    controller.document_extracted.connect(arrived.append)
    controller.progressed.connect(lambda done, total: progress.append((done, total)))
    counted: list[int] = []
    controller.counts_read.connect(lambda: counted.append(len(arrived)))
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start(["qatar-peace-dialogue"])
    # The counts are read with the first document and the last at least: the pane shows them.
    assert counted[0] == 1 and counted[-1] == 5
    assert arrived[0] == "qatar-peace-dialogue"
    assert sorted(arrived) == sorted(controller.library.documents.ids())
    assert progress == [(i, 5) for i in range(6)]
    actors, dates = controller.passage("qatar-peace-dialogue", 0)
    assert dates == controller.library.actors.passage_dates("qatar-peace-dialogue")[0]
    assert actors is not None and actors.passage_index == 0
    assert controller.count("taliban") == controller.library.actors.counts()["taliban"][1]
    assert any("recall is reduced" in w for w in controller.warnings)


def test_the_models_pass_the_model_tester(feature: ActorsFeature, qtmodeltester: object) -> None:
    check = qtmodeltester.check  # type: ignore[attr-defined]
    check(feature.pane.model)
    check(feature.pane.dates)
    check(feature.pane.results)


def test_f7_puts_the_keyboard_in_the_pane_and_enter_lists_passages(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    window = feature.window
    _show_passage_naming(qtbot, feature, {"norway"})
    feature.dock.hide()
    feature.focus_action.trigger()
    assert feature.dock.isVisible()
    qtbot.waitUntil(feature.pane.tree.hasFocus, timeout=3000)
    first = feature.pane.model.rows()[0].actor
    assert feature.pane.selected_actor() == first.id
    with qtbot.waitSignal(feature.pane.results.modelReset, timeout=10_000):
        qtbot.keyClick(feature.pane.tree, Qt.Key.Key_Return)
    assert [a.id for a in feature.pane.filter] == [first.id]
    assert len(feature.pane.results.matches()) == len(window.library.actors.passages(first.id))


@pytest.mark.slow
@pytest.mark.spacy_model
def test_with_the_model_extraction_runs_in_a_child_process(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.extract.model import MODEL_NAME
    from reader.extract.model_process import ProcessSpacyModel

    if importlib.util.find_spec(MODEL_NAME) is None:
        pytest.skip("the spaCy model is not installed")
    monkeypatch.delenv("READER_EXTRACT_MODEL")
    window = make_window()
    feature = window.findChild(ActorsFeature)
    assert isinstance(feature, ActorsFeature)
    try:
        if feature.controller.running or not feature.controller.done:
            with qtbot.waitSignal(feature.controller.finished, timeout=120_000):
                pass
        actors = window.library.actors
        # Resolution and the model ran in the extraction child, which stays up a while.
        assert actors.child_running()
        assert not actors.reduced_recall()
        assert "recall is reduced" not in feature.status.text()
        assert feature.controller.count("norway")
        # This process's extractor (corrections re-resolve here) would ask a child for spans.
        extractor = actors.extractor()
        assert isinstance(extractor.model, ProcessSpacyModel)
        assert extractor.model_runs == 0
    finally:
        window.library.actors.close()


def _click_actor(qtbot: QtBot, feature: ActorsFeature, actor_id: str, narrow: bool) -> None:
    tree = feature.pane.tree
    index = feature.pane.model.index_of(actor_id)
    tree.scrollTo(index)
    modifier = Qt.KeyboardModifier.ControlModifier if narrow else Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(feature.pane.results.modelReset, timeout=10_000):
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, modifier, tree.visualRect(index).center()
        )


def test_clicking_an_actor_lists_and_ctrl_click_narrows(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    library = feature.window.library
    _show_passage_naming(qtbot, feature, {"norway", "taliban"})
    _click_actor(qtbot, feature, "taliban", narrow=False)
    assert [a.id for a in feature.pane.filter] == ["taliban"]
    assert len(feature.pane.results.matches()) == len(library.actors.passages("taliban"))
    _click_actor(qtbot, feature, "norway", narrow=True)
    assert [a.id for a in feature.pane.filter] == ["taliban", "norway"]
    expected = library.actors.passages_mentioning(["taliban", "norway"])
    assert [(m.document.id, m.passage.index) for m in feature.pane.results.matches()] == [
        (m.document.id, m.passage.index) for m in expected
    ]


def test_clicking_a_mention_makes_the_results_follow_the_selected_actor(
    feature: ActorsFeature, qtbot: QtBot
) -> None:
    # Issue 25: the click selected Taliban while the results still listed Norway's passages.
    _show_passage_naming(qtbot, feature, {"norway", "taliban"})
    _activate_actor(qtbot, feature, "norway", narrow=False)
    assert [a.id for a in feature.pane.filter] == ["norway"]
    pane = feature.window.panes[0]
    start, _end = _first_mention(feature, "taliban")
    pane.view.go_to(start)
    with qtbot.waitSignal(feature.pane.results.modelReset, timeout=10_000):
        qtbot.mouseClick(
            pane.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, start + 1)
        )
    assert feature.pane.selected_actor() == "taliban"
    assert [a.id for a in feature.pane.filter] == ["taliban"]
    matches = feature.pane.results.matches()
    expected = feature.window.library.actors.passages("taliban")
    assert [(m.document.id, m.passage.index) for m in matches] == [
        (o.document.id, o.passage.index) for o in expected
    ]


def test_the_pane_is_rebuilt_when_what_it_shows_changes_not_per_document(
    feature: ActorsFeature, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 27: rebuilding the pane for every extracted document cost the UI thread at
    # thousands of documents; its counts change only when they are read again.
    window, controller = feature.window, feature.controller
    shown_doc = window.active_pane().doc_id
    other = next(d for d in window.library.documents.ids() if d != shown_doc)
    rebuilt: list[str] = []
    original = feature.pane.show_passage
    monkeypatch.setattr(
        feature.pane, "show_passage", lambda where, *a: (rebuilt.append(where), original(where, *a))
    )
    controller.document_extracted.emit(other)
    assert rebuilt == []
    controller.counts_read.emit()
    assert len(rebuilt) == 1
    controller.document_extracted.emit(shown_doc)
    assert len(rebuilt) == 2
