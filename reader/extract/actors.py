"""The actor extractor: the model's raw spans (cacheable) plus resolution on top (re-run on load).

Without the model (not installed, fails to load, or switched off) the gazetteer and rules still
work and ``reduced_recall`` says that names outside the gazetteer may be missed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.core.actors import DocumentActors
from reader.core.model import Document
from reader.extract.gazetteer import Gazetteer, load_gazetteer
from reader.extract.model import (
    EXTRACTOR_VERSION,
    ModelUnavailable,
    RawSpan,
    RawSpanCache,
    SpacyModel,
    raw_key,
)
from reader.extract.resolve import resolve_document

RawByPassage = Mapping[int, Sequence[RawSpan]]


class ActorExtractor:
    """Find and normalise the actors of documents.

    ``model=None`` means the rule-based extractor (gazetteer + rules): fast, used by tests that do
    not measure the model, and the fallback when the model cannot load.
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        model: SpacyModel | None = None,
        cache: RawSpanCache | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.model = model
        self.cache = cache
        self._model_error: str | None = None
        # How many passage texts went through the model (a warm start with a cache: none).
        self.model_runs = 0

    @classmethod
    def from_files(
        cls, bundled: Path, user: Path | None, use_model: bool = True
    ) -> tuple[ActorExtractor, list[str]]:
        """Return an extractor over the bundled and the user's gazetteer, and any problems."""
        gazetteer, problems = load_gazetteer(bundled, user)
        return cls(gazetteer, SpacyModel() if use_model else None), problems

    @property
    def reduced_recall(self) -> bool:
        """True when the model is not in use: only gazetteer names and rule matches are found."""
        return self.model is None or self._model_error is not None

    @property
    def model_error(self) -> str | None:
        """Why the model could not be loaded, if it could not."""
        return self._model_error

    def load_model(self) -> bool:
        """Load the model now (call it off the UI thread, after the window paints); return
        whether extraction has the model, i.e. not ``reduced_recall``."""
        if self.model is not None and self._model_error is None:
            try:
                self.model.load()
            except ModelUnavailable as exc:
                self._model_error = str(exc)
        return not self.reduced_recall

    def model_version(self) -> str:
        """Return the version key of raw spans: the model's and the extractor's version."""
        if self.model is None or self.reduced_recall:
            return f"rules/{EXTRACTOR_VERSION}"
        try:
            return f"{self.model.version()}/{EXTRACTOR_VERSION}"
        except ModelUnavailable as exc:
            self._model_error = str(exc)
            return f"rules/{EXTRACTOR_VERSION}"

    def raw_spans(self, texts: Sequence[str]) -> list[list[RawSpan]]:
        """Return the model's raw spans of each text (from the cache where it has them); empty
        lists without the model."""
        if self.model is None or self._model_error is not None or not texts:
            return [[] for _ in texts]
        version = self.model_version()
        keys = [raw_key(t, version) for t in texts]
        if self._model_error is not None:
            return [[] for _ in texts]
        found: list[list[RawSpan] | None] = (
            self.cache.get_many(keys) if self.cache is not None else [None] * len(texts)
        )
        missing = [i for i, spans in enumerate(found) if spans is None]
        try:
            fresh = self.model.raw_spans([texts[i] for i in missing]) if missing else []
        except ModelUnavailable as exc:
            self._model_error = str(exc)
            return [[] for _ in texts]
        self.model_runs += len(missing)
        if self.cache is not None and missing:
            self.cache.put_many({keys[i]: spans for i, spans in zip(missing, fresh, strict=True)})
        for i, spans in zip(missing, fresh, strict=True):
            found[i] = spans
        return [list(spans or []) for spans in found]

    def raw_for_documents(self, docs: Sequence[Document]) -> list[dict[int, list[RawSpan]]]:
        """Run the model once over every body passage of ``docs`` (one ``nlp.pipe`` stream)."""
        keys = [(i, p.index) for i, d in enumerate(docs) for p in d.passages if not p.chrome]
        texts = [docs[i].passage_text(docs[i].passages[j]) for i, j in keys]
        out: list[dict[int, list[RawSpan]]] = [{} for _ in docs]
        for (i, j), spans in zip(keys, self.raw_spans(texts), strict=True):
            out[i][j] = spans
        return out

    def resolve(self, doc: Document, raw: RawByPassage) -> DocumentActors:
        """Resolve raw spans into the actors of each passage (fast; no model)."""
        return DocumentActors(doc, resolve_document(doc, raw, self.gazetteer))

    def extract(self, doc: Document) -> DocumentActors:
        """Return the actors of every passage of one document."""
        return self.extract_many([doc])[0]

    def extract_many(self, docs: Sequence[Document]) -> list[DocumentActors]:
        """Return the actors of every passage of several documents, the model run in one batch."""
        raws = self.raw_for_documents(docs)
        return [self.resolve(d, r) for d, r in zip(docs, raws, strict=True)]
