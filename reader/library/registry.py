"""The user's actor registry: corrections of what extraction found, applied to the whole library.

A correction (reader/core/registry.py) is appended to the history in the data folder, then the
documents it touches are resolved again from the model's cached spans with every correction
applied, and stored in the index (the model never runs for it); one ``Changes`` record names
those documents (``actors``) and says the registry changed (``registry``), here and, through the
journal, in other processes. Extraction applies the corrections to every result it stores, so
they survive re-extraction. Undo takes the last correction off and re-resolves what it touched.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.core.actors import ACTOR_KINDS, Actor, ActorKind, actor_id, is_actor_kind
from reader.core.changes import Changes
from reader.core.model import DocId
from reader.core.registry import OPERATIONS, Correction
from reader.index.registry import ActorSummary
from reader.library.actors import Actors
from reader.library.changes import ChangeFeed
from reader.library.errors import LibraryError, refusals
from reader.library.indexing import IndexHandle
from reader.store.registry import CorrectionStore

__all__ = [
    "OPERATIONS",
    "ActorSummary",
    "AmbiguousActor",
    "Correction",
    "CorrectionResult",
    "Registry",
    "UnknownActor",
]


class UnknownActor(LibraryError):
    """No actor has the id, name or alias asked for."""


class AmbiguousActor(LibraryError):
    """A name or alias of more than one actor; the message lists them."""


@dataclass(frozen=True)
class CorrectionResult:
    """A correction made or undone, and the documents whose actors it changed."""

    correction: Correction
    documents: tuple[DocId, ...]
    undone: bool = False


class Registry:
    """Corrections of actors, and the library's actors as one overview."""

    def __init__(
        self, store: CorrectionStore, actors: Actors, index: IndexHandle, changes: ChangeFeed
    ) -> None:
        self._store = store
        self._actors = actors
        self._index = index
        self._changes = changes

    @property
    def path(self) -> str:
        """The history's file, in the data folder."""
        return str(self._store.path)

    def history(self) -> list[Correction]:
        """Return the corrections in force, oldest first."""
        return list(self._store.corrections())

    def aliases(self, summary: ActorSummary) -> list[str]:
        """Return an actor's other names: its mentions' words and aliases the user gave it."""
        given = [c.alias for c in self.history() if c.op == "alias" and c.actor == summary.actor.id]
        seen = {summary.actor.name.casefold()}
        names = []
        for name in [*summary.words, *given]:  # the words as the text has them first
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names

    # -- reading ---------------------------------------------------------------------------
    def overview(self, extract: bool = True) -> list[ActorSummary]:
        """Return every actor of the library, most mentioned first (``extract``: extract what is
        missing first; the window passes False and reads what is there)."""
        if extract:
            self._actors.ensure()
        found = self._index.get().actor_summaries()
        return sorted(found, key=lambda s: (-s.passages, s.actor.name))

    def find(self, query: str, summaries: Sequence[ActorSummary] | None = None) -> ActorSummary:
        """Return the actor with this id, or else the one with this name or alias (case-folded,
        the aliases the user gave included); refuse an unknown or ambiguous one, listing the
        candidates. Reads what the index holds (the command line extracts first)."""
        if summaries is not None:
            return _one(query, [s for s in summaries if _means(self, s, query)])
        index = self._index.get()
        ids = index.matching_actor_ids(query)
        if ids == [query]:
            return index.actor_summaries(ids)[0]
        folded = query.strip().casefold()
        given = [
            c.actor for c in self.history() if c.op == "alias" and c.alias.casefold() == folded
        ]
        return _one(query, index.actor_summaries([*ids, *given]))

    # -- corrections -------------------------------------------------------------------------
    def rename(self, actor: str, name: str) -> CorrectionResult:
        """Give an actor another name; its id stays."""
        target = self.find(actor)
        if not name.strip():
            raise LibraryError("an actor needs a name")
        return self._make(Correction("rename", target.actor.id, name=name.strip()))

    def change_kind(self, actor: str, kind: str) -> CorrectionResult:
        """Make an actor another kind (person, state, …); its id stays."""
        target = self.find(actor)
        if not is_actor_kind(kind):
            raise LibraryError(f"kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
        return self._make(Correction("kind", target.actor.id, kind=_kind(kind)))

    def merge(self, actor: str, into: str) -> CorrectionResult:
        """Make every mention of ``actor`` one of ``into``."""
        source, target = self.find(actor), self.find(into)
        if source.actor.id == target.actor.id:
            raise LibraryError(f"{source.actor.name} cannot be merged into itself")
        t = target.actor
        words = tuple(dict.fromkeys((source.actor.name, *source.words)))
        return self._make(
            Correction("merge", source.actor.id, t.name, t.kind, t.id, words=words)
        )

    def split(self, actor: str, alias: str) -> CorrectionResult:
        """Make the mentions of ``actor`` worded ``alias`` an actor of their own."""
        source = self.find(actor)
        words = [w for w in source.words if w.casefold() == alias.strip().casefold()]
        if not words:
            known = ", ".join(repr(w) for w in source.words) or "none"
            raise LibraryError(
                f"no mention of {source.actor.name} is worded {alias!r} (its words: {known})"
            )
        if actor_id(alias) == source.actor.id:
            raise LibraryError(f"{alias!r} would keep the id {source.actor.id}: rename instead")
        return self._make(Correction("split", source.actor.id, alias=alias.strip()))

    def add_alias(self, actor: str, alias: str) -> CorrectionResult:
        """Make every mention worded ``alias`` (whoever it went to) one of ``actor``."""
        target = self.find(actor)
        if not alias.strip():
            raise LibraryError("an alias needs words")
        a = target.actor
        return self._make(
            Correction("alias", a.id, a.name, a.kind, alias=alias.strip(), words=(alias.strip(),))
        )

    def reject(self, actor: str, passage: str | None = None) -> CorrectionResult:
        """Say an actor is no actor: everywhere, or only in one passage ("doc:index")."""
        target = self.find(actor)
        if passage is not None:
            doc, _, index = passage.rpartition(":")
            if not doc or not index.isdigit():
                raise LibraryError(f"a passage id is DOCUMENT:INDEX, not {passage!r}")
        words = tuple(dict.fromkeys((target.actor.name, *target.words)))
        return self._make(Correction("reject", target.actor.id, passage=passage, words=words))

    def undo(self) -> CorrectionResult | None:
        """Take the last correction back; return it, or None when there is none."""
        with refusals():
            last = self._store.pop()
        if last is None:
            return None
        # Back to what resolution gives under the corrections before it: resolve again (from
        # the cached spans) where it acted, found by its actors and the words it recorded.
        touched = self._touched(last)
        if last.passage is None:
            touched += self._index.get().docs_containing([*last.words, last.alias])
        stored = self._actors.reresolve(list(dict.fromkeys(touched)))
        return CorrectionResult(last, self._publish(stored), undone=True)

    def _make(self, correction: Correction) -> CorrectionResult:
        made = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        correction = replace(correction, made=made)
        with refusals():
            self._store.append(correction)
        # Corrections apply in order, so the newest one applies to what the index holds: the
        # documents it touches are re-mapped, not resolved again.
        stored = self._actors.remap(self._touched(correction), [correction])
        return CorrectionResult(correction, self._publish(stored))

    def _touched(self, correction: Correction) -> list[DocId]:
        """The documents whose stored actors a correction changes."""
        index = self._index.get()
        if correction.op == "reject" and correction.passage is not None:
            return [DocId(correction.passage.rpartition(":")[0])]
        touched = index.docs_mentioning(sorted(correction.involved()))
        if correction.alias:
            touched += index.docs_worded(correction.alias)
        return list(dict.fromkeys(touched))

    def _publish(self, stored: Sequence[DocId]) -> tuple[DocId, ...]:
        self._changes.publish(Changes.of(actors=stored, registry=True))
        return tuple(stored)


def _means(registry: Registry, summary: ActorSummary, query: str) -> bool:
    folded = query.strip().casefold()
    if summary.actor.id == query or summary.actor.name.casefold() == folded:
        return True
    return any(folded == a.casefold() for a in registry.aliases(summary))


def _one(query: str, found: Sequence[ActorSummary]) -> ActorSummary:
    exact = [s for s in found if s.actor.id == query]
    if exact or len(found) == 1:
        return (exact or list(found))[0]
    if not found:
        raise UnknownActor(f"no actor has the id, name or alias {query!r} (see 'actors')")
    listed = ", ".join(f"{s.actor.id} ({s.actor.name}, {s.actor.kind})" for s in found)
    raise AmbiguousActor(f"{query!r} names more than one actor: {listed}; give an id")


def _kind(value: str) -> ActorKind:
    for kind in ACTOR_KINDS:
        if kind == value:
            return kind
    raise LibraryError(f"not an actor kind: {value!r}")


def summary_json(registry: Registry, summary: ActorSummary) -> dict[str, object]:
    """An actor as ``actors --json`` prints it."""
    a: Actor = summary.actor
    return {
        "id": a.id,
        "name": a.name,
        "kind": a.kind,
        "aliases": registry.aliases(summary),
        "passages": summary.passages,
        "documents": summary.documents,
        "first_date": summary.first_date,
        "last_date": summary.last_date,
    }

