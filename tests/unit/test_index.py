"""The library index answers as the in-memory functions do, on the corpus and on any library."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.actors import (
    Actor,
    ActorId,
    ActorMentions,
    ActorOccurrence,
    ActorPassage,
    DocumentActors,
    Mention,
    PassageActors,
)
from reader.core.cooccurrence import passages_with_all
from reader.core.dates import DateMention, granularity_of
from reader.core.model import DocId, Document, DocumentMeta, Passage
from reader.core.text import content_hash
from reader.extract.dates_index import date_occurrences
from reader.extract.index import actor_occurrences, all_actors
from reader.index.documents import META_COLUMNS
from tests.unit.index_helpers import Dates, bundled, filled


def test_the_bundled_corpus_reads_back_as_extracted(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    assert index.ids() == [d.id for d in docs]
    for doc, result, found in zip(docs, results, dates, strict=True):
        assert index.document(doc.id) == doc
        assert index.passages(doc.id) == doc.passages
        assert index.meta(doc.id) == doc.meta
        assert index.content_hash(doc.id) == doc.content_hash
        assert index.document_actors(doc) == result
        assert index.passage_dates(doc.id) == found
    assert index.actor_counts() == all_actors(results)
    assert index.actor_counts([docs[2].id, docs[0].id]) == all_actors([results[2], results[0]])
    for actor_id in [*all_actors(results), "nobody"]:
        assert index.actor_occurrences(actor_id) == actor_occurrences(results, actor_id)
        assert index.actor_passages(actor_id) == light(actor_occurrences(results, actor_id))
    top = sorted(all_actors(results), key=lambda a: -all_actors(results)[a][1])[:5]
    for first in top:
        for second in top:
            expected = passages_with_all(
                [actor_occurrences(results, first), actor_occurrences(results, second)]
            )
            assert index.passages_mentioning([first, second]) == expected
    by_value = date_occurrences(list(zip(docs, dates, strict=True)))
    assert index.date_occurrences() == by_value
    assert index.date_counts() == {value: len(found) for value, found in by_value.items()}
    for value, found in by_value.items():
        assert index.date_passages(value) == found
    assert index.date_passages("1066") == []


def light(found: list[ActorOccurrence]) -> list[ActorPassage]:
    """What ``actors ACTOR`` lists of each occurrence, without the document."""
    return [
        ActorPassage(o.document.id, o.document.meta.published, o.passage.index, o.mentions)
        for o in found
    ]


def test_every_metadata_field_has_a_column() -> None:
    assert tuple(f.name for f in dataclasses.fields(DocumentMeta)) == META_COLUMNS


def test_summaries_and_passage_facts(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    summaries = index.summaries()
    assert [s.meta for s in summaries] == [d.meta for d in docs]
    assert [(s.passage_count, s.char_count, s.error) for s in summaries] == [
        (len(d.passages), len(d.text), None) for d in docs
    ]
    facts = index.passage_facts(docs[0].id)
    assert facts is not None
    assert facts.actors == [tuple(a.actor.name for a in pa.actors) for pa in results[0].passages]
    assert facts.dates == [tuple((d.text, d.value) for d in found) for found in dates[0]]
    assert index.passage_facts("nobody") is None
    # Many at once (an export) reads the same; with ``only``, those passages alone.
    ids = [d.id for d in docs]
    assert index.passage_facts_many([*ids, "nobody"]) == {d: index.passage_facts(d) for d in ids}
    some = {docs[0].id: {0, 2}, docs[1].id: set()}
    few = index.passage_facts_many(ids[:2], some)
    for doc in docs[:2]:
        whole = index.passage_facts(doc.id)
        assert whole is not None
        kept = some[doc.id]
        assert few[doc.id].actors == [a if i in kept else () for i, a in enumerate(whole.actors)]
        assert few[doc.id].dates == [d if i in kept else () for i, d in enumerate(whole.dates)]


# -- any library ---------------------------------------------------------------------------------
# Ids shared by several spellings and kinds, and spelling variants of one person, are where the
# answers depend on order: which spelling is kept, which ids are merged.
ACTORS = [
    Actor.named("Georgi Asatrian", "person"),
    Actor.named("Georgi Asatryan", "person"),
    Actor.named("G. Asatrian", "person"),
    Actor(ActorId("georgia"), "Georgia", "state"),
    Actor(ActorId("georgia"), "Georgia", "person"),
    Actor.named("Taliban", "group"),
    Actor.named("Norway", "state"),
    Actor(ActorId("erna-solberg"), "Erna Solberg", "person"),
    Actor(ActorId("erna-solberg"), "Erna Sólberg", "person"),
]
VALUES = [None, "2022", "2022-03", "2021-12-05", "2022-W05", "2022-Q1", "2022-03-01/2022-03-05"]
PUBLISHED = [None, "", "2022", "2022-03", "2021-12-05", "2023"]


@st.composite
def passage_facts(
    draw: st.DrawFn, doc_id: DocId, passage: Passage
) -> tuple[PassageActors, list[DateMention]]:
    span = st.tuples(
        st.integers(passage.start, passage.end), st.integers(passage.start, passage.end)
    ).map(sorted)
    if passage.chrome:
        return PassageActors(doc_id, passage.index), []
    actors = draw(st.lists(st.sampled_from(ACTORS), max_size=4, unique_by=lambda a: a.id))
    found = []
    for actor in actors:
        spans = draw(st.lists(span, max_size=3))
        mentions = tuple(Mention(s, e, f"m{s}", actor.id) for s, e in spans)
        found.append(ActorMentions(actor, mentions))
    dates = []
    for s, e in draw(st.lists(span, max_size=3)):
        value = draw(st.sampled_from(VALUES))
        granularity = granularity_of(value) if value else "day"
        assert granularity is not None
        mod = draw(st.sampled_from([None, "START", "APPROX"]))
        dates.append(DateMention(s, e, f"d{s}", value, granularity, mod))
    return PassageActors(doc_id, passage.index, tuple(found)), dates


@st.composite
def library(draw: st.DrawFn) -> list[tuple[DocumentActors, Dates]]:
    out = []
    for n in range(draw(st.integers(1, 5))):
        doc_id = DocId(f"doc-{n}")
        texts = draw(st.lists(st.sampled_from(["a b", "cc dd ee", "f"]), min_size=1, max_size=4))
        text = "\n\n".join(texts)
        passages, start = [], 0
        for i, piece in enumerate(texts):
            passages.append(Passage(doc_id, i, start, start + len(piece), draw(st.booleans())))
            start += len(piece) + 2
        published = draw(st.sampled_from(PUBLISHED))
        imported = draw(st.sampled_from([None, "2026-11-30"]))
        meta = DocumentMeta(
            doc_id,
            f"{doc_id}.txt",
            f"Title {n}",
            author=draw(st.sampled_from([None, "Ana Rossi", "‘quoted’ ☃"])),
            published=published,
            origin="imported" if imported else "corpus",
            imported=imported,
        )
        doc = Document(meta, text, content_hash(text), tuple(passages))
        facts = [draw(passage_facts(doc_id, p)) for p in passages]
        actors = DocumentActors(doc, tuple(pa for pa, _ in facts))
        out.append((actors, [dates for _, dates in facts]))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lib=library(), order=st.randoms())
def test_any_library_reads_back_as_the_in_memory_functions_say(lib, order) -> None:  # type: ignore[no-untyped-def]
    results = [a for a, _ in lib]
    docs = [r.document for r in results]
    with tempfile.TemporaryDirectory() as tmp:
        index = filled(Path(tmp), docs, results, [d for _, d in lib])
        try:
            assert index.actor_counts() == all_actors(results)
            some = order.sample(results, order.randint(0, len(results)))
            assert index.actor_counts([r.document.id for r in some]) == all_actors(some)
            for actor_id in {a.id for a in ACTORS}:
                assert index.actor_occurrences(actor_id) == actor_occurrences(results, actor_id)
                found = index.actor_passages(actor_id)
                assert found == light(actor_occurrences(results, actor_id))
            # Every actor's summary (read in one pass) as each one's read alone.
            every = {s.actor.id: s for s in index.actor_summaries()}
            alone = {i: index.actor_summaries([i]) for i in {a.id for a in ACTORS}}
            assert every == {i: found[0] for i, found in alone.items() if found}
            pair = [order.choice(ACTORS).id, order.choice(ACTORS).id]
            expected = passages_with_all([actor_occurrences(results, a) for a in pair])
            assert index.passages_mentioning(pair) == expected
            pairs = [(r.document, d) for r, (_, d) in zip(results, lib, strict=True)]
            by_value = date_occurrences(pairs)
            assert index.date_occurrences() == by_value
            for value in VALUES:
                if value is not None:
                    assert index.date_passages(value) == by_value.get(value, [])
            for result, dates in lib:
                assert index.document(result.document.id) == result.document
                assert index.document_actors(result.document) == result
                assert index.passage_dates(result.document.id) == dates
        finally:
            index.close()


def test_mentions_read_back_as_written_and_bad_spans_are_refused() -> None:
    import pytest

    from reader.index.extraction import decode_mentions, encode_mentions

    text = "Kabul and kabul, then Kabul."
    found = (
        Mention(0, 5, "Kabul", ActorId("kabul")),
        Mention(10, 15, "kabul", ActorId("kabul")),
        Mention(22, 27, "Kabul!", ActorId("kabul")),  # words not the text's: kept as JSON
    )
    for mentions in (found[:2], found):
        spans, texts = encode_mentions(mentions, text)
        assert decode_mentions(spans, texts, ActorId("kabul"), text) == mentions
    assert decode_mentions("", None, ActorId("kabul"), text) == ()
    for bad in ("1:2,3", "1:2:3", "1,2", "1:x"):
        with pytest.raises(ValueError):
            decode_mentions(bad, None, ActorId("kabul"), text)
