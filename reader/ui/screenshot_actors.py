"""Make the README's screenshot of the actors pane: two documents side by side, the pane filled
for a passage, and the passages that mention both Norway and the Taliban.

``python -m reader.ui.screenshot_actors docs/actors-pane.png`` (offscreen works).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDockWidget

from reader.core.actors import Actor
from reader.ui.actors_feature import ActorsFeature
from reader.ui.main_window import MainWindow
from reader.ui.screenshot import run, save_grab, scene, wait_for, wait_for_extraction

SIZE = (1760, 990)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")
FIRST, SECOND = "norway", "taliban"


def _show_scene(feature: ActorsFeature) -> None:
    """Put the left pane on a passage naming both actors, and list the passages of both."""
    window = feature.window
    left = window.panes[0]
    facts = feature.controller.facts(DOCS[0])
    assert facts is not None, "extraction finished before the scene"
    both = [p.passage_index for p in facts.actors.passages if {FIRST, SECOND} <= set(p.actor_ids())]
    dated = [i for i in both if facts.dates[i]]
    index = (dated or both)[0]
    assert left.doc is not None
    passage = left.doc.passages[index]
    host = window.host
    assert isinstance(host, MainWindow)
    host.set_active_pane(left)
    left.view.go_to(passage.start)
    left.throttle.last = (left.doc.id, index)
    feature.refresh()
    rows: dict[str, Actor] = {r.actor.id: r.actor for r in feature.pane.model.rows()}
    first: Actor = rows[FIRST]
    feature.pane.select_actor(FIRST)
    feature.pane.choose_actor(first)
    feature.pane.choose_actor(rows[SECOND], narrow=True)
    wait_for(feature.pane.results.modelReset, 30_000)


def make_screenshot(path: Path) -> Path:
    """Render the window with the actors pane filled and save it as a PNG."""
    with scene(SIZE, DOCS) as (_library, window):
        feature = window.findChild(ActorsFeature)
        assert isinstance(feature, ActorsFeature)
        for dock in window.findChildren(QDockWidget):
            if dock.objectName() in ("highlightsDock", "notesDock"):
                dock.hide()  # this picture is about the actors pane: give it the full height
        wait_for_extraction(window)
        _show_scene(feature)
        return save_grab(window, path)


if __name__ == "__main__":
    sys.exit(run(make_screenshot))
