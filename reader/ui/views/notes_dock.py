"""The notes of the active pane's document: saved as the user types (debounced), on the io lane.

Nothing typed is lost when another process changes the notes meanwhile: each save names the
version it started from (``base``); the store refuses a save over a newer version
(``NoteConflictError``), and the editor then merges the two (``reader.core.notes_merge``:
changes to different lines are combined, else both versions are kept) and tells the user.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.core.highlight import DocumentNote
from reader.core.notes_merge import merge_notes
from reader.library import Library, NoteConflictError
from reader.ui.tasks import IO, TaskManager

SAVE_DELAY_MS = 700


class NotesDock(QWidget):
    """A plain-text editor of one document's notes at a time."""

    saved = Signal(str)  # doc_id
    loaded = Signal(str)  # doc_id
    merged = Signal(str, bool)  # doc_id, clean

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesDock")
        self.library = library
        self.tasks = tasks
        self.doc_id: str | None = None
        self.base = ""  # the ``modified`` of the version being edited ("" = none stored)
        self.base_text = ""
        self.dirty = False
        self.saving = False
        self.notice = ""  # what the user must know about the last merge, kept until they leave
        # (doc_id, text) this editor sent: a "conflict" with one of them is with itself (a save
        # still in flight when the user switched documents or closed the window), not a change
        # made elsewhere, and needs no merge.
        self._sent: set[tuple[str, str]] = set()
        self.title = QLabel("No document", self)
        self.title.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("documentNotes")
        self.editor.setPlaceholderText("Your notes on this document, saved as you type")
        self.editor.setEnabled(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._on_text_changed)

    # -- which document --------------------------------------------------------------------
    def show_document(self, doc_id: str | None, title: str = "") -> None:
        """Edit another document's notes (what was typed for the previous one is saved)."""
        if doc_id == self.doc_id:
            return
        if self.dirty and self.doc_id is not None:
            self._save_text(self.doc_id, self.editor.toPlainText(), self.base, self.base_text)
        self.doc_id = doc_id
        self.dirty = False
        self.saving = False  # a save in flight belongs to the previous document
        self.notice = ""
        self.status.clear()
        self.title.setText(f"Notes on {title}" if doc_id else "No document")
        self._set_text("")
        self.editor.setEnabled(False)
        if doc_id is not None:
            self.reload()

    def reload(self) -> None:
        """Read the notes again (when not being typed), e.g. after a change elsewhere."""
        doc_id = self.doc_id
        if doc_id is None or self.dirty or self.saving:
            return
        library = self.library

        def done(note: DocumentNote | None) -> None:
            if doc_id != self.doc_id or self.dirty or self.saving:
                return
            self.base = note.modified if note else ""
            self.base_text = note.text if note else ""
            if self.editor.toPlainText() != self.base_text:
                self._set_text(self.base_text)
            self.editor.setEnabled(True)
            self.loaded.emit(doc_id)

        self.tasks.run(
            IO, lambda: library.highlights.note(doc_id), done, self._on_failed, key="notes-load"
        )

    def _set_text(self, text: str) -> None:
        """Replace the editor's text, keeping the cursor where it was (not a user edit)."""
        cursor = self.editor.textCursor()
        position = cursor.position()
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.editor.setTextCursor(cursor)

    # -- saving ----------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.dirty = True
        self.status.setText(f"Editing… {self.notice}" if self.notice else "Editing…")
        self._timer.start()

    def save(self) -> None:
        """Save what is typed now (one save at a time; a newer text is saved after)."""
        self._timer.stop()
        if self.doc_id is None or not self.dirty or self.saving:
            return
        self.saving = True
        self.dirty = False
        self._save_text(self.doc_id, self.editor.toPlainText(), self.base, self.base_text)

    def _save_text(self, doc_id: str, text: str, base: str, base_text: str) -> None:
        library = self.library
        self._sent.add((doc_id, text))

        def done(note: DocumentNote) -> None:
            if doc_id == self.doc_id:
                self.base, self.base_text = note.modified, note.text
                self.status.setText(f"Saved. {self.notice}" if self.notice else "Saved")
            self._settled(doc_id)
            self.saved.emit(doc_id)

        def failed(exc: Exception) -> None:
            if isinstance(exc, NoteConflictError):
                self._resolve_conflict(doc_id, text, base_text)
                return
            self._on_failed(exc)
            if doc_id == self.doc_id:
                self.dirty = True  # keep the text; try again on the next keystroke
            self._settled(doc_id)

        self.tasks.run(IO, lambda: library.highlights.set_note(doc_id, text, base), done, failed)

    def _settled(self, doc_id: str) -> None:
        if doc_id == self.doc_id:
            self.saving = False
            if self.dirty:
                self._timer.start()

    def _resolve_conflict(self, doc_id: str, mine: str, base_text: str) -> None:
        """The notes changed elsewhere: merge with the stored version and save the result."""
        library = self.library

        def done(theirs: DocumentNote | None) -> None:
            stored = theirs.text if theirs else ""
            stamp = theirs.modified if theirs else ""
            if (doc_id, stored) in self._sent:
                self._resave(doc_id, stamp, stored, mine)
                return
            if doc_id != self.doc_id:
                # The user moved on: save the merge for that document without showing it.
                result = merge_notes(base_text, mine, stored)
                self._save_text(doc_id, result.text, stamp, stored)
                return
            # Merge what is in the editor now: it may hold keys typed since the save began.
            result = merge_notes(base_text, self.editor.toPlainText(), stored)
            if result.text != self.editor.toPlainText():
                self._set_text(result.text)
            self.base, self.base_text = stamp, stored
            self.notice = (
                "These notes were changed elsewhere meanwhile; the changes were merged."
                if result.clean
                else "These notes were changed elsewhere meanwhile; both versions are kept, "
                "the other below a marked line."
            )
            self.status.setText(self.notice)
            self.merged.emit(doc_id, result.clean)
            self.saving = False
            self.dirty = True
            self.save()

        self.tasks.run(IO, lambda: library.highlights.note(doc_id), done, self._on_failed)

    def _resave(self, doc_id: str, stamp: str, stored: str, mine: str) -> None:
        """Save again over this editor's own earlier save (no change was made elsewhere)."""
        if doc_id != self.doc_id:
            self._save_text(doc_id, mine, stamp, stored)  # the user has moved on: save as sent
            return
        self.base, self.base_text = stamp, stored
        self.saving = False
        self.dirty = True
        self.save()

    def flush(self) -> None:
        """Save now, on this thread (the window is closing: nothing typed may be lost)."""
        self._timer.stop()
        if self.doc_id is None or not (self.dirty or self.saving):
            return
        text = self.editor.toPlainText()
        try:
            self.library.highlights.set_note(self.doc_id, text, self.base)
        except NoteConflictError:
            theirs = self.library.highlights.note(self.doc_id)
            stored = theirs.text if theirs else ""
            if (self.doc_id, stored) not in self._sent:
                text = merge_notes(self.base_text, text, stored).text
            self.library.highlights.set_note(self.doc_id, text)
        self.dirty = False

    def _on_failed(self, exc: Exception) -> None:
        self.status.setText(f"Not saved: {exc}")
