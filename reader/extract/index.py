"""Corpus-wide: for each actor, every passage that mentions it, in document-date order."""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.actors import Actor, ActorId, ActorOccurrence, DocumentActors
from reader.core.model import Document
from reader.extract.names import is_variant


def _date_key(position: int, doc: Document) -> tuple[int, str, int]:
    # Undated documents go last; equal dates keep library order. YYYY < YYYY-MM < YYYY-MM-DD
    # compare correctly as strings because each is a prefix of the finer ones.
    published = doc.meta.published
    return (0 if published else 1, published or "", position)


def _same_actor_ids(results: Sequence[DocumentActors], actor_id: str) -> set[str]:
    """Return the id and the ids of the same person spelled otherwise in other documents
    ("Georgi Asatrian" here, "Georgi Asatryan" there): variants merge within a document when it
    is resolved, and across documents here."""
    actors = {am.actor.id: am.actor for r in results for pa in r.passages for am in pa.actors}
    target = actors.get(ActorId(actor_id))
    if target is None or target.kind != "person":
        return {actor_id}
    words = target.name.split()
    return {
        a.id for a in actors.values() if a.kind == "person" and is_variant(a.name.split(), words)
    } | {actor_id}


def actor_occurrences(results: Sequence[DocumentActors], actor_id: str) -> list[ActorOccurrence]:
    """Return every passage of ``results`` that mentions the actor, in document-date order."""
    ids = _same_actor_ids(results, actor_id)
    ordered = sorted(enumerate(results), key=lambda pr: _date_key(pr[0], pr[1].document))
    out: list[ActorOccurrence] = []
    for _, result in ordered:
        doc = result.document
        for pa in result.passages:
            for am in pa.actors:
                if am.actor.id in ids:
                    out.append(ActorOccurrence(doc, doc.passages[pa.passage_index], am))
    return out


def all_actors(results: Sequence[DocumentActors]) -> dict[ActorId, tuple[Actor, int]]:
    """Return every actor of ``results`` with the number of passages that mention it."""
    found: dict[ActorId, tuple[Actor, int]] = {}
    for result in results:
        for pa in result.passages:
            for am in pa.actors:
                actor, count = found.get(am.actor.id, (am.actor, 0))
                found[am.actor.id] = (actor, count + 1)
    return found
