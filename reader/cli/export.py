"""``export``, ``highlights import`` and ``open``: highlights out, back in, and links back."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from reader.cli.common import CommandError, open_library, print_json, say, warn
from reader.core.words import count
from reader.library import FORMATS, Library

if TYPE_CHECKING:
    from reader.core.links import LinkTarget

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Subparsers, parent: argparse.ArgumentParser) -> None:
    """Add ``export`` and ``open`` (``highlights import`` is added by ``register_import``)."""
    export = commands.add_parser(
        "export",
        parents=[parent],
        help="export highlights and notes to Markdown, CSV, JSON or an annotated PDF",
    )
    export.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    export.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help=(
            "the file to write (with --per-document, a folder of <doc_id>.<ext>; "
            "a PDF of more than one document: a folder of <doc_id>.pdf)"
        ),
    )
    export.add_argument(
        "--doc",
        action="append",
        default=[],
        metavar="DOC_ID",
        help="only this document (repeatable; default: every document with highlights)",
    )
    export.add_argument("--tag", metavar="TAG", help="only highlights with this tag")
    export.add_argument(
        "--per-document", action="store_true", help="one file per document in the folder PATH"
    )
    export.set_defaults(handler=_export)
    link = commands.add_parser(
        "open", parents=[parent], help="resolve a reader:// link (from an export)"
    )
    link.add_argument("link", metavar="LINK", help="reader://open/DOC_ID?start=N&end=M…")
    link.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="print where it points instead of opening the window",
    )
    link.add_argument("--json", action="store_true", help="print where it points as JSON")
    link.set_defaults(handler=_open)


def register_import(sub: Subparsers, parent: argparse.ArgumentParser) -> None:
    """Add ``highlights import FILE`` under the ``highlights`` command."""
    imp = sub.add_parser(
        "import", parents=[parent], help="merge highlights from a JSON export (Web Annotations)"
    )
    imp.add_argument("file", metavar="FILE", help="a JSON file written by 'export --format json'")
    imp.add_argument("--json", action="store_true", help="print what was imported as JSON")
    imp.set_defaults(handler=_import)


def _export(args: argparse.Namespace) -> int:
    library = open_library(args)
    tag = " ".join(args.tag.split()) if args.tag is not None else None
    if tag == "":
        raise CommandError("--tag needs a tag")
    report = library.exports.export(
        args.format,
        Path(args.out).expanduser(),
        doc_ids=args.doc or None,
        tag=tag,
        per_document=args.per_document,
    )
    for path in report.files:
        say(path)
    what = f"{count(report.highlights, 'highlight')} of {count(report.documents, 'document')}"
    if not report.files:
        warn(f"nothing to export: no document has highlights or notes ({what})")
    else:
        warn(f"exported {what} to {count(len(report.files), 'file')}")
    return 0


def _import(args: argparse.Namespace) -> int:
    library = open_library(args)
    report = library.exports.import_highlights(Path(args.file).expanduser())
    for reason in report.skipped:
        warn(f"warning: skipped {reason}")
    if args.json:
        print_json(
            {
                "highlights": report.highlights,
                "notes": report.notes,
                "waiting": report.waiting,
                "kept_newer": report.kept_newer,
                "skipped": list(report.skipped),
            }
        )
    else:
        warn(
            f"imported {count(report.highlights, 'highlight')} and "
            f"{count(report.notes, 'document note')}"
        )
        if report.kept_newer:
            warn(f"kept {count(report.kept_newer, 'highlight')} changed here after the export")
        if report.waiting:
            waiting = count(report.waiting, "highlight")
            verb = "waits" if report.waiting == 1 else "wait"
            warn(f"{waiting} {verb}, orphaned, for their document to arrive")
    return 0


def _has_window() -> bool:
    return importlib.util.find_spec("reader.ui.app") is not None


def _open(args: argparse.Namespace) -> int:
    library = open_library(args)
    target = library.exports.resolve_link(args.link)  # a link that points nowhere stops here
    if not (args.json or args.print_only) and _has_window():
        from reader.core.links import ReaderLink, format_link
        from reader.ui.app import run_app

        # Opens the window at the link, or hands it to the window already running; with the
        # highlight's current place, should the text have changed since the link was made.
        place = ReaderLink(target.meta.id, target.start, target.end, target.link.highlight_id)
        return run_app(args, [format_link(place)])
    _print_target(library, target, args.json)
    return 0


def _print_target(library: Library, target: LinkTarget, as_json: bool) -> None:
    text = library.documents.get(target.meta.id).text
    quote = text[target.start : target.end]
    row: dict[str, Any] = {
        "doc_id": target.meta.id,
        "title": target.meta.title,
        "start": target.start,
        "end": target.end,
        "passage": target.passage_number,
        "highlight": target.highlight.id if target.highlight else None,
        "quote": quote,
    }
    if as_json:
        print_json(row)
        return
    where = f"¶ {target.passage_number}" if target.passage_number else "start"
    say(f"{target.meta.id} {target.start}:{target.end}  {target.meta.title}, {where}")
    if quote:
        flat = " ".join(quote.split())
        say(f"    “{flat if len(flat) <= 80 else flat[:79] + '…'}”")
    if target.link.highlight_id and target.highlight is None:
        warn(
            f"warning: highlight {target.link.highlight_id} no longer exists; "
            "the link's offsets are used"
        )
