"""Make the README's highlights screenshot: two documents with highlights in two colours
(overlapping, one across words of a note), the highlights panel, the notes and an open editor.

``python -m reader.ui.highlights_screenshot docs/highlights.png`` (offscreen works).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from reader.library import Library
from reader.ui.screenshot import run, save_grab, scene, wait_for
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
    library.state.set_color_label("yellow", "claim")
    library.state.set_color_label("green", "evidence")
    for doc_id, quote, color, note in MARKS:
        start, end = library.highlights.find_quote(doc_id, quote, 1)
        library.highlights.add(doc_id, start, end, color=color, note=note, tags=["afghanistan"])
    library.highlights.set_note(DOCS[0], NOTES)


def make_screenshot(path: Path) -> Path:
    """Render the window with highlights and save it as a PNG."""
    with scene(SIZE, DOCS, seed=_seed) as (library, window):
        wait_for(window.highlighting.all_loaded, 10_000)
        wait_for(None, 300)  # documents shown, notes read
        docks = window.highlighting.docks
        assert docks is not None
        window.library_dock.hide()
        for dock in window.findChildren(QDockWidget):
            if dock.objectName() == "actorsDock":
                dock.hide()
        # Side by side rather than the first start's tabs: the panel above the notes.
        window.removeDockWidget(docks.notes_dock)
        window.addDockWidget(
            Qt.DockWidgetArea.RightDockWidgetArea, docks.notes_dock, Qt.Orientation.Vertical
        )
        docks.notes_dock.show()
        docks.panel.scope.setCurrentIndex(WHOLE_LIBRARY)
        window.resizeDocks([docks.panel_dock], [430], Qt.Orientation.Horizontal)
        window.resizeDocks(
            [docks.panel_dock, docks.notes_dock], [560, 300], Qt.Orientation.Vertical
        )
        left = window.panes[0]
        left.view.go_to(library.highlights.find_quote(DOCS[0], "Peace diplomacy efforts", 1)[0])
        tools = window.highlighting.pane_tools(left)
        second = window.highlighting.by_doc[DOCS[0]][1]
        if tools is not None:
            tools.show_editor(second)
        wait_for(None, 200)
        return save_grab(window, path)


if __name__ == "__main__":
    sys.exit(run(make_screenshot))
