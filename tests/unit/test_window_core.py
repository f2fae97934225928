"""The Qt-free parts of the window: history, text direction, saved window state."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.bidi import _RTL_BLOCKS, is_right_to_left, right_to_left_lines
from reader.core.history import History, Place, Step
from reader.library import Library
from reader.store.window_state import PaneState, WindowState, WindowStateStore


def _step(*docs: str, offset: int = 0) -> Step:
    return Step(tuple(Place(d, offset) for d in docs))


def test_history_back_and_forward_remember_where_the_reader_was() -> None:
    history = History()
    history.record(_step("a"), _step("b"))
    history.record(_step("b", offset=50), _step("c"))
    assert history.back(_step("c", offset=7)) == _step("b", offset=50)
    assert history.back(_step("b", offset=60)) == _step("a")
    assert history.back(_step("a")) is None
    assert history.forward(_step("a")) == _step("b", offset=60)
    assert history.forward(_step("b", offset=60)) == _step("c", offset=7)
    assert not history.can_go_forward


def test_a_jump_after_going_back_drops_the_forward_steps() -> None:
    history = History()
    history.record(_step("a"), _step("b"))
    history.back(_step("b"))
    history.record(_step("a"), _step("z"))
    assert not history.can_go_forward
    assert history.back(_step("z")) == _step("a")


def test_history_is_bounded() -> None:
    history = History(limit=5)
    for i in range(20):
        history.record(_step(str(i)), _step(str(i + 1)))
    assert len(history) == 5


def test_step_with_place_adds_panes() -> None:
    assert _step("a").with_place(2, Place("c", 3)).places == (
        Place("a"),
        Place(None),
        Place("c", 3),
    )


def test_text_direction_follows_the_first_strong_character() -> None:
    assert is_right_to_left("هفته آینده کابل")
    assert is_right_to_left("— «نشست» Kabul")  # punctuation is neutral
    assert not is_right_to_left("— Seyed Rasoul Mousavi سید رسول")
    assert not is_right_to_left("2024 ")
    assert right_to_left_lines("abc\nשלום\n\nسلام") == [1, 3]


@given(st.text())
def test_direction_of_lines_is_a_subset(text: str) -> None:
    lines = text.split("\n")
    assert all(0 <= i < len(lines) for i in right_to_left_lines(text))


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_right_to_left_lines_are_those_of_the_line_by_line_rule(text: str) -> None:
    # The quick search for right-to-left letters skips no line that the rule would mark.
    expected = [n for n, line in enumerate(text.split("\n")) if is_right_to_left(line)]
    assert right_to_left_lines(text) == expected


def test_every_right_to_left_character_is_in_the_searched_blocks() -> None:
    # A new Unicode version may add right-to-left letters elsewhere: this says so.
    missed = [
        hex(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(cp)) in ("R", "AL") and not _RTL_BLOCKS.match(chr(cp))
    ]
    assert missed == []


def test_window_state_round_trips_through_the_facade(corpus_dir: Path, data_dir: Path) -> None:
    library = Library(corpus_dir, data_dir)
    assert library.state.window() == WindowState()
    state = WindowState(
        panes=(PaneState("qatar-peace-dialogue", 120, True), PaneState(None)),
        active_pane=1,
        pane_sizes=(400, 500),
        geometry=(10, 20, 1200, 800),
        zoom=2,
        dock_layout="AAAA",
    )
    library.state.save_window(state)
    assert (data_dir / "state" / "window.json").is_file()
    assert Library(corpus_dir, data_dir).state.window() == state


def test_a_damaged_window_state_is_moved_aside(tmp_path: Path) -> None:
    store = WindowStateStore(tmp_path / "state", tmp_path / "damaged")
    store.path.parent.mkdir()
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load() == WindowState()
    assert store.damages and store.damages[0].moved_to.exists()


def test_wrong_types_in_window_state_fall_back_to_defaults(tmp_path: Path) -> None:
    store = WindowStateStore(tmp_path / "state", tmp_path / "damaged")
    store.path.parent.mkdir()
    raw = {"schema": 1, "panes": [{"doc_id": 3, "offset": -5}, "x"], "zoom": "big"}
    store.path.write_text(json.dumps(raw), encoding="utf-8")
    assert store.load() == WindowState(panes=(PaneState(None, 0),))
