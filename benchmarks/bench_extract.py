"""Actor extraction: quality against the gold annotations, model load time, throughput.

Quality is micro-averaged over (passage, canonical name) pairs of tests/data/actors/; the baseline
is spaCy's PERSON, ORG, GPE, NORP and LOC entities taken by their text. Throughput is words of
body passages per second, cold (no cache), with the model already loaded.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from typing import Any

from benchmarks import scaled
from reader.core.model import DocId, Document, DocumentMeta
from reader.corpus.loader import build_document
from reader.corpus.locate import project_root, resources_dir
from reader.extract.actors import ActorExtractor
from reader.extract.gazetteer import load_gazetteer
from reader.extract.model import MODEL_NAME, SpacyModel
from reader.extract.scoring import Pair, Score, score
from reader.library import Library
from tests.heldout import actor_score, load_blind, load_dev, load_heldout, load_unseen

BASELINE_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")
GOLD = project_root() / "tests" / "data" / "actors"


def _row(measure: str, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {"benchmark": "extract", "measure": measure, "value": value, "unit": unit, **extra}


def _gold() -> list[tuple[Document, dict[str, list[str]]]]:
    library = Library()
    out = []
    for path in sorted(GOLD.glob("*.json")):
        entry = json.loads(path.read_text("utf-8"))
        out.append((library.documents.get(entry["doc_id"]), entry["passages"]))
    return out


def _score_ours(extractor: ActorExtractor) -> Score:
    gold: set[Pair] = set()
    predicted: set[Pair] = set()
    for doc, passages in _gold():
        result = extractor.extract(doc)
        for index, names in passages.items():
            key = f"{doc.id}:{index}"
            gold |= {(key, n) for n in names}
            predicted |= {(key, am.actor.name) for am in result.passages[int(index)].actors}
    return score(gold, predicted)


def _score_baseline() -> Score:
    nlp = SpacyModel().load()
    gold: set[Pair] = set()
    predicted: set[Pair] = set()
    for doc, passages in _gold():
        for index, names in passages.items():
            key = f"{doc.id}:{index}"
            gold |= {(key, n) for n in names}
            ents = nlp(doc.passage_text(doc.passages[int(index)])).ents
            predicted |= {(key, e.text) for e in ents if e.label_ in BASELINE_LABELS}
    return score(gold, predicted)


def _model_loads() -> tuple[float, float]:
    """Return the model's load time in a fresh process: with spaCy's import, and after it.

    Both in a child process: in this one the model may already be loaded by an earlier benchmark
    (``SpacyModel`` keeps it), which made the figure depend on the order of benchmarks.
    """
    code = (
        "import time; t = time.perf_counter(); import spacy; i = time.perf_counter(); "
        f"spacy.load({MODEL_NAME!r}, disable=['lemmatizer']); e = time.perf_counter(); "
        "print(e - t, e - i)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    with_import, load = (float(v) for v in done.stdout.split())
    return with_import, load


def _words(docs: list[Document]) -> int:
    return sum(len(d.passage_text(p).split()) for d in docs for p in d.passages if not p.chrome)


def _generated(docs: list[Document], count: int) -> list[Document]:
    """Return ``count`` documents, each a random sample of the corpus's passages."""
    rng = random.Random(4)
    pool = [d.passage_text(p) for d in docs for p in d.passages]
    out = []
    for i in range(count):
        text = "\n\n".join(rng.sample(pool, 20)) + "\n"
        meta = DocumentMeta(id=DocId(f"generated-{i}"), file=f"generated-{i}.txt", title=str(i))
        out.append(build_document(meta, text))
    return out


def _throughput(extractor: ActorExtractor, docs: list[Document]) -> float:
    start = time.perf_counter()
    extractor.extract_many(docs)
    return _words(docs) / (time.perf_counter() - start)


# The blind set's first measurement (tests/data/blind/README.md), before issue 24's rule changes.
BLIND_FIRST = {"ours": 0.918, "ours without model": 0.826}


def _gold_set_rows(with_model: ActorExtractor, rules: ActorExtractor) -> list[dict[str, Any]]:
    """Rows for the frozen blind set (with its first figure) and the development set."""
    rows = []
    for set_name, gold in (("blind", load_blind()), ("dev", load_dev())):
        for label, extractor in (("ours", with_model), ("ours without model", rules)):
            s = actor_score(gold, extractor)
            note = f"P={s.precision:.3f} R={s.recall:.3f}; {len(gold)} docs"
            if set_name == "blind":
                note += f"; frozen, first measured {BLIND_FIRST[label]:.3f}"
            rows.append(_row(f"{set_name} actor F1, {label}", s.f1, "F1", note=note))
    return rows


def run() -> list[dict[str, Any]]:
    """Measure quality, load time and throughput."""
    gazetteer, _ = load_gazetteer(resources_dir() / "gazetteer.toml", None)
    with_model = ActorExtractor(gazetteer, SpacyModel())
    rules = ActorExtractor(gazetteer, model=None)
    with_import, load = _model_loads()
    rows = [
        _row("model load, cold process (import + load)", with_import, "s"),
        _row("model load, fresh process, spaCy already imported", load, "s"),
    ]
    with_model.model.load()  # type: ignore[union-attr]
    ours, no_model, baseline = _score_ours(with_model), _score_ours(rules), _score_baseline()
    for label, s in (("ours", ours), ("ours without model", no_model), ("baseline", baseline)):
        note = f"P={s.precision:.3f} R={s.recall:.3f}"
        rows.append(_row(f"actor F1, {label}", s.f1, "F1", note=note, target=">= 0.90"))
    heldout = load_heldout()
    for label, extractor in (("ours", with_model), ("ours without model", rules)):
        s = actor_score(heldout, extractor)
        note = f"P={s.precision:.3f} R={s.recall:.3f}; {len(heldout)} docs (errors guided fixes)"
        rows.append(_row(f"held-out actor F1, {label}", s.f1, "F1", note=note))
    unseen = load_unseen()
    for label, extractor in (("ours", with_model), ("ours without model", rules)):
        s = actor_score(unseen, extractor)
        note = f"P={s.precision:.3f} R={s.recall:.3f}; {len(unseen)} docs (errors guided fixes)"
        rows.append(_row(f"unseen actor F1, {label}", s.f1, "F1", note=note))
    rows += _gold_set_rows(with_model, rules)
    library = Library()
    corpus = [library.documents.get(d) for d in library.documents.ids()]
    count = scaled(200, 10)
    generated = _generated(corpus, count)
    rows.append(
        _row(f"corpus ({_words(corpus)} words), model", _throughput(with_model, corpus), "words/s")
    )
    rows.append(
        _row(
            f"{count} generated docs ({_words(generated)} words), model",
            _throughput(with_model, generated),
            "words/s",
        )
    )
    rules_rate = _throughput(rules, generated)
    rows.append(_row(f"{count} generated docs, rules only", rules_rate, "words/s"))
    raws = with_model.raw_for_documents(generated)
    start = time.perf_counter()
    for doc, raw in zip(generated, raws, strict=True):
        with_model.resolve(doc, raw)
    resolve_rate = _words(generated) / (time.perf_counter() - start)
    label = f"{count} generated docs, resolution on cached spans"
    rows.append(_row(label, resolve_rate, "words/s"))
    return rows
