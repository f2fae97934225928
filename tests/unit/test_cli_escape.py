"""Untrusted text printed by the command line never drives the terminal: every C0 and C1
control character and DEL is shown as ``\\xNN`` (tab and newline kept in lines)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.cli.common import escape_controls

CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]


def _expected(text: str, keep_lines: bool) -> str:
    kept = (0x09, 0x0A) if keep_lines else ()
    return "".join(
        f"\\x{ord(c):02x}" if ord(c) in CONTROLS and ord(c) not in kept else c for c in text
    )


@given(text=st.text(alphabet=st.characters(max_codepoint=0x200)), keep_lines=st.booleans())
def test_every_control_character_is_escaped_and_nothing_else(text: str, keep_lines: bool) -> None:
    assert escape_controls(text, keep_lines) == _expected(text, keep_lines)


def test_a_terminal_escape_in_a_title_is_shown_not_run() -> None:
    assert escape_controls("Report\x1b]0;owned\x07\n\tend") == "Report\\x1b]0;owned\\x07\n\tend"
    assert escape_controls("a\nb\x9b", keep_lines=False) == "a\\x0ab\\x9b"
    assert escape_controls("plain text ¶ 12") == "plain text ¶ 12"
