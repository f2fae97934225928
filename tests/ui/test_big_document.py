"""A big document goes into the reading view by pieces while the window goes on (issue 27)."""

from __future__ import annotations

import gc
import itertools

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.ui.extraction import built_uncollected
from reader.ui.main_window import MainWindow
from reader.ui.views import pane as pane_module
from reader.ui.views import stepwise_text
from reader.ui.views.pane import ReadingPane
from reader.ui.views.stepwise_text import text_pieces
from reader.ui.views.text_view import ReadingView


def _text() -> str:
    paragraphs = []
    for n in range(120):
        if n % 10 == 3:
            paragraphs.append(f"هفته آینده کابل نشست {n} 😀 برگزار می‌شود.")
        else:
            paragraphs.append(f"Paragraph {n}: talks in Doha 😀 resumed, said the envoy.\r\nMore.")
    return "\n\n".join(paragraphs) + "\n"


def _doc(text: str, doc_id: str = "big") -> Document:
    return build_document(DocumentMeta(id=DocId(doc_id), file=f"{doc_id}.txt", title=doc_id), text)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document above 1,000 characters goes in by pieces of about 300."""
    monkeypatch.setattr(stepwise_text, "PIECE_CHARS", 300)
    monkeypatch.setattr(pane_module, "STEPWISE_CHARS", 1_000)


def test_pieces_cover_the_text_and_end_after_a_line_break() -> None:
    text = _text()
    pieces = list(text_pieces(text, 300))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(text[end - 1] == "\n" for _start, end in pieces[:-1])
    assert all(end - start >= 300 for start, end in pieces[:-1])
    assert list(text_pieces("", 300)) == []
    assert list(text_pieces("one long line", 3)) == [(0, 13)]


def _pane(qtbot: QtBot) -> ReadingPane:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    return pane


def _layout(view: ReadingView) -> list[tuple[bool, Qt.LayoutDirection]]:
    block, found = view.document().begin(), []
    while block.isValid():
        found.append((block.isVisible(), block.blockFormat().layoutDirection()))
        block = block.next()
    return found


def test_a_big_text_shows_as_the_same_text_with_the_window_running_between_pieces(
    qtbot: QtBot, small_pieces: None
) -> None:
    doc = _doc(_text())
    pane = _pane(qtbot)
    at_once = ReadingView()
    qtbot.addWidget(at_once)
    at_once.resize(pane.view.size())
    at_once.show()
    at_once.set_document(doc)
    ticks: list[int] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start(0)
    pane.show_loading(doc.meta, 0)
    offset = doc.text.index("Paragraph 60")
    with qtbot.waitSignal(pane.document_loaded, timeout=10_000):
        pane.set_document(doc, offset)
        assert pane.pending is not None and pane.doc is None  # loading: nothing to act on yet
        qtbot.waitUntil(lambda: "Loading…" in pane.header.details.text() and "%" in (
            pane.header.details.text()))
    ticker.stop()
    assert len(ticks) > 10  # the event loop ran between the pieces
    assert pane.pending is None and pane.doc is doc
    assert pane.view.document().toRawText() == at_once.document().toRawText()
    assert pane.view.positions._wide == at_once.positions._wide
    assert _layout(pane.view) == _layout(at_once)  # right to left and folded alike
    at_once.go_to(offset, reveal=False)
    assert pane.view.position_offset() == offset
    assert pane.view.top_offset() == at_once.top_offset()
    assert "Loading" not in pane.header.details.text()


def test_a_second_jump_while_the_text_goes_in_lands_where_the_last_one_asked(
    qtbot: QtBot, small_pieces: None
) -> None:
    doc = _doc(_text())
    pane = _pane(qtbot)
    pane.show_loading(doc.meta, 0)
    pane.set_document(doc, 0)
    target = doc.text.index("Paragraph 90")
    pane.show_loading(doc.meta, target)
    with qtbot.waitSignal(pane.document_loaded, timeout=10_000) as opened:
        pane.set_document(_doc(doc.text), target)
    assert opened.args == ["big"]
    assert pane.view.position_offset() == target


def test_another_document_opened_meanwhile_stops_the_big_text(
    qtbot: QtBot, small_pieces: None
) -> None:
    big = _doc(_text())
    pane = _pane(qtbot)
    loaded: list[str] = []
    pane.document_loaded.connect(loaded.append)
    pane.show_loading(big.meta, 0)
    pane.set_document(big, 0)
    small = _doc("A short text.\n", "small")
    pane.show_loading(small.meta, 0)
    assert pane.view.loading is None
    pane.set_document(small, 0)
    qtbot.wait(50)
    assert loaded == ["small"]
    assert pane.view.toPlainText() == "A short text.\n"


def test_the_window_opens_a_big_document_by_pieces(
    window: MainWindow, qtbot: QtBot, small_pieces: None
) -> None:
    pane = window.panes[0]
    doc_id = next(d for d in window.library.documents.ids() if d != pane.doc_id)
    with qtbot.waitSignal(window.document_opened, timeout=10_000):
        window.open_document(doc_id, pane)
        qtbot.waitUntil(lambda: pane.view.loading is not None, timeout=5_000)
    assert pane.doc is not None and pane.doc.id == doc_id
    at_once = ReadingView()
    qtbot.addWidget(at_once)
    at_once.set_document(pane.doc)
    assert pane.view.document().toRawText() == at_once.document().toRawText()
    assert pane.view.document().toRawText().replace("\u2029", "\n") == pane.doc.text


def test_facts_are_built_with_the_collector_paused_and_then_frozen() -> None:
    seen: list[bool] = []

    def build() -> list[list[int]]:
        seen.append(gc.isenabled())
        return [[n] for n in range(1000)]

    made = built_uncollected(build)
    assert seen == [False] and gc.isenabled()
    scanned = {id(o) for o in gc.get_objects()}  # the frozen ones are in no generation
    assert not any(id(item) in scanned for item in made)
    with pytest.raises(ZeroDivisionError):
        built_uncollected(lambda: 1 // 0)
    assert gc.isenabled()
