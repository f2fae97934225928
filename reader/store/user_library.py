"""The user's own documents in the data folder: ``library/<doc_id>/``.

Each imported document is a folder holding the original file (``original<.ext>``), the text
extracted from it once (``text.txt``: the document's fixed text from then on, so a newer parser
never moves an offset) and ``meta.json`` (its metadata, the file's SHA-256, when it was imported).
A paged document (PDF, EPUB…) also keeps ``pages.json`` (each page's start offset and label,
each paragraph's page and chrome flag, the sections) and, for a PDF, ``boxes.bin`` (every
character's box on its page, little-endian uint16 in tenths of a point, indexed by pages.json).
A document is written into a hidden temporary folder and renamed into place, so a crash halfway
leaves no half document; a stale temporary folder is swept by the next import.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.store.atomic import atomic_write_bytes, atomic_write_json, fsync_dir, private_dir
from reader.store.jsonfile import Damage, read_versioned

SCHEMA = 1
META_FILE = "meta.json"
TEXT_FILE = "text.txt"
PAGES_FILE = "pages.json"
BOXES_FILE = "boxes.bin"
PAGES_SCHEMA = 1
_TMP_PREFIX = ".import-"
_STALE_SECONDS = 3600


@dataclass(frozen=True)
class StoredDocument:
    """An imported document as stored: its id, metadata record and folder."""

    doc_id: str
    meta: dict[str, Any]
    folder: Path

    @property
    def text_path(self) -> Path:
        return self.folder / TEXT_FILE

    @property
    def file_sha256(self) -> str:
        return str(self.meta.get("file_sha256", ""))


@dataclass(frozen=True)
class PagedExtras:
    """What a paged document keeps beside its text: ``pages.json``'s content and the boxes."""

    pages: dict[str, Any]
    boxes: bytes = b""


class UserLibrary:
    """The folder of imported documents; every change is all-or-nothing per document."""

    def __init__(self, folder: Path, damaged_dir: Path) -> None:
        self.folder = folder
        self._damaged = damaged_dir
        self._lock = threading.Lock()
        self.damages: list[Damage] = []

    def documents(self) -> list[StoredDocument]:
        """Return every imported document, oldest import first."""
        if not self.folder.is_dir():
            return []
        found = []
        for entry in sorted(self.folder.iterdir()):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            data, damage = read_versioned(entry / META_FILE, SCHEMA, self._damaged)
            if damage is not None:
                self.damages.append(damage)
            if data and data.get("doc_id") == entry.name and (entry / TEXT_FILE).is_file():
                found.append(StoredDocument(entry.name, data, entry))
        return sorted(found, key=lambda d: (str(d.meta.get("imported", "")), d.doc_id))

    def get(self, doc_id: str) -> StoredDocument | None:
        """Return one imported document, or ``None``."""
        return next((d for d in self.documents() if d.doc_id == doc_id), None)

    def read_text(self, doc_id: str) -> str:
        """Return an imported document's fixed text."""
        return (self.folder / doc_id / TEXT_FILE).read_bytes().decode("utf-8")

    def read_pages(self, doc_id: str) -> dict[str, Any] | None:
        """Return a paged document's ``pages.json`` (``None`` for a text without pages)."""
        path = self.folder / doc_id / PAGES_FILE
        if not path.is_file():
            return None
        data, damage = read_versioned(path, PAGES_SCHEMA, self._damaged)
        if damage is not None:
            self.damages.append(damage)
        return data or None

    def read_boxes(self, doc_id: str) -> bytes:
        """Return a PDF's character boxes (``b""`` when it has none)."""
        path = self.folder / doc_id / BOXES_FILE
        return path.read_bytes() if path.is_file() else b""

    def original_path(self, doc_id: str) -> Path | None:
        """Return the path of the file a document was imported from (``original<.ext>``)."""
        folder = self.folder / doc_id
        if not folder.is_dir():
            return None
        found = sorted(p for p in folder.glob("original*") if p.is_file())
        return found[0] if found else None

    def add(
        self,
        doc_id: str,
        original: bytes,
        suffix: str,
        text: str,
        meta: dict[str, Any],
        layout: PagedExtras | None = None,
    ) -> StoredDocument:
        """Store a new document whole, or not at all (``FileExistsError`` if the id is taken)."""
        with self._lock:
            target = self.folder / doc_id
            if target.exists():
                raise FileExistsError(f"{doc_id} is already in the library")
            staged = self._stage(doc_id, original, suffix, text, meta, layout)
            os.rename(staged, target)
            fsync_dir(self.folder)
            return StoredDocument(doc_id, {**meta, "doc_id": doc_id, "schema": SCHEMA}, target)

    def replace(
        self,
        doc_id: str,
        original: bytes,
        suffix: str,
        text: str,
        meta: dict[str, Any],
        layout: PagedExtras | None = None,
    ) -> StoredDocument:
        """Replace a document's file and text, keeping its id (the old folder is removed only
        after the new one is in place)."""
        with self._lock:
            target = self.folder / doc_id
            if not target.is_dir():
                raise FileNotFoundError(f"{doc_id} is not an imported document")
            staged = self._stage(doc_id, original, suffix, text, meta, layout)
            old = self.folder / f"{_TMP_PREFIX}old-{doc_id}-{os.urandom(4).hex()}"
            os.rename(target, old)
            os.rename(staged, target)
            fsync_dir(self.folder)
            _rmtree(old)
            return StoredDocument(doc_id, {**meta, "doc_id": doc_id, "schema": SCHEMA}, target)

    def remove(self, doc_id: str) -> None:
        """Remove an imported document's folder (its highlights are not kept here)."""
        with self._lock:
            target = self.folder / doc_id
            if not target.is_dir():
                raise FileNotFoundError(f"{doc_id} is not an imported document")
            gone = self.folder / f"{_TMP_PREFIX}gone-{doc_id}-{os.urandom(4).hex()}"
            os.rename(target, gone)  # out of the library at once, then deleted
            fsync_dir(self.folder)
            _rmtree(gone)

    def _stage(
        self,
        doc_id: str,
        original: bytes,
        suffix: str,
        text: str,
        meta: dict[str, Any],
        layout: PagedExtras | None,
    ) -> Path:
        private_dir(self.folder)
        self._sweep()
        staged = self.folder / f"{_TMP_PREFIX}{doc_id}-{os.urandom(4).hex()}"
        staged.mkdir(mode=0o700)
        try:
            safe_suffix = suffix if suffix.replace(".", "").isalnum() else ""
            atomic_write_bytes(staged / f"original{safe_suffix.lower()}", original)
            atomic_write_bytes(staged / TEXT_FILE, text.encode("utf-8"))
            atomic_write_json(staged / META_FILE, {**meta, "doc_id": doc_id, "schema": SCHEMA})
            if layout is not None:
                atomic_write_json(staged / PAGES_FILE, {**layout.pages, "schema": PAGES_SCHEMA})
                if layout.boxes:
                    atomic_write_bytes(staged / BOXES_FILE, layout.boxes)
        except BaseException:
            _rmtree(staged)
            raise
        return staged

    def _sweep(self) -> None:
        """Delete temporary folders left by an import that was killed."""
        now = time.time()
        for entry in self.folder.iterdir():
            if entry.name.startswith(_TMP_PREFIX) and entry.is_dir():
                try:
                    if now - entry.stat().st_mtime > _STALE_SECONDS:
                        _rmtree(entry)
                except OSError:
                    continue


def _rmtree(path: Path) -> None:
    """Remove a folder and what it holds, as far as possible."""
    import shutil  # here: only an import or a removal needs it

    shutil.rmtree(path, ignore_errors=True)
