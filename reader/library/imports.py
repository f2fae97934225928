"""Bringing the user's own files into the library, and taking them out again.

A file's document id is a slug of its title (at most 40 characters) and the first 6 hex digits
of the file's SHA-256, so the same bytes always get the same id and an id reads well in exports
and file names. The text is extracted once and stored with the original (``library/<doc_id>/``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.changes import Changes
from reader.core.model import DocId, is_valid_published
from reader.library.documents import Documents
from reader.library.errors import LibraryError
from reader.library.highlights import Highlights
from reader.store.user_library import PagedExtras, UserLibrary

if TYPE_CHECKING:
    from reader.corpus.importers import ReadFile

MAX_SLUG = 40


@dataclass(frozen=True)
class ImportResult:
    """What became of one file: ``added``, ``existing`` or ``failed`` (with the reason);
    ``reason`` is ``"password"`` for an encrypted file whose password is needed and
    ``"cancelled"`` when the user stopped the import."""

    path: str
    status: str
    doc_id: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    reason: str | None = None


@dataclass(frozen=True)
class ImportOptions:
    """A PDF's password; where to report pages read (path, done, total); when to stop."""

    password: str | None = None
    pages: Callable[[str, int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None


def slug(title: str) -> str:
    """Return a title as a document-id slug of at most 40 characters (``untitled`` if empty)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.split(r"[^a-z0-9]+", ascii_title.lower())
    out = ""
    for word in filter(None, words):
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > MAX_SLUG:
            break
        out = candidate
    return out or (ascii_title.lower()[:MAX_SLUG].strip("-") if ascii_title else "") or "untitled"


def files_in(paths: Iterable[Path]) -> tuple[list[Path], list[ImportResult]]:
    """Return the files to import (folders searched recursively for supported files) and a
    failure for each path that does not exist or holds nothing supported."""
    from reader.corpus.importers import is_supported

    files: list[Path] = []
    failed: list[ImportResult] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and is_supported(p))
            if not found:
                failed.append(
                    ImportResult(
                        str(path),
                        "failed",
                        error=f"{path}: no supported files (text, Markdown, HTML, PDF, EPUB…) "
                        "in this folder",
                    )
                )
            files += found
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            failed.append(ImportResult(str(path), "failed", error=f"{path}: file not found"))
    return files, failed


class Imports:
    """Imports files as documents of the library; removes and replaces imported documents."""

    def __init__(self, store: UserLibrary, documents: Documents, highlights: Highlights) -> None:
        self._store = store
        self._documents = documents
        self._highlights = highlights

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        title: str | None = None,
        published: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        options: ImportOptions | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (searched recursively); one result per file, in order.
        A paged file (PDF, EPUB…) is read in a child process; ``options`` give its password,
        report its pages as they are read and can stop the import."""
        if published and not is_valid_published(published):
            raise LibraryError(f"published must be YYYY, YYYY-MM or YYYY-MM-DD, not {published!r}")
        files, results = files_in(paths)
        if (title or published) and len(files) + len(results) != 1:
            raise LibraryError("--title and --published go with one file only")
        options = options or ImportOptions()
        for done, path in enumerate(files, 1):
            if options.cancelled is not None and options.cancelled():
                results.append(ImportResult(str(path), "failed", error=f"{path}: import cancelled",
                                            reason="cancelled"))
                continue
            results.append(self._import_one(path, title, published, options))
            if progress is not None:
                progress(done, len(files))
        if any(r.status == "added" for r in results):
            self._documents.refresh()
            self._highlights.sync()  # highlights waiting for one of these texts come back
        return results

    def _import_one(
        self, path: Path, title: str | None, published: str | None, options: ImportOptions
    ) -> ImportResult:
        from reader.corpus.importers import UnreadableFile

        try:
            raw = path.read_bytes() if path.is_file() else b""
            digest = hashlib.sha256(raw).hexdigest()
            existing = self._by_file_hash(digest)
            if existing is not None and raw:
                return ImportResult(str(path), "existing", existing)
            found = _read(path, options)
            doc_id = f"{slug(title or found.title or path.stem)}-{digest[:6]}"
            record = self._record(path, digest, found, title, published)
            self._store.add(doc_id, raw, path.suffix, found.text, record, _extras(found))
        except UnreadableFile as exc:
            return ImportResult(str(path), "failed", error=str(exc), reason=_reason(exc))
        except OSError as exc:
            return ImportResult(str(path), "failed", error=f"{path}: {exc.strerror or exc}")
        return ImportResult(str(path), "added", doc_id, warnings=_warnings(path, found))

    def replace(
        self, doc_id: str, path: Path, options: ImportOptions | None = None
    ) -> ImportResult:
        """Replace an imported document with a new version of its file, keeping its id; its
        highlights are placed in the new text."""
        from reader.corpus.importers import UnreadableFile

        self._check_imported(doc_id)
        try:
            raw = path.read_bytes()
            found = _read(path, options or ImportOptions())
        except UnreadableFile as exc:
            raise LibraryError(str(exc)) from None
        except OSError as exc:
            raise LibraryError(f"{path}: {exc.strerror or exc}") from None
        old = self._store.get(doc_id)
        record = self._record(path, hashlib.sha256(raw).hexdigest(), found, None, None)
        if old is not None:  # what the user knows of the document stays
            record = {
                **record,
                **{
                    k: old.meta[k]
                    for k in ("title", "published")
                    if old.meta.get(k) and not record.get(k)
                },
            }
        self._store.replace(doc_id, raw, path.suffix, found.text, record, _extras(found))
        self._documents.refresh(changed=[doc_id])
        self._highlights.sync([doc_id])
        return ImportResult(str(path), "added", doc_id, warnings=_warnings(path, found))

    def remove(self, doc_id: str) -> Changes:
        """Remove an imported document; its highlights stay in the store, waiting as orphans,
        and come back if the same text is imported again."""
        self._check_imported(doc_id)
        self._store.remove(doc_id)
        changes = self._documents.refresh()
        return changes | self._highlights.mark_waiting(doc_id)

    def _check_imported(self, doc_id: str) -> None:
        self._documents.metadata(doc_id)  # raises for an unknown id
        if self._documents.origin(doc_id) != "imported":
            raise LibraryError(
                f"{doc_id} is part of the corpus folder, not an imported document: "
                "edit the corpus's catalog.toml to remove it"
            )

    def _by_file_hash(self, digest: str) -> DocId | None:
        for stored in self._store.documents():
            if stored.file_sha256 == digest:
                return DocId(stored.doc_id)
        return None

    @staticmethod
    def _record(
        path: Path, digest: str, found: Any, title: str | None, published: str | None
    ) -> dict[str, Any]:
        return {
            "title": title or found.title or path.stem,
            "author": found.author,
            "site": found.site,
            "published": published or found.published,
            "url": found.url,
            "language": found.language,
            "source_kind": "web page" if found.format == "html" else None,
            "original_name": path.name,
            "format": found.format,
            "encoding": found.encoding,
            "encoding_guessed": found.encoding_guessed,
            "pages": found.pages or None,
            "file_sha256": digest,
            "imported": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


def _read(path: Path, options: ImportOptions) -> ReadFile:
    from reader.corpus.importers import ReadOptions, read_file

    report = options.pages
    return read_file(
        path,
        ReadOptions(
            password=options.password,
            progress=(lambda done, total: report(str(path), done, total)) if report else None,
            cancelled=options.cancelled,
        ),
    )


def _extras(found: ReadFile) -> PagedExtras | None:
    return PagedExtras(found.layout, found.boxes) if found.layout is not None else None


def _warnings(path: Path, found: ReadFile) -> tuple[str, ...]:
    guessed = (f"{path}: the encoding was guessed as {found.encoding}",) * int(
        found.encoding_guessed
    )
    return guessed + found.warnings


def _reason(exc: Exception) -> str | None:
    from reader.corpus.isolation import ImportCancelled
    from reader.corpus.paged import PasswordNeeded

    if isinstance(exc, PasswordNeeded):
        return "password"
    return "cancelled" if isinstance(exc, ImportCancelled) else None
