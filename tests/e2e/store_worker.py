"""A child process for the crash and concurrency tests: writes highlights until told to stop.

Usage: ``python store_worker.py CORPUS DATA COUNT MODE [SHARED_ID]``. Prints ``ready`` once the
library is open, then one line after each change has returned (so every printed line was
acknowledged):

- ``<id>`` after adding a highlight (every mode);
- ``=<id>`` after setting that highlight's note to ``edited`` (MODE ``edit``);
- ``+<tag>`` after adding a tag to SHARED_ID (MODE ``share``), to test read-modify-write of one
  record by several processes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from reader.library import Library

    corpus, data, count, mode = Path(argv[0]), Path(argv[1]), int(argv[2]), argv[3]
    library = Library(corpus, data)
    docs = library.documents.ids()[:2]
    sizes = {d: len(library.documents.get(d).text) for d in docs}
    print("ready", flush=True)
    tag = f"p{os.getpid()}"
    for i in range(count):
        doc = docs[i % len(docs)]
        start = (i * 37) % (sizes[doc] - 40)
        h = library.highlights.add(doc, start, start + 20, note=f"{tag}-{i}", tags=[tag])
        print(h.id, flush=True)
        if mode == "edit":
            library.highlights.edit(h.id, note="edited")
            print(f"={h.id}", flush=True)
        elif mode == "share":
            library.highlights.edit(argv[4], add_tags=[f"{tag}-{i}"])
            print(f"+{tag}-{i}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
