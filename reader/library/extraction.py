"""Actors and dates of passages (logic in reader/extract; docs/ARCHITECTURE.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
from reader.core.model import DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.locate import resources_dir
from reader.library.base import (
    MODEL_ENV_VAR,
    USER_GAZETTEER_FILE,
    USER_GAZETTEER_HEADER,
    LibraryBase,
    LibraryError,
)
from reader.store.atomic import atomic_write_text

if TYPE_CHECKING:
    # Extraction, dates, anchoring and the highlight store are imported where they are first
    # used, so that opening the library (and the window's first paint) does not pay for them.
    from reader.core.cooccurrence import PassageMatch
    from reader.extract.actors import ActorExtractor
    from reader.extract.dates_index import DateOccurrence
    from reader.extract.gazetteer import GazetteerEntry


class ExtractionPart(LibraryBase):
    """Actors and dates of every passage, from the model's cached spans and the rules."""

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
        from reader.corpus.loader import DocumentLoadError, build_document, read_text_file

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
