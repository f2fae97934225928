"""Make the search panel's screenshot: the window at 1280×720, the panel open on a query with
passages found in several documents, one of them opened in a pane.

``python -m reader.ui.screenshot_search docs/`` writes ``search-panel.png`` there (offscreen
works).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.ui.screenshot import save_grab, scene, wait_for, wait_until
from reader.ui.search import SearchFeature

QUERY = 'taliban "peace talks" OR negotiations'


def make_screenshot(path: Path, size: tuple[int, int] = (1280, 720)) -> Path:
    """Render the window with the search panel open on ``QUERY``; save it as a PNG."""
    with scene(size) as (_library, window):
        wait_until(lambda: window.findChild(SearchFeature) is not None, 10_000)
        feature = window.findChild(SearchFeature)
        assert feature is not None
        feature.open()
        feature.panel.edit.setText(QUERY)
        wait_until(lambda: feature.panel.model.rowCount() > 0, 30_000)
        feature.panel.results.setCurrentIndex(feature.panel.index_of_hit(0))
        hit = feature.panel.hit_at(feature.panel.index_of_hit(0).row())
        if hit is not None:
            feature.open_hit(hit)
        wait_for(None, 500)
        return save_grab(window, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    print(make_screenshot(args.folder / "search-panel.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
