"""File → Export highlights… and File → Import highlights…, run off the UI thread.

The dialog asks for a scope (the current document, all documents, or one tag), a format and a
file (a sensible default name; a folder with "one file per document"). The work runs on an
``export`` lane of the window's task manager, so a large export never blocks the window nor
delays a save on the ``io`` lane; progress comes back through a queued signal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from reader.core.words import count
from reader.library import FORMATS, ExportFormat, ExportReport, ImportReport

if TYPE_CHECKING:
    from reader.ui.context import WindowContext

EXPORT_LANE = "export"
FORMAT_NAMES: dict[ExportFormat, str] = {
    "md": "Markdown with YAML front matter (.md)",
    "csv": "CSV for highlight services (.csv)",
    "json": "W3C Web Annotations, for backup and import (.json)",
    "pdf": "PDF with the text and highlight annotations (.pdf)",
}
SCOPES = ("document", "all", "tag")
STATE_KEY = "export"  # in the window state's extra: the last export's settings


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export, and where."""

    fmt: ExportFormat
    out: Path
    doc_ids: tuple[str, ...] | None
    tag: str | None
    per_document: bool


def default_file_name(doc_id: str | None, tag: str | None, fmt: str, day: date) -> str:
    """Return the name a file (or folder, without extension) gets unless the user changes it."""
    what = doc_id or (f"tag-{_slug(tag)}" if tag else "all")
    return f"highlights-{what}-{day.isoformat()}" + (f".{fmt}" if fmt else "")


def _slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "-", text.lower()).strip("-") or "tag"


class ExportDialog(QDialog):
    """Scope, format and file of an export."""

    def __init__(
        self,
        doc: tuple[str, str] | None,
        tags: list[str],
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export highlights")
        self.setObjectName("exportDialog")
        self._doc = doc
        self._folder = folder
        self._edited = False
        self.scope = QComboBox(self)
        if doc is not None:
            self.scope.addItem(f"This document: {doc[1]}", "document")
        self.scope.addItem("All documents", "all")
        if tags:
            self.scope.addItem("Highlights with the tag…", "tag")
        self.tag = QComboBox(self)
        self.tag.addItems(tags)
        self.format = QComboBox(self)
        for fmt in FORMATS:
            self.format.addItem(FORMAT_NAMES[fmt], fmt)
        self.per_document = QCheckBox("One file per document (in a folder)", self)
        self.path = QLineEdit(self)
        self.path.textEdited.connect(self._on_path_edited)
        choose = QPushButton("Choose…", self)
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Highlights of", self.scope)
        form.addRow("Tag", self.tag)
        form.addRow("Format", self.format)
        form.addRow("", self.per_document)
        form.addRow("Save to", row)
        form.addRow(self.buttons)
        for signal in (
            self.scope.currentIndexChanged,
            self.tag.currentIndexChanged,
            self.format.currentIndexChanged,
        ):
            signal.connect(self._refresh)
        self.per_document.toggled.connect(self._refresh)
        self._refresh()

    def apply_settings(self, saved: dict[str, Any]) -> None:
        """Take the scope, tag, format and "one file per document" of the last export (what
        this dialog offers of them)."""
        for box, key in ((self.scope, "scope"), (self.format, "format")):
            index = box.findData(saved.get(key))
            if index >= 0:
                box.setCurrentIndex(index)
        tag = self.tag.findText(str(saved.get("tag") or ""))
        if tag >= 0:
            self.tag.setCurrentIndex(tag)
        if self.per_document.isEnabled():
            self.per_document.setChecked(saved.get("per_document") is True)
        self._refresh()

    def settings(self) -> dict[str, Any]:
        """Return what the next export starts from: scope, tag, format, folder."""
        request = self.request()
        folder = request.out if request.per_document else request.out.parent
        return {
            "scope": self.scope.currentData(),
            "tag": self.tag.currentText() or None,
            "format": request.fmt,
            "per_document": request.per_document,
            "folder": str(folder),
        }

    def request(self) -> ExportRequest:
        """Return the export the dialog describes."""
        scope = self.scope.currentData()
        return ExportRequest(
            fmt=self.format.currentData(),
            out=Path(self.path.text()).expanduser(),
            doc_ids=(self._doc[0],) if scope == "document" and self._doc else None,
            tag=self.tag.currentText() if scope == "tag" else None,
            per_document=self.per_document.isChecked(),
        )

    def _refresh(self) -> None:
        scope = self.scope.currentData()
        self.tag.setEnabled(scope == "tag")
        # A PDF holds one document: PDFs of several always go into a folder.
        several_pdfs = scope != "document" and self.format.currentData() == "pdf"
        self.per_document.setEnabled(scope != "document" and not several_pdfs)
        if scope == "document" or several_pdfs:
            self.per_document.setChecked(several_pdfs)
        if not self._edited:
            doc_id = self._doc[0] if scope == "document" and self._doc else None
            tag = self.tag.currentText() if scope == "tag" else None
            fmt = "" if self.per_document.isChecked() else self.format.currentData()
            name = default_file_name(doc_id, tag, fmt, date.today())
            self.path.setText(str(self._folder / name))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.path.text().strip())
        )

    def _on_path_edited(self, _text: str) -> None:
        self._edited = True
        self._refresh()

    def _choose(self) -> None:
        if self.per_document.isChecked():
            chosen = QFileDialog.getExistingDirectory(
                self, "Export into the folder", self.path.text()
            )
        else:
            fmt = self.format.currentData()
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Export highlights", self.path.text(), f"{FORMAT_NAMES[fmt]} (*.{fmt})"
            )
        if chosen:
            self._edited = True
            self.path.setText(chosen)
            self._refresh()


class Exchange(QObject):
    """Runs exports and imports on the ``export`` lane and tells the user how they went."""

    progressed = Signal(int, int)  # emitted from the worker; queued to the UI thread
    exported = Signal(object)  # ExportReport
    imported = Signal(object)  # ImportReport
    failed = Signal(str)
    dialog_opened = Signal(object)  # ExportDialog

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.host)
        self.window = window
        window.tasks.add_lane(EXPORT_LANE)
        self.progress: QProgressDialog | None = None
        self.progressed.connect(self._on_progressed)

    def ask_export(self) -> None:
        """Read the tags in use (on the lane: every highlight file), then show the dialog."""
        library = self.window.library

        def tags() -> list[str]:
            return sorted({t for h in library.highlights.list() for t in h.tags}, key=str.casefold)

        self.window.tasks.run(EXPORT_LANE, tags, self._open_dialog, self._on_failed)

    def _open_dialog(self, tags: list[str]) -> None:
        pane = self.window.active_pane()
        doc = (pane.doc.id, pane.doc.meta.title) if pane.doc is not None else None
        saved = self.window.extra_state.get(STATE_KEY)
        saved = saved if isinstance(saved, dict) else {}
        folder = Path(str(saved.get("folder") or Path.home())).expanduser()
        start = folder if folder.is_dir() else Path.home()
        dialog = ExportDialog(doc, tags, start, self.window.host)
        dialog.apply_settings(saved)
        dialog.accepted.connect(lambda: self._on_accepted(dialog))
        dialog.open()  # window-modal, not exec(): the event loop keeps running
        self.dialog_opened.emit(dialog)

    def _on_accepted(self, dialog: ExportDialog) -> None:
        self.window.extra_state[STATE_KEY] = dialog.settings()  # the next export starts here
        self.window.schedule_save()
        self.export(dialog.request())

    def export(self, request: ExportRequest) -> None:
        """Export in the background, with a progress dialog for large exports."""
        library = self.window.library
        self._show_progress("Exporting highlights…")

        def work() -> ExportReport:
            return library.exports.export(
                request.fmt,
                request.out,
                doc_ids=request.doc_ids,
                tag=request.tag,
                per_document=request.per_document,
                progress=self.progressed.emit,
            )

        self.window.tasks.run(EXPORT_LANE, work, self._on_exported, self._on_failed)

    def ask_import(self) -> None:
        """Ask for a JSON export and import it."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window.host,
            "Import highlights",
            str(Path.home()),
            "Web Annotations (*.json);;All files (*)",
        )
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> None:
        """Merge a JSON export's highlights and notes in, in the background."""
        library = self.window.library
        self._show_progress("Importing highlights…")
        self.window.tasks.run(
            EXPORT_LANE,
            lambda: library.exports.import_highlights(path),
            self._on_imported,
            self._on_failed,
        )

    def _show_progress(self, text: str) -> None:
        progress = QProgressDialog(text, "", 0, 0, self.window.host)
        progress.setCancelButton(None)  # an atomic write is all or nothing: nothing to cancel
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # small exports finish before it shows
        progress.setObjectName("exportProgress")
        self.progress = progress

    def _on_progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _on_exported(self, report: ExportReport) -> None:
        self._close_progress()
        where = report.files[0] if len(report.files) == 1 else f"{len(report.files)} files"
        message = (
            (
                f"Exported {count(report.highlights, 'highlight')} of "
                f"{count(report.documents, 'document')} to {where}"
            )
            if report.files
            else "Nothing to export"
        )
        self.window.statusBar().showMessage(message, 10_000)
        self.exported.emit(report)

    def _on_imported(self, report: ImportReport) -> None:
        self._close_progress()
        message = (
            f"Imported {count(report.highlights, 'highlight')} and "
            f"{count(report.notes, 'note')}"
        )
        if report.kept_newer:
            message += f"; kept {report.kept_newer} changed here since"
        if report.skipped:
            message += f"; skipped {len(report.skipped)}"
        self.window.statusBar().showMessage(message, 10_000)
        self.imported.emit(report)

    def _on_failed(self, exc: Exception) -> None:
        self._close_progress()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Highlights",
            str(exc),
            QMessageBox.StandardButton.Ok,
            self.window.host,
        )
        box.setObjectName("exchangeError")
        box.open()  # not exec(): the window keeps running
        self.failed.emit(str(exc))


def install_export(window: WindowContext) -> Exchange:
    """Add File → Export highlights… and File → Import highlights… to the window."""
    from PySide6.QtGui import QAction, QKeySequence

    exchange = Exchange(window)
    export = QAction("&Export highlights…", window.host)
    export.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export.triggered.connect(lambda _checked=False: exchange.ask_export())
    imp = QAction("&Import highlights…", window.host)
    imp.triggered.connect(lambda _checked=False: exchange.ask_import())
    quit_action = window.window_actions.get("quit")
    file_menu = window.menu("&File")
    for action in (export, imp):
        if quit_action is not None:
            file_menu.insertAction(quit_action, action)
        else:
            file_menu.addAction(action)
        window.host.addAction(action)
    if quit_action is not None:
        file_menu.insertSeparator(quit_action)
    window.window_actions.update({"export_highlights": export, "import_highlights": imp})
    return exchange
