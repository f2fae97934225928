"""Make the README's screenshot of the actors pane: two documents side by side, the pane filled
for a passage, and the passages that mention both Norway and the Taliban.

``python -m reader.ui.screenshot_actors docs/actors-pane.png`` (offscreen works).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance

from reader.core.actors import Actor
from reader.library import Library
from reader.store.window_state import PaneState, WindowState
from reader.ui.actors_feature import ActorsFeature
from reader.ui.app import application, build_window
from reader.ui.tasks import TaskManager

SIZE = (1760, 990)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")
FIRST, SECOND = "norway", "taliban"


def _wait(signal: SignalInstance, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _show_scene(feature: ActorsFeature) -> None:
    """Put the left pane on a passage naming both actors, and list the passages of both."""
    window = feature.window
    left = window.panes[0]
    facts = feature.controller.facts[DOCS[0]]
    both = [p.passage_index for p in facts.actors.passages if {FIRST, SECOND} <= set(p.actor_ids())]
    dated = [i for i in both if facts.dates[i]]
    index = (dated or both)[0]
    assert left.doc is not None
    passage = left.doc.passages[index]
    window.set_active_pane(left)
    left.view.go_to(passage.start)
    left.throttle.last = (left.doc.id, index)
    feature.refresh()
    rows = {r.actor.id: r.actor for r in feature.pane.model.rows()}
    first: Actor = rows[FIRST]
    feature.pane.select_actor(FIRST)
    feature.pane.choose_actor(first)
    feature.pane.choose_actor(rows[SECOND], narrow=True)
    _wait(feature.pane.results.modelReset, 30_000)


def make_screenshot(path: Path) -> Path:
    """Render the window with the actors pane filled and save it as a PNG."""
    app = application()
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        panes = tuple(PaneState(d, 0) for d in DOCS)
        library.save_window_state(WindowState(panes=panes, geometry=(0, 0, *SIZE)))
        tasks = TaskManager()
        window = build_window(library, tasks)
        feature = window.findChild(ActorsFeature)
        assert isinstance(feature, ActorsFeature)
        window.show()
        _wait(feature.controller.finished)
        _show_scene(feature)
        app.processEvents()
        for pane in window.panes:
            pane.view.marks.apply_now()
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        window.close()
        library.close_extraction()
        tasks.shutdown()
        window.deleteLater()
        app.processEvents()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    print(make_screenshot(args.path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
