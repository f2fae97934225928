"""The extraction cache: the model's raw spans per passage text, kept between runs.

Keys are ``raw_key(passage_text, model_version)`` (the text's SHA-256 and the model and extractor
versions), so an edited passage, a new model or a new extractor misses, and everything that runs
on top of the raw spans (gazetteer, normalisation, the user's corrections, date resolution) never
needs the model again. Entries live in 256 shard files ``cache/extract/<xx>.json`` by the key's
first two hex digits: few files, small rewrites. A shard that does not parse is moved to
``damaged/`` and rebuilt; losing the cache costs time, never the user's work.
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

SCHEMA = 1


def _version(key: str) -> str:
    return key.partition(":")[2]


class RawSpanDiskCache:
    """A ``RawSpanCache`` in the data folder, safe to share between threads of one process."""

    def __init__(self, folder: Path, damaged_dir: Path) -> None:
        self._folder = folder
        self._damaged = damaged_dir
        self._shards: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _path(self, shard: str) -> Path:
        return self._folder / f"{shard}.json"

    def _load(self, shard: str) -> dict[str, Any]:
        entries = self._shards.get(shard)
        if entries is not None:
            return entries
        path = self._path(shard)
        entries = {}
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                raise ValueError("not a cache shard")
            if data.get("schema") == SCHEMA:
                entries = data["entries"]
        except FileNotFoundError:
            pass
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            with contextlib.suppress(OSError):
                move_aside(path, self._damaged, f"cache shard did not parse: {exc}")
        except OSError:
            pass  # a shard that cannot be read (a folder, no permission) is a miss: a cache
        self._shards[shard] = entries
        return entries

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
        """Keep the spans of each key; entries of other model versions are dropped."""
        by_shard: dict[str, dict[str, Sequence[RawSpan]]] = defaultdict(dict)
        for key, spans in items.items():
            by_shard[key[:2]][key] = spans
        with self._lock:
            for shard, new in by_shard.items():
                versions = {_version(k) for k in new}
                entries = {k: v for k, v in self._load(shard).items() if _version(k) in versions}
                entries.update({k: spans_to_json(v) for k, v in new.items()})
                self._shards[shard] = entries
                payload = {"schema": SCHEMA, "entries": entries}
                with contextlib.suppress(OSError):  # a cache: not kept this time, run again later
                    atomic_write_bytes(
                        self._path(shard),
                        json.dumps(payload, separators=(",", ":")).encode("utf-8"),
                    )
