"""``related PASSAGE_ID``: the passages of other documents that most likely tell the same event
(shared actors weighted by rarity, shared dates by precision, similar wording), best first."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.cli.common import CommandError, open_library, print_json, say, warn

if TYPE_CHECKING:
    from reader.library import RelatedPassage

DEFAULT_LIMIT = 10


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``related`` command."""
    related = commands.add_parser(
        "related",
        parents=[parent],
        help="the same event in other documents: passages that share actors, dates, words",
        description="Passages of other documents that most likely tell the same event as "
        "PASSAGE_ID (DOC_ID:INDEX, as --json output elsewhere gives it; the index counts from "
        "0, ¶ numbers from 1), best first, one per document. Nothing listed: nothing real in "
        "common.",
    )
    related.add_argument("passage_id", metavar="PASSAGE_ID", help="DOC_ID:INDEX")
    related.add_argument("--json", action="store_true", help="print JSON")
    related.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"at most N passages (default {DEFAULT_LIMIT})",
    )
    related.set_defaults(handler=_related)


def _related(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    library = open_library(args)
    found = library.related.of(args.passage_id, limit=args.limit)
    if args.json:
        print_json({"passage_id": args.passage_id, "related": [_json(r) for r in found]})
        return 0
    if not found:
        warn(f"no passage of another document shares enough with {args.passage_id}")
        return 0
    _print(found)
    return 0


def _json(found: RelatedPassage) -> dict[str, object]:
    return {
        "passage_id": found.passage_id,
        "doc_id": found.doc_id,
        "score": found.score,
        "shared_actors": list(found.shared_actors),
        "shared_dates": [d.other_value for d in found.shared_dates],
        "snippet": found.snippet_text,
    }


def _print(found: Sequence[RelatedPassage]) -> None:
    """Print each passage: its document, ¶ number and score, the snippet with the shared
    mentions [marked], then the reasons."""
    for item in found:
        date = f", {item.published}" if item.published else ""
        say(f"{item.title}  ({item.doc_id}{date})")
        marked = "".join(f"[{t}]" if strong else t for t, strong in item.snippet)
        say(f"  ¶{item.passage_index + 1:<4} {marked}")
        reasons = [f"actors: {', '.join(item.actor_names)}"] if item.actor_names else []
        if item.shared_dates:
            reasons.append("dates: " + ", ".join(_date(d.text, d.other_text)
                                                  for d in item.shared_dates))
        say(f"        score {item.score:.2f}; {'; '.join(reasons) or 'similar wording'}")
        say()


def _date(here: str, there: str) -> str:
    return there if here == there else f"{there} (here: {here})"
