"""A PDF read as its pages: the toggle, the place kept across views, highlights made on the
page, jumps, paging, and the render cache's bound."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader.library import ImportOptions, Library
from reader.ui.main_window import MainWindow
from reader.ui.mentions import ACTOR_LAYER, DATE_LAYER
from reader.ui.page_mode import STATE_KEY, PageMode
from reader.ui.views.page_view import PageView
from reader.ui.views.pane import ReadingPane
from tests.ui.conftest import WindowFactory, show_document
from tests.unit import paged_files as make


@pytest.fixture
def pdf_doc(tmp_path: Path, corpus_dir: Path, data_dir: Path) -> str:
    pdf = make.report_pdf(tmp_path / "report.pdf", pages=6)
    [result] = Library(corpus_dir, data_dir).imports.import_paths([pdf], options=ImportOptions())
    assert result.doc_id is not None, result.error
    return result.doc_id


def page_mode(qtbot: QtBot, window: MainWindow) -> PageMode:
    qtbot.waitUntil(lambda: window.findChild(PageMode) is not None, timeout=5000)
    found = window.findChild(PageMode)
    assert found is not None
    return found


def open_pages(qtbot: QtBot, window: MainWindow, doc_id: str) -> tuple[ReadingPane, PageView]:
    """Open the PDF in the active pane and switch it to its pages (the header's button)."""
    page_mode(qtbot, window)
    pane = window.active_pane()
    show_document(qtbot, window, doc_id, pane)
    button = pane.header.pages_button
    qtbot.waitUntil(button.isVisible, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.page_mode and pane.pages is not None
    view = pane.pages.view
    qtbot.waitUntil(lambda: len(view.cache) > 0, timeout=10_000)  # a page was rendered
    return pane, view


def centre(view: PageView, start: int, end: int, last: bool = False) -> QPoint:
    rects = view.viewport_rects(start, end)
    return (rects[-1] if last else rects[0]).center().toPoint()


def test_the_toggle_shows_pages_and_is_remembered_per_document(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    feature = page_mode(qtbot, window)
    pane, view = open_pages(qtbot, window, pdf_doc)
    assert feature.toggle_action.isChecked() and feature.toggle_action.isEnabled()
    assert window.extra_state[STATE_KEY] == {"docs": [pdf_doc]}
    image = next(iter(view.cache._images.values()))
    assert image.width() >= view.page_rect(0).width() * view.devicePixelRatioF() - 1
    corpus_doc = window.library.documents.ids()[0]
    show_document(qtbot, window, corpus_doc, pane)
    qtbot.waitUntil(lambda: not pane.header.pages_button.isVisible(), timeout=5000)
    assert not pane.page_mode and not feature.toggle_action.isEnabled()
    show_document(qtbot, window, pdf_doc, pane)
    qtbot.waitUntil(lambda: pane.page_mode, timeout=5000)  # remembered for this document
    feature.toggle_action.trigger()  # View › Show pages, off
    assert not pane.page_mode and window.extra_state[STATE_KEY] == {"docs": []}


def test_switching_views_keeps_the_passage(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    doc = pane.doc
    assert doc is not None
    pane.show_pages(False)
    # The second paragraph of page 3, low in its left column: the text puts it at the top.
    target = next(
        i for i, p in enumerate(doc.passages)
        if doc.text.startswith("A second paragraph", p.start) and p.page == "iii"
    )
    pane.view.go_to(doc.passages[target].start)
    qtbot.waitUntil(lambda: pane.current_passage() == target, timeout=3000)
    pane.show_pages(True)
    assert view.current_page() == 2
    qtbot.waitUntil(lambda: pane.current_passage() == target, timeout=3000)
    # Scrolled on the pages to page 5: its first body passage is current, and stays so.
    view.go_to_page(4)
    first = next(i for i, p in enumerate(doc.passages) if p.page == "v" and not p.chrome)
    qtbot.waitUntil(lambda: pane.current_passage() == first, timeout=3000)
    pane.show_pages(False)
    qtbot.waitUntil(lambda: pane.current_passage() == first, timeout=3000)
    assert pane.view.top_offset() <= doc.passages[first].start


def test_a_highlight_made_on_the_page_has_the_quote_the_text_gives(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    doc = pane.doc
    assert doc is not None
    start = doc.text.index("The delegations met")
    end = doc.text.index("timetable", start) + len("timetable")  # over a line break
    view.go_to(start)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, start, start + 1))
    qtbot.mouseMove(view.viewport(), centre(view, end - 1, end))
    with qtbot.waitSignal(window.highlighting.highlights_changed, timeout=5000):
        qtbot.mouseRelease(
            view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, end - 1, end)
        )
    [made] = window.library.highlights.list(doc.id)
    assert (made.start, made.end) == (start, end)
    assert made.quote == doc.text[start:end]
    # The same characters selected in the text make the same quote.
    assert view._highlights == [(start, end, made.color)]  # drawn on the page
    pane.show_pages(False)
    pane.view.select_range(start, end)
    assert pane.selected_offsets() == (made.start, made.end)


def test_a_click_on_a_highlight_on_the_page_edits_it_in_place(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    doc = pane.doc
    assert doc is not None
    start = doc.text.index("exchange of prisoners")
    end = start + len("exchange of prisoners")
    made = window.library.highlights.add(doc.id, start, end, color="green")
    qtbot.waitUntil(lambda: view._highlights == [(start, end, "green")], timeout=5000)
    view.go_to(start)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, start, end))
    editor = page_mode(qtbot, window).editor(pane)
    assert editor is not None and editor.isVisible()
    assert editor.highlight is not None and editor.highlight.id == made.id
    with qtbot.waitSignal(window.highlighting.highlights_changed, timeout=5000):
        window.highlighting.set_color(made.id, "pink")
    qtbot.waitUntil(lambda: view._highlights == [(start, end, "pink")], timeout=5000)
    assert editor.highlight is not None and editor.highlight.color == "pink"
    far = view.viewport().rect().bottomRight() - QPoint(5, 5)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=far)
    assert not editor.isVisible()


def test_mentions_are_underlined_on_the_page_with_the_text_views_toggle(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    marks = pane.view.marks
    qtbot.waitUntil(lambda: bool(marks.ranges_between(ACTOR_LAYER, 0, 10**9)), timeout=30_000)
    marked = {(s, e) for s, e, _f in marks.ranges_between(ACTOR_LAYER, 0, 10**9)}
    qtbot.waitUntil(lambda: marked <= {(s, e) for s, e, _c in view._underlines}, timeout=5000)
    doc = pane.doc
    assert doc is not None
    start, _end = next(iter(sorted(marked)))
    view.go_to(start)
    assert view._underline_boxes(view.pages.page_of(start) if view.pages else 0)
    marks.set_layer_visible(ACTOR_LAYER, False)  # what View's mention toggle does
    marks.set_layer_visible(DATE_LAYER, False)
    assert view._underlines == []


def test_a_double_click_highlights_a_word(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    doc = pane.doc
    assert doc is not None
    start = doc.text.index("Doha")
    view.go_to(start)
    with qtbot.waitSignal(window.highlighting.highlights_changed, timeout=5000):
        qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, start + 1, start + 2)
        )
    [made] = window.library.highlights.list(doc.id)
    assert made.quote == "Doha"


def test_jump_to_lands_on_the_page_with_the_target_flashed(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    doc = pane.doc
    assert doc is not None
    start = doc.text.index("Oslo", doc.text.index("Page 4 begins"))
    window.jump_to(doc.id, start, start + 4, pane=pane)
    assert view.current_page() == 3
    assert view.flashing() == (start, start + 4)
    assert view.viewport_rects(start, start + 4)  # on screen
    qtbot.waitUntil(lambda: view.flashing() is None, timeout=5000)


def test_paging_keys_and_the_page_box(
    qtbot: QtBot, make_window: WindowFactory, pdf_doc: str
) -> None:
    window = make_window()
    pane, view = open_pages(qtbot, window, pdf_doc)
    assert pane.pages is not None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page() == 1
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page() == 2 and pane.pages.page_box.value() == 3
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current_page() == 1
    pane.pages.page_box.setValue(6)  # Go to page
    assert view.current_page() == 5
    pane.pages.fit_page.click()
    assert view.page_rect(0).height() <= view.viewport().height()
    assert pane.pages.zoom_label.text() == f"{round(view.zoom * 100)}%"
    before = view.zoom
    pane.pages.zoom_in.click()
    assert view.mode == "zoom" and view.zoom > before
    assert pane.pages.zoom_label.text() == f"{round(view.zoom * 100)}%"
    pane.pages.fit_width.click()
    assert abs(view.page_rect(0).width() - (view.viewport().width() - 24)) < 2


def test_the_render_cache_stays_within_its_bound_while_scrolling(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, corpus_dir: Path, data_dir: Path
) -> None:
    pdf = make.plain_pdf(tmp_path / "long.pdf", [f"Page {n} of the long one." for n in range(80)])
    [result] = Library(corpus_dir, data_dir).imports.import_paths([pdf])
    assert result.doc_id is not None
    window = make_window()
    _pane, view = open_pages(qtbot, window, result.doc_id)
    one_page = next(iter(view.cache._images.values())).sizeInBytes()
    view.cache.bound = one_page * 4
    view.cache.clear()
    view.cache.peak = 0
    for page in range(80):
        view.go_to_page(page)
        key = (page, round(view.scale() * 1000))
        qtbot.waitUntil(lambda k=key: view.cache.get(k) is not None, timeout=10_000)
        assert view.cache.nbytes <= view.cache.bound
    assert one_page * 3 <= view.cache.peak <= view.cache.bound
    assert len(view.cache) <= 4
