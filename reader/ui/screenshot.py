"""Make the README's screenshots from the real window (offscreen works: the window grabs itself).

``python -m reader.ui.screenshot docs/screenshot.png`` — two seed documents side by side, as at a
first start, once extraction has filled the actors pane and the marks. The scene helpers here
(``scene``, ``wait_for``, ``save_grab``, ``run``) also serve ``screenshot_actors`` and
``highlights_screenshot``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance

from reader.library import Library, PaneState, WindowState
from reader.ui.app import application, build_window
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskManager

SIZE = (1600, 960)
DOCS = ("norway-peace-diplomacy", "afghan-insight-regional-conferences")


def wait_for(signal: SignalInstance | None, timeout_ms: int = 120_000) -> None:
    """Run the event loop until ``signal`` fires (or only ``timeout_ms`` when it is None)."""
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


@contextmanager
def scene(
    size: tuple[int, int],
    docs: tuple[str, ...] = DOCS,
    offsets: tuple[int, ...] = (),
    seed: Callable[[Library], None] | None = None,
    theme: str = "system",
) -> Iterator[tuple[Library, MainWindow]]:
    """Yield a shown window, as at a first start, on a throw-away data folder."""
    app = application()
    with tempfile.TemporaryDirectory() as data:
        library = Library(data_dir=Path(data))
        if seed is not None:
            seed(library)
        places = tuple(offsets) + (0,) * (len(docs) - len(offsets))
        panes = tuple(PaneState(d, o) for d, o in zip(docs, places, strict=True))
        state = WindowState(panes=panes, geometry=(0, 0, *size), extra={"theme": theme})
        library.state.save_window(state)
        tasks = TaskManager()
        window = build_window(library, tasks)
        try:
            opened: list[str] = []
            loop = QEventLoop()

            def on_opened(_pane: object, doc_id: str) -> None:
                opened.append(doc_id)
                if len(opened) >= len(docs):
                    loop.quit()

            window.document_opened.connect(on_opened)
            window.show()
            QTimer.singleShot(10_000, loop.quit)
            loop.exec()
            yield library, window
        finally:
            window.close()
            library.actors.close()
            tasks.shutdown()
            window.deleteLater()
            app.processEvents()


def save_grab(window: MainWindow, path: Path) -> Path:
    """Draw every pending mark and save the window as a PNG."""
    application().processEvents()
    for pane in window.panes:
        pane.view.marks.apply_now()
    path.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(path))
    return path


def wait_until(done: Callable[[], bool], timeout_ms: int = 120_000) -> None:
    """Run the event loop until ``done()`` holds (checked every 50 ms) or the time is up."""
    loop = QEventLoop()
    poll = QTimer()

    def check() -> None:
        if done():
            loop.quit()

    poll.timeout.connect(check)
    poll.start(50)
    QTimer.singleShot(timeout_ms, loop.quit)
    if not done():
        loop.exec()
    poll.stop()


def wait_for_extraction(window: MainWindow) -> None:
    """Wait until the actors pane has every document's actors and dates."""
    from reader.ui.actors_feature import ActorsFeature

    feature = window.findChild(ActorsFeature)
    if feature is not None:
        controller = feature.controller
        count = len(window.library.documents.ids())
        wait_until(lambda: not controller.running and len(controller.done) >= count)


def make_screenshot(path: Path, offsets: tuple[int, int] = (0, 0), dark: bool = False) -> Path:
    """Render the window with two documents and save it as a PNG."""
    with scene(SIZE, DOCS, offsets, theme="dark" if dark else "system") as (_library, window):
        wait_for_extraction(window)
        window.panes[0].view.setFocus()
        return save_grab(window, path)


def run(make: Callable[[Path], Path], argv: list[str] | None = None) -> int:
    """The command line of a screenshot module: one argument, the PNG's path."""
    parser = argparse.ArgumentParser(description=sys.modules[make.__module__].__doc__)
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    print(make(args.path))
    return 0


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
