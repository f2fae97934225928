"""Make the laptop screenshots: the window at 1280×720 and 1440×900 as at a first start, two
panes, the highlight editor open on a highlight of the left pane.

``python -m reader.ui.screenshot_laptop docs/`` writes ``laptop-1280x720.png`` and
``laptop-1440x900.png`` there (offscreen works).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.library import Library
from reader.ui.highlights_screenshot import _seed
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
        tools = window.highlighting.pane_tools(left)
        second = window.highlighting.by_doc[DOCS[0]][1]
        if tools is not None:
            tools.show_editor(second)
        wait_for(None, 300)
        return save_grab(window, path)


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
