"""File › Import documents…, files dropped on the library or a pane, and the library's
Properties…, Replace with new version… and Remove… — all through ``library.imports`` on an
``import`` lane, so a large web page never blocks the window nor delays a save.

The library publishes what an import changed (documents added, removed, replaced); the window
lists, clears or reloads from that record, and extraction picks up the new documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.library import ImportResult, LibraryError
from reader.ui.views.properties_dialog import PropertiesDialog

if TYPE_CHECKING:
    from reader.ui.context import WindowContext
    from reader.ui.views.pane import ReadingPane

IMPORT_LANE = "import"
FILE_FILTER = "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)"


class DocumentImport(QObject):
    """Imports files, edits metadata, replaces and removes imported documents."""

    imported = Signal(list)  # list[ImportResult]
    failed = Signal(str)

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
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

    def import_paths(self, paths: list[str], pane: ReadingPane | None = None) -> None:
        """Import files and folders on the import lane; open a single new document in ``pane``."""
        library = self.window.library
        self.window.statusBar().showMessage(f"Importing {len(paths)} item(s)…")

        def work() -> list[ImportResult]:
            return library.imports.import_paths([Path(p) for p in paths])

        self.window.tasks.run(
            IMPORT_LANE, work, lambda results: self._on_imported(results, pane), self._on_failed
        )

    def _on_imported(self, results: list[ImportResult], pane: ReadingPane | None) -> None:
        added = [r for r in results if r.status == "added"]
        failed = [r for r in results if r.status == "failed"]
        known = [r for r in results if r.status == "existing"]
        words = [f"{len(added)} imported"]
        if known:
            words.append(f"{len(known)} already in the library")
        warnings = [w for r in results for w in r.warnings]
        if warnings:
            words.append(warnings[0] if len(warnings) == 1 else f"{len(warnings)} warnings")
        self.window.statusBar().showMessage(" · ".join(words), 10_000)
        opened = [r.doc_id for r in (added or known) if r.doc_id]
        if len(results) == 1 and opened:
            self.window.jump_to(opened[0], 0, pane=pane)
        if failed:
            self._tell("Some files could not be imported",
                       "\n".join(r.error or r.path for r in failed))
        self.imported.emit(results)

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
