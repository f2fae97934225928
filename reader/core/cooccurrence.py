"""Passages where several actors all appear (Norway and the Taliban)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.actors import ActorMentions, ActorOccurrence
from reader.core.model import Document, Passage


@dataclass(frozen=True)
class PassageMatch:
    """A passage and the mentions of each actor asked for, in the order asked."""

    document: Document
    passage: Passage
    mentions: tuple[ActorMentions, ...]

    def spans(self) -> list[tuple[int, int]]:
        """Return every mention's ``[start, end)`` in document offsets, in text order."""
        return sorted((m.start, m.end) for am in self.mentions for m in am.mentions)


def passages_with_all(per_actor: Sequence[Sequence[ActorOccurrence]]) -> list[PassageMatch]:
    """Return the passages found in every list, in the order of the first list.

    Each list holds one actor's occurrences (``Library.actor_passages``); a passage is known by
    its document id and index.
    """
    if not per_actor:
        return []
    keyed = [
        {(o.document.id, o.passage.index): o for o in occurrences} for occurrences in per_actor
    ]
    out: list[PassageMatch] = []
    for occurrence in per_actor[0]:
        key = (occurrence.document.id, occurrence.passage.index)
        found = [k.get(key) for k in keyed]
        if all(f is not None for f in found):
            mentions = tuple(f.mentions for f in found if f is not None)
            out.append(PassageMatch(occurrence.document, occurrence.passage, mentions))
    return out
