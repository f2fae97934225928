"""Generated documents whose words are spread as in real text, for the search benchmark.

``bench_index``'s news-like text is made of a few sentence templates: "refugees" stands in 57%
of its passages, so every query word matches half the library — a worst case that says little
about a library of real articles, where a word's share of passages falls off with its rank
(Zipf's law). Here every passage keeps its templated sentences (people, bodies, places and
dates, which the rules extract, so the ``actor:`` and ``date:`` filters have something to find)
and gains sentences of words drawn from a Zipf distribution over a vocabulary: the bundled
corpus's words by their frequency there, then generated words for the long tail.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections import Counter
from collections.abc import Sequence

from benchmarks.bench_index import Extracted, _extract, _names, news_text
from benchmarks.news_text import _CODAS, _ONSETS, _VOWELS
from reader.corpus.locate import bundled_corpus_dir, resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer

VOCABULARY = 40_000
ZIPF_S = 1.07  # the exponent measured on English word frequencies
FILLER_WORDS = 120  # words of Zipf text added to each passage


def vocabulary(rng: random.Random) -> list[str]:
    """Return the vocabulary, most frequent first: the bundled corpus's words, then made-up
    words of two to four syllables."""
    counts: Counter[str] = Counter()
    for path in sorted(bundled_corpus_dir().glob("*.txt")):
        counts.update(w.lower() for w in re.findall(r"[A-Za-z]+", path.read_text("utf-8")))
    words = [w for w, _ in counts.most_common()]
    seen = set(words)
    while len(words) < VOCABULARY:
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.randint(2, 4))
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _sentences(rng: random.Random, words: Sequence[str], weights: Sequence[float]) -> str:
    """Return ``FILLER_WORDS`` Zipf-drawn words as sentences of eight to twenty words."""
    drawn = rng.choices(words, cum_weights=weights, k=FILLER_WORDS)
    out, i = [], 0
    while i < len(drawn):
        n = rng.randint(8, 20)
        part = drawn[i:i + n]
        out.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
        i += n
    return " ".join(out)


@functools.cache
def extracted_natural(count: int, seed: int = 29) -> list[Extracted]:
    """Generate and extract ``count`` distinct documents of templated news sentences with
    Zipf-distributed sentences after each passage's (rules only; once per run: slow)."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) ** ZIPF_S for rank in range(len(words))))
    names = _names()
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    extractor = ActorExtractor(gazetteer, model=None)
    out = []
    for n in range(count):
        passages = news_text(rng, names).split("\n\n")
        text = "\n\n".join(f"{p} {_sentences(rng, words, weights)}" for p in passages)
        out.append(_extract(extractor, n, text, rng))
    return out
