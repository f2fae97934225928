"""The gazetteer: bundled entries, the user's additions, matching."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.actors import ACTOR_KINDS, actor_id
from reader.corpus.locate import resources_dir
from reader.extract.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    parse_gazetteer,
    render_gazetteer,
)

BUNDLED = resources_dir() / "gazetteer.toml"


def bundled() -> Gazetteer:
    gazetteer, problems = load_gazetteer(BUNDLED, None)
    assert problems == []
    return gazetteer


def names_found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(text[h.start : h.end], h.entry.name, h.role) for h in gazetteer.find(text)]


def test_actor_ids_are_slugs_of_the_canonical_name() -> None:
    assert actor_id("Taliban") == "taliban"
    assert actor_id("United States") == "united-states"
    assert actor_id("António Guterres") == actor_id("Antonio Guterres") == "antonio-guterres"
    assert actor_id("Islamic State – Khorasan Province") == "islamic-state-khorasan-province"


def test_the_bundled_gazetteer_is_broad_and_valid() -> None:
    gazetteer = bundled()
    kinds = {e.kind for e in gazetteer.entries}
    assert kinds == set(ACTOR_KINDS)
    assert len(gazetteer.states()) > 190
    assert len({e.name for e in gazetteer.entries}) == len(gazetteer.entries)


def test_aliases_resolve_to_one_canonical_actor() -> None:
    gazetteer = bundled()
    text = "The IEA, the Islamic Emirate of Afghanistan and the de facto authorities met the U.S."
    found = names_found(gazetteer, text)
    assert [(t, n) for t, n, _ in found] == [
        ("IEA", "Taliban"),
        ("Islamic Emirate of Afghanistan", "Taliban"),
        ("de facto authorities", "Taliban"),
        ("U.S.", "United States"),
    ]


def test_matching_is_case_sensitive_and_prefers_the_longest_name() -> None:
    gazetteer = bundled()
    assert names_found(gazetteer, "let us go") == []
    found = names_found(gazetteer, "the Washington Post said, citing Washington and UNSC")
    assert found == [
        ("Washington Post", "The Washington Post", "name"),
        ("Washington", "United States", "capital"),
        ("UNSC", "UN Security Council", "name"),
    ]
    assert names_found(gazetteer, "Latin America")[0][1] == "Latin America"


def test_user_entries_take_precedence(tmp_path: Path) -> None:
    user = tmp_path / "gazetteer.user.toml"
    user.write_text(
        'schema = 1\n[[actor]]\nname = "Islamic Emirate"\nkind = "state"\naliases = ["IEA"]\n',
        encoding="utf-8",
    )
    gazetteer, problems = load_gazetteer(BUNDLED, user)
    assert problems == []
    assert names_found(gazetteer, "the IEA said")[0][1] == "Islamic Emirate"


def test_a_damaged_user_gazetteer_is_reported_not_fatal(tmp_path: Path) -> None:
    user = tmp_path / "gazetteer.user.toml"
    user.write_text("[[actor]\nname = ", encoding="utf-8")
    gazetteer, problems = load_gazetteer(BUNDLED, user)
    assert len(problems) == 1 and "your gazetteer was not read" in problems[0]
    assert gazetteer.lookup("Taliban") is not None


_names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s
)


@given(name=_names, aliases=st.lists(_names, max_size=3), kind=st.sampled_from(ACTOR_KINDS))
def test_render_and_parse_round_trip(name: str, aliases: list[str], kind: str) -> None:
    entry = GazetteerEntry(name, kind, tuple(aliases), source="user")  # type: ignore[arg-type]
    text = render_gazetteer([entry], "header\nsecond line")
    assert parse_gazetteer(text, "user") == [entry]
