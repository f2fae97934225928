"""The window stays responsive: mention formats only for what is on screen, a document's facts
read off the UI thread, and the event loop running while a document loads (issue 27)."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.library import Library
from reader.library.sources import CorpusSource
from reader.ui.actors_feature import ActorsFeature
from reader.ui.app import build_window
from reader.ui.mentions import ACTOR_LAYER
from reader.ui.tasks import TaskManager
from reader.ui.views.range_marks import sorted_spans
from reader.ui.views.text_view import ReadingView
from tests.ui.conftest import WindowFactory

NORWAY_DOC = "norway-peace-diplomacy"


def _long_view(qtbot: QtBot, passages: int) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    text = "\n\n".join(f"{i}. Envoys met in Doha late into the night." for i in range(passages))
    view.set_document(build_document(DocumentMeta(DocId("long"), "long.txt", "Long"), text))
    return view


def test_span_formats_are_made_only_for_the_mentions_drawn(qtbot: QtBot) -> None:
    view = _long_view(qtbot, 5_000)
    made: list[Hashable] = []

    def make(key: Hashable) -> QTextCharFormat:
        made.append(key)
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        return fmt

    doc = view.doc
    assert doc is not None
    # Every passage's mention has a key of its own: one format per key drawn.
    spans = sorted_spans((p.start, p.start + 6, ("actor", p.index)) for p in doc.passages)
    view.marks.set_spans("mentions", spans, make)
    view.marks.apply_now()
    drawn = len(view.extraSelections())
    assert 0 < drawn == len(made) < 100
    with qtbot.waitSignal(view.marks.applied, timeout=2000):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert ("actor", doc.passages[-1].index) in made
    assert len(made) < 200  # the top screen and the bottom one, not 5,000
    first = view.marks.ranges_at("mentions", doc.passages[0].start)
    assert first and first[0][2].fontUnderline()


def test_a_documents_facts_are_read_off_the_ui_thread(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    feature = window.findChild(ActorsFeature)
    assert isinstance(feature, ActorsFeature)
    controller = feature.controller
    # Extraction starts after the first paint: wait until every document has its facts.
    qtbot.waitUntil(lambda: not window.library.actors.pending(), timeout=60_000)
    if controller.running:
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            pass
    ui_thread = threading.get_ident()
    readers: list[int] = []
    facts_of = window.library.actors.facts

    def spy(doc_id: str) -> object:
        readers.append(threading.get_ident())
        return facts_of(doc_id)

    monkeypatch.setattr(window.library.actors, "facts", spy)
    shown = {p.doc_id for p in window.panes}
    other = next(d for d in window.library.documents.ids() if d not in shown)
    # Other documents' facts may still be arriving (the panes' own): wait for this one's.
    with qtbot.waitSignal(
        controller.facts_loaded, timeout=5000, check_params_cb=lambda doc_id: doc_id == other
    ):
        assert controller.cached_facts(other) is None  # asks, never waits
    facts = controller.cached_facts(other)
    assert facts is not None and facts.actors.document.id == other
    assert readers and ui_thread not in readers


def test_the_event_loop_runs_while_a_document_loads(
    qtbot: QtBot, corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    loading = threading.Event()
    load = CorpusSource.load

    def slow_load(self: CorpusSource, meta: DocumentMeta) -> Document:
        if meta.id == NORWAY_DOC:
            loading.set()
            release.wait(10)  # a huge file on a slow disk
        return load(self, meta)

    monkeypatch.setattr(CorpusSource, "load", slow_load)
    library = Library(corpus_dir, data_dir)
    tasks = TaskManager()
    window = build_window(library, tasks)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        window.open_document(NORWAY_DOC)
        qtbot.waitUntil(loading.is_set, timeout=5000)
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(5)
        # While the io lane is inside the load: the UI thread reads the library and ticks.
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)
        assert library.documents.metadata(NORWAY_DOC).id == NORWAY_DOC
        assert [d for d in library.documents.ids() if d == NORWAY_DOC]
        assert window.active_pane().pending is not None and not release.is_set()
        timer.stop()
        with qtbot.waitSignal(window.document_opened, timeout=10_000):
            release.set()
        assert window.active_pane().doc_id == NORWAY_DOC
    finally:
        release.set()
        window.close()
        library.actors.close()
        tasks.shutdown()


def test_marks_arrive_after_the_facts_for_an_open_pane(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    feature = window.findChild(ActorsFeature)
    assert isinstance(feature, ActorsFeature)
    pane = window.active_pane()
    assert pane.doc is not None
    qtbot.waitUntil(lambda: ACTOR_LAYER in pane.view.marks.layer_names(), timeout=30_000)
    # The other pane's marks may arrive meanwhile: wait for this pane's.
    with qtbot.waitSignal(
        feature.mentions.marked, timeout=5000, check_params_cb=lambda marked: marked is pane
    ):
        feature.mentions.mark(pane)


def test_facts_read_while_the_document_is_extracted_again_are_read_once_more(
    qtbot: QtBot, corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.extraction import ExtractionController

    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    library = Library(corpus_dir, data_dir)
    tasks = TaskManager()
    controller = ExtractionController(library, tasks)
    try:
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            controller.start()
        gate, entered = threading.Event(), threading.Event()
        reads: list[str] = []
        facts_of = library.actors.facts

        def slow_facts(doc_id: str) -> object:
            reads.append(doc_id)
            if len(reads) == 1:
                entered.set()
                gate.wait(10)  # a slow read, overtaken by the document's new results
            return facts_of(doc_id)

        monkeypatch.setattr(library.actors, "facts", slow_facts)
        assert controller.cached_facts(NORWAY_DOC) is None
        assert entered.wait(5)
        # The gazetteer changed: every document is extracted again.
        library.actors.add_gazetteer_entry("Zorblax Quendt", "person")
        extracted = controller.document_extracted
        with qtbot.waitSignal(extracted, timeout=30_000, check_params_cb=lambda d: d == NORWAY_DOC):
            controller.start([NORWAY_DOC])
        with qtbot.waitSignal(controller.facts_loaded, timeout=10_000):
            gate.set()
        assert reads == [NORWAY_DOC, NORWAY_DOC]
        assert controller.cached_facts(NORWAY_DOC) is not None
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            pass
    finally:
        gate.set()
        tasks.shutdown()


def test_a_result_delivered_after_the_lanes_stopped_extracts_nothing_more(
    qtbot: QtBot, corpus_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui.extraction import ExtractionController

    monkeypatch.setenv("READER_EXTRACT_MODEL", "off")
    library = Library(corpus_dir, data_dir)
    tasks = TaskManager()
    controller = ExtractionController(library, tasks)
    extracted: list[str] = []
    controller.document_extracted.connect(extracted.append)
    entered, gate = threading.Event(), threading.Event()
    extract_now = library.actors.extract_now

    def held(doc_ids: list[str]) -> None:
        if extracted:  # the second document: in flight when the window closes
            entered.set()
            gate.wait(10)
        extract_now(doc_ids)

    monkeypatch.setattr(library.actors, "extract_now", held)
    with qtbot.waitSignal(controller.document_extracted, timeout=30_000):
        controller.start()
    assert entered.wait(10)
    threading.Timer(0.2, gate.set).start()
    tasks.shutdown()  # the window closed: waits for the document in flight, whose result queues
    with qtbot.waitSignal(controller.document_extracted, timeout=5000):
        pass  # its result is delivered; nothing more is extracted, here or anywhere
    assert not controller.running
    assert len(extracted) == 2 < len(library.documents.ids())
