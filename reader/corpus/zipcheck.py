"""Refuse a zip-based file (EPUB, CBZ) that could exhaust memory before any parser opens it.

Only the archive's central directory is read — what each member declares — so a zip bomb is
refused without inflating anything. What a member really inflates to is bounded later by the
memory cap of the child process that parses the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from reader.corpus.importers import UnreadableFile

MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
RATIO_CHECKED_FROM = 1024 * 1024  # members of 1 MiB or more…
MAX_RATIO = 100  # …may not inflate more than 100 times
ZIP_SUFFIXES = {".epub", ".cbz"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def is_zip_based(path: Path, head: bytes) -> bool:
    """Tell whether a file is (or says by its name it should be) a zip archive."""
    return path.suffix.lower() in ZIP_SUFFIXES or head.startswith(_ZIP_MAGIC)


def check_zip(path: Path) -> None:
    """Raise ``UnreadableFile`` if the archive is not one, or declares too much to inflate."""
    kind = path.suffix.lower().lstrip(".").upper() or "zip"
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile(f"{path}: not a valid {kind} file (not a zip archive)") from None
    except (OSError, ValueError, EOFError) as exc:
        raise UnreadableFile(f"{path}: not a valid {kind} file ({exc})") from None
    if len(members) > MAX_ENTRIES:
        raise UnreadableFile(
            f"{path}: refused: the archive has {len(members):,} entries (at most {MAX_ENTRIES:,})"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise UnreadableFile(
            f"{path}: refused: the archive would inflate to {total // 2**20:,} MB "
            f"(at most {MAX_TOTAL_BYTES // 2**20} MB)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise UnreadableFile(
                f"{path}: refused: {member.filename!r} would inflate {ratio:,.0f} times "
                f"(a zip bomb?)"
            )
