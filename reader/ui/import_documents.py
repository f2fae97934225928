"""File › Import documents…, files dropped on the library or a pane, and the library's
Properties…, Replace with new version… and Remove… — all through ``library.imports`` on an
``import`` lane, so a large web page or PDF never blocks the window nor delays a save.

A PDF or EPUB is read in a child process; its pages read show in the status bar beside a
Cancel button, and an encrypted PDF asks for its password.

The library publishes what an import changed (documents added, removed, replaced); the window
lists, clears or reloads from that record, and extraction picks up the new documents.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton

from reader.library import ImportOptions, ImportResult, LibraryError
from reader.ui.views.properties_dialog import PropertiesDialog

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.views.pane import ReadingPane

IMPORT_LANE = "import"
FILE_FILTER = (
    "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.epub *.xps *.oxps "
    "*.fb2 *.mobi);;All files (*)"
)


class DocumentImport(QObject):
    """Imports files, edits metadata, replaces and removes imported documents."""

    imported = Signal(list)  # list[ImportResult]
    failed = Signal(str)
    pages_read = Signal(str, int, int)  # path, pages done, pages (emitted on the import lane)
    password_asked = Signal(QInputDialog)

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        self._stops: list[threading.Event] = []
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.cancel_button)
        self.pages_read.connect(self._on_pages_read)
        window.tasks.add_lane(IMPORT_LANE)
        window.files_dropped.connect(self.import_paths)
        view = window.library_view
        view.properties_requested.connect(self.edit_properties)
        view.replace_requested.connect(self.ask_replace)
        view.remove_requested.connect(self.ask_remove)

    # -- importing ---------------------------------------------------------------------------
    def ask_import(self) -> None:
        """Let the user choose files, then import them."""
        paths, _ = QFileDialog.getOpenFileNames(
            self.window.host, "Import documents", str(Path.home()), FILE_FILTER
        )
        if paths:
            self.import_paths(paths)

    def import_paths(
        self, paths: list[str], pane: ReadingPane | None = None, password: str | None = None
    ) -> None:
        """Import files and folders on the import lane; open a single new document in ``pane``."""
        library = self.window.library
        self.window.statusBar().showMessage(f"Importing {len(paths)} item(s)…")
        stop = threading.Event()
        self._stops.append(stop)
        self.cancel_button.show()
        options = ImportOptions(password, self.pages_read.emit, stop.is_set)

        def work() -> list[ImportResult]:
            return library.imports.import_paths([Path(p) for p in paths], options=options)

        def done(results: list[ImportResult]) -> None:
            self._finished(stop)
            self._on_imported(results, pane)

        def failed(exc: Exception) -> None:
            self._finished(stop)
            self._on_failed(exc)

        self.window.tasks.run(IMPORT_LANE, work, done, failed)

    def cancel(self) -> None:
        """Stop the imports under way (a file being read is dropped; nothing is kept of it)."""
        for stop in self._stops:
            stop.set()
        self.window.statusBar().showMessage("Cancelling the import…")

    def _finished(self, stop: threading.Event) -> None:
        if stop in self._stops:
            self._stops.remove(stop)
        self.cancel_button.setVisible(bool(self._stops))

    def _on_pages_read(self, path: str, done: int, total: int) -> None:
        if self._stops:
            self.window.statusBar().showMessage(
                f"Importing {Path(path).name}: page {done} of {total}…"
            )

    def _on_imported(self, results: list[ImportResult], pane: ReadingPane | None) -> None:
        for locked in [r for r in results if r.reason == "password"]:
            self._ask_password(locked, pane)
        results = [r for r in results if r.reason != "password"]
        if not results:
            return
        added = [r for r in results if r.status == "added"]
        failed = [r for r in results if r.status == "failed"]
        known = [r for r in results if r.status == "existing"]
        words = [f"{len(added)} imported"]
        if known:
            words.append(f"{len(known)} already in the library")
        if any(r.reason == "cancelled" for r in failed):
            words.append("cancelled")
        warnings = [w for r in results for w in r.warnings]
        if warnings:
            words.append(warnings[0] if len(warnings) == 1 else f"{len(warnings)} warnings")
        self.window.statusBar().showMessage(" · ".join(words), 10_000)
        opened = [r.doc_id for r in (added or known) if r.doc_id]
        if len(results) == 1 and opened:
            self.window.jump_to(opened[0], 0, pane=pane)
        failed = [r for r in failed if r.reason != "cancelled"]
        if failed:
            self._tell("Some files could not be imported",
                       "\n".join(r.error or r.path for r in failed))
        self.imported.emit(results)

    def _ask_password(self, result: ImportResult, pane: ReadingPane | None) -> None:
        """Ask for an encrypted PDF's password (not modal to the app: the window keeps going)."""
        dialog = QInputDialog(self.window.host)
        dialog.setObjectName("pdfPassword")
        dialog.setWindowTitle("Password needed")
        dialog.setLabelText(f"{result.error}\n\nPassword for {Path(result.path).name}:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(
            lambda password: self.import_paths([result.path], pane, password=password or None)
        )
        dialog.open()
        self.password_asked.emit(dialog)

    # -- one document ------------------------------------------------------------------------
    def edit_properties(self, doc_id: str) -> None:
        """Show a document's metadata to correct (kept in the data folder)."""
        library = self.window.library
        try:
            meta = library.documents.metadata(doc_id)
        except LibraryError as exc:
            self._on_failed(exc)
            return
        dialog = PropertiesDialog(meta, self.window.host)

        def accepted() -> None:
            changes = dialog.changes()
            if changes:
                self.window.tasks.run(
                    IMPORT_LANE,
                    lambda: library.documents.edit_metadata(doc_id, changes),
                    lambda _meta: None,
                    self._on_failed,
                )

        dialog.accepted.connect(accepted)
        dialog.open()

    def ask_replace(self, doc_id: str) -> None:
        """Replace an imported document with a new version of its file (same id)."""
        path, _ = QFileDialog.getOpenFileName(
            self.window.host, "Replace with new version", str(Path.home()), FILE_FILTER
        )
        if not path:
            return
        library = self.window.library
        self.window.tasks.run(
            IMPORT_LANE,
            lambda: library.imports.replace(doc_id, Path(path)),
            lambda result: self.window.statusBar().showMessage(
                f"Replaced {result.doc_id}; its highlights were placed in the new text", 8000
            ),
            self._on_failed,
        )

    def ask_remove(self, doc_id: str) -> None:
        """Ask, then remove an imported document (its highlights are kept, waiting)."""
        library = self.window.library
        title = library.documents.metadata(doc_id).title
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove document",
            f"Remove “{title}” from the library?\n\nIts highlights and notes are kept and come "
            "back if the same file is imported again.",
            QMessageBox.StandardButton.Cancel,
            self.window.host,
        )
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setObjectName("removeDocument")

        def finished() -> None:
            if box.clickedButton() is remove:
                self.window.tasks.run(
                    IMPORT_LANE, lambda: library.imports.remove(doc_id), lambda _c: None,
                    self._on_failed,
                )

        box.finished.connect(finished)
        box.open()

    # -- failures ----------------------------------------------------------------------------
    def _on_failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, LibraryError) else f"Import: {exc!r}"
        self.window.statusBar().showMessage(message, 8000)
        self._tell("Import", message)

    def _tell(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
            self.window.host,
        )
        box.setObjectName("importError")
        box.open()  # not exec(): the window keeps running
        self.failed.emit(message)


def install_document_import(window: WindowContext) -> DocumentImport:
    """Add File › Import documents… and the library's document actions to a window."""
    feature = DocumentImport(window)
    action = QAction("Import &documents…", window.host)
    action.setShortcut(QKeySequence("Ctrl+O"))
    action.triggered.connect(lambda _checked=False: feature.ask_import())
    quit_action = window.window_actions.get("quit")
    menu = window.menu("&File")
    if quit_action is not None:
        menu.insertAction(quit_action, action)
    else:
        menu.addAction(action)
    window.host.addAction(action)
    window.window_actions["import_documents"] = action
    return feature
