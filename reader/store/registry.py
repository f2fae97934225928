"""The user's corrections of actors (``actors.corrections.json`` beside the user's gazetteer).

An ordered history: a correction is appended, ``undo`` takes the last one off, so undoing works
after a restart and from another process. Each change is one read-modify-write under the data
folder's lock, written atomically (a private file, as everything of the user's). Readers keep
the parsed list until the file changes (its size, time and inode), so applying corrections to
every batch of extraction costs a ``stat``.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reader.core.registry import Correction
from reader.store.errors import StoreError
from reader.store.jsonfile import Damage, read_versioned, write_versioned
from reader.store.lock import file_lock

SCHEMA = 1
CORRECTIONS_FILE = "actors.corrections.json"


class CorrectionStore:
    """Reads and changes the history of corrections."""

    def __init__(self, path: Path, lock: Path, damaged_dir: Path) -> None:
        self.path = path
        self._lock_path = lock
        self._damaged = damaged_dir
        self._mutex = threading.Lock()
        self._seen: tuple[int, int, int] | None = None
        self._cached: tuple[Correction, ...] = ()
        self.damages: list[Damage] = []

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def corrections(self) -> tuple[Correction, ...]:
        """Return the corrections in the order they were made."""
        with self._mutex:
            stamp = self._stamp()
            if stamp is None:
                self._seen, self._cached = None, ()
            elif stamp != self._seen:
                self._cached = self._read()
                self._seen = self._stamp()
            return self._cached

    def _read(self) -> tuple[Correction, ...]:
        data, damage = read_versioned(self.path, SCHEMA, self._damaged)
        if damage is not None:
            self.damages.append(damage)
        if data is None:
            return ()
        raw = data.get("corrections", [])
        found: list[Correction] = []
        for item in raw if isinstance(raw, list) else []:
            try:
                found.append(Correction.from_json(item if isinstance(item, dict) else {}))
            except ValueError:
                continue  # a newer program's operation: kept in the file, not applied here
        return tuple(found)

    def _raw(self) -> list[object]:
        data, damage = read_versioned(self.path, SCHEMA, self._damaged)
        if damage is not None:
            self.damages.append(damage)
        raw = [] if data is None else data.get("corrections", [])
        return list(raw) if isinstance(raw, list) else []

    def _write(self, raw: list[object]) -> None:
        try:
            write_versioned(self.path, SCHEMA, {"corrections": raw})
        except OSError as exc:
            raise StoreError(
                f"cannot save {self.path}: {exc.strerror or exc}; it was left as it was"
            ) from None

    def append(self, correction: Correction) -> None:
        """Add a correction at the end of the history."""
        with file_lock(self._lock_path):
            raw = self._raw()
            raw.append(correction.to_json())
            self._write(raw)

    def pop(self) -> Correction | None:
        """Take the last correction off the history and return it (None when there is none)."""
        with file_lock(self._lock_path):
            raw = self._raw()
            while raw:
                last = raw.pop()
                try:
                    found = Correction.from_json(last if isinstance(last, dict) else {})
                except ValueError:
                    continue  # unreadable here: dropped with the undo, as the user asked
                self._write(raw)
                return found
            return None
