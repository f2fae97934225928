"""What reading the gazetteers found wrong, kept in the cache folder for the files' contents.

Every ``actors`` command warns about an unreadable gazetteer; finding out means parsing both
files (the bundled one is large), which costs a listing more than its query. The answer depends
on the files alone, so it is kept under a digest of their names, presence and contents, and
read again only when one of them changes. A cache: a missing or damaged record is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from reader.store.atomic import atomic_write_json, private_dir

CHECK_FILE = "gazetteer-check.json"


def files_key(paths: Sequence[Path]) -> str:
    """Return a digest of the files' names, presence and contents."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(b"file\0" + path.read_bytes())
        except FileNotFoundError:
            digest.update(b"missing\0")
        except OSError as exc:  # present but unreadable: its own answer, never cached as none
            digest.update(f"unreadable {exc.errno}\0".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def checked_problems(
    cache: Path, paths: Sequence[Path], check: Callable[[], list[str]]
) -> list[str]:
    """Return ``check()``'s problems, from ``cache/CHECK_FILE`` when the files are unchanged."""
    key = files_key(paths)
    record = cache / CHECK_FILE
    with contextlib.suppress(OSError, ValueError):
        saved = json.loads(record.read_text("utf-8"))
        if isinstance(saved, dict) and saved.get("key") == key:
            found = saved.get("problems")
            if isinstance(found, list) and all(isinstance(p, str) for p in found):
                return found
    problems = check()
    with contextlib.suppress(OSError):  # a cache that cannot be written costs only time
        private_dir(cache)
        atomic_write_json(record, {"key": key, "problems": problems})
    return problems
