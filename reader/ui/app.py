"""The composition root: the application, the single-instance server, the window, the lanes.

``run_app`` is what ``python main.py`` runs when no command is given. Start-up shows and paints
the window first; document texts load afterwards on the ``io`` lane.

Two environment variables exist for tests and benchmarks: ``READER_STARTUP_PROBE=1`` prints
``painted`` on stdout at the first paint of the window, ``shown`` once every pane shows its
document and ``peak_mb N`` (this program's own peak resident memory) when the window closes,
and ``READER_QUIT_AFTER_MS=N`` closes the
window (saving its state) N ms after that paint.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.library import Library, log_path
from reader.library.program import peak_memory_mb
from reader.ui.about import install_about
from reader.ui.damage_notice import install_damage_notice
from reader.ui.errors import install_error_reporting
from reader.ui.main_window import MainWindow
from reader.ui.palette import follow_system_palette
from reader.ui.single_instance import (
    InstanceServer,
    hand_over,
    lock_file,
    send_message,
    server_name,
)
from reader.ui.stop_signals import StopOnSignal
from reader.ui.tasks import TaskManager

log = logging.getLogger(__name__)

PROBE_ENV = "READER_STARTUP_PROBE"
QUIT_ENV = "READER_QUIT_AFTER_MS"
HANDED_OVER = (
    "Reference Reader is already running with this data folder; it was brought to the front."
)
NOT_ANSWERING = (
    "error: Reference Reader is already running with this data folder but does not answer; "
    "try again once it does"
)


def open_library(args: argparse.Namespace) -> Library:
    """Open the library the global options name."""
    corpus = getattr(args, "corpus", None)
    data_dir = getattr(args, "data_dir", None)
    return Library(
        Path(corpus).expanduser() if corpus else None,
        Path(data_dir).expanduser() if data_dir else None,
    )


GIL_SWITCH_S = 0.001


def application() -> QApplication:
    """Return the QApplication, created if needed, with the app's names and palette."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "reference-reader"])
    # The lanes are Python threads: every call from Qt into Python (a model's rowCount, an event
    # filter, a slot) waits for the GIL, up to the switch interval while a lane computes. At 1 ms
    # instead of 5 ms, key-to-paint while extracting fell from a median of ~160 ms to ~50 ms
    # (benchmarks/bench_window.py, 100 documents, a loaded machine); extraction was no slower.
    sys.setswitchinterval(GIL_SWITCH_S)
    app.setApplicationName("Reference Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reference-reader")
    follow_system_palette(app)
    return app


def build_window(library: Library, tasks: TaskManager) -> MainWindow:
    """Return the main window laid out from the saved state (texts not loaded yet)."""
    # Before any lane touches the index: a first start's indexing (every document read and
    # segmented) runs in the extraction child, not in a thread that shares the GIL with the UI.
    library.actors.extract_in_child(library.corpus_dir)
    window = MainWindow(library, tasks)
    window.restore_state(library.state.window())
    # Connected first, so these are in place before anyone else hears of the first paint.
    window.first_painted.connect(lambda: install_after_first_paint(window))
    return window


def install_after_first_paint(window: MainWindow) -> None:
    """Add the actors pane, File › Export/Import and Import documents, right after the window's
    first paint."""
    # Their modules and widgets cost ~60 ms; the first paint (menus, library, the reading
    # panes' frames) does not wait for them. The actors dock takes its saved place itself.
    from reader.ui.actor_overview import install_actor_overview
    from reader.ui.actors_feature import install_actors_pane
    from reader.ui.export_dialog import install_export
    from reader.ui.find import install_find
    from reader.ui.import_documents import install_document_import
    from reader.ui.page_mode import install_page_mode
    from reader.ui.related_feature import install_related
    from reader.ui.search import install_search
    from reader.ui.timeline_feature import install_timeline

    actors = install_actors_pane(window)
    install_actor_overview(window, actors)
    install_related(window, actors)  # the same event elsewhere, under the pane's dates
    install_export(window)
    install_document_import(window)
    install_find(window)
    install_search(window)
    install_timeline(window)
    install_page_mode(window, window.highlighting)


class _PaintProbe(QObject):
    """Prints ``painted`` just after the window's first paint, as the benchmark's bare window
    does (before what the window does after its first paint, such as adding the actors pane)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: print("painted", flush=True))
        return False


def _install_test_hooks(window: MainWindow) -> None:
    if os.environ.get(PROBE_ENV):
        window.installEventFilter(_PaintProbe(window))

        def on_opened(_pane: object, _doc_id: str) -> None:
            if all(p.pending is None for p in window.panes):
                window.document_opened.disconnect(on_opened)
                print("shown", flush=True)

        window.document_opened.connect(on_opened)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.aboutToQuit.connect(lambda: print(f"peak_mb {peak_memory_mb():.1f}", flush=True))
    quit_after = os.environ.get(QUIT_ENV, "")
    if quit_after.isdigit():
        window.first_painted.connect(lambda: QTimer.singleShot(int(quit_after), window.close))


def claim_instance(name: str, instance: QLockFile, message: dict[str, Any]) -> int | None:
    """Return ``None`` when this process is to be the window; else hand ``message`` to the one
    that is and return the exit status (1, said on stderr, when it does not answer)."""
    if send_message(name, message):
        print(HANDED_OVER, file=sys.stderr)
        return 0
    if instance.tryLock(0):
        return None
    if instance.error() != QLockFile.LockError.LockFailedError:
        print(f"warning: no single-instance lock ({instance.error().name})", file=sys.stderr)
        return None
    if hand_over(name, message):  # the window holding the lock may still be starting
        print(HANDED_OVER, file=sys.stderr)
        return 0
    print(NOT_ANSWERING, file=sys.stderr)
    return 1


def run_app(args: argparse.Namespace, argv: list[str]) -> int:
    """Open the window (or hand ``argv`` to the running one); return the exit status (128 +
    the signal's number when SIGINT or SIGTERM stopped it)."""
    library = open_library(args)
    app = application()
    name = server_name(library.data.root)
    instance = lock_file(name)
    status = claim_instance(name, instance, {"argv": argv, "cwd": os.getcwd()})
    if status is not None:
        return status
    printed = library.damage_reports()
    for message in printed:
        print(f"warning: {message}", file=sys.stderr)
    server = InstanceServer(name)
    server.listen()
    tasks = TaskManager()
    window = build_window(library, tasks)
    install_damage_notice(window, set(printed))
    log_file = log_path()
    restore_hooks = install_error_reporting(window, tasks, log_file)
    install_about(window, log_file)
    stopper = StopOnSignal(app, window)
    server.message_received.connect(window.handle_message)
    if any(arg.startswith("reader://") for arg in argv):
        # A link given on the command line (``open LINK``) is shown once the window has painted.
        window.first_painted.connect(lambda: window.handle_message({"argv": argv}))
    _install_test_hooks(window)
    log.info("window started (%s, data folder %s)", __version__, library.data.root)
    window.show()
    try:
        status = app.exec()
    finally:
        if app.platformName() == "offscreen":
            # Qt's offscreen clipboard crashes at exit when it holds data set from Python;
            # there is no desktop there to keep it for.
            app.clipboard().clear()
        server.close()
        instance.unlock()
        library.actors.close()  # first: a task may be waiting for the model's process
        tasks.shutdown()
        stopper.uninstall()
        restore_hooks()
    log.info("window closed")
    return stopper.exit_status(status)
