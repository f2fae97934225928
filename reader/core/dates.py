"""Dates found in a document: a span of its text and the TIMEX3 value it stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Granularity = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century"]
Mod = Literal["START", "MID", "END", "APPROX"]

GRANULARITIES: tuple[Granularity, ...] = (
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
    "century",
)
MODS: tuple[Mod, ...] = ("START", "MID", "END", "APPROX")

# How fine each granularity is; a lower rank says more. Quarters and seasons are equally fine.
GRANULARITY_RANK: dict[Granularity, int] = {
    "day": 0,
    "week": 1,
    "month": 2,
    "quarter": 3,
    "season": 3,
    "year": 4,
    "decade": 5,
    "century": 6,
}

_VALUE_SHAPES: tuple[tuple[re.Pattern[str], Granularity], ...] = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}(?:-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(?:Q[1-4]|H[12])$"), "quarter"),  # a half year ranks with quarters
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(?:FY)?\d{4}$"), "year"),  # FY2026: a fiscal year
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)


def granularity_of(value: str) -> Granularity | None:
    """Return the granularity of a TIMEX3 value (of its start, for a range ``a/b``)."""
    head = value.split("/", 1)[0]
    for shape, granularity in _VALUE_SHAPES:
        if shape.match(head):
            return granularity
    return None


def is_valid_value(value: str) -> bool:
    """Tell whether a string is a TIMEX3 value this program writes: one value or ``a/b``."""
    parts = value.split("/")
    return 1 <= len(parts) <= 2 and all(granularity_of(p) is not None for p in parts)


@dataclass(frozen=True)
class DateMention:
    """A date in a document's text: ``text[start:end]``, normalised to a TIMEX3 ``value``.

    ``value`` is ``None`` when the date cannot be placed (never a made-up day); ``granularity``
    is that of the value's start (for a range) or, without a value, that of the expression.
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity
    mod: Mod | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the mention as ``{"start", "end", "text", "value", "granularity", "mod"}``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "mod": self.mod,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DateMention:
        """Return the mention that :meth:`to_json` wrote."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            value=None if data.get("value") is None else str(data["value"]),
            granularity=data["granularity"],
            mod=data.get("mod"),
        )

    def shifted(self, offset: int) -> DateMention:
        """Return the mention with its offsets moved by ``offset`` characters."""
        return DateMention(
            self.start + offset,
            self.end + offset,
            self.text,
            self.value,
            self.granularity,
            self.mod,
        )
