"""Small versioned JSON files: read with damage handling, write atomically."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.store.atomic import atomic_write_json, private_dir


@dataclass(frozen=True)
class Damage:
    """A file that did not parse and was moved aside."""

    original: Path
    moved_to: Path
    reason: str


def move_aside(path: Path, damaged_dir: Path, reason: str) -> Damage:
    """Move a damaged file into ``damaged_dir`` under a timestamped name; never delete it."""
    private_dir(damaged_dir)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = damaged_dir / f"{path.name}.{stamp}"
    counter = 1
    while target.exists():
        target = damaged_dir / f"{path.name}.{stamp}.{counter}"
        counter += 1
    path.replace(target)
    return Damage(original=path, moved_to=target, reason=reason)


def read_versioned(
    path: Path, schema: int, damaged_dir: Path
) -> tuple[dict[str, Any] | None, Damage | None]:
    """Read a JSON object with ``"schema": N``; move it aside if it does not parse.

    Returns ``(data, None)``, ``(None, None)`` when the file is absent, or ``(None, damage)``.
    A file from a newer schema than this program knows is left alone and read as far as
    possible (its known keys), never overwritten silently by the caller's choice.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        return None, move_aside(path, damaged_dir, f"not valid JSON: {exc}")
    data.setdefault("schema", schema)
    return data, None


def write_versioned(path: Path, schema: int, data: dict[str, Any]) -> None:
    """Write a JSON object atomically with its schema version."""
    atomic_write_json(path, {**data, "schema": schema})
