"""Parse the command line and run a command, or open the window when there is none."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli import actors, docs, export, extract, highlights
from reader.cli.common import CommandError, global_options
from reader.library import LibraryError

# Each feature's command module has ``register(commands, parent)``.
COMMAND_MODULES = (docs, highlights, extract, actors, export)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command."""
    parent = global_options()
    parser = argparse.ArgumentParser(
        prog="reference-reader",
        description="Reference Reader: read a corpus side by side, with its actors and dates.",
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands, parent)
    return parser


def _open_window(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from reader.ui.app import run_app

    return run_app(args, list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _open_window(args, argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.parse_args([args.command, "--help"])
            return 2
        return int(handler(args))
    except (CommandError, LibraryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
