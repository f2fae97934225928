"""Import time and peak memory for a generated 1,000-page PDF.

The PDF (made here by PyMuPDF) has two columns of about 2,600 characters per page, a running
head and a page number, like a long report. The import goes through the facade as the command
line calls it: the file is read in a spawned child process (time and memory capped), its text,
pages and character boxes stored in the data folder. Peak memory is the largest resident set of
a child (``RUSAGE_CHILDREN``) and the growth of this process's own peak. Then the imported
document is loaded as the window would load it (text, passages, pages; no PyMuPDF).
``--short`` (``READER_BENCH_SHORT=1``) reads 100 pages instead, for a quick run.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from reader.library import ImportOptions, Library

PAGES = 1000
SHORT_PAGES = 100
TARGET_S = 60.0
WORDS = (
    "delegation", "envoys", "talks", "ceasefire", "prisoners", "timetable", "withdrawal",
    "ministry", "statement", "officials", "agreement", "round", "capital", "province", "council",
    "negotiators", "guarantee", "observers",
)


def make_pdf(path: Path, pages: int) -> None:
    """Write a two-column report of ``pages`` pages."""
    import pymupdf

    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 40), "Report on the Talks · 2023", fontsize=9)
        for column, x in enumerate((72, 310)):
            paragraphs = [_paragraph(n * 7 + column * 3 + k) for k in range(3)]
            page.insert_textbox(pymupdf.Rect(x, 70, x + 215, 790), "\n\n".join(paragraphs),
                                fontsize=9)
        page.insert_text((295, 815), str(n + 1), fontsize=9)
    doc.save(str(path), garbage=1, deflate=True)
    doc.close()


def _paragraph(seed: int) -> str:
    words = [WORDS[(seed * 7 + i * 3 + i * i) % len(WORDS)] for i in range(60)]
    return "The " + " ".join(words) + "."


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _measure(folder: Path, pdf: Path) -> dict[str, Any]:
    """Import the PDF into a fresh data folder, then load it; return what was measured."""
    library = Library(data_dir=folder)
    own_before = _maxrss_mb(resource.RUSAGE_SELF)
    children_before = _cpu_s(resource.RUSAGE_CHILDREN)
    seen: list[float] = []
    started = time.perf_counter()
    [result] = library.imports.import_paths(
        [pdf], options=ImportOptions(pages=lambda *_: seen.append(time.perf_counter()))
    )
    import_s = time.perf_counter() - started
    if result.status != "added" or result.doc_id is None:
        raise RuntimeError(f"the benchmark PDF did not import: {result.error}")
    found = {
        "import_s": import_s,
        "first_page_s": seen[0] - started if seen else float("nan"),
        "child_cpu_s": _cpu_s(resource.RUSAGE_CHILDREN) - children_before,
        "child_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        "own_growth": _maxrss_mb(resource.RUSAGE_SELF) - own_before,
    }
    started = time.perf_counter()
    doc = Library(data_dir=folder).documents.get(result.doc_id)
    found["load_s"] = time.perf_counter() - started
    found["loaded"] = f"{len(doc.passages):,} passages, {len(doc.text):,} chars"
    stored = library.data.library / result.doc_id
    found["stored"] = {p.name: p.stat().st_size / 2**20 for p in stored.iterdir()}
    return found


def run() -> list[dict[str, Any]]:
    """Generate the PDF, import it, load it; return the rows."""
    pages = SHORT_PAGES if os.environ.get("READER_BENCH_SHORT") else PAGES
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        started = time.perf_counter()
        make_pdf(pdf, pages)
        made_s = time.perf_counter() - started
        m = _measure(Path(tmp) / "data", pdf)
    name = f"pdf import ({pages} pages)"
    stored = m["stored"]
    kept = sum(stored.get(f, 0) for f in ("text.txt", "pages.json", "boxes.bin"))
    return [
        {"benchmark": name, "measure": "generate the PDF", "value": made_s, "unit": "s"},
        {"benchmark": name, "measure": "import (child, store)", "value": m["import_s"],
         "unit": "s", "target": f"< {TARGET_S:g}" if pages == PAGES else "",
         "note": f"{pdf.name}: {stored.get('original.pdf', 0):.1f} MB"},
        {"benchmark": name, "measure": "import, CPU time of the child", "value": m["child_cpu_s"],
         "unit": "s", "note": "wall time above depends on the machine's load"},
        {"benchmark": name, "measure": "first page read in the child", "value": m["first_page_s"],
         "unit": "s", "note": "child start-up + open"},
        {"benchmark": name, "measure": "peak memory, child", "value": m["child_mb"], "unit": "MB",
         "note": "largest child's max RSS"},
        {"benchmark": name, "measure": "peak memory growth, parent", "value": m["own_growth"],
         "unit": "MB"},
        {"benchmark": name, "measure": "load the stored document", "value": m["load_s"],
         "unit": "s", "note": m["loaded"]},
        {"benchmark": name, "measure": "text.txt + pages.json + boxes.bin", "value": kept,
         "unit": "MB", "note": f"boxes.bin {stored.get('boxes.bin', 0):.1f} MB"},
    ]
