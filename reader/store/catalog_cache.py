"""The corpus catalogue, parsed once per content: a derived copy in the data folder's cache.

Parsing ``catalog.toml`` (TOML, in pure Python) costs about 0.2 s per 1,000 documents, at every
command's start. The parsed rows are kept in ``cache/catalog/<folder key>.json`` under the hash
of the catalogue's bytes: reading and hashing the file is cheap, so an edit of any kind (same
size, same time) is seen, and a missing, stale or damaged copy is only parsed again. A
catalogue with an error is never cached: the error is raised as from ``read_catalog``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from reader.core.model import DocumentMeta, meta_from_values
from reader.corpus.catalog import CATALOG_NAME, parse_catalog, read_catalog_bytes
from reader.store.atomic import atomic_write_bytes, private_dir

FIELDS = tuple(f.name for f in dataclasses.fields(DocumentMeta))
SCHEMA = 1


def cached_catalog(corpus_dir: Path, cache_dir: Path) -> list[DocumentMeta]:
    """Return the documents of a corpus folder's catalogue (as ``read_catalog``), from the
    cached copy when it was made from the same bytes."""
    raw = read_catalog_bytes(corpus_dir)
    digest = hashlib.sha256(raw).hexdigest()
    folder_key = hashlib.sha256(str(corpus_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    copy = cache_dir / "catalog" / f"{folder_key}.json"
    found = _read_copy(copy, digest)
    if found is not None:
        return found
    metas = parse_catalog(corpus_dir / CATALOG_NAME, raw)
    body = {"schema": SCHEMA, "digest": digest, "fields": FIELDS, "rows": [_row(m) for m in metas]}
    # A cache: a write that fails (a full disk, a read-only data folder) costs only time.
    with contextlib.suppress(OSError):
        private_dir(copy.parent)
        atomic_write_bytes(copy, json.dumps(body, ensure_ascii=False).encode("utf-8"))
    return metas


def _row(meta: DocumentMeta) -> list[Any]:
    return [getattr(meta, name) for name in FIELDS]


def _read_copy(copy: Path, digest: str) -> list[DocumentMeta] | None:
    try:
        data = json.loads(copy.read_bytes().decode("utf-8"))
        if data.get("schema") != SCHEMA or data.get("digest") != digest:
            return None
        if tuple(data.get("fields") or ()) != FIELDS:
            return None
        return [meta_from_values(row) for row in data["rows"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
