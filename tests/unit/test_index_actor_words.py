"""Actors looked up by the words their mentions use, case-folded beyond ASCII (the index finds
ASCII words through ``lower()`` and folds the others in Python)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.actors import (
    Actor,
    ActorId,
    ActorMentions,
    DocumentActors,
    Mention,
    PassageActors,
)
from reader.core.model import DocId, DocumentMeta
from reader.corpus.loader import build_document
from reader.index import DocumentEntry, LibraryIndex

from .index_helpers import open_index, stamp_of


def _worded_library(tmp_path: Path) -> LibraryIndex:
    """An index of one document whose actors are named with accents, ß and mixed case."""
    text = "The ÉCOLE Normale met the Straße Group and NATO."
    doc = build_document(DocumentMeta(DocId("worded"), "worded.txt", "Worded"), text)
    spans = {
        "ecole-normale": (4, 17, "École Normale"),
        "strasse-group": (26, 38, "Strasse Group"),
        "nato": (43, 47, "NATO"),
    }
    actors = tuple(
        ActorMentions(
            Actor(ActorId(aid), name, "organization"),
            (Mention(s, e, text[s:e], ActorId(aid)),),
        )
        for aid, (s, e, name) in spans.items()
    )
    result = DocumentActors(doc, (PassageActors("worded", 0, actors),))
    index = open_index(tmp_path)
    index.put_documents([DocumentEntry(doc.meta, "corpus", stamp_of(doc), doc)])
    index.put_extractions([(result, [[]])])
    return index


def test_actors_are_found_by_their_words_case_folded_beyond_ascii(tmp_path: Path) -> None:
    index = _worded_library(tmp_path)
    assert index.matching_actor_ids("école normale") == ["ecole-normale"]
    assert index.matching_actor_ids("ÉCOLE NORMALE") == ["ecole-normale"]
    assert index.matching_actor_ids("STRASSE group") == ["strasse-group"]  # ß folds to ss
    assert index.matching_actor_ids("nato") == ["nato"]
    assert index.matching_actor_ids("ecole normale") == []  # accents are not folded here
    assert index.docs_worded("straße GROUP") == ["worded"]
    assert index.docs_worded("Nato") == ["worded"]
    assert index.docs_worded("Otan") == []


def test_an_index_made_before_the_word_indexes_gets_them(tmp_path: Path) -> None:
    index = _worded_library(tmp_path)
    path = index.path
    index.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX actor_words_by_lower")
        conn.execute("DROP INDEX actor_words_unusual")
    reopened = open_index(tmp_path)
    assert reopened.matching_actor_ids("école NORMALE") == ["ecole-normale"]
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"actor_words_by_lower", "actor_words_unusual"} <= names
