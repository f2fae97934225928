"""Make the laptop screenshots: the window at 1280×720 and 1440×900 as at a first start, two
panes, the highlight editor open on a highlight of the left pane, the passages of an actor listed.

``python -m reader.ui.screenshot_laptop docs/`` writes ``laptop-1280x720.png`` and
``laptop-1440x900.png`` there (offscreen works).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.library import Library
from reader.ui.actors_feature import ActorsFeature
from reader.ui.highlights_screenshot import _seed
from reader.ui.main_window import MainWindow
from reader.ui.screenshot import save_grab, scene, wait_for, wait_for_extraction

SIZES = ((1280, 720), (1440, 900))
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")


def make_screenshot(path: Path, size: tuple[int, int]) -> Path:
    """Render the window at ``size`` with the highlight editor open; save it as a PNG."""
    with scene(size, DOCS, seed=_seed) as (library, window):
        wait_for(window.highlighting.all_loaded, 10_000)
        wait_for_extraction(window)
        left = window.panes[0]
        left.view.go_to(_start(library, "Peace diplomacy efforts"))
        window.set_active_pane(left)
        _choose_actor(window, "afghanistan")
        tools = window.highlighting.pane_tools(left)
        second = window.highlighting.by_doc[DOCS[0]][1]
        if tools is not None:
            tools.show_editor(second)
        wait_for(None, 300)
        return save_grab(window, path)


def _choose_actor(window: MainWindow, actor_id: str) -> None:
    """List an actor's passages in the actors pane (as a click on it does)."""
    feature = window.findChild(ActorsFeature)
    if feature is None:
        return
    wait_for(None, 300)  # the pane follows the passage now at the top
    feature.refresh()
    if feature.pane.select_actor(actor_id):
        wait_for(feature.pane.results.modelReset, 30_000)


def _start(library: Library, quote: str) -> int:
    return library.highlights.find_quote(DOCS[0], quote, 1)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    for width, height in SIZES:
        print(make_screenshot(args.folder / f"laptop-{width}x{height}.png", (width, height)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
