"""A value computed from files, kept in the cache folder for the files' sizes and times.

The extractor's version digests its code, word lists and gazetteers (and, with the model, asks
the installed packages' metadata: ~0.05 s), and every command needs it to open the index. It
changes only when one of those files does, so it is kept under their names, sizes and
modification times (the start-up check's test for a changed document) and computed again only
when one of them changes. A cache: a missing or damaged record is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.store.atomic import atomic_write_json, private_dir


def stats_key(paths: Sequence[Path], extra: str = "") -> list[object]:
    """Return the files' names, sizes and modification times (a missing one says so)."""
    key: list[object] = [extra]
    for path in paths:
        try:
            found = os.stat(path)
        except OSError:
            key.append([str(path), None, None])
            continue
        key.append([str(path), found.st_size, found.st_mtime_ns])
    return key


def cached_by_stats(
    record: Path, paths: Sequence[Path], extra: str, compute: Callable[[], str]
) -> str:
    """Return ``compute()``, from ``record`` when ``paths`` (and ``extra``) are unchanged."""
    key = stats_key(paths, extra)
    with contextlib.suppress(OSError, ValueError):
        saved = json.loads(record.read_text("utf-8"))
        if isinstance(saved, dict) and saved.get("key") == key:
            value = saved.get("value")
            if isinstance(value, str):
                return value
    value = compute()
    with contextlib.suppress(OSError):  # a cache that cannot be written costs only time
        private_dir(record.parent)
        atomic_write_json(record, {"key": key, "value": value})
    return value
