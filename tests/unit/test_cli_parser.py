"""A command builds only its own parser (at 5,000 documents ``actors ACTOR`` has 0.3 s for
everything), and answers exactly as the parser of every command would."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from reader.cli.main import COMMANDS, build_parser, named_command


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(found[0].choices)


def _output(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parser.parse_args(argv)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_the_table_of_commands_is_what_the_modules_register() -> None:
    assert _commands(build_parser()) == set(COMMANDS)
    for command, module in COMMANDS.items():
        alone = _commands(build_parser(command))
        assert command in alone
        assert alone == {c for c, m in COMMANDS.items() if m == module}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["actors", "taliban"], "actors"),
        (["--corpus", "docs", "actors", "--json"], "actors"),  # an option's value is no command
        (["--data-dir=/tmp/x", "highlights", "list"], "highlights"),
        (["notes", "get", "doc"], "notes"),
        (["--help"], None),
        (["--json", "actors"], None),  # not a global option: the full parser answers
        (["nonsense"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_the_global_options(
    argv: list[str], expected: str | None
) -> None:
    assert named_command(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["actors", "--help"],
        ["highlights", "add", "--help"],
        ["export", "--format", "docx"],
        ["docs", "--bogus"],
        ["search"],
        ["actors", "taliban", "--json"],
    ],
)
def test_one_command_parses_as_the_parser_of_every_command(argv: list[str]) -> None:
    full, alone = build_parser(), build_parser(named_command(argv))
    answer = _output(full, argv)
    assert _output(alone, argv) == answer
    if answer == (0, "", ""):  # parsed: the same options and values
        found, expected = vars(alone.parse_args(argv)), vars(full.parse_args(argv))
        assert found == expected
