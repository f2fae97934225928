"""Make the README's screenshot: the window with two seed documents side by side.

``python -m reader.ui.screenshot docs/screenshot.png`` (offscreen works: the window grabs itself).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from reader.library import Library
from reader.store.window_state import PaneState, WindowState
from reader.ui.app import application, build_window
from reader.ui.main_window import MainWindow
from reader.ui.palette import dark_palette
from reader.ui.tasks import TaskManager

SIZE = (1600, 960)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")


def _wait_for_documents(window: MainWindow, count: int) -> None:
    loop = QEventLoop()
    loaded: list[str] = []

    def on_opened(_pane: object, doc_id: str) -> None:
        loaded.append(doc_id)
        if len(loaded) >= count:
            loop.quit()

    window.document_opened.connect(on_opened)
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()


def _wait_for_extraction(window: MainWindow) -> None:
    from reader.ui.actors_feature import ActorsFeature

    feature = window.findChild(ActorsFeature)
    if feature is None:
        return
    loop = QEventLoop()
    feature.controller.finished.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()


def make_screenshot(path: Path, offsets: tuple[int, int] = (0, 0), dark: bool = False) -> Path:
    """Render the window with two documents and save it as a PNG."""
    app = application()
    if dark:
        app.setPalette(dark_palette())
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        panes = tuple(PaneState(d, o) for d, o in zip(DOCS, offsets, strict=True))
        library.save_window_state(WindowState(panes=panes, geometry=(0, 0, *SIZE)))
        tasks = TaskManager()
        window = build_window(library, tasks)  # as at a first start: every dock, the first layout
        window.show()
        _wait_for_documents(window, len(DOCS))
        _wait_for_extraction(window)
        window.panes[0].view.setFocus()
        app.processEvents()
        for pane in window.panes:
            pane.view.marks.apply_now()
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        window.close()
        tasks.shutdown()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--offsets", type=int, nargs=2, default=(0, 0))
    parser.add_argument("--dark", action="store_true", help="use the dark palette")
    args = parser.parse_args(argv)
    print(make_screenshot(args.path, tuple(args.offsets), args.dark))
    return 0


if __name__ == "__main__":
    sys.exit(main())
