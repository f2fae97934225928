"""One atomic-write helper for every writer of the data folder.

A write goes to a temporary file in the same folder, is flushed and fsynced, then replaces the
target with ``os.replace``, and the folder itself is fsynced, so that after the call returns the
new content is on disk and a crash at any moment leaves either the old file or the new one.

The data folder is private to the user: files are written ``0600`` (``mkstemp``'s mode) and the
folders this module creates are ``0700``. An export (``write_through``) is the user's own file:
it gets their normal permissions (the umask), or keeps those of the file it replaces.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import stat
import time
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


def atomic_write_bytes(path: Path, data: bytes, *, shared: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically and durably; create its folder if needed.

    The file is private (0600, its new folders 0700) like everything in the data folder, unless
    ``shared`` (a file the user asked for elsewhere, such as an export): then it gets the user's
    normal permissions (0666 less the umask), or those of the file it replaces.
    """
    if shared:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _shared_temporary(path)
    else:
        import tempfile  # here: a command that only reads never loads it

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


def _shared_temporary(path: Path) -> tuple[int, Path]:
    """Create the temporary file (named as ``sweep_stale`` expects) with mode 0666, so the
    kernel applies the umask (reading the umask means setting it, which races with other
    threads); then take the mode of the regular file being replaced, if any."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"  # secrets.token_hex(6)
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        try:
            before = os.stat(path)
        except OSError:
            return fd, tmp
        if stat.S_ISREG(before.st_mode) and hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(before.st_mode))
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path))


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically and durably."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, value: Any) -> None:
    """Replace ``path`` with ``value`` as indented UTF-8 JSON, atomically and durably."""
    atomic_write_text(path, json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


# A temporary file of ours older than this was left by a writer that was killed.
STALE_AFTER_S = 3600.0


def sweep_stale(path: Path, older_than: float = STALE_AFTER_S) -> int:
    """Delete the temporary files ``atomic_write_bytes`` left next to ``path`` (by their name
    ``.<name>.*.tmp``) when killed; return how many. Only old ones: a live writer's is young."""
    swept = 0
    cutoff = time.time() - older_than
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            st = stale.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                stale.unlink()
                swept += 1
    return swept


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def write_through(path: Path, data: bytes) -> Path:
    """Write a user's file (an export) atomically: through a link to the regular file it names,
    never over a pipe, a device or a folder (``OSError`` saying so); return the file written.

    Stale temporary files of ours left beside it by a killed write are swept first.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(
            errno.EINVAL,
            f"{_kind(mode)}, not a regular file; exports are written only to regular files",
            str(path),
        )
    if target.parent.is_dir():
        sweep_stale(target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data, shared=True)  # the user's permissions, not the data folder's
    return target
