"""Actors and their mentions: who takes part in what a passage says."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NewType

from reader.core.model import Document, Passage, PassageId
from reader.core.model import passage_id as _passage_id

ActorId = NewType("ActorId", str)
ActorKind = Literal["person", "state", "organization", "group", "place"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "state", "organization", "group", "place")

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def actor_id(name: str) -> ActorId:
    """Return the stable id of a canonical name: a slug (``"United States"`` → ``united-states``).

    Accents are folded so that a respelling with or without them keeps its id.
    """
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NON_SLUG.sub("-", ascii_only.lower()).strip("-")
    return ActorId(slug or "actor")


def is_actor_kind(value: str) -> bool:
    """Tell whether a string is one of the five actor kinds."""
    return value in ACTOR_KINDS


@dataclass(frozen=True)
class Actor:
    """A person, state, organisation, group or place, by its canonical name."""

    id: ActorId
    name: str
    kind: ActorKind

    @classmethod
    def named(cls, name: str, kind: ActorKind) -> Actor:
        """Return the actor with this canonical name; its id is the name's slug."""
        return cls(actor_id(name), name, kind)


@dataclass(frozen=True)
class Mention:
    """One place where the text names an actor: ``text[start:end]`` of the document."""

    start: int
    end: int
    text: str
    actor_id: ActorId


def mentions_from_values(
    starts: Iterable[int], ends: Iterable[int], words: Iterable[str], actor_id: ActorId
) -> tuple[Mention, ...]:
    """Return the mentions these values describe, built without the frozen ``__init__``'s
    per-field ``object.__setattr__``: listing one actor's passages builds thousands (1.7×
    faster; the values come from the index, with no check to skip)."""
    new, made = object.__new__, []
    for start, end, text in zip(starts, ends, words, strict=True):
        mention = new(Mention)
        mention.__dict__.update(start=start, end=end, text=text, actor_id=actor_id)
        made.append(mention)
    return tuple(made)


@dataclass(frozen=True)
class ActorMentions:
    """An actor and its mentions in one passage, in text order."""

    actor: Actor
    mentions: tuple[Mention, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PassageActors:
    """The actors a passage mentions, in order of their first mention."""

    doc_id: str
    passage_index: int
    actors: tuple[ActorMentions, ...] = field(default_factory=tuple)

    def actor_ids(self) -> list[ActorId]:
        """Return the ids of the actors, in order."""
        return [a.actor.id for a in self.actors]


@dataclass(frozen=True)
class DocumentActors:
    """The actors of every passage of one document, aligned with ``document.passages``
    (chrome passages have none)."""

    document: Document
    passages: tuple[PassageActors, ...]


@dataclass(frozen=True)
class ActorOccurrence:
    """One passage that mentions an actor, with the mentions."""

    document: Document
    passage: Passage
    mentions: ActorMentions

    @property
    def actor(self) -> Actor:
        return self.mentions.actor


@dataclass(frozen=True)
class ActorPassage:
    """Where one passage mentions an actor, without its document: what a listing of the
    thousands of passages of one actor prints (``actors ACTOR``)."""

    doc_id: str
    published: str | None  # the document's date
    passage_index: int
    mentions: ActorMentions

    @property
    def actor(self) -> Actor:
        return self.mentions.actor

    @property
    def passage_id(self) -> PassageId:
        return _passage_id(self.doc_id, self.passage_index)

    @property
    def number(self) -> int:
        """The passage number people see (¶ number)."""
        return self.passage_index + 1
