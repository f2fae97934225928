"""Extraction for the library in the background: the controller the actors pane and the
mention marks read from.

After the window's first paint each document is extracted on the ``nlp`` lane (the documents
being read first), one task per document, so results arrive one by one. Extraction runs in a
spawned child process (``Actors.extract_in_child``) that writes the index, because resolution and
its garbage collections in a thread hold the GIL long enough to stall the event loop; the lane
only waits for the child. The child starts only when a document needs extracting and stops when
idle. The status bar shows progress, says when recall is reduced, and a document
whose extraction fails is reported (status bar, log) while the others go on.
"""

from __future__ import annotations

import gc
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from reader.core.actors import PassageActors
from reader.core.cooccurrence import PassageMatch
from reader.core.dates import DateMention
from reader.core.words import count
from reader.library import DocumentFacts, Library
from reader.ui.tasks import TaskManager

if TYPE_CHECKING:
    from reader.ui.context import WindowContext

NLP = "nlp"
# Reads of the index for the views (a document's facts), apart from extraction's lane so that a
# shown document's marks never wait behind a batch.
FACTS = "facts"
RESULTS_KEY = "actor-results"
FACTS_KEPT = 8  # documents whose facts the views hold (the panes' and a few recent)
COUNTS_EVERY_S = 1.0  # the library's counts are read again at most this often while extracting
FREEZE_EVERY = 50  # documents between gc.freeze() calls while extracting
T = TypeVar("T")

__all__ = [
    "DocumentFacts",
    "ExtractionController",
    "ExtractionStatus",
    "built_uncollected",
    "status_text",
]


@dataclass(frozen=True)
class _Report:
    """What the library says after a document: its warnings, and whether recall is reduced."""

    warnings: list[str]
    reduced_recall: bool


class ExtractionController(QObject):
    """Runs extraction for the library on the ``nlp`` lane; the results are the library's
    (``library.actors``), read from there."""

    document_extracted = Signal(str)  # doc_id: facts(doc_id) is ready
    facts_loaded = Signal(str)  # doc_id: cached_facts(doc_id) now holds what the index has
    progressed = Signal(int, int)  # documents done, total
    counts_read = Signal()  # the library's counts were read again (at most once a second)
    finished = Signal()
    warnings_changed = Signal(list)

    def __init__(self, library: Library, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.tasks = tasks
        tasks.add_lane(NLP)
        tasks.add_lane(FACTS)
        self._facts: OrderedDict[str, DocumentFacts] = OrderedDict()
        self._facts_loading: set[str] = set()
        self._facts_stale: set[str] = set()  # extracted again while being read: read again
        self._counts: dict[str, int] | None = None
        self._counts_read = 0.0
        self.done: set[str] = set()  # documents whose actors and dates are in the index
        self._first: list[str] = []
        self._again: list[str] = []  # documents that arrived during a pass: another pass
        self.warnings: list[str] = []
        self.reduced_recall = False  # names outside the gazetteer may be missed (no model)
        self.failed: list[str] = []  # documents whose extraction raised, in this process
        self._failures: list[str] = []
        self._library_warnings: list[str] = []
        self.total = 0
        self.running = False
        self._queue: list[str] = []

    def start(self, first: Sequence[str] = ()) -> None:
        """Index the documents and load the model, then extract what the index lacks (those in
        ``first`` before the rest); a warm library extracts nothing (and loads no model)."""
        self._first = list(first)
        self.done = set()
        self.total = len(self.library.documents.ids())
        was_running, self.running = self.running, True
        self._queue = []
        self.progressed.emit(0, self.total)
        if not was_running:
            self.tasks.run(NLP, self._warm_up, self._on_warmed_up, self._on_warm_up_failed)

    def add(self, doc_ids: Sequence[str]) -> None:
        """Extract documents that arrived or changed: after the running pass, or now; nothing
        before the first ``start``, which takes every document."""
        if self.total == 0 and not self.running:
            return
        if self.running:
            self._again = list(dict.fromkeys([*self._again, *doc_ids]))
            return
        self.start(doc_ids)

    def _warm_up(self) -> tuple[list[str], _Report]:
        actors = self.library.actors
        pending = actors.pending()  # indexing first: the cheap check, then what changed
        if pending:
            actors.warm_up()  # the model is loaded only when there is something to extract
        return [str(d) for d in pending], self._report()

    def _on_warmed_up(self, result: tuple[list[str], _Report]) -> None:
        pending, report = result
        freeze()  # what start-up loaded lives long: out of the collector's way
        self._set_report(report)
        waiting = set(pending)
        self.done = {d for d in self.library.documents.ids() if d not in waiting}
        self._queue = [d for d in dict.fromkeys([*self._first, *pending]) if d in waiting]
        if self.done:  # documents the index already had
            self.progressed.emit(len(self.done), self.total)
        self._next()

    def _on_warm_up_failed(self, exc: Exception) -> None:
        self._failures.append(f"extraction could not start: {exc}")
        self.tasks.report_failure("Finding actors and dates could not start", exc)
        self._set_report(_Report(self._library_warnings, self.reduced_recall))
        self.running = False
        self.finished.emit()

    def _report(self) -> _Report:
        # On the nlp lane: the extractor (and so its flag) may be made here.
        actors = self.library.actors
        return _Report(actors.warnings(), actors.reduced_recall())

    def _set_report(self, report: _Report) -> None:
        self._library_warnings = list(report.warnings)
        warnings = [*report.warnings, *self._failures]
        changed = warnings != self.warnings or report.reduced_recall != self.reduced_recall
        self.warnings = warnings
        self.reduced_recall = report.reduced_recall
        if changed:
            self.warnings_changed.emit(self.warnings)

    def _next(self) -> None:
        if self.tasks.is_shut_down:
            # The window closed: the rest is not extracted here and now on the UI thread (a
            # result delivered after the lanes stopped used to extract the whole remainder).
            self.running = False
            return
        if not self._queue:
            self.running = False
            if self._again:
                first, self._again = self._again, []
                self.start(first)
                return
            self.finished.emit()
            return
        doc_id = self._queue.pop(0)
        actors = self.library.actors

        last = not self._queue
        due = last or time.monotonic() - self._counts_read >= COUNTS_EVERY_S

        def work() -> tuple[_Report, dict[str, int] | None]:
            actors.extract_now([doc_id])  # into the index, which the views read
            # The counts are read here, not on the UI thread: at thousands of documents one
            # read of them takes long enough to be seen.
            return self._report(), _counts(self.library) if due else None

        try:
            self.tasks.run(NLP, work, lambda r: self._on_extracted(doc_id, r), self._failed(doc_id))
        except RuntimeError:  # the lanes were shut down: the window is closing
            self.running = False

    def _on_extracted(
        self, doc_id: str, result: tuple[_Report, dict[str, int] | None]
    ) -> None:
        report, counts = result
        self.done.add(doc_id)
        counted = counts is not None
        if counts is not None:
            self._counts, self._counts_read = counts, time.monotonic()
        if len(self.done) % FREEZE_EVERY == 0:
            freeze()
        if doc_id in self._facts or doc_id in self._facts_loading:
            self._read_facts(doc_id)  # a view shows it: read again (the old ones meanwhile)
        self._set_report(report)
        self.document_extracted.emit(doc_id)
        if counted:
            self.counts_read.emit()
        self.progressed.emit(len(self.done), self.total)
        self._next()

    def _failed(self, doc_id: str) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            # Not counted as done: the user is told which document and why, and the log has
            # the traceback; the other documents go on.
            self.failed.append(doc_id)
            self._failures.append(f"the actors of {doc_id} could not be found: {exc}")
            self.total -= 1
            self.tasks.report_failure(f"The actors of {doc_id} could not be found", exc)
            self._set_report(_Report(self._library_warnings, self.reduced_recall))
            self.progressed.emit(len(self.done), self.total)
            self._next()

        return failed

    # -- what the views ask (the library's results) -----------------------------------------
    def facts(self, doc_id: str) -> DocumentFacts | None:
        """Return a document's actors and dates (``None`` while not extracted yet)."""
        return self.library.actors.facts(doc_id)

    def passage(self, doc_id: str, index: int) -> tuple[PassageActors | None, list[DateMention]]:
        """Return a passage's actors and dates (``None``, [] while not extracted yet)."""
        return self.library.actors.passage(doc_id, index)

    def cached_facts(self, doc_id: str) -> DocumentFacts | None:
        """Return a document's actors and dates as last read for the views, without waiting:
        ``None`` while they are read (on the ``facts`` lane; ``facts_loaded`` says when) or
        not extracted yet. The UI thread never reads a whole document's facts itself."""
        if doc_id in self._facts:
            self._facts.move_to_end(doc_id)
            return self._facts[doc_id]
        if doc_id not in self._facts_loading:
            self._read_facts(doc_id)
        return None

    def reload_facts(self, doc_ids: Sequence[str] | None = None) -> None:
        """Read again the held facts of these documents (default: all held), e.g. after a
        correction re-resolved them; the old ones are shown until ``facts_loaded``."""
        for doc_id in list(self._facts) if doc_ids is None else doc_ids:
            if doc_id in self._facts or doc_id in self._facts_loading:
                self._read_facts(doc_id)

    def _read_facts(self, doc_id: str) -> None:
        if self.tasks.is_shut_down:
            return  # the window closed: no view needs them
        if doc_id in self._facts_loading:
            self._facts_stale.add(doc_id)  # read again when this read is back
            return
        self._facts_loading.add(doc_id)
        self.tasks.run(
            FACTS,
            lambda: built_uncollected(lambda: self.library.actors.facts(doc_id)),
            lambda facts: self._on_facts_read(doc_id, facts),
            lambda _exc: self._facts_loading.discard(doc_id),
        )

    def _on_facts_read(self, doc_id: str, facts: DocumentFacts | None) -> None:
        self._facts_loading.discard(doc_id)
        if doc_id in self._facts_stale:  # read before its newest results were stored
            self._facts_stale.discard(doc_id)
            self._read_facts(doc_id)
            return
        if facts is None:  # not extracted yet: not kept, its extraction will say so
            return
        self._facts[doc_id] = facts
        while len(self._facts) > FACTS_KEPT:
            self._facts.popitem(last=False)
        freeze()  # a big document's facts are many small objects that live long
        self.facts_loaded.emit(doc_id)

    def count(self, actor_id: str) -> int | None:
        """Return how many passages of the library mention an actor (so far): while extracting,
        as last read on the ``nlp`` lane (at most a second old)."""
        if self._counts is not None:
            return self._counts.get(actor_id)
        return self.library.actors.count(actor_id)

    def find_passages(
        self, actor_ids: Sequence[str], on_done: Callable[[list[PassageMatch]], None]
    ) -> None:
        """Find the passages mentioning all the actors on the ``nlp`` lane (behind extraction,
        so the list is the whole library's); only the newest request is answered."""
        ids = list(actor_ids)
        self.tasks.run(
            NLP, lambda: self.library.actors.passages_mentioning(ids), on_done, key=RESULTS_KEY
        )


def _counts(library: Library) -> dict[str, int]:
    """Read the library's counts (a worker's job: one read of the whole index)."""
    return {str(k): n for k, (_actor, n) in library.actors.counts_so_far().items()}


def built_uncollected(build: Callable[[], T]) -> T:
    """Return ``build()``, run with the collector paused and what it made frozen (a worker's
    job: a big document's facts are millions of small objects that live long).

    While they are made, every collection, full or not, would scan all of them, holding the GIL
    and so the event loop: reading a 5 MB document's facts triggered full collections of up to
    0.8 s. Frozen before the collector runs again, they are never scanned."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return build()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def freeze() -> None:
    """Move every object alive now out of the collector's reach (``gc.freeze``): a full
    collection, which holds the GIL and so the event loop, then costs what is new since, not the
    whole heap (a 5,000-document window spent up to a second in one)."""
    gc.freeze()


def status_text(
    done: int, total: int, running: bool, warnings: list[str], reduced_recall: bool = False
) -> str:
    """Return the status bar's words for extraction's progress."""
    text = (
        f"Finding actors and dates… {done} of {total} documents"
        if running
        else f"Actors and dates: {done} documents"
    )
    if reduced_recall:
        text += " · recall is reduced (no spaCy model)"
    # Library.actors.warnings() words reduced recall as one warning of its own.
    others = len(warnings) - reduced_recall
    if others > 0:
        text += f" · {count(others, 'warning')}"
    return text


class ExtractionStatus(QLabel):
    """The status bar's permanent note of extraction's progress and warnings."""

    def __init__(self, controller: ExtractionController, window: WindowContext) -> None:
        super().__init__(window.host)
        self.setObjectName("extractionStatus")
        self._controller = controller
        controller.progressed.connect(self._refresh)
        controller.warnings_changed.connect(self._refresh)
        controller.finished.connect(self._refresh)
        window.statusBar().addPermanentWidget(self)

    def _refresh(self, *_args: object) -> None:
        c = self._controller
        self.setText(status_text(len(c.done), c.total, c.running, c.warnings, c.reduced_recall))
        self.setToolTip("\n".join(c.warnings))
