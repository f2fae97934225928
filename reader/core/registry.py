"""The user's corrections of actors: an ordered history applied to what resolution found.

A correction names actors by id, as the user sees them, so it acts on resolution's output (the
actors of each passage), not on the model's raw spans: a merge of two gazetteer actors, or a
rename, has no raw span to act on, and a correction stays valid when the gazetteer or the model
changes what resolution makes of the spans. Resolution itself re-runs from the cached raw spans,
so applying or undoing a correction never runs the model. Corrections apply in order, each to
the result of the ones before (merge A into B, then rename B: A's mentions carry B's new name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal, cast, get_args

from reader.core.actors import (
    Actor,
    ActorId,
    ActorKind,
    ActorMentions,
    DocumentActors,
    Mention,
    PassageActors,
    actor_id,
    is_actor_kind,
)

Operation = Literal["rename", "merge", "split", "alias", "kind", "reject"]
OPERATIONS: tuple[Operation, ...] = get_args(Operation)


@dataclass(frozen=True)
class Correction:
    """One correction. ``actor`` is the actor it acts on; the other fields by operation:

    - rename: ``name`` is the new name (the id stays);
    - kind: ``kind`` is the new kind (the id stays);
    - merge: ``target`` (with its ``name`` and ``kind`` when made) takes ``actor``'s mentions;
    - split: mentions of ``actor`` worded ``alias`` become an actor of their own, named so;
    - alias: mentions worded ``alias``, whoever they went to, are ``actor``'s (``name``,
      ``kind``: the actor's when made);
    - reject: ``actor`` is no actor, everywhere or only in ``passage`` ("doc:index").

    ``words`` are the actor's words when the correction was made: undoing it re-resolves the
    documents that contain them (the index no longer names the actor there).
    """

    op: Operation
    actor: ActorId
    name: str = ""
    kind: ActorKind | None = None
    target: ActorId | None = None
    alias: str = ""
    passage: str | None = None
    words: tuple[str, ...] = ()
    made: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["words"] = list(self.words)
        return {k: v for k, v in data.items() if v not in (None, "", [])}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Correction:
        """Read a correction written by ``to_json``; raise ValueError when it is not one."""
        op, actor = data.get("op"), data.get("actor")
        if op not in OPERATIONS or not isinstance(actor, str) or not actor:
            raise ValueError(f"not a correction: {dict(data)!r}")
        kind = data.get("kind")
        if kind is not None and not (isinstance(kind, str) and is_actor_kind(kind)):
            raise ValueError(f"not an actor kind: {kind!r}")
        words = data.get("words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError("words must be a list of strings")
        target = data.get("target")
        return cls(
            op=cast(Operation, op),
            actor=ActorId(actor),
            name=str(data.get("name", "")),
            kind=cast("ActorKind | None", kind),
            target=None if target is None else ActorId(str(target)),
            alias=str(data.get("alias", "")),
            passage=None if data.get("passage") is None else str(data["passage"]),
            words=tuple(words),
            made=str(data.get("made", "")),
        )

    def involved(self) -> set[str]:
        """The ids whose passages this correction changes, before or after it applies."""
        ids = {str(self.actor)}
        if self.target is not None:
            ids.add(str(self.target))
        if self.alias:
            ids.add(str(actor_id(self.alias)))
        return ids

    def describe(self) -> str:
        """One line for the user: what the correction does."""
        where = f" in {self.passage}" if self.passage else " everywhere"
        return {
            "rename": f"rename {self.actor} to {self.name!r}",
            "kind": f"make {self.actor} a {self.kind}",
            "merge": f"merge {self.actor} into {self.target}",
            "split": f"split {self.alias!r} off {self.actor}",
            "alias": f"{self.alias!r} is {self.actor}",
            "reject": f"{self.actor} is not an actor{where}",
        }[self.op]


def _same_words(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _moved(mentions: Iterable[Mention], actor: Actor) -> tuple[Mention, ...]:
    return tuple(replace(m, actor_id=actor.id) for m in mentions)


def _one(passage: PassageActors, c: Correction) -> list[ActorMentions]:
    out: list[ActorMentions] = []
    for am in passage.actors:
        a = am.actor
        if c.op == "alias" and a.id != c.actor:
            mine = [m for m in am.mentions if _same_words(m.text, c.alias)]
            if mine:
                owner = Actor(c.actor, c.name, c.kind or a.kind)
                out.append(ActorMentions(owner, _moved(mine, owner)))
                rest = tuple(m for m in am.mentions if m not in mine)
                if rest:
                    out.append(ActorMentions(a, rest))
                continue
        if a.id != c.actor:
            out.append(am)
        elif c.op == "rename":
            out.append(ActorMentions(Actor(a.id, c.name, a.kind), am.mentions))
        elif c.op == "kind" and c.kind is not None:
            out.append(ActorMentions(Actor(a.id, a.name, c.kind), am.mentions))
        elif c.op == "merge" and c.target is not None:
            into = Actor(c.target, c.name, c.kind or a.kind)
            out.append(ActorMentions(into, _moved(am.mentions, into)))
        elif c.op == "split":
            off = [m for m in am.mentions if _same_words(m.text, c.alias)]
            rest = tuple(m for m in am.mentions if m not in off)
            if rest:
                out.append(ActorMentions(a, rest))
            if off:
                new = Actor.named(c.alias, a.kind)
                out.append(ActorMentions(new, _moved(off, new)))
        elif c.op != "reject" or c.passage not in (None, _passage_id(passage)):
            out.append(am)  # an alias of its own actor, or rejected in another passage
    return out


def _passage_id(passage: PassageActors) -> str:
    return f"{passage.doc_id}:{passage.passage_index}"


def _joined(found: Sequence[ActorMentions]) -> tuple[ActorMentions, ...]:
    """One entry per actor id (the first one's name and kind), mentions in text order, actors in
    order of their first mention."""
    by_id: dict[str, ActorMentions] = {}
    for am in found:
        seen = by_id.get(am.actor.id)
        if seen is None:
            by_id[am.actor.id] = am
        else:
            both = _moved([*seen.mentions, *am.mentions], seen.actor)
            by_id[am.actor.id] = ActorMentions(seen.actor, tuple(sorted(both, key=_span)))
    return tuple(sorted(by_id.values(), key=_first))


def _first(am: ActorMentions) -> tuple[int, int]:
    return _span(am.mentions[0]) if am.mentions else (0, 0)


def _span(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


def correct_passage(passage: PassageActors, corrections: Sequence[Correction]) -> PassageActors:
    """Return a passage's actors with every correction applied, in order."""
    if not passage.actors or not corrections:
        return passage
    current = passage
    for c in corrections:
        changed = _one(current, c)
        if changed != list(current.actors):
            current = replace(current, actors=_joined(changed))
    return current


def correct(result: DocumentActors, corrections: Sequence[Correction]) -> DocumentActors:
    """Return a document's actors with the user's corrections applied."""
    if not corrections:
        return result
    passages = tuple(correct_passage(p, corrections) for p in result.passages)
    return DocumentActors(result.document, passages)
