"""Actors and dates of passages, held once for the library (logic in reader/extract).

Results are kept per document as they are extracted; the window reads them here (the pane, the
mention marks, the counts) instead of keeping a copy, and hears of each document's arrival as a
change record (``Changes.actors``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.actors import (
    ACTOR_KINDS,
    Actor,
    ActorId,
    ActorKind,
    ActorOccurrence,
    ActorPassage,
    DocumentActors,
    PassageActors,
    is_actor_kind,
)
from reader.core.changes import Changes
from reader.core.dates import DateMention
from reader.core.model import DocId, Document, DocumentMeta, is_valid_published
from reader.corpus.locate import resources_dir
from reader.index import PassageFacts
from reader.library.changes import ChangeFeed
from reader.library.documents import Documents
from reader.library.errors import LibraryError, refusals
from reader.library.indexing import MODEL_ENV_VAR, IndexHandle, model_wanted
from reader.store.datadir import DataDir
from reader.store.registry import CorrectionStore

if TYPE_CHECKING:
    from reader.core.registry import Correction

if TYPE_CHECKING:
    # Extraction and dates are imported where they are first used, so that opening the
    # library (and the window's first paint) does not pay for them.
    from reader.core.cooccurrence import PassageMatch
    from reader.extract.actors import ActorExtractor
    from reader.extract.dates_index import DateOccurrence
    from reader.extract.gazetteer import GazetteerEntry
    from reader.library.extraction_process import ChildReport, ExtractionProcess

USER_GAZETTEER_FILE = "gazetteer.user.toml"
EXTRACT_BATCH = 100  # documents per batch written to the index
__all__ = ["MODEL_ENV_VAR", "Actors", "DocumentFacts"]
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

    def __init__(
        self,
        data: DataDir,
        documents: Documents,
        changes: ChangeFeed,
        index: IndexHandle,
        corrections: CorrectionStore | None = None,
    ) -> None:
        self._data = data
        # The user's corrections (reader/library/registry.py), applied to every result stored.
        self._corrections = corrections
        self._documents = documents
        self._changes = changes
        self._index = index
        self._lock = threading.RLock()
        # A lock of its own: spaCy is not thread-safe, and documents stay readable meanwhile.
        self._extract_lock = threading.RLock()
        self._extractor: ActorExtractor | None = None
        self._generation = 0  # bumped when the extractor is dropped (a made one is stale)
        self._problems: list[str] = []
        self._model_in_process = False
        self._process: ExtractionProcess | None = None  # extraction in a child (the window's)
        self._child_corpus: Path | None = None  # set: extract and index in a child
        self._child_report: ChildReport | None = None
        self._forgotten = 0  # gazetteer changes, told to the child with each call
        # The library's counts, read again from the index after each batch of results.
        self._counts: dict[ActorId, tuple[Actor, int]] | None = None

    # -- the extractor -----------------------------------------------------------------------
    @property
    def user_gazetteer_path(self) -> Path:
        """The user's own gazetteer: read when present, created when the user adds an entry."""
        return self._data.root / USER_GAZETTEER_FILE

    def extractor(self) -> ActorExtractor:
        """Return the extractor (the model loads on first extraction, not here)."""
        with self._lock:
            if self._extractor is not None:
                return self._extractor
            generation = self._generation
        # Made outside the lock (it reads the gazetteers): a thread asking for the counts
        # meanwhile must not wait on files; published under it, unless forgotten since.
        made = self._new_extractor()
        with self._lock:
            if self._extractor is None and generation == self._generation:
                self._extractor = made
            return self._extractor or made

    def _new_extractor(self) -> ActorExtractor:
        use_model = model_wanted()
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
            self._generation += 1

    def extract_in_child(self, corpus: Path) -> None:
        """Extract, and index the documents, in a child process from now on (the window does:
        resolution, reading and segmenting in a thread of the window hold the GIL, and their
        garbage collections stall the event loop); ``corpus`` is the library's corpus folder,
        which the child opens with the data folder. The child is made and started on first use
        (its modules cost the window's first paint ~0.1 s); a second call changes nothing."""
        with self._extract_lock, self._lock:
            if self._child_corpus is not None:
                return
            self._child_corpus = corpus
        self._documents.index_elsewhere(self._index_in_child)

    def _child(self) -> ExtractionProcess | None:
        with self._lock:
            if self._process is None and self._child_corpus is not None:
                from reader.library.extraction_process import ExtractionProcess

                self._process = ExtractionProcess(self._child_corpus, self._data.root)
            return self._process

    def _index_in_child(self) -> list[str]:
        process = self._child()
        assert process is not None  # set before the documents were told to index there
        return process.reindex()

    def child_running(self) -> bool:
        """Tell whether the extraction child (``extract_in_child``) is up."""
        return self._process is not None and self._process.running()

    def close(self) -> None:
        """Stop the child processes (extraction, the model), if they run."""
        from reader.extract.model_process import ProcessSpacyModel

        process = self._child()  # made if not yet: a closed library's child never starts
        if process is not None:
            process.shutdown()
        extractor = self._extractor
        if extractor is not None and isinstance(extractor.model, ProcessSpacyModel):
            extractor.model.shutdown()

    def warm_up(self) -> bool:
        """Load the spaCy model ahead of the first extraction (slow: call it from a worker, after
        the window paints); return False when recall is reduced because it cannot load."""
        process = self._child()
        if process is not None:
            return not self._take_report(process.warm_up(self._forgotten)).reduced_recall
        with self._extract_lock:
            return self.extractor().load_model()

    def _take_report(self, report: ChildReport) -> ChildReport:
        """Keep what the child's extractor said; store under its version (the model did not
        load there) as it did."""
        with self._lock:
            self._child_report = report
        index = self._index.get()
        if report.version == f"{index.extractor_version}/without-model":
            self._index.use_version(report.version)
        return report

    def reduced_recall(self) -> bool:
        """Tell whether names outside the gazetteer may be missed (the model is off or did not
        load), as the extractor that ran says."""
        with self._lock:
            report = self._child_report
        return report.reduced_recall if report is not None else self.extractor().reduced_recall

    def warnings(self) -> list[str]:
        """Return messages for the user: reduced recall without the model, unreadable files."""
        with self._lock:
            extractor, report = self._extractor, self._child_report
        if report is not None:  # the child extracts: its extractor's words
            return list(report.warnings)
        if extractor is None:
            # Nothing was extracted here (the results came from the index): the gazetteers'
            # problems are found by reading them, without building the extractor's matcher,
            # and kept in the cache for the files' contents.
            from reader.store.gazetteer_check import checked_problems

            files = [resources_dir() / "gazetteer.toml", self.user_gazetteer_path]
            problems = checked_problems(self._data.cache, files, lambda: _read_problems(files))
            reduced, error = not model_wanted(), None
        else:
            problems = self._problems
            reduced, error = extractor.reduced_recall, extractor.model_error
        warnings = list(problems)
        if reduced:
            why = error or "the model is switched off"
            warnings.append(
                f"actors come from the gazetteer and rules only, recall is reduced ({why})"
            )
        return warnings

    # -- extraction (results kept in the library index) ----------------------------------
    def pending(self) -> list[DocId]:
        """Return the documents whose actors or dates are missing or stale, in library order
        (indexing the documents first: the cheap check, then what changed)."""
        self._documents.sync_index()
        index = self._index.get()
        return list(dict.fromkeys([*index.needs_extraction(), *index.needs_dates()]))

    def ensure(self, doc_ids: Sequence[str] | None = None) -> list[DocId]:
        """Extract what is missing or stale among ``doc_ids`` (default: every document), in
        batches written to the index; return the documents extracted. Named documents are
        checked one by one, so asking for one never scans the whole library."""
        wanted = None if doc_ids is None else [DocId(d) for d in dict.fromkeys(doc_ids)]
        if wanted is None:
            todo = self.pending()
        elif len(wanted) > EXTRACT_BATCH:
            # Many documents (the whole library, named): the index says which are stale in
            # two queries, rather than reading each document's results.
            stale = set(self.pending())
            todo = [d for d in wanted if d in stale]
        else:
            self._documents.sync_index()
            todo = [d for d in wanted if self._stale(d)]
        for start in range(0, len(todo), EXTRACT_BATCH):
            self._extract_batch(todo[start : start + EXTRACT_BATCH])
        return todo

    def _stale(self, doc_id: str) -> bool:
        """Whether a document's actors or dates are missing from the index, or stale."""
        try:
            doc = self._documents.get(doc_id)
        except LibraryError:
            return False  # unreadable: the library list says why
        index = self._index.get()
        return index.document_actors(doc) is None or index.passage_dates(doc_id) is None

    def extract_now(self, doc_ids: Sequence[str]) -> None:
        """Extract these documents' missing or stale actors and dates into the index, as one
        batch (the window's background work: call ``pending()`` first, then this)."""
        self._extract_batch([DocId(d) for d in doc_ids])

    def _extract_batch(self, doc_ids: Sequence[DocId]) -> None:
        process = self._child()
        if process is not None:
            # The child stores the results and publishes the change (through the journal).
            self._take_report(process.extract(doc_ids, self._forgotten))
            self.drop_counts()
            return
        index = self._index.get()
        docs: list[Document] = []
        for doc_id in doc_ids:
            try:
                docs.append(self._documents.get(doc_id))
            except LibraryError:
                continue  # unreadable: the library list says why
        with self._extract_lock:
            extractor = self.extractor()
            # Per document, not a scan of the library: the window extracts one at a time.
            fresh = [d for d in docs if index.document_actors(d) is None]
            found = extractor.extract_many(fresh)
            applied = self._current_corrections()
            results = {r.document.id: self._corrected(r) for r in found}
            if extractor.reduced_recall and model_wanted():
                # The model was wanted but did not load: these are the rules' results.
                self._index.use_version(f"{index.extractor_version}/without-model")
        for doc in docs:
            dates = self.dates_of(doc)
            if doc.id in results:
                index.put_extraction(results[doc.id], dates)
            else:
                index.put_dates(doc, dates)
        if results and self._current_corrections() != applied:
            # A correction was made meanwhile: it re-resolved what the index held, not these.
            self.reresolve(list(results))
        with self._lock:
            self._counts = None
        self._changes.publish(Changes.of(actors=[d.id for d in docs]))

    def extract_many(self, doc_ids: Sequence[str] | None = None) -> list[DocumentActors]:
        """Return the actors of every passage of the documents (default: the whole library)."""
        ids = self._documents.ids() if doc_ids is None else list(doc_ids)
        for doc_id in ids:
            self._documents.metadata(doc_id)  # an unknown id is refused before any work
        self.ensure(ids)
        return [self._from_index(d) for d in ids]

    def extract_all(self) -> Iterator[tuple[DocumentActors, list[list[DateMention]]]]:
        """Yield every document's actors and dates in library order, read from the index one
        document at a time once what is missing is extracted: the whole library is never held
        (``extract`` of the whole library streams)."""
        self.ensure()
        for doc_id in self._documents.ids():
            yield self._from_index(doc_id), self.passage_dates(doc_id)

    def extract(self, doc_id: str) -> DocumentActors:
        """Return the actors of every passage of one document of the library."""
        return self.extract_many([doc_id])[0]

    def _from_index(self, doc_id: str) -> DocumentActors:
        doc = self._documents.get(doc_id)
        found = self._index.get().document_actors(doc)
        if found is None:  # written by another process meanwhile, under another version
            found = self._corrected(self.extractor().extract(doc))
        return found

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
        return self._corrected(self.extractor().extract(build_document(meta, text)))

    def _current_corrections(self) -> tuple[object, ...]:
        return () if self._corrections is None else self._corrections.corrections()

    def _corrected(self, result: DocumentActors) -> DocumentActors:
        if self._corrections is None:
            return result
        from reader.core.registry import correct

        return correct(result, self._corrections.corrections())

    def reresolve(self, doc_ids: Sequence[str]) -> list[DocId]:
        """Resolve these documents again from the model's cached spans and store them with the
        user's corrections (a correction was made or undone); return those stored. Documents not
        extracted yet are left to extraction, which applies the corrections too."""
        index = self._index.get()
        docs = []
        for doc_id in dict.fromkeys(doc_ids):
            try:
                doc = self._documents.get(doc_id)
            except LibraryError:
                continue
            if index.document_actors(doc) is not None:
                docs.append(doc)
        stored: list[DocId] = []
        for start in range(0, len(docs), EXTRACT_BATCH):
            part = docs[start : start + EXTRACT_BATCH]
            with self._extract_lock:
                found = self.extractor().extract_many(part)
            stored += index.put_extractions(
                (self._corrected(r), index.passage_dates(r.document.id) or self.dates_of(d))
                for r, d in zip(found, part, strict=True)
            )
        self.drop_counts()
        return stored

    def remap(self, doc_ids: Sequence[str], corrections: Sequence[Correction]) -> list[DocId]:
        """Apply corrections to these documents' stored actors (a new correction: it applies
        after those already applied); return the documents changed."""
        from reader.core.registry import correct

        index = self._index.get()
        changed: list[DocId] = []
        for start in range(0, len(doc_ids), EXTRACT_BATCH):
            batch = []
            for doc_id in doc_ids[start : start + EXTRACT_BATCH]:
                try:
                    doc = self._documents.get(doc_id)
                except LibraryError:
                    continue
                stored = index.document_actors(doc)
                fixed = None if stored is None else correct(stored, corrections)
                if fixed is not None and fixed != stored:
                    batch.append((fixed, index.passage_dates(doc.id) or self.dates_of(doc)))
            changed += index.put_extractions(batch)
        self.drop_counts()
        return changed

    def drop_counts(self) -> None:
        """Read the counts from the index again on next use (another process changed them)."""
        with self._lock:
            self._counts = None

    # -- what was found so far (no extraction: the window reads these) ----------------------
    def facts(self, doc_id: str) -> DocumentFacts | None:
        """Return a document's actors and dates if they are in the index, else ``None``."""
        try:
            doc = self._documents.get(doc_id)
        except LibraryError:
            return None
        index = self._index.get()
        actors = index.document_actors(doc)
        dates = index.passage_dates(doc_id)
        if actors is None or dates is None:
            return None
        return DocumentFacts(actors, dates)

    def passage(self, doc_id: str, index: int) -> tuple[PassageActors | None, list[DateMention]]:
        """Return a passage's actors and dates (``None``, [] while not extracted yet)."""
        facts = self.facts(doc_id)
        if facts is None or not 0 <= index < len(facts.actors.passages):
            return None, []
        return facts.actors.passages[index], facts.dates[index]

    def count(self, actor_id: str) -> int | None:
        """Return how many passages of the documents extracted so far mention an actor."""
        found = self.counts_so_far().get(ActorId(actor_id))
        return None if found is None else found[1]

    def counts_so_far(self) -> dict[ActorId, tuple[Actor, int]]:
        """Return every actor of the documents extracted so far with its passages (no
        extraction; kept until the next batch of results)."""
        with self._lock:
            counts = self._counts
        if counts is None:
            counts = self._index.get().actor_counts()
            with self._lock:
                self._counts = counts
        return counts

    def passage_facts(self, doc_id: str) -> PassageFacts:
        """Return, per passage of a document, its actors' names and its dates (words, value),
        extracting it first if needed (what an export prints beside a highlight)."""
        self.ensure([doc_id])
        found = self._index.get().passage_facts(doc_id)
        if found is not None:
            return found
        doc = self._documents.get(doc_id)  # not storable (another process's version): compute
        return PassageFacts(
            [tuple(a.actor.name for a in p.actors) for p in self._from_index(doc_id).passages],
            [tuple((d.text, d.value) for d in ds) for ds in self.dates_of(doc)],
        )

    def passage_facts_many(
        self, doc_ids: Sequence[str], only: Mapping[DocId, Collection[int]] | None = None
    ) -> dict[DocId, PassageFacts]:
        """Return ``passage_facts`` of many documents (with ``only``, of those passages of
        each, the others empty): the missing or stale ones extracted first (the index says
        which, in two queries), then all read in a few queries."""
        self._documents.sync_index()
        index = self._index.get()
        wanted = {DocId(d) for d in doc_ids}
        stale = [
            d
            for d in dict.fromkeys([*index.needs_extraction(), *index.needs_dates()])
            if d in wanted
        ]
        for start in range(0, len(stale), EXTRACT_BATCH):
            self._extract_batch(stale[start : start + EXTRACT_BATCH])
        found = index.passage_facts_many(sorted(wanted), only)
        for doc_id in wanted - set(found):
            try:
                found[doc_id] = self.passage_facts(doc_id)
            except LibraryError:
                continue  # unreadable: the export lists it without facts
        return found

    # -- across the library ------------------------------------------------------------------
    def passages(self, actor_id: str, extract: bool = True) -> list[ActorOccurrence]:
        """Return every passage of the library that mentions an actor, in document-date order
        (with ``extract``, what is missing is extracted first; a caller that just did so asks
        without: checking the library's files again costs a stat of each)."""
        if extract:
            self.ensure()
        return self._index.get().actor_occurrences(actor_id)

    def passage_list(self, actor_id: str, extract: bool = True) -> list[ActorPassage]:
        """Return what ``passages`` returns without the documents (each passage's document id
        and date, and the mentions): a listing of thousands of passages reads no document."""
        if extract:
            self.ensure()
        return self._index.get().actor_passages(actor_id)

    def counts(self, doc_ids: list[str] | None = None) -> dict[ActorId, tuple[Actor, int]]:
        """Return every actor of the library (or of some documents) with the number of passages
        that mention it."""
        self.ensure(doc_ids)
        return self._index.get().actor_counts(doc_ids)

    def passages_mentioning(self, actor_ids: Sequence[str]) -> list[PassageMatch]:
        """Return every passage of the library that mentions all the actors, in document-date
        order, with the mentions of each."""
        self.ensure()
        return self._index.get().passages_mentioning(list(actor_ids))

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
        """Drop the extractor (the gazetteer changed) and, through the index's version, every
        result; the model's raw spans stay valid in the disk cache."""
        with self._extract_lock, self._lock:
            self._extractor = None
            self._generation += 1
            self._forgotten += 1
            self._counts = None
        self._index.refresh_version()

    # -- dates (logic in reader/extract/dates.py) ------------------------------------------
    def passage_dates(self, doc_id: str) -> list[list[DateMention]]:
        """Return the dates of each passage of a document, placed with its current published
        date (kept in the index until the document or its date changes)."""
        doc = self._documents.get(doc_id)
        if self._documents.indexed:
            found = self._index.get().passage_dates(doc_id)
            if found is not None and self._index.get().content_hash(doc_id) == doc.content_hash:
                return found
        return self.dates_of(doc)

    def dates_of(self, document: Document) -> list[list[DateMention]]:
        """Return the dates of each passage of any document (of the library or a file)."""
        from reader.extract.dates import dates_by_passage

        return dates_by_passage(document.text, document.passages, document.meta.published)

    def date_index(self) -> dict[str, list[DateOccurrence]]:
        """Return, for each date value of the library in time order, every passage of it."""
        self.ensure()
        return self._index.get().date_occurrences()


def _read_problems(files: list[Path]) -> list[str]:
    """Return the problems of the bundled and the user's gazetteer (read, not compiled)."""
    from reader.extract.gazetteer import read_entries

    return read_entries(files[0], files[1])[1]
