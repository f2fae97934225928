"""Actors and dates of passages, held once for the library (logic in reader/extract).

Results are kept per document as they are extracted; the window reads them here (the pane, the
mention marks, the counts) instead of keeping a copy, and hears of each document's arrival as a
change record (``Changes.actors``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.actors import (
    ACTOR_KINDS,
    Actor,
    ActorId,
    ActorKind,
    ActorOccurrence,
    DocumentActors,
    PassageActors,
    is_actor_kind,
)
from reader.core.changes import Changes
from reader.core.dates import DateMention
from reader.core.model import DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.locate import resources_dir
from reader.library.changes import ChangeFeed
from reader.library.documents import Documents
from reader.library.errors import LibraryError, refusals
from reader.store.datadir import DataDir

if TYPE_CHECKING:
    # Extraction and dates are imported where they are first used, so that opening the
    # library (and the window's first paint) does not pay for them.
    from reader.core.cooccurrence import PassageMatch
    from reader.extract.actors import ActorExtractor
    from reader.extract.dates_index import DateOccurrence
    from reader.extract.gazetteer import GazetteerEntry

USER_GAZETTEER_FILE = "gazetteer.user.toml"
# Set to "off" to read without the spaCy model (gazetteer and rules only; fast, reduced recall).
MODEL_ENV_VAR = "READER_EXTRACT_MODEL"
USER_GAZETTEER_HEADER = (
    "Your own actors: same format as the bundled resources/gazetteer.toml; these take precedence.\n"
    "Keys: name, kind (person, state, organization, group, place), aliases, capitals, demonyms."
)


@dataclass(frozen=True)
class DocumentFacts:
    """What extraction found in one document: actors and dates per passage."""

    actors: DocumentActors
    dates: list[list[DateMention]]


class Actors:
    """Actors and dates of every passage, from the model's cached spans and the rules."""

    def __init__(self, data: DataDir, documents: Documents, changes: ChangeFeed) -> None:
        self._data = data
        self._documents = documents
        self._changes = changes
        self._lock = threading.RLock()
        # A lock of its own: spaCy is not thread-safe, and documents stay readable meanwhile.
        self._extract_lock = threading.RLock()
        self._extractor: ActorExtractor | None = None
        self._problems: list[str] = []
        self._model_in_process = False
        self._actors: dict[str, DocumentActors] = {}
        self._dates: dict[str, list[list[DateMention]]] = {}
        self._dates_key: dict[str, tuple[str, str | None]] = {}
        # Passages per actor over the documents extracted so far, kept as each arrives.
        self._counts: dict[ActorId, tuple[Actor, int]] = {}

    # -- the extractor -----------------------------------------------------------------------
    @property
    def user_gazetteer_path(self) -> Path:
        """The user's own gazetteer: read when present, created when the user adds an entry."""
        return self._data.root / USER_GAZETTEER_FILE

    def extractor(self) -> ActorExtractor:
        """Return the extractor (the model loads on first extraction, not here)."""
        with self._lock:
            if self._extractor is None:
                self._extractor = self._new_extractor()
            return self._extractor

    def _new_extractor(self) -> ActorExtractor:
        use_model = os.environ.get(MODEL_ENV_VAR, "").lower() not in ("0", "off", "no")
        from reader.extract.actors import ActorExtractor
        from reader.store.extract_cache import RawSpanDiskCache

        extractor, self._problems = ActorExtractor.from_files(
            resources_dir() / "gazetteer.toml", self.user_gazetteer_path, use_model
        )
        if self._model_in_process and extractor.model is not None:
            from reader.extract.model_process import ProcessSpacyModel

            extractor.model = ProcessSpacyModel()
        extractor.cache = RawSpanDiskCache(self._data.cache / "extract", self._data.damaged)
        return extractor

    def run_model_in_process(self) -> None:
        """Run the spaCy model in a child process from now on (the window does: loading the
        model in a thread holds the GIL long enough to stall its event loop)."""
        with self._extract_lock, self._lock:
            self._model_in_process = True
            self._extractor = None

    def close(self) -> None:
        """Stop the model's child process, if one runs."""
        from reader.extract.model_process import ProcessSpacyModel

        extractor = self._extractor
        if extractor is not None and isinstance(extractor.model, ProcessSpacyModel):
            extractor.model.shutdown()

    def warm_up(self) -> bool:
        """Load the spaCy model ahead of the first extraction (slow: call it from a worker, after
        the window paints); return False when recall is reduced because it cannot load."""
        with self._extract_lock:
            return self.extractor().load_model()

    def warnings(self) -> list[str]:
        """Return messages for the user: reduced recall without the model, unreadable files."""
        extractor = self.extractor()
        warnings = list(self._problems)
        if extractor.reduced_recall:
            why = extractor.model_error or "the model is switched off"
            warnings.append(
                f"actors come from the gazetteer and rules only, recall is reduced ({why})"
            )
        return warnings

    # -- extraction ------------------------------------------------------------------------
    def extract_many(self, doc_ids: Sequence[str] | None = None) -> list[DocumentActors]:
        """Return the actors of every passage of the documents (default: the whole library)."""
        ids = self._documents.ids() if doc_ids is None else doc_ids
        docs = [self._documents.get(d) for d in ids]
        with self._extract_lock:
            todo = [d for d in docs if self._cached(d) is None]
            arrived = [self._keep(r) for r in self.extractor().extract_many(todo)]
        if arrived:
            self._changes.publish(Changes.of(actors=arrived))
        return [self._with_meta(d) for d in docs]

    def extract(self, doc_id: str) -> DocumentActors:
        """Return the actors of every passage of one document of the library."""
        return self.extract_many([doc_id])[0]

    def _keep(self, result: DocumentActors) -> str:
        doc_id = result.document.id
        with self._lock:
            old = self._actors.get(doc_id)
            if old is not None:
                _add_counts(self._counts, old, -1)
            self._actors[doc_id] = result
            self._dates.pop(doc_id, None)
            _add_counts(self._counts, result, 1)
        return doc_id

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
        return self.extractor().extract(build_document(meta, text))

    def _cached(self, doc: Document) -> DocumentActors | None:
        cached = self._actors.get(doc.id)
        if cached is None or cached.document.content_hash != doc.content_hash:
            return None
        return cached

    def _with_meta(self, doc: Document) -> DocumentActors:
        cached = self._actors[doc.id]
        return cached if cached.document is doc else DocumentActors(doc, cached.passages)

    # -- what was found so far (no extraction: the window reads these) ----------------------
    def facts(self, doc_id: str) -> DocumentFacts | None:
        """Return a document's actors and dates if it has been extracted, else ``None``."""
        result = self._actors.get(doc_id)
        if result is None:
            return None
        try:
            doc = self._documents.get(doc_id)
        except LibraryError:
            return None
        if result.document.content_hash != doc.content_hash:
            return None
        return DocumentFacts(self._with_meta(doc), self.passage_dates(doc_id))

    def passage(self, doc_id: str, index: int) -> tuple[PassageActors | None, list[DateMention]]:
        """Return a passage's actors and dates (``None``, [] while not extracted yet)."""
        facts = self.facts(doc_id)
        if facts is None or not 0 <= index < len(facts.actors.passages):
            return None, []
        return facts.actors.passages[index], facts.dates[index]

    def count(self, actor_id: str) -> int | None:
        """Return how many passages of the documents extracted so far mention an actor."""
        found = self._counts.get(ActorId(actor_id))
        return None if found is None else found[1]

    def extracted(self) -> int:
        """Return how many documents have been extracted in this process."""
        return len(self._actors)

    # -- across the library ------------------------------------------------------------------
    def passages(self, actor_id: str) -> list[ActorOccurrence]:
        """Return every passage of the library that mentions an actor, in document-date order."""
        from reader.extract.index import actor_occurrences

        return actor_occurrences(self.extract_many(), actor_id)

    def counts(self, doc_ids: list[str] | None = None) -> dict[ActorId, tuple[Actor, int]]:
        """Return every actor of the library (or of some documents) with the number of passages
        that mention it."""
        from reader.extract.index import all_actors

        return all_actors(self.extract_many(doc_ids))

    def passages_mentioning(self, actor_ids: Sequence[str]) -> list[PassageMatch]:
        """Return every passage of the library that mentions all the actors, in document-date
        order, with the mentions of each."""
        from reader.core.cooccurrence import passages_with_all

        return passages_with_all([self.passages(a) for a in actor_ids])

    def add_gazetteer_entry(
        self, name: str, kind: ActorKind, aliases: tuple[str, ...] = ()
    ) -> GazetteerEntry:
        """Add an actor to the user's gazetteer (which takes precedence over the bundled one)."""
        from reader.extract.gazetteer import GazetteerEntry
        from reader.store.user_gazetteer import add_user_entry

        if not is_actor_kind(kind):
            raise LibraryError(f"kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        entry = GazetteerEntry(name.strip(), kind, tuple(a.strip() for a in aliases), source="user")
        if not entry.name:
            raise LibraryError("an actor needs a name")
        with refusals():
            add_user_entry(self.user_gazetteer_path, self._data.lock, entry, USER_GAZETTEER_HEADER)
        self.forget()
        self._changes.publish(Changes(gazetteer=True))
        return entry

    def forget(self) -> None:
        """Drop the extractor and every result (the gazetteer changed); the model's raw spans
        stay valid in the disk cache."""
        with self._extract_lock, self._lock:
            self._extractor = None
            self._actors.clear()
            self._dates.clear()
            self._counts.clear()

    # -- dates (logic in reader/extract/dates.py) ------------------------------------------
    def passage_dates(self, doc_id: str) -> list[list[DateMention]]:
        """Return the dates of each passage of a document, placed with its current published
        date (kept until the document or its metadata changes)."""
        doc = self._documents.get(doc_id)
        with self._lock:
            cached = self._dates.get(doc_id)
        key = (doc.content_hash, doc.meta.published)
        if cached is not None and self._dates_key.get(doc_id) == key:
            return cached
        found = self.dates_of(doc)
        with self._lock:
            self._dates[doc_id] = found
            self._dates_key[doc_id] = key
        return found

    def dates_of(self, document: Document) -> list[list[DateMention]]:
        """Return the dates of each passage of any document (of the library or a file)."""
        from reader.extract.dates import dates_by_passage

        return dates_by_passage(document.text, document.passages, document.meta.published)

    def date_index(self) -> dict[str, list[DateOccurrence]]:
        """Return, for each date value of the library in time order, every passage of it."""
        ids = self._documents.ids()
        results = [(self._documents.get(d), self.passage_dates(d)) for d in ids]
        from reader.extract.dates_index import date_occurrences

        return date_occurrences(results)


def _add_counts(
    counts: dict[ActorId, tuple[Actor, int]], result: DocumentActors, sign: int
) -> None:
    for pa in result.passages:
        for am in pa.actors:
            actor, count = counts.get(am.actor.id, (am.actor, 0))
            if count + sign > 0:
                counts[am.actor.id] = (actor, count + sign)
            else:
                counts.pop(am.actor.id, None)
