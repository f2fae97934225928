"""``import``: bring the user's own files (text, Markdown, HTML, PDF, EPUB…) into the library.

A paged file is read in a child process; on a terminal a progress bar shows its pages on stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.common import CommandError, open_library, print_json, warn

if TYPE_CHECKING:
    from reader.library import ImportResult


class ProgressBar:
    """One line on stderr, redrawn: the file being read and its pages."""

    WIDTH = 30

    def __init__(self) -> None:
        self._shown = False
        self._last = (0.0, "")

    def update(self, path: str, done: int, total: int) -> None:
        """Redraw the bar (at most ten times a second, and at the end)."""
        now = time.monotonic()
        if done < total and now - self._last[0] < 0.1 and self._last[1] == path:
            return
        self._last = (now, path)
        filled = self.WIDTH * done // max(total, 1)
        name = Path(path).name[-30:]
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r{name} [{bar}] {done}/{total} pages")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        """Take the bar off the line."""
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``import`` command."""
    found = commands.add_parser(
        "import",
        parents=[parent],
        help="import text, Markdown, HTML, PDF, EPUB, XPS, FB2 and MOBI files "
        "(folders: recursively) into the library",
    )
    found.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    found.add_argument("--title", help="the document's title (one file only)")
    found.add_argument("--published", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    found.add_argument(
        "--replace",
        metavar="DOC_ID",
        help="replace an imported document with a new version of its file, keeping its id",
    )
    found.add_argument("--password", help="the password of an encrypted PDF")
    found.add_argument("--json", action="store_true", help="print JSON")
    found.set_defaults(handler=_import)


def result_json(result: ImportResult) -> dict[str, Any]:
    """Return one file's result as the command's JSON."""
    return {
        "id": result.doc_id,
        "path": result.path,
        "status": result.status,
        "error": result.error,
        "warnings": list(result.warnings),
    }


def _import(args: argparse.Namespace) -> int:
    from reader.library import ImportOptions

    paths = [Path(p).expanduser() for p in args.paths]
    library = open_library(args)
    bar = ProgressBar() if sys.stderr.isatty() else None
    options = ImportOptions(password=args.password, pages=bar.update if bar else None)
    try:
        if args.replace:
            if len(paths) != 1 or args.title or args.published:
                raise CommandError("--replace takes one file, and no --title or --published")
            results = [library.imports.replace(args.replace, paths[0], options)]
        else:
            results = library.imports.import_paths(
                paths, title=args.title, published=args.published, options=options
            )
    finally:
        if bar is not None:
            bar.clear()
    for result in results:
        for message in result.warnings:
            warn(f"warning: {message}")
    if args.json:
        print_json({"documents": [result_json(r) for r in results]})
    else:
        for result in results:
            if result.status == "failed":
                warn(f"error: {result.error}")
            else:
                print(f"{result.doc_id}\t{result.path}")
    added = sum(r.status == "added" for r in results)
    if len(results) > 1:
        existing = sum(r.status == "existing" for r in results)
        failed = len(results) - added - existing
        warn(f"{added} added, {existing} already in the library, {failed} failed")
    return 1 if any(r.status == "failed" for r in results) else 0
