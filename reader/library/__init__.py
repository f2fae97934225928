"""The facade that the command line and the window both call.

A ``Library`` composes parts, each with a small API and its own state (as Anki's ``Collection``
composes decks, notes…): ``documents`` (the set of documents, from sources, with the user's
metadata corrections), ``highlights`` (highlights and notes), ``actors`` (extraction results,
the gazetteer), ``exports`` (export, import, links), ``imports`` (the user's own files),
``search`` (the full text and its query language), ``state`` (window state, palette) and
``registry`` (the user's corrections of actors). A part gets what it needs in its constructor
and never reads another's private state. Every change is
published on ``changes`` as one ``Changes`` record, to this process's subscribers and, through
the journal, to other processes. Nothing above this package reaches into TinyDB, spaCy or the
files directly.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core.changes import Changes
from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.library.actors import USER_GAZETTEER_FILE, Actors, DocumentFacts
from reader.library.changes import ChangeFeed
from reader.library.documents import Documents, DocumentSummary
from reader.library.errors import LibraryClosed, LibraryError, NoteConflictError
from reader.library.indexing import MODEL_ENV_VAR, IndexHandle, extraction_version
from reader.library.program import data_folder, log_path, start_logging
from reader.library.registry import Registry
from reader.library.sources import CorpusSource, ImportedSource
from reader.store.datadir import DataDir, DataDirError, resolve_data_dir
from reader.store.journal import ChangeJournal
from reader.store.overrides import OverrideStore
from reader.store.registry import CORRECTIONS_FILE, CorrectionStore
from reader.store.user_library import UserLibrary

if TYPE_CHECKING:
    from reader.export import FORMATS, ExportFormat
    from reader.export.model import ExportReport, ImportReport
    from reader.library.exports import Exports
    from reader.library.highlights import Highlights
    from reader.library.imports import ImportOptions, ImportResult, Imports
    from reader.library.pages import Pages
    from reader.library.related import Related, RelatedPassage
    from reader.library.search import QueryError, Search, SearchHit
    from reader.library.state import State
    from reader.library.timeline import Timeline
    from reader.store.window_state import MAX_PANES, PaneState, WindowState

# Names this package gives that live in modules a command seldom needs: imported when first
# asked for (a command pays for the modules it uses, not for every part's; see Library).
_ELSEWHERE = {
    "FORMATS": "reader.export",
    "ExportFormat": "reader.export",
    "ExportReport": "reader.export.model",
    "ImportReport": "reader.export.model",
    "ImportOptions": "reader.library.imports",
    "ImportResult": "reader.library.imports",
    "RelatedPassage": "reader.library.related",
    "QueryError": "reader.library.search",
    "SearchHit": "reader.library.search",
    "MAX_PANES": "reader.store.window_state",
    "PaneState": "reader.store.window_state",
    "WindowState": "reader.store.window_state",
}
P = TypeVar("P")


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMATS",
    "MAX_PANES",
    "MODEL_ENV_VAR",
    "Changes",
    "DataDirError",
    "DocumentFacts",
    "DocumentSummary",
    "ExportFormat",
    "ExportReport",
    "ImportOptions",
    "ImportReport",
    "ImportResult",
    "Library",
    "LibraryClosed",
    "LibraryError",
    "NoteConflictError",
    "PaneState",
    "QueryError",
    "RelatedPassage",
    "SearchHit",
    "WindowState",
    "data_folder",
    "log_path",
    "start_logging",
]


class Library:
    """The corpus folder plus the documents a user imports, and the user's data about them."""

    def __init__(self, corpus_dir: Path | None = None, data_dir: Path | None = None) -> None:
        self.data = data = DataDir(resolve_data_dir(data_dir))
        corpus = CorpusSource(corpus_dir or bundled_corpus_dir(), data.cache)
        self.corpus_dir = corpus.folder
        self.changes = ChangeFeed(ChangeJournal(data.journal))
        self._overrides = OverrideStore(data.overrides, data.damaged)
        self._imported = UserLibrary(data.library, data.damaged)
        self._gazetteers = [resources_dir() / "gazetteer.toml", data.root / USER_GAZETTEER_FILE]
        self.index = IndexHandle(
            data.index, data.damaged, lambda: extraction_version(self._gazetteers, data.cache)
        )
        self.documents = Documents(
            [corpus, ImportedSource(self._imported)], self._overrides, self.changes, self.index
        )
        corrections = CorrectionStore(data.root / CORRECTIONS_FILE, data.lock, data.damaged)
        self.actors = Actors(data, self.documents, self.changes, self.index, corrections)
        self.registry = Registry(corrections, self.actors, self.index, self.changes)
        # The other parts are made when first used: a command imports and builds only what it
        # needs (at 5,000 documents ``actors ACTOR`` has 0.3 s for everything).
        self._parts: dict[str, object] = {}
        self._parts_lock = threading.RLock()
        self.changes.subscribe(self._on_others_changes, others_only=True)

    def _part(self, name: str, make: Callable[[], P]) -> P:
        """Return the part ``name``, made once (by whichever thread asks first)."""
        with self._parts_lock:
            found = self._parts.get(name)
            if found is None:
                found = self._parts[name] = make()
            return found  # type: ignore[return-value]

    @property
    def state(self) -> State:
        from reader.library.state import State
        from reader.store.palette import PaletteStore
        from reader.store.window_state import WindowStateStore

        data = self.data
        return self._part(
            "state",
            lambda: State(
                PaletteStore(data.palette, data.lock, data.damaged),
                WindowStateStore(data.state, data.damaged),
                self.changes,
            ),
        )

    @property
    def highlights(self) -> Highlights:
        from reader.library.highlights import Highlights

        return self._part("highlights", lambda: Highlights(self.data, self.documents, self.changes))

    @property
    def exports(self) -> Exports:
        from reader.library.exports import Exports

        return self._part(
            "exports", lambda: Exports(self.documents, self.highlights, self.actors, self.state)
        )

    @property
    def imports(self) -> Imports:
        from reader.library.imports import Imports

        return self._part(
            "imports", lambda: Imports(self._imported, self.documents, self.highlights)
        )

    @property
    def search(self) -> Search:
        from reader.library.search import Search

        return self._part(
            "search",
            lambda: Search(self.documents, self.index, self._gazetteers, self.actors.ensure),
        )

    @property
    def timeline(self) -> Timeline:
        from reader.library.timeline import Timeline

        return self._part("timeline", lambda: Timeline(self.actors, self.documents, self.index))

    @property
    def related(self) -> Related:
        """The same event in other documents (issue 23): actors, dates and words in common."""
        from reader.library.related import Related

        return self._part(
            "related",
            lambda: Related(self.documents, self.index, self.actors.ensure, self.search.build_all),
        )

    @property
    def pages(self) -> Pages:
        from reader.library.pages import Pages

        return self._part("pages", lambda: Pages(self.documents))

    def damage_reports(self) -> list[str]:
        """Return messages about damaged files moved aside since the library opened (the parts
        not yet made have read nothing)."""
        state = self.state.damages if "state" in self._parts else []
        found = [
            (d.original, d.reason, d.moved_to)
            for d in [*self._overrides.damages, *self._imported.damages, *state]
        ] + [(d.original, d.reason, d.moved_to) for d in self.index.damages]
        return [
            f"{original.name} could not be read ({reason}); it was moved to {moved_to}"
            for original, reason, moved_to in found
        ] + (self.highlights.damage_reports() if "highlights" in self._parts else [])

    def close(self) -> None:
        """Stop what runs in the background (the model's process); close the index."""
        self.actors.close()
        pages = self._parts.get("pages")
        if pages is not None:
            self.pages.close()
        self.index.close()

    def _on_others_changes(self, changes: Changes) -> None:
        # Another process changed the user's gazetteer: every document's actors may differ.
        if changes.gazetteer:
            self.actors.forget()
        if changes.registry:  # its corrections re-mapped some documents in the index
            self.actors.drop_counts()
