"""``extract``: the actors and dates of every passage of documents or files."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from reader.cli.common import (
    CommandError,
    open_library,
    print_json,
    print_json_list,
    say,
    warn,
)
from reader.cli.docs import passage_json
from reader.core.actors import DocumentActors, PassageActors
from reader.core.dates import DateMention
from reader.core.model import is_valid_published
from reader.library import Library


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``extract`` command."""
    cmd = commands.add_parser(
        "extract",
        parents=[parent],
        help="the actors of every passage of documents or text files",
        description=(
            "Print the actors of every passage. An argument naming an existing file is read as "
            "UTF-8 text (it is not added to the library); any other argument is a document id. "
            "With no argument, the whole library."
        ),
    )
    cmd.add_argument("targets", nargs="*", metavar="DOC_ID_OR_FILE")
    cmd.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="the reference date of file arguments (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    cmd.add_argument("--json", action="store_true", help="print JSON")
    cmd.set_defaults(handler=_extract)


def _results(
    library: Library, targets: list[str], published: str | None
) -> list[tuple[DocumentActors, str | None]]:
    files = [t for t in targets if Path(t).is_file()]
    if published and not files:
        warn("warning: --published applies to file arguments only; it is ignored")
    results: list[tuple[DocumentActors, str | None]] = []
    wanted: list[str | None] = [*targets] or [None]  # no target: the whole library
    for target in wanted:
        if target is None:
            results += [(r, None) for r in library.actors.extract_many()]
        elif target in files:
            path = Path(target)
            results.append((library.actors.extract_file(path, published), str(path)))
        else:
            results.append((library.actors.extract(target), None))
    return results


def _extract(args: argparse.Namespace) -> int:
    if args.published and not is_valid_published(args.published):
        raise CommandError(
            f"--published must be YYYY-MM-DD (or YYYY-MM, YYYY), not {args.published!r}"
        )
    library = open_library(args)
    if not args.targets:
        return _extract_library(library, args.json, args.published)
    results = _results(library, list(args.targets), args.published)
    for message in library.actors.warnings():
        warn(f"warning: {message}")
    if args.json:
        print_json({"documents": [document_json(library, r, path) for r, path in results]})
    else:
        for result, path in results:
            _print_listing(library, result, path)
    return 0


def _extract_library(library: Library, as_json: bool, published: str | None) -> int:
    """Print the whole library's actors and dates, streamed from the index a document at a
    time (what is missing is extracted first, before anything is printed)."""
    if published:
        warn("warning: --published applies to file arguments only; it is ignored")
    found = library.actors.extract_all()
    first = next(found, None)
    for message in library.actors.warnings():
        warn(f"warning: {message}")
    results = itertools.chain([first], found) if first is not None else iter(())
    if as_json:
        print_json_list(
            "documents", (document_json(library, r, None, dates) for r, dates in results)
        )
    else:
        for result, dates in results:
            _print_listing(library, result, None, dates)
    return 0


def _actors_json(pa: PassageActors) -> list[dict[str, Any]]:
    return [
        {
            "id": am.actor.id,
            "name": am.actor.name,
            "kind": am.actor.kind,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in am.mentions],
        }
        for am in pa.actors
    ]


def document_json(
    library: Library,
    result: DocumentActors,
    path: str | None,
    dates: list[list[DateMention]] | None = None,
) -> dict[str, Any]:
    """Return the JSON of one document's extraction (offsets into the document text); its
    dates found now unless given."""
    doc = result.document
    dates = library.actors.dates_of(doc) if dates is None else dates
    passages = [
        {
            **passage_json(doc, p),
            "actors": _actors_json(pa),
            "dates": [m.to_json() for m in found],
        }
        for p, pa, found in zip(doc.passages, result.passages, dates, strict=True)
    ]
    return {
        "id": doc.id,
        "path": path,
        "title": doc.meta.title,
        "published": doc.meta.published,
        "passages": passages,
    }


def _print_listing(
    library: Library,
    result: DocumentActors,
    path: str | None,
    dates: list[list[DateMention]] | None = None,
) -> None:
    doc = result.document
    where = f"  {path}" if path else ""
    say(f"{doc.id}  {doc.meta.title}  ({doc.meta.published or 'undated'}){where}")
    by_passage = library.actors.dates_of(doc) if dates is None else dates
    for p, pa, found in zip(doc.passages, result.passages, by_passage, strict=True):
        if p.chrome:
            continue
        actors = ", ".join(f"{am.actor.name} ({am.actor.kind})" for am in pa.actors) or "—"
        said = "; ".join(_date_text(m) for m in found)
        say(f"  ¶{p.number}  {actors}" + (f"  | {said}" if said else ""))
    say()


def _date_text(mention: DateMention) -> str:
    """Return a date as people read it: "the early 1990s = the early 1990s" becomes just the
    words once; the TIMEX value ("199", "2024-W05") is for ``--json``."""
    from reader.core.date_words import date_in_words

    words = date_in_words(mention.value, mention.mod) if mention.value else "not placed"
    if " ".join(words.split()).casefold() == " ".join(mention.text.split()).casefold():
        return mention.text
    return f"{mention.text} = {words}"
