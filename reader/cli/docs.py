"""``docs``: list, show and correct the documents of the library."""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli.common import CommandError, opened, print_json, say, warn
from reader.core.model import Document, Passage
from reader.library import DocumentSummary, Library

_EDITABLE = ("title", "author", "site", "published", "source_kind", "url", "language")


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``docs`` command and its subcommands."""
    docs = commands.add_parser("docs", parents=[parent], help="list, show and correct documents")
    docs.add_argument("--json", action="store_true", help="print JSON")
    docs.set_defaults(handler=_list)
    sub = docs.add_subparsers(dest="docs_command", metavar="{show,edit,remove}")
    show = sub.add_parser("show", parents=[parent], help="a document with its passages")
    show.add_argument("doc_id", metavar="DOC_ID")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)
    edit = sub.add_parser(
        "edit",
        parents=[parent],
        help="correct a document's metadata (kept in the data folder, never in the corpus)",
    )
    edit.add_argument("doc_id", metavar="DOC_ID")
    for name in _EDITABLE:
        flag = "--" + name.replace("_", "-")
        edit.add_argument(flag, dest=name, metavar=name.upper(), help=f"new {name} ('' clears it)")
    edit.add_argument("--json", action="store_true", help="print the result as JSON")
    edit.set_defaults(handler=_edit)
    remove = sub.add_parser(
        "remove",
        parents=[parent],
        help="remove an imported document (its highlights wait, as orphans, for its text)",
    )
    remove.add_argument("doc_id", metavar="DOC_ID")
    remove.set_defaults(handler=_remove)


def summary_json(row: DocumentSummary) -> dict[str, Any]:
    """Return the JSON of one document in the ``docs`` listing."""
    meta = row.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "author": meta.author,
        "site": meta.site,
        "published": meta.published,
        "source_kind": meta.source_kind,
        "url": meta.url,
        "origin": meta.origin,
        "imported": meta.imported,
        "passage_count": row.passage_count,
        "char_count": row.char_count,
    }


def _list(args: argparse.Namespace) -> int:
    with opened(args) as library:
        rows = library.documents.summaries()
    for row in rows:
        if row.error:
            warn(f"warning: {row.error}")
    if args.json:
        print_json({"documents": [summary_json(r) for r in rows]}, compact=True)
        return 0
    for row in rows:
        count = "?" if row.passage_count is None else str(row.passage_count)
        say(f"{row.meta.id:40} {row.meta.published or '—':10} {count:>4} ¶  {row.meta.title}")
    return 0


def document_json(library: Library, doc: Document) -> dict[str, Any]:
    """Return the JSON of one document with its passages."""
    summary = DocumentSummary(doc.meta, len(doc.passages), len(doc.text))
    return {**summary_json(summary), "passages": [passage_json(doc, p) for p in doc.passages]}


def passage_json(doc: Document, passage: Passage) -> dict[str, Any]:
    """Return the JSON of one passage: its id, place (and page or section in a paged
    document), chrome flag and text."""
    found: dict[str, Any] = {
        "id": passage.id,
        "index": passage.index,
        "start": passage.start,
        "end": passage.end,
        "chrome": passage.chrome,
    }
    if passage.page is not None:
        found["page"] = passage.page
    if passage.section is not None:
        found["section"] = passage.section
    return {**found, "text": doc.passage_text(passage)}


def _show(args: argparse.Namespace) -> int:
    with opened(args) as library:
        doc = library.documents.get(args.doc_id)
    if args.json:
        print_json(document_json(library, doc))
        return 0
    meta = doc.meta
    byline = ", ".join(x for x in (meta.author, meta.site, meta.published) if x)
    say(meta.title)
    if byline:
        say(byline)
    say()
    for p in doc.passages:
        mark = " (chrome)" if p.chrome else ""
        say(f"¶{p.number}{mark} [{p.start}:{p.end}]")
        say(doc.passage_text(p))
        say()
    return 0


def _edit(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in _EDITABLE if getattr(args, name) is not None}
    if not changes:
        raise CommandError(
            "nothing to change: give at least one of "
            + ", ".join("--" + n.replace("_", "-") for n in _EDITABLE)
        )
    with opened(args) as library:
        meta = library.documents.edit_metadata(args.doc_id, changes)
    if args.json:
        print_json(summary_json(DocumentSummary(meta, None, None)))
    else:
        warn(f"updated {meta.id}: " + ", ".join(f"{k}={v!r}" for k, v in changes.items()))
    return 0


def _remove(args: argparse.Namespace) -> int:
    with opened(args) as library:
        title = library.documents.metadata(args.doc_id).title
        library.imports.remove(args.doc_id)
    warn(f"removed {args.doc_id} ({title}); its highlights are kept and come back with its text")
    return 0
