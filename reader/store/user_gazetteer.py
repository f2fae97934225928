"""The user's own gazetteer (``gazetteer.user.toml``): added to under a lock, comments kept.

The file is the user's to edit by hand too, so it is changed with a round-tripping TOML library
(tomlkit): an added actor is one more ``[[actor]]`` table, everything else (comments, order,
layout) stays as the user left it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from reader.extract.gazetteer import (
    GazetteerEntry,
    GazetteerError,
    parse_gazetteer,
    render_gazetteer,
)
from reader.store.atomic import atomic_write_text
from reader.store.errors import StoreError
from reader.store.lock import file_lock


def _table(entry: GazetteerEntry) -> Any:
    table = tomlkit.table()
    table["name"] = entry.name
    table["kind"] = entry.kind
    table["aliases"] = list(entry.aliases)
    for key in ("capitals", "demonyms", "seats"):
        values = getattr(entry, key)
        if values:
            table[key] = list(values)
    if entry.state:
        table["state"] = entry.state
    return table


def _read(path: Path, header: str) -> str:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return render_gazetteer([], header)
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"your gazetteer {path} cannot be read: {exc}") from None
    try:
        parse_gazetteer(text, "user", str(path))
    except GazetteerError as exc:
        raise StoreError(f"your gazetteer cannot be read, fix or move it first: {exc}") from None
    return text


def add_user_entry(path: Path, lock: Path, entry: GazetteerEntry, header: str) -> None:
    """Add an actor to the user's gazetteer, replacing one of the same name (case-folded).

    One read-modify-write under ``lock``: entries added at the same time all stay.
    """
    with file_lock(lock):
        text = _read(path, header)
        try:
            doc = tomlkit.parse(text)
        except TOMLKitError as exc:  # tomllib read it, so this is unlikely
            raise StoreError(f"your gazetteer cannot be edited: {exc}") from None
        actors = doc.get("actor")
        if actors is None:
            actors = tomlkit.aot()
            doc["actor"] = actors
        same = [
            i
            for i, raw in enumerate(actors)
            if str(raw.get("name", "")).strip().casefold() == entry.name.casefold()
        ]
        for i in reversed(same):
            del actors[i]
        actors.append(_table(entry))
        try:
            atomic_write_text(path, tomlkit.dumps(doc))
        except OSError as exc:
            raise StoreError(
                f"cannot save {path}: {exc.strerror or exc}; it was left as it was"
            ) from None
