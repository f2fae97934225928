"""The change journal: how one process hears of another's changes.

Every process that changes the data folder appends one JSON line per change record to
``changes.jsonl`` (after the change itself is on disk). A window reads the lines added since it
last looked, skipping those of its own library, and publishes them as its own change records. A
short append is one ``write`` on a file opened with ``O_APPEND``, so lines of concurrent writers
do not interleave. The journal is advisory: when it grows past ``MAX_BYTES`` a writer starts it
afresh, and a reader that finds it shorter than where it stopped reports "anything may have
changed" (its views reload everything), so nothing is missed, only read again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from pathlib import Path

from reader.core.changes import Changes
from reader.store.atomic import write_private

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024


class ChangeJournal:
    """Appends this process's change records; reads the others' since the last read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Not the pid: two libraries in one process (a test, a tool) hear each other too.
        self._source = os.urandom(16).hex()  # as uuid4().hex, without importing uuid
        self._offset: int | None = None
        self._inode: int | None = None

    def append(self, changes: Changes) -> None:
        """Record a change for the other processes (never fails the change itself)."""
        line = json.dumps({"src": self._source, "t": time.time(), "c": changes.to_dict()}) + "\n"
        try:
            self._start_afresh_if_long()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
            finally:
                os.close(fd)
        except OSError as exc:  # a read-only data folder: the change stands, unannounced
            log.warning("cannot append to the change journal %s: %s", self.path, exc)

    def _start_afresh_if_long(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            if self.path.stat().st_size > MAX_BYTES:
                fresh = self.path.with_name(f".{self.path.name}.{self._source}.tmp")
                write_private(fresh, b"")
                os.replace(fresh, self.path)

    def mark_read(self) -> None:
        """Start reading from the journal's current end (what came before is known)."""
        self._offset, self._inode = self._end()

    def _end(self) -> tuple[int, int | None]:
        try:
            st = self.path.stat()
        except OSError:
            return 0, None
        return st.st_size, st.st_ino

    def read_new(self) -> Changes | None:
        """Return the other processes' changes since the last read, merged (``None``: none)."""
        if self._offset is None:
            self.mark_read()
            return None
        size, inode = self._end()
        if inode is None:
            return None
        if self._inode is None:
            self._offset, self._inode = 0, inode  # created since: read it from the start
        elif inode != self._inode or size < self._offset:
            self._offset, self._inode = size, inode  # started afresh: what was lost is unknown
            return Changes(everything=True)
        if size == self._offset:
            return None
        with self.path.open("rb") as handle:
            handle.seek(self._offset)
            data = handle.read(size - self._offset)
        complete = data.rfind(b"\n") + 1  # a line still being written is read next time
        self._offset += complete
        return self._parse(data[:complete])

    def _parse(self, data: bytes) -> Changes | None:
        merged: Changes | None = None
        for raw in data.splitlines():
            try:
                record = json.loads(raw)
                if record.get("src") == self._source:
                    continue
                found = Changes.from_dict(record.get("c") or {})
            except (ValueError, AttributeError, TypeError):
                found = Changes(everything=True)
            merged = found if merged is None else merged | found
        return merged
