"""The user's corrections of actors, applied to one passage's actors (reader/core/registry.py)."""

from __future__ import annotations

import pytest

from reader.core.actors import Actor, ActorId, ActorMentions, Mention, PassageActors
from reader.core.registry import Correction, correct_passage

US = Actor.named("United States", "state")
USA = Actor.named("U.S.", "organization")
HE = Actor.named("he", "person")


def _am(actor: Actor, *spans: tuple[int, int, str]) -> ActorMentions:
    return ActorMentions(actor, tuple(Mention(s, e, w, actor.id) for s, e, w in spans))


PASSAGE = PassageActors(
    "doc",
    3,
    (
        _am(US, (0, 13, "United States"), (40, 42, "US")),
        _am(USA, (20, 24, "U.S.")),
        _am(HE, (30, 32, "he")),
    ),
)


def _names(p: PassageActors) -> list[tuple[str, str, str, list[str]]]:
    return [(a.actor.id, a.actor.name, a.actor.kind, [m.text for m in a.mentions])
            for a in p.actors]


def test_rename_and_kind_keep_the_id() -> None:
    found = correct_passage(
        PASSAGE,
        [
            Correction("rename", US.id, name="USA"),
            Correction("kind", US.id, kind="organization"),
        ],
    )
    assert _names(found)[0] == ("united-states", "USA", "organization", ["United States", "US"])
    assert all(m.actor_id == "united-states" for m in found.actors[0].mentions)


def test_merge_joins_the_mentions_under_the_target_in_text_order() -> None:
    found = correct_passage(
        PASSAGE, [Correction("merge", USA.id, US.name, US.kind, target=US.id)]
    )
    assert _names(found) == [
        ("united-states", "United States", "state", ["United States", "U.S.", "US"]),
        ("he", "he", "person", ["he"]),
    ]
    assert {m.actor_id for m in found.actors[0].mentions} == {"united-states"}


def test_a_later_rename_of_the_target_carries_the_merged_mentions() -> None:
    found = correct_passage(
        PASSAGE,
        [
            Correction("merge", USA.id, US.name, US.kind, target=US.id),
            Correction("rename", US.id, name="America"),
        ],
    )
    first = _names(found)[0]
    assert first[1] == "America" and first[3] == ["United States", "U.S.", "US"]


def test_split_takes_one_wording_off_into_its_own_actor() -> None:
    found = correct_passage(PASSAGE, [Correction("split", US.id, alias="us")])
    assert ("united-states", "United States", "state", ["United States"]) in _names(found)
    assert ("us", "us", "state", ["US"]) in _names(found)


def test_alias_moves_that_wording_from_whoever_had_it() -> None:
    found = correct_passage(
        PASSAGE, [Correction("alias", US.id, US.name, US.kind, alias="U.S.")]
    )
    assert _names(found) == [
        ("united-states", "United States", "state", ["United States", "U.S.", "US"]),
        ("he", "he", "person", ["he"]),
    ]


@pytest.mark.parametrize(("where", "kept"), [(None, False), ("doc:3", False), ("doc:4", True)])
def test_reject_everywhere_or_in_one_passage(where: str | None, kept: bool) -> None:
    found = correct_passage(PASSAGE, [Correction("reject", HE.id, passage=where)])
    assert ("he" in [a.actor.id for a in found.actors]) is kept
    assert [a.actor.id for a in found.actors][:2] == ["united-states", "u-s"]


def test_corrections_round_trip_through_json_and_refuse_what_is_not_one() -> None:
    c = Correction("merge", ActorId("a"), "B", "state", ActorId("b"), words=("A", "a"), made="t")
    assert Correction.from_json(c.to_json()) == c
    for bad in ({"op": "explode", "actor": "a"}, {"op": "kind", "actor": "a", "kind": "x"}, {}):
        with pytest.raises(ValueError):
            Correction.from_json(bad)


def test_no_corrections_change_nothing() -> None:
    assert correct_passage(PASSAGE, []) is PASSAGE
    assert correct_passage(PASSAGE, [Correction("rename", ActorId("nobody"), name="X")]) is PASSAGE
