"""Parse the command line and run a command, or open the window when there is none."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from reader import __version__
from reader.cli.common import (
    CommandError,
    check_text_args,
    describe_os_error,
    fail,
    global_options,
)
from reader.library import DataDirError, LibraryError, data_folder, start_logging

log = logging.getLogger(__name__)


# Each command, and the module (reader/cli/<module>.py) whose ``register`` adds it.
COMMANDS = {
    "docs": "docs",
    "import": "imports",
    "highlights": "highlights",
    "notes": "highlights",
    "extract": "extract",
    "actors": "actors",
    "gazetteer": "actors",
    "search": "search",
    "related": "related",
    "timeline": "timeline",
    "export": "export",
    "open": "export",
}


def command_modules(only: str | None = None) -> tuple[ModuleType, ...]:
    """Each feature's command module, with ``register(commands, parent)`` (with ``only``, the
    one that adds that command)."""
    # Imported only when a parser for commands is built: opening the window does not pay for
    # them, and a command pays only for its own (its parser, its imports).
    names = dict.fromkeys(COMMANDS.values()) if only is None else [COMMANDS[only]]
    return tuple(importlib.import_module(f"reader.cli.{name}") for name in names)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the parser for every command (with ``only``, for that command alone: the
    arguments name it)."""
    parent = global_options()
    parser = argparse.ArgumentParser(
        prog="reference-reader",
        description="Reference Reader: read a corpus side by side, with its actors and dates.",
        epilog=(
            f"Your data folder (highlights, notes, corrections, cache, logs/): {data_folder()}. "
            "With no command, the window opens."
        ),
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(only):
        module.register(commands, parent)
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """Return the command the arguments name after the global options, if they name one."""
    parser = _GlobalOnlyParser(parents=[global_options()], add_help=False)
    try:
        _args, rest = parser.parse_known_args(list(argv))
    except _NotWindowOnly:
        return None
    return rest[0] if rest and rest[0] in COMMANDS else None


class _NotWindowOnly(Exception):
    """The arguments are not the global options alone."""


class _GlobalOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise _NotWindowOnly(message)


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """Return the options when ``argv`` holds only global options (the window), else None."""
    # Anything else (a command, --help, --version, a mistake) goes to the full parser, which
    # answers it as before; this path only spares the window building every command's parser.
    parser = _GlobalOnlyParser(parents=[global_options()], add_help=False)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotWindowOnly:
        return None
    if rest:
        return None
    args.command = None
    return args


def _open_window(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from reader.ui.app import run_app

    return run_app(args, list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser: argparse.ArgumentParser | None = None
    args = window_args(argv)
    if args is None:
        parser = build_parser(named_command(argv))
        args = parser.parse_args(argv)
    log_file = _start_logging(args)
    try:
        check_text_args(args)
        if args.command is None:
            return _open_window(args, argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            assert parser is not None  # a command was parsed, so the full parser was built
            parser.parse_args([args.command, "--help"])
            return 2
        return int(handler(args))
    except (CommandError, LibraryError, DataDirError) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(describe_os_error(exc))
    except RecursionError:
        return fail("the input is nested too deeply to be read")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        log.exception("%s failed unexpectedly", args.command or "the window")
        if log_file is not None:
            print(f"an unexpected error; the details are also in {log_file}", file=sys.stderr)
        raise


def _start_logging(args: argparse.Namespace) -> Path | None:
    data_dir = getattr(args, "data_dir", None)
    try:
        return start_logging(Path(data_dir).expanduser() if data_dir else None)
    except (OSError, DataDirError):  # an unusable data folder: the command says so itself
        return None
