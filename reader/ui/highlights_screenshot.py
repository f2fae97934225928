"""Make the README's highlights screenshot: two documents with highlights in two colours
(overlapping, one across words of a note), the highlights panel, the notes and an open editor.

``python -m reader.ui.highlights_screenshot docs/highlights.png`` (offscreen works).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer

from reader.library import Library
from reader.store.window_state import PaneState, WindowState
from reader.ui.app import application, build_window
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskManager
from reader.ui.views.highlights_panel import WHOLE_LIBRARY

SIZE = (1720, 980)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")
# (document, quote, colour, note)
MARKS = (
    (
        DOCS[0],
        "engaged in peace diplomacy efforts vis-à-vis the Taliban movement",
        "yellow",
        "Claim: a long engagement, before 2021.",
    ),
    (
        DOCS[0],
        "In 2006, Norway decided to establish contact with the Taliban",
        "green",
        "First contact: date to check against other sources.",
    ),
    (DOCS[0], "establish contact", "yellow", ""),
    (DOCS[1], "Kabul is set to host a meeting with representatives from Iran", "green", ""),
    (
        DOCS[1],
        "This meeting in Kabul precedes a United Nations conference",
        "yellow",
        "Sequence of meetings.",
    ),
)
NOTES = "Norway's role: facilitator, not mediator?\nCompare with the Doha process (Qatar)."


def _seed(library: Library) -> None:
    library.set_color_label("yellow", "claim")
    library.set_color_label("green", "evidence")
    for doc_id, quote, color, note in MARKS:
        start, end = library.find_quote(doc_id, quote, 1)
        library.add_highlight(doc_id, start, end, color=color, note=note, tags=["afghanistan"])
    library.set_document_note(DOCS[0], NOTES)


def _wait(window: MainWindow, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until_ready(window: MainWindow) -> None:
    loop = QEventLoop()
    window.highlighting.all_loaded.connect(loop.quit)
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    _wait(window, 300)  # documents shown, notes read


def make_screenshot(path: Path) -> Path:
    """Render the window with highlights and save it as a PNG."""
    app = application()
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        _seed(library)
        library.save_window_state(
            WindowState(panes=tuple(PaneState(d, 0) for d in DOCS), geometry=(0, 0, *SIZE))
        )
        tasks = TaskManager()
        window = build_window(library, tasks)
        window.library_dock.hide()
        window.show()
        _wait_until_ready(window)
        docks = window.highlighting.docks
        assert docks is not None
        docks.panel.scope.setCurrentIndex(WHOLE_LIBRARY)
        window.resizeDocks([docks.panel_dock], [430], Qt.Orientation.Horizontal)
        window.resizeDocks(
            [docks.panel_dock, docks.notes_dock], [560, 300], Qt.Orientation.Vertical
        )
        left = window.panes[0]
        left.view.go_to(library.find_quote(DOCS[0], "Peace diplomacy efforts", 1)[0])
        tools = window.highlighting.pane_tools(left)
        second = window.highlighting.by_doc[DOCS[0]][1]
        if tools is not None:
            tools.show_editor(second)
        _wait(window, 200)
        for pane in window.panes:
            pane.view.marks.apply_now()
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        window.close()
        tasks.shutdown()
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
