"""``search QUERY...``: passages of the library that match a query, best first."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.cli.common import CommandError, open_library, print_json, say, warn

if TYPE_CHECKING:
    from reader.library import SearchHit

DEFAULT_LIMIT = 20
_FILTER = re.compile(r"^(-?[A-Za-z]+:)(.*\s.*)$", re.DOTALL)

HELP = """\
Words must all match (accents and case folded; "talk" finds "talks"); "exact phrases"; OR
between two words or phrases; -word excludes; prefix* ; filters actor:Norway,
actor:"United States", date:2021-08..2022 (either end optional), doc:ID. Quote a phrase for
the shell too: search '"peace talks"' doha.
"""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``search`` command."""
    search = commands.add_parser(
        "search",
        parents=[parent],
        help="find passages across the library",
        description=HELP,
    )
    # REMAINDER, so that "-women" (an exclusion) is a word of the query, not an unknown option;
    # the options among those words are read again in _options().
    search.add_argument(
        "query", nargs=argparse.REMAINDER, metavar="QUERY", help="words, phrases, filters"
    )
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"at most N passages (default {DEFAULT_LIMIT})",
    )
    search.set_defaults(handler=_search)


def query_text(words: Sequence[str]) -> str:
    """Return the query the shell's words stand for: a filter's value with blanks in it (the
    shell took its quotes, as in ``actor:"United States"``) is quoted again."""
    parts = []
    for word in words:
        match = _FILTER.match(word)
        if match and '"' not in word:
            word = f'{match.group(1)}"{match.group(2)}"'
        parts.append(word)
    return " ".join(parts)


def _options(args: argparse.Namespace) -> tuple[argparse.Namespace, list[str]]:
    """Return the options given among the query's words too (``search taliban -women
    --json``), and the words that are the query."""
    again = argparse.ArgumentParser(
        prog="reference-reader search", add_help=False, allow_abbrev=False
    )
    again.add_argument("--json", action="store_true", default=args.json)
    again.add_argument("--limit", type=int, default=args.limit)
    for name in ("corpus", "data_dir"):
        again.add_argument("--" + name.replace("_", "-"), default=getattr(args, name, None))
    found, words = again.parse_known_args(args.query)  # a bad value: usage, exit status 2
    for name in ("corpus", "data_dir"):
        if getattr(found, name) is None:
            delattr(found, name)
    return found, words


def _search(parsed: argparse.Namespace) -> int:
    args, words = _options(parsed)
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    text = query_text(words)
    from reader.library import QueryError

    library = open_library(args)
    try:
        hits = library.search.run(text, limit=args.limit)
    except QueryError as exc:
        raise CommandError(f"the query does not parse: {exc}") from exc
    if args.json:
        print_json({"query": text, "results": [_json(h) for h in hits]})
        return 0
    if not hits:
        warn(f"no passage matches {text}")
        return 0
    _print(hits)
    return 0


def _json(hit: SearchHit) -> dict[str, object]:
    return {
        "doc_id": hit.doc_id,
        "passage_id": hit.passage_id,
        "passage_index": hit.passage_index,
        "start": hit.start,
        "end": hit.end,
        "score": hit.score,
        "snippet": hit.snippet_text,
        "matches": [{"start": s, "end": e} for s, e in hit.matches],
    }


def _print(hits: Sequence[SearchHit]) -> None:
    """Print the passages grouped by document, documents in the order of their best passage;
    the matching words marked [like this]."""
    order: dict[str, list[SearchHit]] = {}
    for hit in hits:
        order.setdefault(hit.doc_id, []).append(hit)
    for doc_id, found in order.items():
        say(f"{found[0].title}  ({doc_id})")
        for hit in found:
            marked = "".join(f"[{t}]" if strong else t for t, strong in hit.snippet)
            # People count passages from 1 (¶), as the window, citations and exports do.
            say(f"  ¶{hit.passage_index + 1:<4} {marked}")
        say()
