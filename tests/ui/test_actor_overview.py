"""The actors overview and corrections in the window: every view follows a correction made
here or on the command line, and Edit › Undo correction takes it back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.ui.actor_overview import ActorOverviewFeature
from reader.ui.corrections import Target
from reader.ui.mentions import ACTOR_LAYER, ACTOR_PROPERTY
from reader.ui.models.actor_overview_model import (
    ActorOverviewModel,
    ActorOverviewProxy,
    OverviewRow,
)
from reader.ui.views.pane import ReadingPane
from tests.ui.conftest import WindowFactory

ROOT = Path(__file__).resolve().parents[2]
DOC = "norway-peace-diplomacy"


@pytest.fixture
def overview(make_window: WindowFactory, qtbot: QtBot) -> ActorOverviewFeature:
    """A window with the library extracted and the overview open and loaded."""
    window = make_window()
    qtbot.waitUntil(lambda: window.findChild(ActorOverviewFeature) is not None, timeout=5000)
    found = window.findChild(ActorOverviewFeature)
    assert isinstance(found, ActorOverviewFeature)
    controller = found.actors.controller
    if controller.running or len(controller.done) < len(window.library.documents.ids()):
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            pass
    found.toggle_action.trigger()
    qtbot.waitUntil(lambda: found.view.model.rowCount() > 40, timeout=5000)
    return found


def _ids(feature: ActorOverviewFeature) -> set[str]:
    return {r.id for r in feature.view.model.rows()}


def _marked(pane: ReadingPane) -> set[str]:
    assert pane.doc is not None
    ranges = pane.view.marks.ranges_between(ACTOR_LAYER, 0, len(pane.doc.text))
    return {str(r[2].property(ACTOR_PROPERTY)) for r in ranges}


def _go_to_actor(feature: ActorOverviewFeature, qtbot: QtBot, actor_id: str) -> int:
    """Put the first pane on a passage of DOC that mentions the actor; return its index."""
    pane = feature.window.panes[0]
    facts = feature.window.library.actors.facts(DOC)
    assert facts is not None and pane.doc_id == DOC
    index = next(p.passage_index for p in facts.actors.passages if actor_id in p.actor_ids())
    pane.view.go_to(pane.doc.passages[index].start if pane.doc else 0)
    feature.window.panes[0].setFocus()
    qtbot.waitUntil(lambda: pane.current_passage() == index, timeout=3000)
    feature.actors.refresh()
    return index


def _pane_ids(feature: ActorOverviewFeature) -> set[str]:
    return {r.actor.id for r in feature.actors.pane.model.rows()}


def _state(feature: ActorOverviewFeature) -> tuple[set[str], set[str], set[str]]:
    return _ids(feature), _pane_ids(feature), _marked(feature.window.panes[0])


def test_the_overview_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = ActorOverviewModel()
    rows = [
        OverviewRow("a", "A", "state", ("Ay",), 3, 2, "2020", "2021"),
        OverviewRow("b", "B", "person", (), 1, 1, None, None),
    ]
    model.set_rows(rows)
    check = qtmodeltester.check  # type: ignore[attr-defined]
    check(model)
    proxy = ActorOverviewProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("ay")
    assert proxy.rowCount() == 1
    proxy.setFilterFixedString("")
    proxy.sort(ActorOverviewModel.PASSAGES, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "B"
    check(proxy)


def test_the_overview_lists_every_actor_and_filters(
    overview: ActorOverviewFeature, qtbot: QtBot
) -> None:
    library = overview.window.library
    assert _ids(overview) == set(library.actors.counts())
    us = next(r for r in overview.view.model.rows() if r.id == "united-states")
    assert {"US", "U.S."} <= set(us.aliases) and us.documents == 5
    overview.view.filter.setText("u.s.")
    assert overview.view.proxy.rowCount() >= 1
    shown = {overview.view.proxy.index(i, 0).data() for i in range(overview.view.proxy.rowCount())}
    assert "United States" in shown
    overview.view.filter.clear()
    # Activating a row lists its passages in the actors pane, as choosing it there does.
    assert overview.view.select("united-states")
    overview.view.table.activated.emit(overview.view.table.currentIndex())
    pane = overview.actors.pane
    assert [a.id for a in pane.filter] == ["united-states"]
    qtbot.waitUntil(lambda: pane.results.rowCount() == 11, timeout=5000)


def test_a_merge_from_the_pane_menu_follows_everywhere_and_undoes(
    overview: ActorOverviewFeature, qtbot: QtBot
) -> None:
    index = _go_to_actor(overview, qtbot, "taliban")
    before = _state(overview)
    assert "taliban" in before[0] and "taliban" in before[1] and "taliban" in before[2]
    row = overview.actors.pane.model.index_of("taliban")
    target = overview.pane_target(row)
    assert target is not None and target.passage == f"{DOC}:{index}"
    commands = overview.commands
    commands.ask_item = lambda _w, _t, _l, items: next(
        i for i in items if i.endswith("— afghanistan")
    )
    menu = commands.menu(target, overview.view.model.rows())
    _trigger(menu, "&Merge into…")
    qtbot.waitUntil(lambda: "taliban" not in _ids(overview), timeout=5000)
    after = _state(overview)
    assert "taliban" not in after[1] and "afghanistan" in after[1]
    assert "taliban" not in after[2] and "afghanistan" in after[2]
    overview.actors.pane.select_actor("afghanistan")
    qtbot.waitUntil(lambda: overview.actors.pane.results.rowCount() == 52, timeout=5000)
    overview.undo_action.trigger()
    qtbot.waitUntil(lambda: _state(overview) == before, timeout=5000)
    qtbot.waitUntil(lambda: overview.actors.pane.results.rowCount() == 43, timeout=5000)
    assert commands.last_message.startswith("Undid: merge taliban into afghanistan")


def test_rename_kind_split_alias_and_reject_from_the_overview(
    overview: ActorOverviewFeature, qtbot: QtBot
) -> None:
    rows = {r.id: r for r in overview.view.model.rows()}
    commands = overview.commands
    doha = rows["doha"]
    target = Target(doha.id, doha.name, doha.kind, doha.aliases)
    commands.ask_text = lambda _w, _t, _l, _v: "Ad Dawhah"
    _trigger(commands.menu(target, []), "&Rename…")
    qtbot.waitUntil(lambda: _row(overview, "doha").name == "Ad Dawhah", timeout=5000)
    _trigger(commands.menu(target, []), "Change &kind", "state")
    qtbot.waitUntil(lambda: _row(overview, "doha").kind == "state", timeout=5000)
    us = rows["united-states"]
    commands.ask_item = lambda _w, _t, _l, items: "Washington"
    _trigger(commands.menu(Target(us.id, us.name, us.kind, us.aliases), []), "&Split alias off…")
    qtbot.waitUntil(lambda: "washington" in _ids(overview), timeout=5000)
    commands.ask_text = lambda _w, _t, _l, _v: "Washington"
    _trigger(commands.menu(Target(us.id, us.name, us.kind, us.aliases), []), "Add &alias…")
    qtbot.waitUntil(lambda: "washington" not in _ids(overview), timeout=5000)
    _trigger(commands.menu(target, []), "&Not an actor (everywhere)")
    qtbot.waitUntil(lambda: "doha" not in _ids(overview), timeout=5000)
    history = overview.window.library.registry.history()
    assert [c.op for c in history] == ["rename", "kind", "split", "alias", "reject"]
    for _ in history:
        overview.undo_action.trigger()
    qtbot.waitUntil(lambda: _row(overview, "doha").name == "Doha", timeout=5000)
    assert _row(overview, "doha").kind == "place"
    overview.undo_action.trigger()
    qtbot.waitUntil(lambda: commands.last_message.startswith("Nothing to undo"), timeout=5000)


def test_not_an_actor_in_this_passage_only(
    overview: ActorOverviewFeature, qtbot: QtBot
) -> None:
    _go_to_actor(overview, qtbot, "norway")
    before = next(r.passages for r in overview.view.model.rows() if r.id == "norway")
    target = overview.pane_target(overview.actors.pane.model.index_of("norway"))
    assert target is not None
    _trigger(overview.commands.menu(target, []), "Not an actor in &this passage")
    qtbot.waitUntil(lambda: "norway" not in _pane_ids(overview), timeout=5000)
    qtbot.waitUntil(lambda: _row(overview, "norway").passages == before - 1, timeout=5000)
    assert "norway" in _marked(overview.window.panes[0])  # its other passages keep it


def test_the_pane_menu_reads_the_library_first_when_the_overview_is_closed(
    overview: ActorOverviewFeature, qtbot: QtBot
) -> None:
    overview.dock.hide()
    overview.window.library.registry.rename("united-states", "USA")  # the overview is stale
    _go_to_actor(overview, qtbot, "united-states")
    shown: list[QMenu] = []
    overview.show_menu = lambda menu, _at: shown.append(menu)
    tree = overview.actors.pane.tree
    at = tree.visualRect(overview.actors.pane.model.index_of("united-states")).center()
    tree.customContextMenuRequested.emit(at)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert _row(overview, "united-states").name == "USA"
    split = next(a for a in shown[0].actions() if a.text() == "&Split alias off…")
    assert split.isEnabled()  # the actor's aliases were read for it


def test_a_command_line_correction_appears_in_the_running_window(
    overview: ActorOverviewFeature, qtbot: QtBot, data_dir: Path, corpus_dir: Path
) -> None:
    _go_to_actor(overview, qtbot, "taliban")
    env = dict(os.environ, READER_DATA_DIR=str(data_dir), READER_EXTRACT_MODEL="off")
    argv = [sys.executable, str(ROOT / "main.py"), "--corpus", str(corpus_dir)]
    done = subprocess.run(
        [*argv, "actors", "merge", "taliban", "afghanistan"], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    started = time.monotonic()
    qtbot.waitUntil(
        lambda: "taliban" not in _ids(overview)
        and "taliban" not in _pane_ids(overview)
        and "taliban" not in _marked(overview.window.panes[0]),
        timeout=1500,
    )
    assert time.monotonic() - started < 1.5
    done = subprocess.run([*argv, "actors", "undo"], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "taliban" in _pane_ids(overview), timeout=1500)


def test_corrections_persist_into_a_new_window(
    overview: ActorOverviewFeature, make_window: WindowFactory, qtbot: QtBot
) -> None:
    overview.window.library.registry.merge("taliban", "afghanistan")
    window = make_window()
    qtbot.waitUntil(lambda: window.findChild(ActorOverviewFeature) is not None, timeout=5000)
    second = window.findChild(ActorOverviewFeature)
    assert isinstance(second, ActorOverviewFeature)
    if second.dock.isHidden():
        second.toggle_action.trigger()
    qtbot.waitUntil(lambda: second.view.model.rowCount() > 40, timeout=10_000)
    assert "taliban" not in _ids(second) and "afghanistan" in _ids(second)


def _row(feature: ActorOverviewFeature, actor_id: str) -> OverviewRow:
    """The actor's row (an empty one while the overview does not list it)."""
    found = [r for r in feature.view.model.rows() if r.id == actor_id]
    return found[0] if found else OverviewRow(actor_id, "", "", (), 0, 0, None, None)


def _trigger(menu: QMenu, text: str, sub: str | None = None) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    if sub is not None:
        inner = action.menu()
        assert isinstance(inner, QMenu)
        action = next(a for a in inner.actions() if a.text() == sub)
    assert action.isEnabled()
    action.trigger()



