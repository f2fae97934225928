"""What every command shares: global options, output, errors."""

from __future__ import annotations

import argparse
import json
import sys
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
        print(f"warning: {message}", file=sys.stderr)
    return library


def print_json(value: Any) -> None:
    """Print a result as JSON on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def warn(message: str) -> None:
    """Print a message for the user on stderr."""
    print(message, file=sys.stderr)
