"""Actors and their mentions: who takes part in what a passage says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, NewType

from reader.core.model import Document, Passage

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
