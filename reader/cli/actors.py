"""``actors``: the actors of the library and the passages that mention them; ``gazetteer add``."""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli import registry
from reader.cli.common import CommandError, open_library, print_json, say, warn
from reader.core.actors import ACTOR_KINDS, ActorPassage
from reader.library import Library
from reader.library.registry import UnknownActor


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """Add the ``actors`` and ``gazetteer`` commands."""
    actors = commands.add_parser(
        "actors",
        parents=[parent],
        help="the actors of the library, or every passage that mentions one; corrections",
        description=(
            "With no argument: every actor of the library. With an actor (an id, or an "
            "unambiguous name or alias): every passage that mentions it. Corrections apply to the "
            f"whole library and can be undone: {registry.HELP}."
        ),
    )
    actors.add_argument(
        "actor_id", nargs="?", metavar="ACTOR_ID", help="e.g. taliban, or a verb: show, rename…"
    )
    actors.add_argument("words", nargs="*", metavar="ARG", help="the verb's arguments")
    actors.add_argument("--json", action="store_true", help="print JSON")
    actors.add_argument(
        "--passage", metavar="PASSAGE_ID", help="reject: only in this passage (DOCUMENT:INDEX)"
    )
    actors.set_defaults(handler=_actors)
    gazetteer = commands.add_parser(
        "gazetteer", parents=[parent], help="your own actors (gazetteer.user.toml)"
    )
    sub = gazetteer.add_subparsers(dest="gazetteer_command", metavar="{add}")
    add = sub.add_parser("add", parents=[parent], help="add or replace one of your actors")
    add.add_argument("name", metavar="NAME", help="the canonical name")
    add.add_argument("--kind", required=True, choices=ACTOR_KINDS)
    add.add_argument("--alias", action="append", default=[], metavar="ALIAS")
    add.set_defaults(handler=_gazetteer_add)


def _warn_extraction(library: Library) -> None:
    for message in library.actors.warnings():
        warn(f"warning: {message}")


def _actors(args: argparse.Namespace) -> int:
    verb = args.actor_id if args.actor_id in registry.VERBS else None
    words = list(args.words)
    if verb is not None:
        registry.check(verb, words, args)
    elif words or args.passage is not None:
        raise CommandError(f"{args.actor_id!r} is not a verb ({', '.join(registry.VERBS)})")
    library = open_library(args)
    if verb is not None and verb != "show":
        return registry.run(library, verb, words, args)
    if args.actor_id:
        return _occurrences(library, words[0] if verb else args.actor_id, args.json)
    if args.json:
        from reader.library.registry import summary_json

        summaries = library.registry.overview()
        _warn_extraction(library)
        print_json(
            {"actors": [summary_json(library.registry, s) for s in summaries]}, compact=True
        )
        return 0
    found = library.actors.counts()
    _warn_extraction(library)
    rows = sorted(found.values(), key=lambda pair: (-pair[1], pair[0].name))
    for actor, count in rows:
        say(f"{actor.id:40} {actor.kind:12} {count:>4} ¶  {actor.name}")
    return 0


def _occurrences(library: Library, actor_id: str, as_json: bool) -> int:
    found = library.actors.passage_list(actor_id)
    _warn_extraction(library)
    if not found:
        found = _by_name(library, actor_id)
    if not found:
        raise CommandError(f"no passage mentions an actor with id {actor_id!r} (see 'actors')")
    if as_json:
        rows: list[dict[str, Any]] = [
            {
                "document": o.doc_id,
                "published": o.published,
                "passage": o.passage_id,
                "index": o.passage_index,
                "number": o.number,
                "mentions": [
                    {"start": m.start, "end": m.end, "text": m.text} for m in o.mentions.mentions
                ],
            }
            for o in found
        ]
        print_json(
            {"actor": {"id": found[0].actor.id, "name": found[0].actor.name}, "passages": rows}
        )
        return 0
    lines = [f"{found[0].actor.name} ({found[0].actor.kind})"]
    for o in found:
        date = o.published or "undated"
        quotes = ", ".join(sorted({m.text for m in o.mentions.mentions}))
        # People count passages from 1 (¶), as the window, citations and exports do.
        where = f"{o.doc_id} ¶{o.number}"
        lines.append(f"  {date:10}  {where:45}  {quotes}")
    say("\n".join(lines))  # one write, not thousands
    return 0


def _by_name(library: Library, query: str) -> list[ActorPassage]:
    """The passages of the actor with this name or alias (an ambiguous one is refused)."""
    try:
        summary = library.registry.find(query)
    except UnknownActor:
        return []
    # The lookup by id just before extracted what was missing: no second check of every file.
    return library.actors.passage_list(summary.actor.id, extract=False)


def _gazetteer_add(args: argparse.Namespace) -> int:
    library = open_library(args)
    entry = library.actors.add_gazetteer_entry(args.name, args.kind, tuple(args.alias))
    aliases = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
    warn(f"added {entry.name} ({entry.kind}){aliases} to {library.actors.user_gazetteer_path}")
    return 0
