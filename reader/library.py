"""The facade that the command line and the window both call.

It joins the corpus folder (read-only) and the user's data folder (overrides, later highlights,
extraction cache, state) and answers in core types. Nothing above it reaches into TinyDB, spaCy
or the files directly.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core import highlight as hl
from reader.core.actors import (
    ACTOR_KINDS,
    Actor,
    ActorId,
    ActorKind,
    ActorOccurrence,
    DocumentActors,
    is_actor_kind,
)
from reader.core.dates import DateMention
from reader.core.highlight import ColorLabel, DocumentNote, Highlight
from reader.core.links import LinkError, LinkTarget, parse_link
from reader.core.model import METADATA_FIELDS, DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.catalog import CatalogError, read_catalog
from reader.corpus.loader import (
    DocumentLoadError,
    build_document,
    load_document,
    read_text_file,
)
from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.store.atomic import atomic_write_bytes, atomic_write_text
from reader.store.datadir import DataDir, resolve_data_dir
from reader.store.docfile import StoreError
from reader.store.overrides import OverrideStore
from reader.store.palette import PaletteStore
from reader.store.window_state import WindowState, WindowStateStore

if TYPE_CHECKING:
    # Extraction, dates, anchoring and the highlight store are imported where they are first
    # used, so that opening the library (and the window's first paint) does not pay for them.
    from reader.core.cooccurrence import PassageMatch
    from reader.export.model import (
        DateRef,
        Export,
        ExportDocument,
        ExportReport,
        ImportReport,
    )
    from reader.extract.actors import ActorExtractor
    from reader.extract.dates_index import DateOccurrence
    from reader.extract.gazetteer import GazetteerEntry
    from reader.store.highlights import HighlightStore, Revision

USER_GAZETTEER_FILE = "gazetteer.user.toml"

# Set to "off" to read without the spaCy model (gazetteer and rules only; fast, reduced recall).
MODEL_ENV_VAR = "READER_EXTRACT_MODEL"
USER_GAZETTEER_HEADER = (
    "Your own actors: same format as the bundled resources/gazetteer.toml; these take precedence.\n"
    "Keys: name, kind (person, state, organization, group, place), aliases, capitals, demonyms."
)
T = TypeVar("T")


class LibraryError(ValueError):
    """A request the library refuses; the message is meant for the user."""


class NoteConflictError(LibraryError):
    """A document's notes changed elsewhere since the editor read them."""


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library list."""

    meta: DocumentMeta
    passage_count: int | None
    char_count: int | None
    error: str | None = None


def _reanchor(highlight: Highlight, text: str, content_hash: str) -> Highlight:
    from reader.core.anchoring import reanchor

    return reanchor(highlight, text, content_hash)


def _note_conflict() -> type[Exception]:
    from reader.store.highlights import NoteConflict

    return NoteConflict


class Library:
    """The corpus folder plus the documents a user imports, and the user's data about them."""

    def __init__(self, corpus_dir: Path | None = None, data_dir: Path | None = None) -> None:
        self.corpus_dir = (corpus_dir or bundled_corpus_dir()).resolve()
        if not self.corpus_dir.is_dir():
            raise LibraryError(f"corpus folder not found: {self.corpus_dir}")
        self.data = DataDir(resolve_data_dir(data_dir))
        self._overrides = OverrideStore(self.data.overrides, self.data.damaged)
        self._highlight_store: HighlightStore | None = None
        self._palette = PaletteStore(self.data.palette, self.data.lock, self.data.damaged)
        self._window_state = WindowStateStore(self.data.state, self.data.damaged)
        # (highlight id, document hash) pairs already tried and orphaned: not tried again.
        self._orphans_tried: set[tuple[str, str]] = set()
        self._lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        self._extractor: ActorExtractor | None = None
        self._extractor_problems: list[str] = []
        self._actors: dict[str, DocumentActors] = {}
        self._extract_lock = threading.RLock()
        self._model_in_process = False
        try:
            self._catalog: dict[DocId, DocumentMeta] = {
                m.id: m for m in read_catalog(self.corpus_dir)
            }
        except CatalogError as exc:
            raise LibraryError(str(exc)) from None

    def _highlights(self) -> HighlightStore:
        """Return the highlight store, opened on first use."""
        with self._lock:
            if self._highlight_store is None:
                from reader.store.highlights import HighlightStore

                self._highlight_store = HighlightStore(self.data)
            return self._highlight_store

    # -- documents -----------------------------------------------------------------------
    def document_ids(self) -> list[DocId]:
        """Return the ids of every document of the library, in catalogue order."""
        return list(self._catalog)

    def metadata(self, doc_id: str) -> DocumentMeta:
        """Return a document's metadata with the user's corrections applied."""
        base = self._catalog.get(DocId(doc_id))
        if base is None:
            raise LibraryError(f"no document with id {doc_id!r} (see 'docs' for the list)")
        return self._overrides.apply(base)

    def document(self, doc_id: str) -> Document:
        """Return a document: its fixed text, hash, passages and current metadata."""
        meta = self.metadata(doc_id)
        with self._lock:
            cached = self._documents.get(doc_id)
            if cached is None:
                try:
                    cached = load_document(meta, self.corpus_dir)
                except DocumentLoadError as exc:
                    raise LibraryError(str(exc)) from None
                self._documents[doc_id] = cached
        if cached.meta != meta:
            cached = Document(meta, cached.text, cached.content_hash, cached.passages)
            with self._lock:
                self._documents[doc_id] = cached
        return cached

    def summaries(self) -> list[DocumentSummary]:
        """Return one summary per document; a document that cannot be read says why."""
        rows = []
        for doc_id in self.document_ids():
            try:
                doc = self.document(doc_id)
            except LibraryError as exc:
                rows.append(DocumentSummary(self.metadata(doc_id), None, None, str(exc)))
                continue
            rows.append(DocumentSummary(doc.meta, len(doc.passages), len(doc.text)))
        return rows

    def edit_metadata(self, doc_id: str, changes: dict[str, str | None]) -> DocumentMeta:
        """Correct a document's metadata; the correction is kept in the data folder."""
        self.metadata(doc_id)
        unknown = set(changes) - set(METADATA_FIELDS)
        if unknown:
            raise LibraryError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        published = changes.get("published")
        if published and not is_valid_published(published):
            raise LibraryError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
        if "title" in changes and not changes["title"]:
            raise LibraryError("a document's title cannot be empty")
        self._overrides.update(doc_id, {k: (v or None) for k, v in changes.items()})
        return self.metadata(doc_id)

    # -- window state ----------------------------------------------------------------------
    def window_state(self) -> WindowState:
        """Return the window's saved layout and positions (defaults when none is saved)."""
        return self._window_state.load()

    def save_window_state(self, state: WindowState) -> None:
        """Keep the window's layout and positions for the next start."""
        self._window_state.save(state)

    def damage_reports(self) -> list[str]:
        """Return messages about damaged files moved aside since the library opened."""
        return [
            f"{d.original.name} could not be read ({d.reason}); it was moved to {d.moved_to}"
            for d in [*self._overrides.damages, *self._palette.damages, *self._window_state.damages]
        ] + self._highlight_damage_reports()

    def _highlight_damage_reports(self) -> list[str]:
        store = self._highlight_store  # not opened just to report: nothing read, nothing damaged
        return [] if store is None else [d.message() for d in store.damages] + store.skipped

    # -- highlights and document notes ----------------------------------------------------
    @contextlib.contextmanager
    def _refusals(self) -> Iterator[None]:
        """Turn the store's and the core's refusals into ``LibraryError``."""
        try:
            yield
        except (StoreError, ValueError) as exc:
            if isinstance(exc, LibraryError):
                raise
            raise LibraryError(str(exc)) from None

    def palette(self) -> list[ColorLabel]:
        """Return the highlight colours in order, each with the user's label."""
        return self._palette.colors()

    def set_color_label(self, color: str, label: str | None) -> list[ColorLabel]:
        """Label a colour with what it means (blank removes the label); return the palette."""
        with self._refusals():
            self._palette.set_label(hl.check_color(color), label)
        return self.palette()

    def color_label(self, color: str) -> str | None:
        """Return the user's label of a colour, or ``None``."""
        return self._palette.label(color)

    def find_quote(self, doc_id: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
        """Return the span of a quote in a document (``occurrence`` is 1-based)."""
        from reader.core.quotes import find_quote

        spans = find_quote(self.document(doc_id).text, quote)
        if not spans:
            raise LibraryError(f"the quote is not in {doc_id}: {quote!r:.80}")
        if occurrence is None and len(spans) > 1:
            raise LibraryError(
                f"the quote occurs {len(spans)} times in {doc_id}; "
                f"choose one with --occurrence 1..{len(spans)}"
            )
        index = 1 if occurrence is None else occurrence
        if not 1 <= index <= len(spans):
            raise LibraryError(
                f"occurrence {index} does not exist: the quote occurs {len(spans)} time(s)"
            )
        return spans[index - 1]

    def add_highlight(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        color: str = hl.DEFAULT_COLOR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Highlight:
        """Highlight ``text[start:end]`` of a document; return the stored highlight."""
        doc = self.document(doc_id)
        with self._refusals():
            new = hl.make_highlight(
                doc.id,
                doc.text,
                doc.content_hash,
                (start, end),
                color=color,
                note=note,
                tags=list(tags),
            )
            return self._highlights().add(new)

    def edit_highlight(
        self,
        highlight_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
        span: tuple[int, int] | None = None,
    ) -> Highlight:
        """Change a highlight's note, colour, tags or (re-placing it) its span; return it."""
        doc = None
        if span is not None:
            found = self.highlight(highlight_id)
            doc = self.document(found.doc_id)

        def change(h: Highlight) -> Highlight:
            h = hl.edit_highlight(
                h, note=note, color=color, add_tags=list(add_tags), remove_tags=list(remove_tags)
            )
            return (
                h if doc is None or span is None else hl.place(h, doc.text, doc.content_hash, span)
            )

        with self._refusals():
            return self._highlights().update(highlight_id.lower(), change)

    def remove_highlight(self, highlight_id: str) -> Highlight:
        """Delete a highlight; return it (so that it can be restored)."""
        with self._refusals():
            return self._highlights().remove(highlight_id.lower())

    def restore_highlight(self, highlight: Highlight) -> Highlight:
        """Store a highlight exactly as given, replacing any with its id (undo, import)."""
        with self._refusals():
            return self._highlights().put(highlight)

    def restore_highlights(self, highlights: Sequence[Highlight]) -> int:
        """Store many highlights as given (merging by id, one write per document); count them.

        The documents need not be in the library: their highlights wait, orphaned in effect,
        until a document with that id arrives.
        """
        with self._refusals():
            self._highlights().put_all(highlights)
        return len(highlights)

    def highlight(self, highlight_id: str) -> Highlight:
        """Return one highlight by id."""
        with self._refusals():
            found = self._highlights().get(highlight_id.lower())
        if found is None:
            raise LibraryError(f"no highlight with id {highlight_id}")
        return found

    def highlights(self, doc_id: str | None = None) -> list[Highlight]:
        """Return a document's highlights (or all), re-anchored against the current text."""
        if doc_id is None:
            self.adopt_waiting_highlights()
        with self._refusals():
            ids = [DocId(doc_id)] if doc_id is not None else self._highlights().doc_ids()
            return [h for d in ids for h in self.reanchor_highlights(d)]

    def reanchor_highlights(self, doc_id: str) -> list[Highlight]:
        """Place a document's highlights in its current text and save what moved."""
        with self._refusals():
            stored = self._highlights().highlights(doc_id)
        try:
            doc = self.document(doc_id)
        except LibraryError:
            return stored  # the document is gone: its highlights wait as they are
        stale = [
            h
            for h in stored
            if (h.content_hash != doc.content_hash or h.status == "orphaned")
            and (h.id, doc.content_hash) not in self._orphans_tried
        ]
        if not stale:
            return stored
        with self._refusals():
            placed = self._highlights().update_document(
                doc_id, lambda h: _reanchor(h, doc.text, doc.content_hash)
            )
        self._orphans_tried.update(
            (h.id, doc.content_hash) for h in placed if h.status == "orphaned"
        )
        return placed

    def document_note(self, doc_id: str) -> DocumentNote | None:
        """Return a document's notes, or ``None`` when it has none."""
        with self._refusals():
            return self._highlights().note(doc_id)

    def set_document_note(self, doc_id: str, text: str, base: str | None = None) -> DocumentNote:
        """Replace a document's notes.

        With ``base`` (the ``modified`` of the notes being edited, ``""`` when there were none),
        refuse with ``NoteConflictError`` if they changed elsewhere meanwhile.
        """
        self.metadata(doc_id)
        try:
            return self._highlights().set_note(doc_id, text, base)
        except _note_conflict() as exc:
            raise NoteConflictError(str(exc)) from None
        except StoreError as exc:
            raise LibraryError(str(exc)) from None

    def highlights_revision(self, doc_id: str) -> Revision | None:
        """Return a stamp of a document's highlight file; it changes with every write."""
        with self._refusals():
            return self._highlights().revision(doc_id)

    def highlight_revisions(self) -> dict[DocId, Revision]:
        """Return the stamp of every highlight file (poll it, or watch ``highlights_folder``)."""
        return self._highlights().revisions()

    @property
    def highlights_folder(self) -> Path:
        """The folder of the highlight files, for a file-system watcher."""
        return self._highlights().folder

    # -- actors (logic in reader/extract; see docs/ARCHITECTURE.md, "Actors") ----------------
    @property
    def user_gazetteer_path(self) -> Path:
        """The user's own gazetteer: read when present, created when the user adds an entry."""
        return self.data.root / USER_GAZETTEER_FILE

    def actor_extractor(self) -> ActorExtractor:
        """Return the extractor (the model loads on first extraction, not here)."""
        with self._lock:
            if self._extractor is None:
                use_model = os.environ.get(MODEL_ENV_VAR, "").lower() not in ("0", "off", "no")
                from reader.extract.actors import ActorExtractor

                self._extractor, self._extractor_problems = ActorExtractor.from_files(
                    resources_dir() / "gazetteer.toml", self.user_gazetteer_path, use_model
                )
                from reader.store.extract_cache import RawSpanDiskCache

                if self._model_in_process and self._extractor.model is not None:
                    from reader.extract.model_process import ProcessSpacyModel

                    self._extractor.model = ProcessSpacyModel()
                self._extractor.cache = RawSpanDiskCache(
                    self.data.cache / "extract", self.data.damaged
                )
            return self._extractor

    def run_model_in_process(self) -> None:
        """Run the spaCy model in a child process from now on (the window does: loading the
        model in a thread holds the GIL long enough to stall its event loop)."""
        with self._extract_lock, self._lock:
            self._model_in_process = True
            self._extractor = None

    def close_extraction(self) -> None:
        """Stop the model's child process, if one runs."""
        from reader.extract.model_process import ProcessSpacyModel

        extractor = self._extractor
        if extractor is not None and isinstance(extractor.model, ProcessSpacyModel):
            extractor.model.shutdown()

    def warm_up_extraction(self) -> bool:
        """Load the spaCy model ahead of the first extraction (slow: call it from a worker, after
        the window paints); return False when recall is reduced because it cannot load."""
        with self._extract_lock:
            return self.actor_extractor().load_model()

    def extraction_warnings(self) -> list[str]:
        """Return messages for the user: reduced recall without the model, unreadable files."""
        extractor = self.actor_extractor()
        warnings = list(self._extractor_problems)
        if extractor.reduced_recall:
            why = extractor.model_error or "the model is switched off"
            warnings.append(
                f"actors come from the gazetteer and rules only, recall is reduced ({why})"
            )
        return warnings

    def extract_documents(self, doc_ids: list[str] | None = None) -> list[DocumentActors]:
        """Return the actors of every passage of the documents (default: the whole library)."""
        docs = [self.document(d) for d in (self.document_ids() if doc_ids is None else doc_ids)]
        # A lock of its own: spaCy is not thread-safe, and documents stay readable meanwhile.
        with self._extract_lock:
            todo = [d for d in docs if self._cached_actors(d) is None]
            for result in self.actor_extractor().extract_many(todo):
                self._actors[result.document.id] = result
            return [self._with_meta(d) for d in docs]

    def extract_document(self, doc_id: str) -> DocumentActors:
        """Return the actors of every passage of one document of the library."""
        return self.extract_documents([doc_id])[0]

    def extract_file(self, path: Path, published: str | None = None) -> DocumentActors:
        """Return the actors of a UTF-8 text file, which is not added to the library."""
        if published and not is_valid_published(published):
            raise LibraryError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
        try:
            text = read_text_file(path)
        except DocumentLoadError as exc:
            raise LibraryError(str(exc)) from None
        slug = "-".join(filter(None, re.split(r"[^a-z0-9]+", path.stem.lower()))) or "file"
        meta = DocumentMeta(
            id=DocId(slug), file=str(path), title=path.stem, published=published, origin="imported"
        )
        return self.actor_extractor().extract(build_document(meta, text))

    def actor_passages(self, actor_id: str) -> list[ActorOccurrence]:
        """Return every passage of the library that mentions an actor, in document-date order."""
        from reader.extract.index import actor_occurrences

        return actor_occurrences(self.extract_documents(), actor_id)

    def add_gazetteer_entry(
        self, name: str, kind: ActorKind, aliases: tuple[str, ...] = ()
    ) -> GazetteerEntry:
        """Add an actor to the user's gazetteer (which takes precedence over the bundled one)."""
        from reader.extract.gazetteer import (
            GazetteerEntry,
            GazetteerError,
            parse_gazetteer,
            render_gazetteer,
        )

        if not is_actor_kind(kind):
            raise LibraryError(f"kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        entry = GazetteerEntry(name.strip(), kind, tuple(a.strip() for a in aliases), source="user")
        if not entry.name:
            raise LibraryError("an actor needs a name")
        path = self.user_gazetteer_path
        try:
            existing = parse_gazetteer(path.read_text("utf-8"), "user") if path.is_file() else []
        except (GazetteerError, OSError, UnicodeDecodeError) as exc:
            raise LibraryError(
                f"your gazetteer cannot be read, fix or move it first: {exc}"
            ) from None
        kept = [e for e in existing if e.name.casefold() != entry.name.casefold()]
        atomic_write_text(path, render_gazetteer([*kept, entry], USER_GAZETTEER_HEADER))
        with self._extract_lock, self._lock:
            self._extractor = None  # re-read; the model's raw spans stay valid
            self._actors.clear()
        return entry

    def _cached_actors(self, doc: Document) -> DocumentActors | None:
        cached = self._actors.get(doc.id)
        if cached is None or cached.document.content_hash != doc.content_hash:
            return None
        return cached

    def _with_meta(self, doc: Document) -> DocumentActors:
        cached = self._actors[doc.id]
        return cached if cached.document is doc else DocumentActors(doc, cached.passages)

    # -- dates (logic in reader/extract/dates.py; see docs/ARCHITECTURE.md, "Dates") ---------
    def passage_dates(self, doc_id: str) -> list[list[DateMention]]:
        """Return the dates of each passage of a document, placed with its current published date.

        Cheap enough to call again after the user corrects ``published``: nothing is cached.
        """
        return self.dates_of(self.document(doc_id))

    def dates_of(self, document: Document) -> list[list[DateMention]]:
        """Return the dates of each passage of any document (of the library or a file)."""
        from reader.extract.dates import dates_by_passage

        return dates_by_passage(document.text, document.passages, document.meta.published)

    def actor_counts(self, doc_ids: list[str] | None = None) -> dict[ActorId, tuple[Actor, int]]:
        """Return every actor of the library (or of some documents) with the number of passages
        that mention it."""
        from reader.extract.index import all_actors

        return all_actors(self.extract_documents(doc_ids))

    def passages_mentioning(self, actor_ids: Sequence[str]) -> list[PassageMatch]:
        """Return every passage of the library that mentions all the actors, in document-date
        order, with the mentions of each."""
        from reader.core.cooccurrence import passages_with_all

        return passages_with_all([self.actor_passages(a) for a in actor_ids])

    def date_index(self) -> dict[str, list[DateOccurrence]]:
        """Return, for each date value of the library in time order, every passage of it."""
        results = [(self.document(d), self.passage_dates(d)) for d in self.document_ids()]
        from reader.extract.dates_index import date_occurrences

        return date_occurrences(results)

    # -- export, import and links (logic in reader/export; docs/ARCHITECTURE.md, "Export") -----
    def export_highlights(
        self,
        fmt: str,
        out: Path,
        *,
        doc_ids: Sequence[str] | None = None,
        tag: str | None = None,
        per_document: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportReport:
        """Write highlights and notes as Markdown, CSV or JSON; each file atomically.

        ``out`` is one file, or with ``per_document`` a folder of ``<doc_id>.<ext>``.
        ``progress(done, total)`` is called as documents are gathered and files written; it
        ends at ``done == total``.
        """
        from reader.export import render
        from reader.export.gather import plan_files
        from reader.export.model import ExportReport, check_format

        form = _exporting(lambda: check_format(fmt))
        if not per_document and out.is_dir():
            raise LibraryError(f"{out} is a folder: give a file name, or use --per-document")
        if per_document and out.exists() and not out.is_dir():
            raise LibraryError(f"{out} is a file: --per-document needs a folder")
        # Progress counts one step per document gathered, then the files as one more step
        # (per document: as many steps as documents), so that it only ever moves forward.
        steps = [0]

        def gathered(done: int, count: int) -> None:
            steps[0] = count
            if progress is not None:
                progress(done, count * (2 if per_document else 1) + 1)

        export = self.gather_export(doc_ids, tag, gathered)
        plan = plan_files(export, form, out, per_document)
        total = steps[0] * (2 if per_document else 1) + 1
        for written, (path, part) in enumerate(plan, 1):
            try:
                atomic_write_bytes(path, render(part, form))
            except OSError as exc:
                raise LibraryError(f"cannot write {path}: {exc.strerror or exc}") from None
            if progress is not None:
                progress(steps[0] + (total - steps[0]) * written // len(plan), total)
        if progress is not None and not plan:
            progress(total, total)
        return ExportReport(
            tuple(str(p) for p, _ in plan), len(export.documents), export.highlight_count
        )

    def gather_export(
        self,
        doc_ids: Sequence[str] | None = None,
        tag: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Export:
        """Return the documents, highlights (only ``tag``'s, if given) and notes to export."""
        from reader.export.model import Export, ExportScope

        self.adopt_waiting_highlights()
        stored = self._highlights().doc_ids()
        for d in doc_ids or ():
            if d not in self._catalog and d not in stored:
                self.metadata(d)  # raises: no such document
        ids = list(dict.fromkeys(doc_ids)) if doc_ids else [
            *self.document_ids(), *sorted(d for d in stored if d not in self._catalog)
        ]
        labels = {c.color: c.label for c in self.palette()}
        documents = []
        for done, doc_id in enumerate(ids, 1):
            part = self._export_document(DocId(doc_id), labels, tag)
            if doc_ids or part.highlights or (tag is None and part.note and part.note.text):
                documents.append(part)
            if progress is not None:
                progress(done, len(ids))
        scope = ExportScope(tuple(DocId(d) for d in ids) if doc_ids else None, tag)
        return Export(tuple(documents), scope, hl.now_iso())

    def _export_document(
        self, doc_id: DocId, labels: dict[str, str | None], tag: str | None
    ) -> ExportDocument:
        from reader.export.gather import export_document, passage_context
        from reader.export.model import ExportHighlight

        highlights = [h for h in self.highlights(doc_id) if tag is None or tag in h.tags]
        try:
            doc: Document | None = self.document(doc_id)
        except LibraryError:
            doc = None
        contexts = self.passage_facts(doc) if doc is not None and highlights else ([], [])
        items = [
            ExportHighlight(h, labels.get(h.color), passage_context(doc, h, *contexts))
            if doc is not None else ExportHighlight(h, labels.get(h.color))
            for h in highlights
        ]
        meta = doc.meta if doc is not None else self._catalog_meta(doc_id)
        return export_document(doc_id, meta, items, self.document_note(doc_id))

    def _catalog_meta(self, doc_id: str) -> DocumentMeta | None:
        try:
            return self.metadata(doc_id)
        except LibraryError:
            return None

    def passage_facts(
        self, doc: Document
    ) -> tuple[list[tuple[str, ...]], list[tuple[DateRef, ...]]]:
        """Return, per passage, the names of its actors and its dates (text and TIMEX3 value)."""
        from reader.export.model import DateRef

        actors: list[tuple[str, ...]] = [() for _ in doc.passages]
        dates: list[tuple[DateRef, ...]] = [() for _ in doc.passages]
        for i, passage in enumerate(self.extract_document(doc.id).passages[: len(actors)]):
            actors[i] = tuple(a.actor.name for a in passage.actors)
        for i, found in enumerate(self.passage_dates(doc.id)[: len(dates)]):
            dates[i] = tuple(DateRef(d.text, d.value) for d in found)
        return actors, dates

    def adopt_waiting_highlights(self) -> int:
        """Give highlights waiting for a missing document to a document with their text's hash.

        Returns how many moved. Call it when documents arrive; export and import call it.
        """
        waiting = [d for d in self._highlights().doc_ids() if d not in self._catalog]
        if not waiting:
            return 0
        hashes = self._documents_by_hash()
        moved = [
            replace(h, doc_id=hashes[h.content_hash], status="anchored")
            for d in waiting for h in self._highlights().highlights(d)
            if h.content_hash in hashes
        ]
        if moved:
            self.restore_highlights(moved)
        return len(moved)

    def _documents_by_hash(self) -> dict[str, DocId]:
        found: dict[str, DocId] = {}
        for doc_id in self.document_ids():
            try:
                found.setdefault(self.document(doc_id).content_hash, doc_id)
            except LibraryError:
                continue
        return found

    def import_highlights(self, path: Path) -> ImportReport:
        """Merge a Web Annotation JSON file's highlights and notes in, by id; newer wins.

        A highlight whose document is missing goes to a document with its text's hash, else it
        waits, orphaned, until such a document arrives.
        """
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LibraryError(f"cannot read {path}: {exc.strerror or exc}") from None
        from reader.export.importing import is_newer, place_import, read_annotations
        from reader.export.model import ImportReport

        found = _exporting(lambda: read_annotations(data), f"{path}: ")
        hashes = self._documents_by_hash() if any(
            h.doc_id not in self._catalog for h in found.highlights
        ) else {}
        local = {h.id: h for h in self._highlights().all_highlights()}
        placed = [place_import(h, self._catalog, hashes) for h in found.highlights]
        fresh = [h for h in placed if not is_newer(local.get(h.id), h)]
        self.restore_highlights(fresh)
        notes = [n for n in found.notes if self._import_note(n)]
        for color, label in found.labels.items():
            if self.color_label(color) is None:
                self.set_color_label(color, label)
        return ImportReport(
            len(fresh), len(notes), sum(h.status == "orphaned" and h.doc_id not in self._catalog
                                        for h in fresh),
            len(placed) - len(fresh), found.skipped,
        )

    def _import_note(self, note: DocumentNote) -> bool:
        from reader.export.importing import is_newer

        local = self.document_note(note.doc_id)
        if local is not None and (local.text == note.text or is_newer(local, note)):
            return False
        with self._refusals():
            self._highlights().put_note(note)
        return True

    def resolve_link(self, text: str) -> LinkTarget:
        """Return where a reader link points; ``LibraryError`` if it points nowhere."""
        try:
            link = parse_link(text)
        except LinkError as exc:
            raise LibraryError(str(exc)) from None
        doc = self.document(link.doc_id)
        start, end = link.start, link.end if link.end is not None else link.start
        found: Highlight | None = None
        if link.highlight_id:
            with contextlib.suppress(LibraryError):
                found = self.highlight(link.highlight_id)
            if found is not None and found.doc_id == doc.id and found.status != "orphaned":
                start, end = found.start, found.end  # re-anchored: wins over stale offsets
        if not 0 <= start <= end <= len(doc.text):
            raise LibraryError(
                f"the link points past the end of {doc.id} ({start}:{end}, 0:{len(doc.text)})"
            )
        passage = doc.passage_at(start)
        return LinkTarget(link, doc.meta, start, end, found, passage.number if passage else None)


def _exporting(call: Callable[[], T], prefix: str = "") -> T:
    """Run a writer's call, its refusals becoming ``LibraryError``."""
    from reader.export.model import ExportError

    try:
        return call()
    except ExportError as exc:
        raise LibraryError(f"{prefix}{exc}") from None
