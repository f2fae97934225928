"""What every command shares: global options, output, errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.library import Library


class CommandError(Exception):
    """Input refused: printed as one line ``error: …`` with exit status 1."""


def global_options() -> argparse.ArgumentParser:
    """Return a parent parser with the options every command takes, before or after it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="corpus folder (default: the bundled corpus/)",
    )
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (default: $READER_DATA_DIR, else the platform's user data folder)",
    )
    return parent


def open_library(args: argparse.Namespace) -> Library:
    """Open the library that the global options name."""
    corpus = getattr(args, "corpus", None)
    data_dir = getattr(args, "data_dir", None)
    corpus_dir = Path(corpus).expanduser() if corpus else None
    if corpus_dir is not None and not corpus_dir.is_dir():
        raise CommandError(f"corpus folder not found: {corpus_dir}")
    library = Library(corpus_dir, Path(data_dir).expanduser() if data_dir else None)
    for message in library.damage_reports():
        warn(f"warning: {message}")
    return library


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[Library]:
    """Open the library; afterwards, tell the user about any file moved aside meanwhile."""
    library = open_library(args)
    before = set(library.damage_reports())
    try:
        yield library
    finally:
        for message in library.damage_reports():
            if message not in before:
                warn(f"warning: {message}")


def fail(message: str) -> int:
    """Print one line ``error: …`` (control characters escaped) and return exit status 1."""
    print(f"error: {escape_controls(message, keep_lines=False)}", file=sys.stderr)
    return 1


def describe_os_error(exc: OSError) -> str:
    """Return what a failed read or write of a file means, in one line."""
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def check_text_args(args: argparse.Namespace) -> None:
    """Refuse an argument that is not valid UTF-8 text (Python keeps such bytes as lone
    surrogates, which no file can store)."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _is_utf8(item):
                flag = name.replace("_", "-")
                raise CommandError(f"{flag}: not UTF-8 text: {item!r:.60}")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# C0 controls (but tab and newline), DEL and C1 controls: ESC sequences would drive the terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROLS_IN_LINES = {c: v for c, v in _CONTROLS.items() if c not in (0x09, 0x0A)}


_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape_controls(text: str, keep_lines: bool = True) -> str:
    """Return text safe for a terminal: control characters shown as ``\\xNN``."""
    # Most text has none: a search is ten times quicker than translating a long listing.
    if (_ANY_CONTROL if keep_lines else _ANY_CONTROL_OR_LINE).search(text) is None:
        return text
    return text.translate(_CONTROLS_IN_LINES if keep_lines else _CONTROLS)


def say(text: str = "") -> None:
    """Print untrusted text on stdout as plain output (control characters escaped)."""
    print(escape_controls(text))


def print_json(value: Any, compact: bool = False) -> None:
    """Print a result as JSON on stdout; ``compact`` (a long listing) without indentation,
    which costs Python's encoder several times the encoding itself."""
    if compact:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")


def print_json_list(key: str, items: Iterable[Any]) -> None:
    """Print ``{key: [items…]}`` as ``print_json`` does (indented), an item at a time: a listing
    of the whole library is never held as one value. The same bytes: an item indented at the
    top level, each of its lines shifted to its depth (JSON strings hold no raw line breaks)."""
    sys.stdout.write("{\n  " + json.dumps(key, ensure_ascii=False) + ": [")
    separator = "\n"
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        sys.stdout.write(separator + "    " + text.replace("\n", "\n    "))
        separator = ",\n"
    sys.stdout.write("]\n}\n" if separator == "\n" else "\n  ]\n}\n")


def warn(message: str) -> None:
    """Print a message for the user on stderr (control characters escaped)."""
    print(escape_controls(message), file=sys.stderr)
