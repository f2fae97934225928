"""Read ``catalog.toml``: one ``[[document]]`` table of metadata per file of a corpus."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import (
    METADATA_FIELDS,
    DocId,
    DocumentMeta,
    is_valid_doc_id,
    is_valid_published,
)

CATALOG_NAME = "catalog.toml"


class CatalogError(ValueError):
    """The catalogue cannot be read; the message says where and why."""


def read_catalog(corpus_dir: Path) -> list[DocumentMeta]:
    """Return the documents a corpus folder's catalogue describes, in catalogue order."""
    return parse_catalog(corpus_dir / CATALOG_NAME, read_catalog_bytes(corpus_dir))


def read_catalog_bytes(corpus_dir: Path) -> bytes:
    """Return the bytes of a corpus folder's catalogue; ``CatalogError`` saying why not."""
    path = corpus_dir / CATALOG_NAME
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"{path}: no catalogue (catalog.toml) in this corpus folder") from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def parse_catalog(path: Path, raw: bytes) -> list[DocumentMeta]:
    """Return the documents the catalogue ``raw`` (read from ``path``) describes, in order."""
    import tomllib  # here: a start with the catalogue's cache current never parses it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise CatalogError(f"{path}: not valid TOML (nested too deeply)") from None
    entries = data.get("document", [])
    if not isinstance(entries, list):
        raise CatalogError(f"{path}: 'document' must be an array of tables ([[document]])")
    seen: set[str] = set()
    metas = []
    for number, entry in enumerate(entries, start=1):
        meta = _parse_entry(path, number, entry)
        if meta.id in seen:
            raise CatalogError(f"{path}: document {number}: id {meta.id!r} is used twice")
        seen.add(meta.id)
        metas.append(meta)
    return metas


def _parse_entry(path: Path, number: int, entry: object) -> DocumentMeta:
    where = f"{path}: document {number}"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}: not a table")
    doc_id = entry.get("id")
    if not isinstance(doc_id, str) or not is_valid_doc_id(doc_id):
        raise CatalogError(f"{where}: 'id' must be a slug of a-z, 0-9 and '-'")
    file = entry.get("file")
    if not isinstance(file, str) or not file:
        raise CatalogError(f"{where}: 'file' is missing")
    values: dict[str, str | None] = {}
    for key in METADATA_FIELDS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise CatalogError(f"{where}: {key!r} must be a string")
        values[key] = value or None
    published = values["published"]
    if published is not None and not is_valid_published(published):
        raise CatalogError(f"{where}: 'published' must be YYYY, YYYY-MM or YYYY-MM-DD")
    title = values.pop("title") or Path(file).stem
    return DocumentMeta(id=DocId(doc_id), file=file, title=title, origin="corpus", **values)
