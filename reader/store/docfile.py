"""One document's highlight file: atomic TinyDB storage, lock, backups, schema, damage.

``highlights/<doc_id>.json`` holds TinyDB's tables (``highlights``, ``notes``) plus two keys this
module owns: ``schema`` and ``doc_id``. Every write goes through ``reader.store.atomic`` (temporary
file, fsync, ``os.replace``, fsync of the folder), so a kill at any moment leaves the old file or
the new one. After each write a copy goes to ``backups/highlights/<doc_id>/`` (the last
``KEEP_BACKUPS``). A file that does not parse is moved to ``damaged/`` and the newest backup that
does parse is restored; opening never fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.store.atomic import atomic_write_bytes, private_dir, write_private
from reader.store.errors import StoreError
from reader.store.lock import file_lock

SCHEMA = 1
KEEP_BACKUPS = 5
TABLES = ("highlights", "notes")

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class DamageReport:
    """A file that could not be read: where it went and what was restored instead."""

    original: Path
    moved_to: Path
    reason: str
    restored_from: Path | None

    def message(self) -> str:
        """Return what happened, for the user."""
        restored = (
            f"the last good backup ({self.restored_from.name}) was restored"
            if self.restored_from
            else "no good backup was found, so it starts empty"
        )
        return (
            f"{self.original.name} could not be read ({self.reason}); it was moved to "
            f"{self.moved_to} and {restored}"
        )


def _migrate_0(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (no ``schema`` key, TinyDB's default table) -> 1 (named tables)."""
    default = data.pop("_default", None)
    if isinstance(default, dict):
        data.setdefault("highlights", {}).update(default)
    return data


# Forward migrations: MIGRATIONS[n] turns a schema-n file into a schema-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0}


def _parse(raw: bytes, doc_id: str) -> dict[str, Any]:
    """Return a file's content; raise ``ValueError`` saying why it is not this document's file.

    A schema-1 file names its document (``doc_id``); a schema-0 file is TinyDB's own, with its
    ``_default`` table. Anything else (``{}`` included) is damage, not "no highlights".
    """
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    schema = data.get("schema", 0)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise ValueError(f"bad schema version {schema!r}")
    if "schema" not in data and "_default" not in data:
        raise ValueError("no 'schema' key and no TinyDB table")
    if "schema" in data and data.get("doc_id") != doc_id:
        raise ValueError(f"its 'doc_id' is {data.get('doc_id')!r:.60}, not {doc_id!r}")
    for name, table in data.items():
        if name not in ("schema", "doc_id") and not (
            isinstance(table, dict) and all(isinstance(r, dict) for r in table.values())
        ):
            raise ValueError(f"table {name!r:.60} is not a table of records")
    return data


def upgrade(data: dict[str, Any]) -> tuple[Tables, int | None]:
    """Return a parsed file's tables in the current schema, and its schema if newer."""
    schema = data.pop("schema", 0)
    data.pop("doc_id", None)
    newer = schema if schema > SCHEMA else None
    while schema < SCHEMA:
        data = MIGRATIONS[schema](data)
        schema += 1
    return data, newer


def read_sound_tables(path: str | Path, doc_id: str) -> Tables | None:
    """Return the tables of a document's file without a lock or a ``DocumentFile`` (reading
    thousands), ``{}`` when there is none, or ``None`` when it must be read the careful way
    (damaged, unreadable: ``DocumentFile.read_tables`` repairs and reports)."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        return {}
    except OSError:
        return None
    try:
        return upgrade(_parse(raw, doc_id))[0]
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _count(data: dict[str, Any]) -> int:
    """Return how many records a file's tables hold."""
    return sum(len(t) for k, t in data.items() if k not in ("schema", "doc_id"))


def _backup_count(backup: Path) -> int:
    """Return the record count a backup's name carries (``-1`` for older, unnamed ones)."""
    _stamp, sep, count = backup.stem.partition("-")
    return int(count) if sep and count.isdigit() else -1


class DocumentFile:
    """The highlight file of one document, with its lock and backups."""

    def __init__(
        self,
        folder: Path,
        backups: Path,
        damaged: Path,
        doc_id: str,
        on_damage: Callable[[DamageReport], None],
        sweep: bool = True,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.path = folder / f"{doc_id}.json"
        self.lock_path = folder / f".{doc_id}.lock"
        self._backups = backups / doc_id
        self._damaged = damaged
        self._on_damage = on_damage
        self._on_warning = on_warning or (lambda _message: None)
        self._locked = False
        self._sweep_pending = sweep
        self.newer_schema: int | None = None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold this document's inter-process lock (for one read-modify-write)."""
        with file_lock(self.lock_path):
            self._locked = True
            try:
                yield
            finally:
                self._locked = False

    # -- reading -----------------------------------------------------------------------------
    def read_tables(self) -> Tables:
        """Return the file's tables (empty when absent), repairing a damaged file first."""
        try:
            data = _parse(self.path.read_bytes(), self.doc_id)
        except FileNotFoundError:
            return {}
        except IsADirectoryError:
            raise StoreError(f"{self.path} is a folder, not a highlight file") from None
        except PermissionError:
            raise StoreError(f"{self.path} cannot be read: permission denied") from None
        except (ValueError, UnicodeDecodeError, RecursionError):
            data = self._repair()
        return self._upgrade(data)

    def _repair(self) -> dict[str, Any]:
        if not self._locked:
            with self.locked():
                return self._repair()
        try:  # another process may have repaired it while we waited for the lock
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            return _parse(raw, self.doc_id)
        except RecursionError:
            reason = "not a valid highlight file: nested too deeply"
        except (ValueError, UnicodeDecodeError) as exc:
            reason = f"not a valid highlight file: {exc}"
        try:
            moved_to = self._set_aside(raw)
            restored, data = self._restore_backup()
        except OSError as exc:
            raise StoreError(
                f"{self.path} is damaged ({reason}) and could not be set aside: "
                f"{exc.strerror or exc} ({exc.filename or self._damaged})"
            ) from None
        self._on_damage(DamageReport(self.path, moved_to, reason, restored))
        return data

    def _set_aside(self, raw: bytes) -> Path:
        """Keep the damaged bytes in ``damaged/``; the file itself is then replaced whole.

        Copying, then replacing atomically (rather than moving the file away first) means
        the path never goes missing for a reader that takes no lock.
        """
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        target = self._damaged / f"{self.path.name}.{stamp}"
        counter = 1
        while target.exists():
            target = self._damaged / f"{self.path.name}.{stamp}.{counter}"
            counter += 1
        atomic_write_bytes(target, raw)
        return target

    def _restore_backup(self) -> tuple[Path | None, dict[str, Any]]:
        for backup in reversed(self._backup_files()):
            try:
                raw = backup.read_bytes()
                data = _parse(raw, self.doc_id)
            except (OSError, ValueError, UnicodeDecodeError, RecursionError):
                continue
            atomic_write_bytes(self.path, raw)
            return backup, data
        empty = {"schema": SCHEMA, "doc_id": self.doc_id}
        atomic_write_bytes(self.path, json.dumps(empty).encode("utf-8"))
        return None, dict(empty)

    def _upgrade(self, data: dict[str, Any]) -> Tables:
        tables, self.newer_schema = upgrade(data)
        return tables

    # -- writing -----------------------------------------------------------------------------
    def write_tables(self, tables: Tables) -> None:
        """Write the tables atomically and durably, then keep a backup copy.

        A failed write leaves the file as it was (and says so); a failed backup after a
        successful write is only a warning, since the change itself is saved.
        """
        if self.newer_schema is not None:
            raise StoreError(
                f"{self.path.name} was written by a newer version of Reference Reader "
                f"(schema {self.newer_schema}); it is left unchanged"
            )
        body = {"schema": SCHEMA, "doc_id": self.doc_id, **tables}
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._sweep()
        try:
            atomic_write_bytes(self.path, raw)
        except OSError as exc:
            raise StoreError(
                f"cannot save {self.path}: {exc.strerror or exc}; "
                "nothing was changed, the file is as it was"
            ) from None
        try:
            self._backup(raw, _count(body))
        except OSError as exc:
            self._on_warning(
                f"the change to {self.path.name} was saved, but its backup could not be "
                f"written in {self._backups}: {exc.strerror or exc}"
            )

    def _sweep(self) -> None:
        """Delete temporary files left by a writer that was killed (we hold the lock)."""
        if not (self._locked and self._sweep_pending):
            return
        self._sweep_pending = False
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def _backup_files(self) -> list[Path]:
        try:
            return sorted(self._backups.glob("*.json"))
        except OSError:
            return []

    def _backup(self, raw: bytes, count: int) -> None:
        # A backup is a fallback, not the record: written whole then renamed, but not fsynced
        # (a torn backup is skipped when restoring). Its name carries its record count, so that
        # rotation can tell which backups held more than the file does now without reading them.
        private_dir(self._backups)
        target = self._backups / f"{time.time_ns():020d}-{count}.json"
        tmp = target.with_suffix(".tmp")
        write_private(tmp, raw)
        os.replace(tmp, target)
        for old in [*self._rotated_out(count), *self._backups.glob("*.tmp")]:
            if old != tmp:
                with contextlib.suppress(OSError):
                    old.unlink()

    def _rotated_out(self, count: int) -> list[Path]:
        """Return the backups beyond the last ``KEEP_BACKUPS``, except the newest one holding
        more records than the file now, while no kept backup does (the user is told)."""
        files = self._backup_files()
        kept, old = files[-KEEP_BACKUPS:], files[:-KEEP_BACKUPS]
        if not old or any(_backup_count(b) > count for b in kept):
            return old
        richer = [b for b in old if _backup_count(b) > count]
        if not richer:
            return old
        pinned = richer[-1]
        if pinned == old[-1]:  # it just left the last five: say so once
            self._on_warning(
                f"{self.path.name} now holds {count} records; the backup {pinned} holding "
                f"{_backup_count(pinned)} is kept (it is not rotated out)"
            )
        return [b for b in old if b != pinned]

    def revision(self) -> tuple[int, int, int] | None:
        """Return a stamp that changes whenever the file is replaced (``None`` = no file)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)


class AtomicStorage(Storage):
    """A TinyDB storage over a ``DocumentFile``; one instance serves one operation.

    It keeps what it read or wrote for the rest of the operation (TinyDB reads the whole file
    several times per insert); a new operation makes a new instance, so it never serves stale
    data to a writer that holds the lock.
    """

    def __init__(self, file: DocumentFile) -> None:
        self._file = file
        self._data: Tables | None = None

    def read(self) -> Tables | None:
        if self._data is None:
            self._data = self._file.read_tables()
        return self._data

    def write(self, data: Tables) -> None:
        self._file.write_tables(data)
        self._data = data
