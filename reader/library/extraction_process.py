"""Extraction in a child process: the window's (issue 27).

Resolution and dates are pure Python over many small objects: in a thread of the window they
hold the GIL a millisecond at a time, and their full garbage collections (up to 2.9 s while a
20 MB document was resolved) hold it throughout, while the event loop waits. So the window
extracts in one spawned child (``ChildProcess``: started on demand, stopped when idle, at a
lower priority), which opens the same library and writes the results to the library index;
the window's thread only waits for its answer, with the GIL released, and reads the index as
before. The model, when wanted, runs in that child too.

The child publishes its change records to the journal, as any other process of the library
does; the window hears of them there. The child also brings the index up to date with the
documents' files (``reindex``: a first start reads and segments every document), and the
window publishes what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.extract.child_process import IDLE_STOP_S, ChildProcess
from reader.library.errors import LibraryClosed, LibraryError

if TYPE_CHECKING:
    from reader.library import Library


@dataclass(frozen=True)
class ChildReport:
    """What the child's extractor says after a call."""

    warnings: list[str]
    reduced_recall: bool
    version: str  # the extractor version the child stored its results under


# In the child only: the library it opened, by (corpus folder, data folder), and the parent's
# count of gazetteer changes (``Actors.forget``) it last heard of.
_opened: dict[tuple[str, str], tuple[Library, int]] = {}


def _library(corpus: str, data: str, forgotten: int = -1) -> Library:
    from reader.library import Library

    key = (corpus, data)
    if key not in _opened:
        _opened[key] = (Library(Path(corpus), Path(data)), forgotten)
    library, heard = _opened[key]
    if forgotten >= 0 and heard != forgotten:  # the gazetteer changed since: as the parent did
        library.actors.forget()
        _opened[key] = (library, forgotten)
    return library


def _report(library: Library) -> ChildReport:
    actors = library.actors
    return ChildReport(
        actors.warnings(), actors.extractor().reduced_recall, library.index.get().extractor_version
    )


def _child_extract(corpus: str, data: str, forgotten: int, doc_ids: list[str]) -> ChildReport:
    library = _library(corpus, data, forgotten)
    library.actors.extract_now(doc_ids)
    return _report(library)


def _child_warm_up(corpus: str, data: str, forgotten: int) -> ChildReport:
    library = _library(corpus, data, forgotten)
    library.actors.warm_up()
    return _report(library)


def _child_reindex(corpus: str, data: str) -> list[str]:
    return [str(d) for d in _library(corpus, data).documents.reindex()]


class ExtractionProcess:
    """The parent's side: extraction of a library's documents, done in the child."""

    def __init__(self, corpus: Path, data: Path, idle_stop_s: float = IDLE_STOP_S) -> None:
        self._where = (str(corpus), str(data))
        self._child = ChildProcess(idle_stop_s)
        self._closed = False

    def _call(self, fn: object, *args: object) -> object:
        if self._closed:  # not started again once its library closed
            raise LibraryClosed("the library was closed")
        try:
            return self._child.call(fn, *self._where, *args)  # type: ignore[arg-type]
        except (BrokenProcessPool, CancelledError) as exc:
            if self._closed:  # stopped on purpose, mid-call: the window is closing
                raise LibraryClosed("the library was closed") from None
            raise LibraryError(f"the extraction process stopped: {exc!r}") from None

    def extract(self, doc_ids: Sequence[str], forgotten: int) -> ChildReport:
        """Extract these documents' missing or stale actors and dates into the index;
        ``forgotten`` counts the gazetteer's changes, so the child drops its extractor when it
        grew (a call to drop it would wait behind a running extraction)."""
        report = self._call(_child_extract, forgotten, list(doc_ids))
        assert isinstance(report, ChildReport)
        return report

    def reindex(self) -> list[str]:
        """Bring the library index up to date with the documents' files and corrections (a
        first start reads and segments every document: seconds of CPU at 1,000 documents);
        return the documents whose indexed text or metadata changed, of those it held."""
        found = self._call(_child_reindex)
        assert isinstance(found, list)
        return found

    def warm_up(self, forgotten: int) -> ChildReport:
        """Start the child and load the model there (when it is wanted)."""
        report = self._call(_child_warm_up, forgotten)
        assert isinstance(report, ChildReport)
        return report

    def running(self) -> bool:
        return self._child.running()

    def shutdown(self) -> None:
        """Stop the child, even mid-call (the caller gets ``LibraryClosed``), for good."""
        self._closed = True
        self._child.shutdown()
