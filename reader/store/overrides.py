"""Corrections to document metadata, kept in the data folder (the corpus is never written)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from reader.core.model import METADATA_FIELDS, DocumentMeta
from reader.store.jsonfile import Damage, read_versioned, write_versioned
from reader.store.lock import file_lock

SCHEMA = 1


class OverrideStore:
    """One JSON file per document: ``overrides/<doc_id>.json`` = ``{"fields": {...}}``."""

    def __init__(self, folder: Path, damaged_dir: Path) -> None:
        self._folder = folder
        self._damaged = damaged_dir
        self.damages: list[Damage] = []

    def _path(self, doc_id: str) -> Path:
        return self._folder / f"{doc_id}.json"

    def fields(self, doc_id: str) -> dict[str, str | None]:
        """Return the overridden fields of a document (``None`` = cleared)."""
        data, damage = read_versioned(self._path(doc_id), SCHEMA, self._damaged)
        if damage is not None:
            self.damages.append(damage)
        if not data:
            return {}
        fields = data.get("fields", {})
        if not isinstance(fields, dict):
            return {}
        return {
            k: v
            for k, v in fields.items()
            if k in METADATA_FIELDS and (v is None or isinstance(v, str))
        }

    def corrected(self) -> set[str]:
        """Return the ids of the documents that have a corrections file (one listing of the
        folder: applying to thousands of documents then opens only the files there are)."""
        try:
            names = os.listdir(self._folder)
        except OSError:
            return set()
        return {n[: -len(".json")] for n in names if n.endswith(".json")}

    def apply(self, meta: DocumentMeta, corrected: set[str] | None = None) -> DocumentMeta:
        """Return ``meta`` with the user's corrections applied (``corrected``: the result of
        ``corrected()``, when applying to many documents)."""
        if corrected is not None and meta.id not in corrected:
            return meta
        fields = self.fields(meta.id)
        if not fields:
            return meta
        if fields.get("title") is None:
            fields.pop("title", None)
        return replace(meta, **fields)  # type: ignore[arg-type]

    def update(self, doc_id: str, changes: dict[str, str | None]) -> None:
        """Merge ``changes`` into a document's overrides and save them atomically.

        One read-modify-write under the document's lock: two corrections made at once (two
        commands, a command and the window) both stay.
        """
        with file_lock(self._folder / f".{doc_id}.lock"):
            fields = self.fields(doc_id)
            fields.update(changes)
            write_versioned(self._path(doc_id), SCHEMA, {"doc_id": doc_id, "fields": fields})
