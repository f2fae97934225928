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

from pathlib import Path

from reader.core.changes import Changes
from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.export.model import FORMATS, ExportFormat, ExportReport, ImportReport
from reader.library.actors import USER_GAZETTEER_FILE, Actors, DocumentFacts
from reader.library.changes import ChangeFeed
from reader.library.documents import Documents, DocumentSummary
from reader.library.errors import LibraryError, NoteConflictError
from reader.library.exports import Exports
from reader.library.highlights import Highlights
from reader.library.imports import ImportOptions, ImportResult, Imports
from reader.library.indexing import MODEL_ENV_VAR, IndexHandle, extraction_version
from reader.library.pages import Pages
from reader.library.program import data_folder, log_path, start_logging
from reader.library.registry import Registry
from reader.library.related import Related, RelatedPassage
from reader.library.search import QueryError, Search, SearchHit
from reader.library.sources import CorpusSource, ImportedSource
from reader.library.state import State
from reader.library.timeline import Timeline
from reader.store.datadir import DataDir, DataDirError, resolve_data_dir
from reader.store.journal import ChangeJournal
from reader.store.overrides import OverrideStore
from reader.store.palette import PaletteStore
from reader.store.registry import CORRECTIONS_FILE, CorrectionStore
from reader.store.user_library import UserLibrary
from reader.store.window_state import MAX_PANES, PaneState, WindowState, WindowStateStore

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
        gazetteers = [resources_dir() / "gazetteer.toml", data.root / USER_GAZETTEER_FILE]
        self.index = IndexHandle(data.index, data.damaged, lambda: extraction_version(gazetteers))
        self.documents = Documents(
            [corpus, ImportedSource(self._imported)], self._overrides, self.changes, self.index
        )
        self.state = State(
            PaletteStore(data.palette, data.lock, data.damaged),
            WindowStateStore(data.state, data.damaged),
            self.changes,
        )
        self.highlights = Highlights(data, self.documents, self.changes)
        corrections = CorrectionStore(data.root / CORRECTIONS_FILE, data.lock, data.damaged)
        self.actors = Actors(data, self.documents, self.changes, self.index, corrections)
        self.registry = Registry(corrections, self.actors, self.index, self.changes)
        self.exports = Exports(self.documents, self.highlights, self.actors, self.state)
        self.imports = Imports(self._imported, self.documents, self.highlights)
        self.search = Search(self.documents, self.index, gazetteers, self.actors.ensure)
        self.timeline = Timeline(self.actors, self.documents, self.index)
        # The same event in other documents (issue 23): actors, dates and words in common.
        self.related = Related(
            self.documents, self.index, self.actors.ensure, self.search.build_all
        )
        self.pages = Pages(self.documents)
        self.changes.subscribe(self._on_others_changes, others_only=True)

    def damage_reports(self) -> list[str]:
        """Return messages about damaged files moved aside since the library opened."""
        found = [
            (d.original, d.reason, d.moved_to)
            for d in [*self._overrides.damages, *self._imported.damages, *self.state.damages]
        ] + [(d.original, d.reason, d.moved_to) for d in self.index.damages]
        return [
            f"{original.name} could not be read ({reason}); it was moved to {moved_to}"
            for original, reason, moved_to in found
        ] + self.highlights.damage_reports()

    def close(self) -> None:
        """Stop what runs in the background (the model's process); close the index."""
        self.actors.close()
        self.pages.close()
        self.index.close()

    def _on_others_changes(self, changes: Changes) -> None:
        # Another process changed the user's gazetteer: every document's actors may differ.
        if changes.gazetteer:
            self.actors.forget()
        if changes.registry:  # its corrections re-mapped some documents in the index
            self.actors.drop_counts()
