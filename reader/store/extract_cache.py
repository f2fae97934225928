"""The extraction cache: the model's raw spans per passage text, kept between runs.

Keys are ``raw_key(passage_text, model_version)`` (the text's SHA-256 and the model and extractor
versions), so an edited passage, a new model or a new extractor misses, and everything that runs
on top of the raw spans (gazetteer, normalisation, the user's corrections, date resolution) never
needs the model again. Entries live in 256 shard files ``cache/extract/<xx>.jsonl`` by the key's
first two hex digits, one JSON line per entry after a header line.

New entries are appended, without fsync: what is written follows what changed (a whole-file
rewrite with fsync per document wrote 4.65 GB to build a 32 MB cache of 5,000 documents). A line
torn by a crash is skipped when read (a cache: losing an entry costs time, never the user's
work). A shard is rewritten whole only when its entries belong to another model version (an
upgrade drops them). A shard whose header does not parse is moved to ``damaged/`` and rebuilt.
The earlier format (``<xx>.json``, one JSON object) is read where no ``.jsonl`` shard exists
yet, and replaced by it when that shard is first written: an upgrade keeps the model's work.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reader.extract.model import RawSpan, spans_from_json, spans_to_json
from reader.store.atomic import atomic_write_bytes
from reader.store.jsonfile import move_aside

SCHEMA = 2
LEGACY_SCHEMA = 1  # ``<xx>.json``: {"schema": 1, "entries": {key: spans}}
HEADER = json.dumps({"schema": SCHEMA}).encode("utf-8") + b"\n"


def _version(key: str) -> str:
    return key.partition(":")[2]


def _line(key: str, spans: Sequence[RawSpan]) -> bytes:
    return json.dumps([key, spans_to_json(spans)], separators=(",", ":")).encode("utf-8") + b"\n"


def _parse(data: bytes) -> dict[str, Any]:
    """Return a shard's entries; ``ValueError`` when its header is not this format's."""
    lines = data.split(b"\n")
    if json.loads(lines[0].decode("utf-8")) != {"schema": SCHEMA}:
        raise ValueError("not a cache shard of this version")
    entries: dict[str, Any] = {}
    for line in lines[1:]:
        try:
            key, spans = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, TypeError):
            continue  # an empty last line, or one torn by a crash: that entry is a miss
        if isinstance(key, str):
            entries[key] = spans
    return entries


class RawSpanDiskCache:
    """A ``RawSpanCache`` in the data folder, safe to share between threads of one process."""

    def __init__(self, folder: Path, damaged_dir: Path) -> None:
        self._folder = folder
        self._damaged = damaged_dir
        self._shards: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.bytes_written = 0

    def _path(self, shard: str) -> Path:
        return self._folder / f"{shard}.jsonl"

    def _load(self, shard: str) -> dict[str, Any]:
        entries = self._shards.get(shard)
        if entries is not None:
            return entries
        path = self._path(shard)
        entries = {}
        try:
            entries = _parse(path.read_bytes())
        except FileNotFoundError:
            entries = self._legacy(shard)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            with contextlib.suppress(OSError):
                move_aside(path, self._damaged, f"cache shard did not parse: {exc}")
        except OSError:
            pass  # a shard that cannot be read (a folder, no permission) is a miss: a cache
        self._shards[shard] = entries
        return entries

    def _legacy(self, shard: str) -> dict[str, Any]:
        """Return the entries of a shard in the earlier format, if one is there and parses."""
        try:
            data = json.loads((self._folder / f"{shard}.json").read_bytes().decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return {}  # none, or unreadable: a miss (it is removed when the shard is written)
        if not isinstance(data, dict) or data.get("schema") != LEGACY_SCHEMA:
            return {}
        entries = data.get("entries")
        return dict(entries) if isinstance(entries, dict) else {}

    def get_many(self, keys: Sequence[str]) -> list[list[RawSpan] | None]:
        """Return the cached spans of each key, or None where there are none."""
        out: list[list[RawSpan] | None] = []
        with self._lock:
            for key in keys:
                raw = self._load(key[:2]).get(key)
                spans = None
                if raw is not None:
                    try:
                        spans = spans_from_json(raw)
                    except ValueError:
                        spans = None
                out.append(spans)
                if spans is None:
                    self.misses += 1
                else:
                    self.hits += 1
        return out

    def put_many(self, items: Mapping[str, Sequence[RawSpan]]) -> None:
        """Keep the spans of each key (appended); entries of other model versions are dropped."""
        by_shard: dict[str, dict[str, Sequence[RawSpan]]] = defaultdict(dict)
        for key, spans in items.items():
            by_shard[key[:2]][key] = spans
        with self._lock:
            for shard, new in by_shard.items():
                with contextlib.suppress(OSError):  # a cache: not kept this time, run again later
                    self._put_shard(shard, new)

    def _put_shard(self, shard: str, new: Mapping[str, Sequence[RawSpan]]) -> None:
        entries = self._load(shard)
        versions = {_version(k) for k in new}
        stale = any(_version(k) not in versions for k in entries)
        lines = b"".join(_line(k, v) for k, v in new.items())
        entries.update({k: spans_to_json(v) for k, v in new.items()})
        path = self._path(shard)
        if stale or not path.exists():
            # A new shard, or a new model version: the shard is written whole, once.
            kept = {k: v for k, v in entries.items() if _version(k) in versions}
            self._shards[shard] = kept
            payload = HEADER + b"".join(
                json.dumps([k, v], separators=(",", ":")).encode("utf-8") + b"\n"
                for k, v in kept.items()
            )
            atomic_write_bytes(path, payload)
            self.bytes_written += len(payload)
            with contextlib.suppress(OSError):
                (self._folder / f"{shard}.json").unlink(missing_ok=True)  # the old format
            return
        with path.open("r+b") as out:
            out.seek(-1, 2)
            if out.read(1) != b"\n":  # a line torn by a crash: the new ones start afresh
                lines = b"\n" + lines
            out.write(lines)
        self.bytes_written += len(lines)
