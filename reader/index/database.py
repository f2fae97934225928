"""The index's SQLite file: one connection per thread, WAL, transactions, damage handling.

Several threads (the window's lanes) and several processes (the window and the command line)
read and write at once: WAL lets readers run beside the one writer, ``busy_timeout`` makes a
writer wait for another instead of failing, and every write transaction starts with ``BEGIN
IMMEDIATE`` so that it takes the write lock up front (a deferred one that upgrades late can fail
with "database is locked" however long the timeout). A file that is not a database, fails the
quick check or carries another schema version is moved to the damaged folder, never deleted,
and an empty index takes its place: the index is a cache, so that loses only time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.index.schema import SCHEMA_VERSION, statements

BUSY_TIMEOUT_MS = 30_000
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


@dataclass(frozen=True)
class IndexDamage:
    """An index file that could not be used and was moved aside."""

    original: Path
    moved_to: Path
    reason: str


def is_damage(exc: BaseException) -> bool:
    """Tell whether an SQLite error says the file is damaged (not merely busy or misused)."""
    return isinstance(exc, sqlite3.DatabaseError) and (
        getattr(exc, "sqlite_errorcode", None) in _CORRUPT_CODES
        or type(exc) is sqlite3.DatabaseError
    )


def move_aside(path: Path, damaged_dir: Path, reason: str) -> IndexDamage:
    """Move the database and its WAL files into ``damaged_dir`` under a timestamped name."""
    damaged_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = damaged_dir / f"{path.name}.{stamp}"
    counter = 1
    while target.exists():
        target = damaged_dir / f"{path.name}.{stamp}.{counter}"
        counter += 1
    # The WAL belongs to the file it was written for: left behind, it could be replayed into
    # the fresh database.
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            companion.replace(target.with_name(target.name + suffix))
    with contextlib.suppress(FileNotFoundError):
        path.replace(target)
    return IndexDamage(original=path, moved_to=target, reason=reason)


def _remove(path: Path) -> None:
    """Delete an index file and its WAL companions."""
    for suffix in ("-wal", "-shm", ""):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


class Database:
    """An SQLite file used from several threads, each with its own connection."""

    def __init__(self, path: Path, damaged_dir: Path, quick_check: bool = False) -> None:
        self.path = path
        self._damaged_dir = damaged_dir
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._generation = 0
        self.damages: list[IndexDamage] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and self._older_schema():
            _remove(path)  # a cache from an earlier version of the program: rebuilt, not news
        problem = self._problem(quick_check) if path.exists() else None
        if problem is not None:
            self.damages.append(move_aside(path, damaged_dir, problem))
        self._create()

    # -- opening -----------------------------------------------------------------------------
    def _older_schema(self) -> bool:
        """Tell whether the file is an index written by an earlier schema (a cache to rebuild)."""
        try:
            conn = self._connect()
        except sqlite3.DatabaseError:
            return False
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError:
            return False
        finally:
            conn.close()
        return 0 < version < SCHEMA_VERSION

    def _problem(self, quick_check: bool) -> str | None:
        """Return why the existing file cannot be used, or ``None`` when it can.

        The quick check reads every page (0.1 s per 15 MB measured), so opening skips it unless
        asked: damage met later is handled where it is met (``LibraryIndex``), and ``check()``
        runs it off the critical path.
        """
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as exc:
            return f"cannot be opened: {exc}"
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                return f"schema version {version}, this program uses {SCHEMA_VERSION}"
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = conn.execute("PRAGMA quick_check").fetchone()[0] if quick_check else "ok"
            if result != "ok":
                return f"failed the quick check: {result}"
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            return f"damaged: {exc}"
        finally:
            conn.close()
        return None

    def _create(self) -> None:
        with self.write() as tx:
            if tx.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in statements():
                    tx.execute(statement)
                tx.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection (made on first use)."""
        held: tuple[int, sqlite3.Connection] | None = getattr(self._local, "conn", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        if held is not None:
            self._forget(held[1])
        conn = self._connect()
        # WAL is a property of the file; synchronous=NORMAL is durable across a crash of the
        # program (not of the machine) in WAL mode, which is enough for a cache.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._connections.append(conn)
        self._local.conn = (self._generation, conn)
        return conn

    def _forget(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)
        conn.close()

    # -- transactions --------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run a write transaction (``BEGIN IMMEDIATE``): all of it or none of it."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Run reads on one snapshot of the file (a deferred transaction)."""
        conn = self.connection()
        if conn.in_transaction:  # a read inside a write sees the write's own changes
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- damage found while in use, closing ------------------------------------------------------
    def quick_check(self) -> str | None:
        """Run SQLite's quick check; return what it found wrong, or ``None``."""
        result = str(self.connection().execute("PRAGMA quick_check").fetchone()[0])
        return None if result == "ok" else result

    def reset(self, reason: str) -> None:
        """Move the file aside and start an empty one (every thread reconnects)."""
        with self._lock:
            self._generation += 1
            old, self._connections = self._connections, []
        for conn in old:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local.conn = None
        self.damages.append(move_aside(self.path, self._damaged_dir, reason))
        self._create()

    def close(self) -> None:
        """Close every thread's connection."""
        with self._lock:
            old, self._connections = self._connections, []
            self._generation += 1
        for conn in old:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
