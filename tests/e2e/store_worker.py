"""A child process for the crash and concurrency tests: adds highlights until told to stop.

Usage: ``python store_worker.py CORPUS DATA COUNT [SHARED_ID]``. Prints ``ready`` once the
library is open, then one line ``<id>`` after each add has returned (so every printed id was
acknowledged). With SHARED_ID it also tags that highlight after each add (``+<tag>`` lines), to
test read-modify-write of one record by several processes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from reader.library import Library

    corpus, data, count = Path(argv[0]), Path(argv[1]), int(argv[2])
    shared = argv[3] if len(argv) > 3 else None
    library = Library(corpus, data)
    docs = library.document_ids()[:2]
    sizes = {d: len(library.document(d).text) for d in docs}
    print("ready", flush=True)
    tag = f"p{os.getpid()}"
    for i in range(count):
        doc = docs[i % len(docs)]
        start = (i * 37) % (sizes[doc] - 40)
        h = library.add_highlight(doc, start, start + 20, note=f"{tag}-{i}", tags=[tag])
        print(h.id, flush=True)
        if shared:
            library.edit_highlight(shared, add_tags=[f"{tag}-{i}"])
            print(f"+{tag}-{i}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
