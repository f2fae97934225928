"""``actors VERB …``: the user's corrections of actors (rename, merge, split, alias, kind,
reject), their history and undo; ``actors show``. Reached from ``actors`` (reader/cli/actors.py)
when its first word is a verb, so ``actors ACTOR`` keeps working; an actor whose id is a verb is
reached with ``actors show``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from reader.cli.common import CommandError, print_json, say, warn
from reader.library import Library
from reader.library.registry import CorrectionResult

# Each verb's arguments after it, as the help shows them.
VERBS: dict[str, tuple[str, ...]] = {
    "show": ("ACTOR",),
    "rename": ("ACTOR", "NAME"),
    "merge": ("ACTOR", "INTO_ACTOR"),
    "split": ("ACTOR", "ALIAS"),
    "alias": ("ACTOR", "ALIAS"),
    "kind": ("ACTOR", "KIND"),
    "reject": ("ACTOR",),
    "history": (),
    "undo": (),
}
HELP = "; ".join(f"actors {verb} {' '.join(names)}".strip() for verb, names in VERBS.items())


def check(verb: str, words: list[str], args: argparse.Namespace) -> None:
    """Refuse a verb given the wrong number of words or an option it does not take."""
    wanted = VERBS[verb]
    if len(words) != len(wanted):
        extra = ["[--passage PASSAGE_ID]"] if verb == "reject" else []
        usage = " ".join(("actors", verb, *wanted, *extra))
        raise CommandError(f"usage: {usage}")
    if args.passage is not None and verb != "reject":
        raise CommandError("--passage goes with 'actors reject' only")


def run(library: Library, verb: str, words: list[str], args: argparse.Namespace) -> int:
    """Run a correction verb, ``history`` or ``undo`` (``show`` is the caller's)."""
    registry = library.registry
    if verb == "history":
        return _history(library, args.json)
    if verb == "undo":
        undone = registry.undo()
        if undone is None:
            raise CommandError("nothing to undo: no corrections were made")
        return _report(undone, args.json)
    library.actors.ensure()  # a correction names actors of the whole library
    makers: dict[str, Callable[[], CorrectionResult]] = {
        "rename": lambda: registry.rename(words[0], words[1]),
        "merge": lambda: registry.merge(words[0], words[1]),
        "split": lambda: registry.split(words[0], words[1]),
        "alias": lambda: registry.add_alias(words[0], words[1]),
        "kind": lambda: registry.change_kind(words[0], words[1]),
        "reject": lambda: registry.reject(words[0], args.passage),
    }
    return _report(makers[verb](), args.json)


def _report(result: CorrectionResult, as_json: bool) -> int:
    done = "undid" if result.undone else "done"
    count = len(result.documents)
    if as_json:
        print_json(
            {
                "undone" if result.undone else "made": result.correction.to_json(),
                "documents": list(result.documents),
            }
        )
    else:
        warn(f"{done}: {result.correction.describe()} ({count} document(s) changed)")
    return 0


def _history(library: Library, as_json: bool) -> int:
    found = library.registry.history()
    if as_json:
        print_json({"corrections": [c.to_json() for c in found]})
        return 0
    if not found:
        warn(f"no corrections yet ({library.registry.path})")
    for number, c in enumerate(found, start=1):
        say(f"{number:>3}  {c.made:25}  {c.describe()}")
    return 0
