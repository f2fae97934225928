"""The page view on a generated 1,000-page PDF: first page shown, render time, cache memory.

The PDF is ``bench_pdf_import``'s two-column report, imported through the facade. The window
(offscreen, 1280×720) opens it, indexed, in a pane that shows it as pages (as a reopened
document whose page view was remembered), and the time from ``open_document`` until the first
page is painted from the render lane is measured. Then every page is rendered through the
facade at the pane's fit-width scale (p95 per page), and the view is scrolled through every
page, each waited for, with the cache's bytes and the process's resident memory read at the end.
``--short`` (``READER_BENCH_SHORT=1``) uses 60 pages.
``python -m benchmarks.bench_pages --screenshot PATH`` saves the page view at 1280×720.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import scaled
from benchmarks.bench_pdf_import import make_pdf

PAGES = 1000
SHORT_PAGES = 60
SIZE = (1280, 720)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _scenario(pages: int, shot: Path | None = None) -> list[dict[str, Any]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.library import ImportOptions, Library, PaneState, WindowState
    from reader.ui.app import application, build_window
    from reader.ui.page_mode import STATE_KEY, PageMode
    from reader.ui.screenshot import save_grab, wait_for, wait_until
    from reader.ui.tasks import TaskManager

    application()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        make_pdf(pdf, pages)
        library = Library(data_dir=Path(tmp) / "data")
        [result] = library.imports.import_paths([pdf], options=ImportOptions())
        doc_id = result.doc_id
        assert doc_id is not None, result.error
        # A document the library has indexed (as any reopened one): the first open of a
        # document just imported waits for its indexing on the io lane, text view or not.
        library.documents.sync_index()
        if shot is not None:
            text = library.documents.get(doc_id).text
            start = text.index("The", text.index("Report on the Talks", 2000))
            library.highlights.add(doc_id, start, start + 160, color="yellow", note="on p. 2")
        state = WindowState(
            panes=(PaneState(None, 0),), geometry=(0, 0, *SIZE),
            extra={"theme": "light", STATE_KEY: {"docs": [doc_id]}},
        )
        library.state.save_window(state)
        tasks = TaskManager()
        window = build_window(library, tasks)
        try:
            window.show()
            wait_until(lambda: window.findChild(PageMode) is not None, 10_000)
            pane = window.active_pane()
            opened: list[float] = []
            window.document_opened.connect(lambda *_a: opened.append(time.perf_counter()))
            began = time.perf_counter()
            window.open_document(doc_id, pane)
            wait_until(lambda: pane.pages is not None and len(pane.pages.view.cache) > 0, 60_000)
            first_page = time.perf_counter() - began
            text_shown = (opened[0] if opened else began) - began
            assert pane.pages is not None
            view = pane.pages.view
            if shot is not None:
                view.go_to_page(1)
                wait_until(lambda: len(view.cache) >= 3, 10_000)
                wait_for(None, 300)
                save_grab(window, shot)
                return []
            scale = view.scale()
            times = []
            for page in range(pages):
                t = time.perf_counter()
                library.pages.render(doc_id, page, scale)
                times.append(time.perf_counter() - t)
            for page in range(pages):
                view.go_to_page(page)
                key = (page, round(view.scale() * 1000))
                wait_until(lambda k=key: view.cache.get(k) is not None, 30_000)
            cache_mb = view.cache.nbytes / 2**20
            peak_mb = view.cache.peak / 2**20
            bound_mb = view.cache.bound / 2**20
        finally:
            window.close()
            library.close()
            tasks.shutdown()
            window.deleteLater()
    name = "pages"
    note = f"{pages} pages, two columns, 1280x720 offscreen"
    return [
        {"benchmark": name, "measure": "first page shown after opening", "value": first_page,
         "unit": "s", "target": "< 1", "note": f"{note}; its text loaded at {text_shown:.2f} s"},
        {"benchmark": name, "measure": "render per page at fit width, p95",
         "value": _percentile(times, 0.95) * 1000, "unit": "ms",
         "note": f"median {_percentile(times, 0.5) * 1000:.1f} ms at {scale:.2f} px/pt"},
        {"benchmark": name, "measure": "page cache after scrolling every page",
         "value": cache_mb, "unit": "MB", "target": f"<= {bound_mb:.0f}",
         "note": f"peak {peak_mb:.1f} MB"},
        {"benchmark": name, "measure": "resident memory after scrolling", "value": _rss_mb(),
         "unit": "MB", "note": f"max RSS {_max_rss_mb():.0f} MB"},
    ]


def run() -> list[dict[str, Any]]:
    return _scenario(scaled(PAGES, SHORT_PAGES))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--screenshot":
        _scenario(4, Path(sys.argv[2]))
    else:
        from benchmarks.run import print_table

        print_table(run())
