"""Export of a ~300-page document with 1,000 highlights to an annotated PDF.

The document is the bundled corpus's passages (English and the Persian quote, page furniture
included, which the PDF leaves out) repeated to about 1.2 million characters; 1,000 highlights
of 10-400 characters (many running over a line, some over a page) with notes, colours and tags.
The export goes through the facade as the command line calls it (gather the highlights and the
text — a PDF needs no actors or dates; lay out; align every page's characters; annotate; atomic
write); the render-only row is the writer alone. Wall time depends on what else the machine
runs; the CPU time of this process is given beside it. ``--short`` (``READER_BENCH_SHORT=1``): a
tenth of the size.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.core.highlight import COLORS, make_highlight
from reader.core.model import DocId
from reader.corpus.locate import bundled_corpus_dir
from reader.export import render
from reader.library import Library

DOC_ID = "long-document"
CHARS = 1_200_000
HIGHLIGHTS = 1_000
NOTES = ("", "a short note", "a note\nover two lines", "مذاکرات صلح")


def _short() -> bool:
    return os.environ.get("READER_BENCH_SHORT", "") not in ("", "0")


def _corpus(folder: Path, chars: int) -> None:
    """Write a corpus of one long document made of the bundled corpus's passages."""
    source = bundled_corpus_dir()
    paragraphs = [
        para
        for path in sorted(source.glob("*.txt"))
        for para in path.read_text(encoding="utf-8").split("\n\n")
        if para.strip()
    ]
    parts: list[str] = []
    size = 0
    while size < chars:
        para = paragraphs[len(parts) % len(paragraphs)]
        parts.append(para)
        size += len(para) + 2
    folder.mkdir(parents=True)
    (folder / f"{DOC_ID}.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    (folder / "catalog.toml").write_text(
        f'[[document]]\nid = "{DOC_ID}"\nfile = "{DOC_ID}.txt"\n'
        'title = "A long document"\nauthor = "The Benchmark"\npublished = "2024"\n',
        encoding="utf-8",
    )


def _fill(library: Library, count: int, rng: random.Random) -> None:
    doc = library.documents.get(DOC_ID)
    shown = [p for p in doc.passages if not p.chrome and p.end - p.start > 12]
    made = []
    for _ in range(count):
        passage = rng.choice(shown)
        start = rng.randrange(passage.start, passage.end - 10)
        end = min(len(doc.text), start + rng.randrange(10, 400))
        made.append(
            make_highlight(
                DocId(DOC_ID),
                doc.text,
                doc.content_hash,
                (start, end),
                color=rng.choice(COLORS),
                note=rng.choice(NOTES),
                tags=rng.sample(["doha", "later", "key", "check"], 2),
            )
        )
    library.highlights.restore_all(made)


def _row(measure: str, value: float, unit: str, note: str = "") -> dict[str, Any]:
    return {"benchmark": "pdf_export", "measure": measure, "value": value, "unit": unit,
            "note": note}


def _measure(tmp: Path) -> list[dict[str, Any]]:
    import pymupdf

    scale = 10 if _short() else 1
    _corpus(tmp / "corpus", CHARS // scale)
    library = Library(tmp / "corpus", tmp / "data")
    count = HIGHLIGHTS // scale
    _fill(library, count, random.Random(18))
    out = tmp / "long.pdf"
    t0, c0 = time.perf_counter(), time.process_time()
    library.exports.export("pdf", out, doc_ids=[DOC_ID])
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    export = library.exports.gather([DOC_ID], facts=False)
    t0, c0 = time.perf_counter(), time.process_time()
    render(export, "pdf")
    alone, alone_cpu = time.perf_counter() - t0, time.process_time() - c0
    with pymupdf.open(out) as pdf:
        pages = len(pdf)
        annots = sum(1 for page in pdf for _ in page.annots())
    what = f"{pages} pages, {count:,} highlights"
    return [
        _row(f"export to pdf ({what})", total, "s", "facade: gather + render + atomic write"),
        _row("  the same, CPU time", total_cpu, "s", "this process (the machine may be shared)"),
        _row("render only, pdf", alone, "s", "layout, align, annotate, save"),
        _row("  the same, CPU time", alone_cpu, "s"),
        _row("pages", pages, "", f"{len(library.documents.get(DOC_ID).text):,} characters"),
        _row("highlight annotations", annots, "", "one per highlight and page it is on"),
        _row("file size", out.stat().st_size / 1e6, "MB"),
    ]


def run() -> list[dict[str, Any]]:
    """Return the time to export a ~300-page document with 1,000 highlights to PDF."""
    old = os.environ.get("READER_EXTRACT_MODEL")
    os.environ["READER_EXTRACT_MODEL"] = "off"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _measure(Path(tmp))
    finally:
        if old is None:
            os.environ.pop("READER_EXTRACT_MODEL", None)
        else:
            os.environ["READER_EXTRACT_MODEL"] = old
