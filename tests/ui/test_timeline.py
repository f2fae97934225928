"""The timeline: the axis under the mouse and keys, marks laid out as the paint draws them, and
from a date to its passage in the window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.timeline import TimelineData, TimelineDocument, TimelineItem
from reader.core.timeline_layout import PUBLISHED_LANE, Mark
from reader.ui.main_window import MainWindow
from reader.ui.timeline_feature import TimelineFeature
from reader.ui.views.timeline_panel import TimelinePanel
from reader.ui.views.timeline_view import LEGEND_WIDTH, TimelineView
from tests.ui.conftest import WindowFactory

D = dt.date
NORWAY_DOC = "norway-peace-diplomacy"


def item(value: str, first: D, last: D, doc: str = "a", idx: int = 0, gran: str = "day",
         text: str = "then") -> TimelineItem:  # fmt: skip
    return TimelineItem(value, first, last, gran, doc, idx, 10 * idx, 10 * idx + 4, text,  # type: ignore[arg-type]
                        f"snippet of {doc} {idx}")  # fmt: skip


def sample() -> TimelineData:
    docs = (TimelineDocument("a", "Doc A", "2022-02-01", D(2022, 2, 1), D(2022, 2, 1)),
            TimelineDocument("b", "Doc B", None))  # fmt: skip
    items = (
        item("2022-01-15", D(2022, 1, 15), D(2022, 1, 15), "a", 1),
        item("2022-01", D(2022, 1, 1), D(2022, 1, 31), "a", 2, "month"),
        item("2021", D(2021, 1, 1), D(2021, 12, 31), "b", 3, "year"),
        item("2022-01-10/2022-01-20", D(2022, 1, 10), D(2022, 1, 20), "b", 4),
    )
    undated = (TimelineItem(None, None, None, "day", "b", 5, 0, 9, "that day"),)
    return TimelineData(docs, items, undated)


@pytest.fixture
def view(qtbot: QtBot) -> TimelineView:
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_data(sample())
    return widget


def _wheel(view: TimelineView, x: float, notches: int) -> None:
    pos = QPointF(x, 200)
    event = QWheelEvent(
        pos,
        QPointF(view.mapToGlobal(pos.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def _mouse(view: TimelineView, kind: QMouseEvent.Type, x: float, buttons: Qt.MouseButton) -> None:
    pos = QPointF(x, 150)
    event = QMouseEvent(
        kind,
        pos,
        QPointF(view.mapToGlobal(pos.toPoint())),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)


def test_the_axis_maps_dates_to_positions_and_back(view: TimelineView) -> None:
    assert view.axis.left == LEGEND_WIDTH
    for day in (D(2021, 1, 1), D(2022, 1, 15), D(2022, 2, 1)):
        x = view.axis.x_of(day)
        assert LEGEND_WIDTH <= x <= LEGEND_WIDTH + view.axis.width
        assert view.axis.date_at(x + 0.01) == day


def test_wheel_zooms_around_the_pointer_and_keys_zoom_and_pan(
    view: TimelineView, qtbot: QtBot
) -> None:
    x = view.axis.x_of(D(2022, 1, 1))
    before = view.axis.days_per_px
    _wheel(view, x, 3)
    assert view.axis.days_per_px == pytest.approx(before / 1.25**3)
    assert view.axis.x_of(D(2022, 1, 1)) == pytest.approx(x)
    _wheel(view, x, -3)
    assert view.axis.days_per_px == pytest.approx(before)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.axis.days_per_px < before
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.axis.days_per_px == pytest.approx(before)
    start = view.axis.start
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.axis.start > start  # later dates come into view
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.axis.start == pytest.approx(start)
    view.zoom(50)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.axis.days_per_px == pytest.approx(before)


def test_a_drag_pans_and_is_no_click(view: TimelineView, qtbot: QtBot) -> None:
    day = D(2022, 1, 1)
    x = view.axis.x_of(day)
    with qtbot.assertNotEmitted(view.mark_clicked):
        _mouse(view, QMouseEvent.Type.MouseButtonPress, x, Qt.MouseButton.LeftButton)
        _mouse(view, QMouseEvent.Type.MouseMove, x + 60, Qt.MouseButton.LeftButton)
        _mouse(view, QMouseEvent.Type.MouseMove, x + 100, Qt.MouseButton.LeftButton)
        _mouse(view, QMouseEvent.Type.MouseButtonRelease, x + 100, Qt.MouseButton.NoButton)
    assert view.axis.x_of(day) == pytest.approx(x + 100)


def test_ranges_and_coarse_values_are_spans_and_days_points(view: TimelineView) -> None:
    view.show_period(D(2021, 12, 20), D(2022, 2, 10))
    by_value = {m.label: m for m in view.marks}
    assert by_value["2022-01-15"].kind == "point"
    assert by_value["2022-01"].kind == "span"
    assert by_value["2022-01-10/2022-01-20"].kind == "span"
    year = by_value["2021"]
    assert year.kind == "span" and year.rank > by_value["2022-01"].rank  # drawn lighter
    span = by_value["2022-01-10/2022-01-20"]
    assert span.x0 == pytest.approx(view.axis.x_of(D(2022, 1, 10)))
    assert span.x1 == pytest.approx(view.axis.x_of(D(2022, 1, 21)))
    assert by_value["2022-02-01"].lane == PUBLISHED_LANE
    assert not any(i.value is None for m in view.marks for i in m.items)  # undated: not drawn
    view.grab()  # the paint runs over these marks without error


def test_hover_shows_the_snippet_and_a_click_emits_the_mark(
    view: TimelineView, qtbot: QtBot
) -> None:
    view.show_period(D(2021, 12, 20), D(2022, 2, 10))
    point = next(m for m in view.marks if m.label == "2022-01-15")
    center = view.mark_center(point)
    assert "snippet of a 1" in view.tooltip_at(center)
    assert "Doc A" in view.tooltip_at(QPoint(30, center.y()))  # the legend names the lane
    with qtbot.waitSignal(view.mark_clicked) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=center)
    assert clicked.args == [point]


def test_crowded_counts_zoom_in_when_clicked(qtbot: QtBot) -> None:
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 600)
    panel.show()
    days = [D(2006, 1, 1) + dt.timedelta(days=n) for n in range(0, 6900, 3)]
    items = tuple(item(d.isoformat(), d, d, f"d{n % 50}", n) for n, d in enumerate(days))
    docs = tuple(TimelineDocument(f"d{n}", f"Document {n}") for n in range(50))
    panel.show_data(TimelineData(docs, items), fit=True)
    marks = panel.view.marks
    shown = panel.view.visible_lanes()
    assert 0 in shown and len(shown) < 51  # 50 lanes do not fit: only those in view are laid out
    assert {m.lane for m in marks} <= set(shown)
    in_lanes = [i for i in items if panel.view.lanes[i.doc_id] in shown]
    assert sum(m.count for m in marks) == len(in_lanes)  # nothing in view is lost
    panel.view.lane_bar.setValue(panel.view.lane_bar.maximum())
    assert 50 in panel.view.visible_lanes()
    assert 50 in {m.lane for m in panel.view.marks} and 1 not in {m.lane for m in panel.view.marks}
    assert any(m.kind == "count" for m in marks)
    span_before = panel.view.axis.days_per_px
    panel.view.lane_bar.setValue(0)
    count = next(m for m in panel.view.marks if m.kind == "count" and m.lane == 1)
    qtbot.mouseClick(panel.view, Qt.MouseButton.LeftButton, pos=panel.view.mark_center(count))
    assert panel.view.axis.days_per_px < span_before / 5
    first = count.items[0].first
    assert first is not None
    assert panel.view.axis.x_of(first) >= LEGEND_WIDTH  # its dates are in view now


def test_undated_dates_are_listed_beside_the_plot(qtbot: QtBot) -> None:
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.show_data(sample(), fit=True)
    assert panel.undated.count() == 1
    assert "“that day”" in panel.undated.item(0).text()
    with qtbot.waitSignal(panel.item_chosen) as chosen:
        panel.undated.itemClicked.emit(panel.undated.item(0))
    assert chosen.args[0].passage_index == 5


# -- in the window ------------------------------------------------------------------------------
@pytest.fixture
def timeline(make_window: WindowFactory, qtbot: QtBot) -> TimelineFeature:
    window = make_window()
    feature = window.findChild(TimelineFeature)
    assert isinstance(feature, TimelineFeature)
    assert not feature.dock.isVisible()  # opened on request
    with qtbot.waitSignal(feature.panel.data_shown, timeout=30_000):
        feature.action.trigger()
    assert feature.dock.isVisible()
    return feature


def _mark_of(view: TimelineView, doc_id: str, index: int) -> Mark:
    return next(m for m in view.marks if any(
        (i.doc_id, i.passage_index) == (doc_id, index) for i in m.items))  # fmt: skip


def test_view_timeline_shows_2006_to_2024_and_a_click_opens_the_passage(
    timeline: TimelineFeature, qtbot: QtBot
) -> None:
    window = timeline.window
    assert isinstance(window, MainWindow)
    view = timeline.panel.view
    assert view.axis.date_at(LEGEND_WIDTH).year <= 2006
    assert view.axis.date_at(LEGEND_WIDTH + view.axis.width).year >= 2024
    # January 2022: typed as a period, then its passage clicked
    timeline.panel.period.setText("January 2022")
    timeline.panel.period.returnPressed.emit()
    assert view.axis.date_at(LEGEND_WIDTH).month in (12, 1)
    # the passages of the period are listed beside the plot
    assert timeline.panel.in_view.count() == 1
    assert "Peace diplomacy" in timeline.panel.in_view.item(0).text()
    found = [m for m in view.marks if m.lane != PUBLISHED_LANE]
    (mark,) = found
    (chosen,) = mark.items
    assert (chosen.doc_id, chosen.value) == (NORWAY_DOC, "2022-01-23/2022-01-25")
    steps = len(window.history)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.mark_center(mark))
    qtbot.waitUntil(lambda: any(p.doc_id == NORWAY_DOC and p.pending is None
                                for p in window.panes), timeout=10_000)  # fmt: skip
    pane = next(p for p in window.panes if p.doc_id == NORWAY_DOC)
    assert window.active_pane() is pane
    qtbot.waitUntil(lambda: pane.current_passage() == chosen.passage_index, timeout=5000)
    assert len(window.history) == steps + 1  # one step of the history
    # the current passage's dates are marked
    qtbot.waitUntil(lambda: view.current == (NORWAY_DOC, chosen.passage_index), timeout=5000)
    assert _mark_of(view, NORWAY_DOC, chosen.passage_index).current


def test_a_click_opens_in_the_pane_already_showing_the_document(
    timeline: TimelineFeature, qtbot: QtBot
) -> None:
    window = timeline.window
    showing = [p for p in window.panes if p.doc_id]
    assert showing, "the window opens with documents"
    pane = showing[-1]
    assert pane.doc_id is not None
    view = timeline.panel.view
    doc_items = [i for i in view.data.items if i.doc_id == pane.doc_id]
    if not doc_items:
        pytest.skip("the open document has no dates")
    target = doc_items[-1]
    view.show_period(target.first, target.last)  # type: ignore[arg-type]
    mark = next(m for m in view.marks if target in m.items and m.lane != PUBLISHED_LANE)
    with qtbot.waitSignal(timeline.panel.item_chosen):
        timeline.panel.item_chosen.emit(target)
    qtbot.waitUntil(lambda: pane.current_passage() == target.passage_index, timeout=5000)
    assert window.active_pane() is pane
    assert mark.lane == view.lanes[target.doc_id]


def test_the_actor_and_document_filters(timeline: TimelineFeature, qtbot: QtBot) -> None:
    panel = timeline.panel
    library = timeline.window.library
    everything = panel.view.data.items
    norway = next(a for a in panel.actors if a.id == "norway")
    with qtbot.waitSignal(panel.data_shown, timeout=30_000):
        panel.add_actor(norway)
    named = {(o.document.id, o.passage.index) for o in library.actors.passages("norway")}
    shown = panel.view.data.items
    assert shown and len(shown) < len(everything)
    assert all((i.doc_id, i.passage_index) in named for i in shown)
    doha = next(a for a in panel.actors if a.id == "doha")
    with qtbot.waitSignal(panel.data_shown, timeout=30_000):
        panel.add_actor(doha)
    both = {(o.document.id, o.passage.index) for o in library.actors.passages("doha")} & named
    assert panel.view.data.items and all(
        (i.doc_id, i.passage_index) in both for i in panel.view.data.items
    )
    assert len(panel.view.data.items) < len(shown)
    with qtbot.waitSignal(panel.data_shown, timeout=30_000):
        panel.clear_actors()
    assert len(panel.view.data.items) == len(everything)
    index = panel.doc_box.findData("afghanistan-looks-to-russia")
    with qtbot.waitSignal(panel.data_shown, timeout=30_000):
        panel.doc_box.setCurrentIndex(index)
    assert {i.doc_id for i in panel.view.data.items} == {"afghanistan-looks-to-russia"}
    assert list(panel.view.lanes) == ["afghanistan-looks-to-russia"]
