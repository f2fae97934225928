"""``timeline``: the library's dates in time order, with their passages."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.cli.common import open_library, print_json, say, warn
from reader.library import Library

if TYPE_CHECKING:
    from reader.core.timeline import TimelineItem

SNIPPET = 100  # characters of the passage in the plain listing


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``timeline`` command."""
    timeline = commands.add_parser(
        "timeline",
        parents=[parent],
        help="every date of the library that has a value, in time order, with its passage",
    )
    timeline.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="ACTOR",
        help="only passages that mention this actor (an id, a name or an alias); repeat it "
        "for passages naming all of them",
    )
    timeline.add_argument("--doc", action="append", default=None, metavar="DOC_ID",
                          help="only this document (repeatable)")  # fmt: skip
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.set_defaults(handler=_timeline)


def _timeline(args: argparse.Namespace) -> int:
    library = open_library(args)
    if args.actor:
        library.actors.ensure()  # the registry reads what the index holds
    # As 'actors ACTOR' reads it: an id, else an unambiguous name or alias (corrections included).
    actors = [library.registry.find(a).actor for a in args.actor]
    data = library.timeline.data([a.id for a in actors], args.doc)
    for message in library.actors.warnings():
        warn(f"warning: {message}")
    if args.json:
        print_json({"dates": [item.to_json() for item in data.items]})
        return 0
    _print_plain(library, data.items, [a.name for a in actors])
    return 0


def _print_plain(library: Library, items: tuple[TimelineItem, ...], actors: list[str]) -> None:
    if actors:
        say(f"passages naming {' and '.join(actors)}")
    if not items:
        say("no dates")
        return
    for item in items:
        assert item.first is not None and item.last is not None  # dated items only
        days = item.first.isoformat()
        if item.last != item.first:
            days += f" … {item.last.isoformat()}"
        snippet = " ".join(item.snippet.split())
        if len(snippet) > SNIPPET:
            snippet = snippet[: SNIPPET - 1] + "…"
        say(f"{days:23}  {item.value or '':22}  {item.doc_id} ¶{item.passage_index + 1}")
        say(f"{'':25}“{item.text}”: {snippet}")
