"""Make the screenshot of the timeline: the bundled corpus's dates, 1280x720.

``python -m reader.ui.screenshot_timeline docs/timeline.png`` (offscreen works). With
``--period "January 2022"`` the picture shows that period instead of everything.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.views.timeline_panel import TimelinePanel

SIZE = (1280, 720)


def make_screenshot(path: Path, period: str | None = None) -> Path:
    """Render the timeline panel over the whole bundled corpus and save it as a PNG."""
    os.environ.setdefault("READER_EXTRACT_MODEL", "off")
    library = Library()
    data = library.timeline.data()
    counts = library.actors.counts()
    panel = TimelinePanel()
    panel.resize(*SIZE)
    panel.set_actors([a for a, _n in sorted(counts.values(), key=lambda p: (-p[1], p[0].name))])
    panel.set_documents([(d.doc_id, d.title) for d in data.documents])
    panel.show()
    QApplication.processEvents()
    panel.show_data(data, fit=True)
    if period:
        panel.period.setText(period)
        panel.go_to_period(period)
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(path))
    library.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--period", default=None)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(make_screenshot(args.path, args.period))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
