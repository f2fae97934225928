"""Make the screenshots of "Same event elsewhere": the window at 1280×720 with the actors
pane's list for a passage about a regional meeting, then the compare state (the first entry
opened beside it, aligned, the shared actors and dates marked in both panes).

``python -m reader.ui.screenshot_related docs/`` writes ``related.png`` and
``related-compare.png`` there (offscreen works).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.ui.related_feature import RelatedFeature
from reader.ui.screenshot import save_grab, scene, wait_for, wait_for_extraction, wait_until

DOCS = ("afghan-insight-regional-conferences", "norway-peace-diplomacy")
PASSAGE = 3  # "Next week, Kabul is set to host a meeting with representatives from Iran…"


def make_screenshots(folder: Path, size: tuple[int, int] = (1280, 720)) -> list[Path]:
    """Render the list, then the compare state; save both as PNGs."""
    with scene(size, DOCS) as (_library, window):
        wait_for_extraction(window)
        wait_until(lambda: window.findChild(RelatedFeature) is not None, 10_000)
        feature = window.findChild(RelatedFeature)
        assert feature is not None
        pane = window.panes[0]
        doc = pane.doc
        assert doc is not None
        pane.view.setFocus()
        pane.view.go_to(doc.passages[PASSAGE].start)
        wait_until(lambda: feature.panel.model.rowCount() > 0, 30_000)
        wait_for(None, 300)
        shots = [save_grab(window, folder / "related.png")]
        feature.panel.list.setCurrentIndex(feature.panel.model.index(0, 0))
        feature.compare(feature.panel.model.item_at(0))
        wait_until(lambda: window.panes[1].pending is None, 10_000)
        wait_for(None, 500)
        shots.append(save_grab(window, folder / "related-compare.png"))
        return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    for path in make_screenshots(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
