"""A damaged, deleted or foreign index is moved aside (never deleted) and rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.index import SCHEMA_VERSION, LibraryIndex
from tests.unit.index_helpers import bundled, filled, open_index


def _index_file(folder: Path) -> Path:
    return folder / "index" / "library.sqlite3"


def _assert_fresh_and_usable(folder: Path) -> None:
    docs, results, dates = bundled()
    index = filled(folder, docs, results, dates)
    assert index.ids() == [d.id for d in docs]
    assert index.needs_extraction() == []


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    path = _index_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite, just some bytes " * 200)
    index = open_index(tmp_path)
    [damage] = index.damages
    assert damage.moved_to.parent == tmp_path / "damaged"
    assert damage.moved_to.read_bytes().startswith(b"this is not SQLite")
    assert index.ids() == []
    index.close()
    _assert_fresh_and_usable(tmp_path)


def test_a_file_with_damaged_pages_is_moved_aside(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    filled(tmp_path, docs, results, dates).close()
    path = _index_file(tmp_path)
    with sqlite3.connect(path) as conn:  # fold the WAL into the file before damaging it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    # The last pages (written last: mentions and dates) lose their headers.
    for offset in range(len(data) - 4 * page, len(data), page):
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    index = open_index(tmp_path)
    # Opening reads only the first pages: the quick check finds the rest.
    assert index.check() is False
    [damage] = index.damages
    assert "quick check" in damage.reason and damage.moved_to.exists()
    assert index.ids() == [] and index.check() is True
    index.close()
    path.write_bytes(bytes(data))
    checked = LibraryIndex(path, tmp_path / "damaged", "rules/test", quick_check=True)
    assert len(checked.damages) == 1 and checked.ids() == []
    checked.close()
    _assert_fresh_and_usable(tmp_path)


def test_another_schema_version_is_moved_aside(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    filled(tmp_path, docs, results, dates).close()
    with sqlite3.connect(_index_file(tmp_path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    index = open_index(tmp_path)
    [damage] = index.damages
    assert f"schema version {SCHEMA_VERSION + 1}" in damage.reason
    assert damage.moved_to.exists()
    assert index.ids() == []


def test_an_index_of_an_earlier_schema_is_rebuilt_without_a_damage_notice(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    filled(tmp_path, docs, results, dates).close()
    with sqlite3.connect(_index_file(tmp_path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    index = open_index(tmp_path)
    assert index.damages == []
    assert index.ids() == []


def test_a_deleted_index_is_simply_rebuilt(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    filled(tmp_path, docs, results, dates).close()
    for leftover in _index_file(tmp_path).parent.iterdir():
        leftover.unlink()
    index = open_index(tmp_path)
    assert index.damages == [] and index.ids() == []
    index.close()
    _assert_fresh_and_usable(tmp_path)


def test_damage_found_while_in_use_moves_the_file_aside(tmp_path: Path) -> None:
    docs, results, dates = bundled()
    index = filled(tmp_path, docs, results, dates)
    calls: list[int] = []

    def damaged_once(conn: sqlite3.Connection) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    assert index._run(damaged_once) == 0  # ran again, on an empty index
    [damage] = index.damages
    assert damage.moved_to.exists()
    assert index.ids() == [] and index.needs_extraction() == []

    def always(conn: sqlite3.Connection) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    with pytest.raises(sqlite3.DatabaseError):
        index._run(always)  # damage on the fresh file too is not hidden
    # Any other error (a missing table, a busy file) is not damage: nothing is moved.
    with pytest.raises(sqlite3.OperationalError):
        index._run(lambda conn: conn.execute("SELECT * FROM no_such_table"))
    assert len(index.damages) == 2
