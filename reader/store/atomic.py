"""One atomic-write helper for every writer of the data folder.

A write goes to a temporary file in the same folder, is flushed and fsynced, then replaces the
target with ``os.replace``, and the folder itself is fsynced, so that after the call returns the
new content is on disk and a crash at any moment leaves either the old file or the new one.

The data folder is private to the user: files are written ``0600`` (``mkstemp``'s mode) and the
folders this module creates are ``0700``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk (no-op where the platform cannot)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(folder: Path) -> Path:
    """Create ``folder`` and its missing parents as ``0700`` folders; return it.

    ``Path.mkdir(mode=, parents=True)`` gives the parents the umask's mode, so each missing level
    is made here. Folders that already exist are left as they are.
    """
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            level.mkdir(mode=PRIVATE_DIR)
        with contextlib.suppress(OSError):
            os.chmod(level, PRIVATE_DIR)  # the umask may have taken bits off, never added
    return folder


def write_private(path: Path, data: bytes) -> None:
    """Write ``path`` whole as a ``0600`` file (not atomic: for copies that may be torn)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably; create its folder if needed."""
    private_dir(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically and durably."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: Any) -> None:
    """Replace ``path`` with ``value`` as indented UTF-8 JSON, atomically and durably."""
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
