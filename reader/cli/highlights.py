"""``highlights`` and ``notes``: the user's highlights and document notes on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TypeAlias

from reader.cli.common import (
    CommandError,
    escape_controls,
    opened,
    print_json,
    say,
    warn,
)
from reader.cli.export import register_import
from reader.core.highlight import COLORS, Highlight
from reader.library import Library

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(commands: Subparsers, parent: argparse.ArgumentParser) -> None:
    """Add the ``highlights`` and ``notes`` commands."""
    group = commands.add_parser(
        "highlights", parents=[parent], help="add, edit and list highlights"
    )
    group.set_defaults(handler=_list, doc=None, json=False)
    sub = group.add_subparsers(
        dest="highlights_command", metavar="{add,edit,remove,list,colors,import}"
    )
    _register_add(sub, parent)
    _register_edit(sub, parent)
    remove = sub.add_parser("remove", parents=[parent], help="delete a highlight")
    remove.add_argument("id", metavar="ID")
    remove.set_defaults(handler=_remove)
    listing = sub.add_parser("list", parents=[parent], help="list highlights")
    listing.add_argument("--doc", metavar="DOC_ID", help="only this document's highlights")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)
    colors = sub.add_parser("colors", parents=[parent], help="the palette and its labels")
    colors.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="COLOR=LABEL",
        help="label a colour (COLOR= removes its label); repeatable",
    )
    colors.add_argument("--json", action="store_true", help="print JSON")
    colors.set_defaults(handler=_colors)
    register_import(sub, parent)
    _register_notes(commands, parent)


def _register_add(sub: Subparsers, parent: argparse.ArgumentParser) -> None:
    add = sub.add_parser("add", parents=[parent], help="highlight a quote or a span; prints the id")
    add.add_argument("doc_id", metavar="DOC_ID")
    add.add_argument("--quote", metavar="TEXT", help="the text to highlight")
    add.add_argument("--occurrence", type=int, metavar="N", help="which occurrence (1-based)")
    add.add_argument("--start", type=int, metavar="N", help="start offset (with --end)")
    add.add_argument("--end", type=int, metavar="M", help="end offset, exclusive")
    _register_fields(add)
    add.add_argument("--json", action="store_true", help="print the highlight as JSON")
    add.set_defaults(handler=_add)


def _register_edit(sub: Subparsers, parent: argparse.ArgumentParser) -> None:
    edit = sub.add_parser("edit", parents=[parent], help="change a highlight's note, colour, tags")
    edit.add_argument("id", metavar="ID")
    _register_fields(edit)
    edit.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag")
    edit.add_argument("--start", type=int, metavar="N", help="re-place it: new start (with --end)")
    edit.add_argument("--end", type=int, metavar="M", help="re-place it: new end")
    edit.add_argument("--json", action="store_true", help="print the highlight as JSON")
    edit.set_defaults(handler=_edit)


def _register_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--note", metavar="T", help="the note ('' clears it)")
    parser.add_argument("--color", choices=COLORS, metavar="C", help=f"one of {', '.join(COLORS)}")
    parser.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag")


def _register_notes(commands: Subparsers, parent: argparse.ArgumentParser) -> None:
    notes = commands.add_parser("notes", parents=[parent], help="a document's notes")
    notes.set_defaults(handler=_notes_usage)
    sub = notes.add_subparsers(dest="notes_command", metavar="{get,set}")
    get = sub.add_parser("get", parents=[parent], help="print a document's notes")
    get.add_argument("doc_id", metavar="DOC_ID")
    get.add_argument("--json", action="store_true", help="print JSON")
    get.set_defaults(handler=_notes_get)
    put = sub.add_parser("set", parents=[parent], help="replace a document's notes")
    put.add_argument("doc_id", metavar="DOC_ID")
    put.add_argument("text", metavar="TEXT", help="the new notes, or - to read them from stdin")
    put.add_argument("--empty", action="store_true", help="allow empty notes (clears them)")
    put.set_defaults(handler=_notes_set)


def highlight_json(h: Highlight, labels: dict[str, str | None]) -> dict[str, Any]:
    """Return the JSON of one highlight (the keys are a contract)."""
    return {
        "id": h.id,
        "doc_id": h.doc_id,
        "start": h.start,
        "end": h.end,
        "quote": h.quote,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "note": h.note,
        "color": h.color,
        "label": labels.get(h.color),
        "tags": list(h.tags),
        "created": h.created,
        "modified": h.modified,
        "status": h.status,
    }


def _labels(library: Library) -> dict[str, str | None]:
    return {c.color: c.label for c in library.state.palette()}


def _span(library: Library, args: argparse.Namespace) -> tuple[int, int]:
    has_quote = args.quote is not None
    has_span = args.start is not None or args.end is not None
    if has_quote == has_span:
        raise CommandError("give either --quote TEXT or --start N --end M")
    if has_quote:
        return library.highlights.find_quote(args.doc_id, args.quote, args.occurrence)
    if args.occurrence is not None:
        raise CommandError("--occurrence goes with --quote")
    if args.start is None or args.end is None:
        raise CommandError("--start and --end go together")
    return args.start, args.end


def _add(args: argparse.Namespace) -> int:
    with opened(args) as library:
        start, end = _span(library, args)
        h = library.highlights.add(
            args.doc_id,
            start,
            end,
            color=args.color or "yellow",
            note=args.note or "",
            tags=args.tag,
        )
        if args.json:
            print_json(highlight_json(h, _labels(library)))
        else:
            print(h.id)
        return 0


def _edit(args: argparse.Namespace) -> int:
    if (args.start is None) != (args.end is None):
        raise CommandError("--start and --end go together")
    span = None if args.start is None else (args.start, args.end)
    if args.note is None and args.color is None and not args.tag and not args.untag and not span:
        raise CommandError(
            "nothing to change: give --note, --color, --tag, --untag or --start/--end"
        )
    with opened(args) as library:
        h = library.highlights.edit(
            args.id,
            note=args.note,
            color=args.color,
            add_tags=args.tag,
            remove_tags=args.untag,
            span=span,
        )
        if args.json:
            print_json(highlight_json(h, _labels(library)))
        else:
            warn(f"updated {h.id}")
        return 0


def _remove(args: argparse.Namespace) -> int:
    with opened(args) as library:
        h = library.highlights.remove(args.id)
        warn(f"removed {h.id} ({h.doc_id} {h.start}:{h.end})")
        return 0


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _list(args: argparse.Namespace) -> int:
    with opened(args) as library:
        known = args.doc is None or args.doc in library.highlights.doc_ids()
        if not known:
            library.documents.metadata(args.doc)  # an unknown document: a mistake, not []
        # The texts may have changed since the last run: place the highlights in them first
        # (each document's file is read once, for both).
        found = library.highlights.current(None if args.doc is None else [args.doc])
        rows = [h for doc_id in sorted(found) for h in found[doc_id].highlights]
        labels = _labels(library)
        if args.json:
            print_json({"highlights": [highlight_json(h, labels) for h in rows]}, compact=True)
            return 0
        for h in rows:
            label = labels.get(h.color)
            colour = f"{h.color}({label})" if label else h.color
            flag = (
                "  NEEDS ATTENTION (orphaned)"
                if h.status == "orphaned"
                else ("  (moved)" if h.status == "moved" else "")
            )
            tags = " " + " ".join(f"#{t}" for t in h.tags) if h.tags else ""
            say(f"{h.id}  {h.doc_id} {h.start}:{h.end}  {colour}{tags}{flag}")
            say(f"    “{_short(h.quote)}”" + (f"  — {_short(h.note, 40)}" if h.note else ""))
        if not rows:
            warn("no highlights")
        return 0


def _colors(args: argparse.Namespace) -> int:
    with opened(args) as library:
        for item in args.set:
            color, sep, label = item.partition("=")
            if not sep:
                raise CommandError(f"--set takes COLOR=LABEL, not {item!r}")
            library.state.set_color_label(color.strip(), label)
        palette = library.state.palette()
        if args.json:
            rows = [{"color": c.color, "hex": c.hex, "label": c.label} for c in palette]
            print_json({"colors": rows})
            return 0
        for c in palette:
            say(f"{c.color:8} {c.hex}  {c.label or '—'}")
        return 0


def _notes_usage(args: argparse.Namespace) -> int:
    raise CommandError("say 'notes get DOC_ID' or 'notes set DOC_ID (TEXT|-)'")


def _notes_get(args: argparse.Namespace) -> int:
    with opened(args) as library:
        library.documents.metadata(args.doc_id)
        note = library.highlights.note(args.doc_id)
        if args.json:
            print_json(
                {
                    "doc_id": args.doc_id,
                    "text": note.text if note else "",
                    "created": note.created if note else None,
                    "modified": note.modified if note else None,
                }
            )
            return 0
        if note and note.text:
            sys.stdout.write(escape_controls(note.text.removesuffix("\n")) + "\n")
        return 0


def _stdin_text() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream put in its place (a test, an embedding program)
        return str(sys.stdin.read())
    try:
        return bytes(stream.read()).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"the notes on stdin are not UTF-8 text (byte {exc.start})") from None


def _notes_set(args: argparse.Namespace) -> int:
    text = _stdin_text() if args.text == "-" else args.text
    if not text and not args.empty:
        raise CommandError(
            "the new notes are empty: say --empty to clear the notes of " + args.doc_id
        )
    with opened(args) as library:
        library.highlights.set_note(args.doc_id, text)
        warn(f"saved the notes of {args.doc_id} ({len(text)} characters)")
        return 0
