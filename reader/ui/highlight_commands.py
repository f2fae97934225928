"""Undo commands of the highlights: add, edit, delete, each one step of a ``QUndoStack``.

A command's ``redo``/``undo`` hand the store work to the ``io`` lane (one thread, so the steps
run in the order they were pushed, and a later step can read what an earlier one stored).
Redoing an edit edits again with the same changes (idempotent); undoing it stores the highlight
as it was before. Consecutive note edits of one highlight merge into one step, so undo takes
back a typed note, not each pause in the typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from reader.core.highlight import Highlight
from reader.library import Library

NOTE_EDIT_ID = 7001


class StoreRunner(Protocol):
    """What the commands need from the controller."""

    library: Library

    def apply(self, doc_id: str, work: Callable[[], Any]) -> None:
        """Run ``work`` on the io lane, then refresh the document's highlights."""


class AddHighlight(QUndoCommand):
    def __init__(
        self, runner: StoreRunner, doc_id: str, span: tuple[int, int], color: str, label: str
    ) -> None:
        super().__init__(f"Highlight in {label}")
        self.runner = runner
        self.doc_id = doc_id
        self.span = span
        self.color = color
        self.added: Highlight | None = None  # set on the io lane by the first redo

    def redo(self) -> None:
        library = self.runner.library

        def work() -> None:
            if self.added is None:
                start, end = self.span
                self.added = library.highlights.add(self.doc_id, start, end, color=self.color)
            else:
                library.highlights.restore(self.added)

        self.runner.apply(self.doc_id, work)

    def undo(self) -> None:
        library = self.runner.library

        def work() -> None:
            if self.added is not None:
                library.highlights.remove(self.added.id)

        self.runner.apply(self.doc_id, work)


class EditHighlight(QUndoCommand):
    def __init__(self, runner: StoreRunner, before: Highlight, text: str, **changes: Any) -> None:
        super().__init__(text)
        self.runner = runner
        self.before = before
        self.changes = changes

    def redo(self) -> None:
        library, changes, h = self.runner.library, dict(self.changes), self.before
        self.runner.apply(h.doc_id, lambda: library.highlights.edit(h.id, **changes))

    def undo(self) -> None:
        library, h = self.runner.library, self.before
        self.runner.apply(h.doc_id, lambda: library.highlights.restore(h))

    def id(self) -> int:
        return NOTE_EDIT_ID if set(self.changes) == {"note"} else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditHighlight) or other.before.id != self.before.id:
            return False
        self.changes = dict(other.changes)
        return True


class DeleteHighlight(QUndoCommand):
    def __init__(self, runner: StoreRunner, highlight: Highlight) -> None:
        super().__init__("Delete highlight")
        self.runner = runner
        self.highlight = highlight

    def redo(self) -> None:
        library, h = self.runner.library, self.highlight
        self.runner.apply(h.doc_id, lambda: library.highlights.remove(h.id))

    def undo(self) -> None:
        library, h = self.runner.library, self.highlight
        self.runner.apply(h.doc_id, lambda: library.highlights.restore(h))
