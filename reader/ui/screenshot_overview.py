"""Make the screenshot of the actors overview (View › All actors) at a laptop's 1280x720: the
table of every actor of the library, one chosen, its passages listed in the actors pane.

``python -m reader.ui.screenshot_overview docs/actor-overview.png`` (offscreen works).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.ui.actor_overview import ActorOverviewFeature
from reader.ui.screenshot import run, save_grab, scene, wait_for, wait_for_extraction, wait_until

SIZE = (1280, 720)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")
CHOSEN = "united-states"


def make_screenshot(path: Path) -> Path:
    """Render the window with the overview open and one actor's passages listed."""
    with scene(SIZE, DOCS) as (_library, window):
        wait_until(lambda: window.findChild(ActorOverviewFeature) is not None, 30_000)
        feature = window.findChild(ActorOverviewFeature)
        assert isinstance(feature, ActorOverviewFeature)
        wait_for_extraction(window)
        feature.toggle_action.trigger()
        wait_until(lambda: feature.view.model.rowCount() > 0, 30_000)
        feature.view.select(CHOSEN)
        feature.view.table.activated.emit(feature.view.table.currentIndex())
        wait_for(feature.actors.pane.results.modelReset, 30_000)
        return save_grab(window, path)


if __name__ == "__main__":
    sys.exit(run(make_screenshot))
