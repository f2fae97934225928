"""What a change to the library touched: one record per call, as Anki's ``OpChanges``.

Every call of the library that changes something publishes one ``Changes``; the window turns
them into Qt signals and each view refreshes from what it names. Records written by other
processes (the command line while the window runs) arrive through the change journal in the
data folder as the same records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

_SETS = (
    "documents_added",
    "documents_removed",
    "documents_changed",
    "metadata",
    "highlights",
    "notes",
    "actors",
)
_FLAGS = ("palette", "gazetteer", "registry", "everything")


@dataclass(frozen=True)
class Changes:
    """The documents (by id) and the kinds of data one change touched."""

    documents_added: frozenset[str] = field(default_factory=frozenset)
    documents_removed: frozenset[str] = field(default_factory=frozenset)
    documents_changed: frozenset[str] = field(default_factory=frozenset)  # their text changed
    metadata: frozenset[str] = field(default_factory=frozenset)
    highlights: frozenset[str] = field(default_factory=frozenset)
    notes: frozenset[str] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)  # extraction results arrived
    palette: bool = False  # a colour's label
    gazetteer: bool = False  # the user's gazetteer: every document's actors may differ
    registry: bool = False  # the user's corrections of actors (``actors`` names the documents)
    everything: bool = False  # anything may have changed (a journal that was cut short)

    @classmethod
    def of(cls, **touched: Iterable[str] | bool) -> Changes:
        """Return a record from keyword sets of ids (``highlights=[doc]``) and flags."""
        values: dict[str, Any] = {}
        for name, value in touched.items():
            if name not in _SETS and name not in _FLAGS:
                raise TypeError(f"no such kind of change: {name}")
            if isinstance(value, bool) or name in _FLAGS:
                values[name] = bool(value)
            else:
                values[name] = frozenset(str(v) for v in value)
        return cls(**values)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{name: getattr(self, name) | getattr(other, name) for name in _SETS},
            **{name: getattr(self, name) or getattr(other, name) for name in _FLAGS},
        )

    def documents(self) -> frozenset[str]:
        """Every document this change names, whatever it touched."""
        return frozenset().union(*(getattr(self, name) for name in _SETS))

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-ready data (only what it touched)."""
        out: dict[str, Any] = {n: sorted(getattr(self, n)) for n in _SETS if getattr(self, n)}
        out.update({n: True for n in _FLAGS if getattr(self, n)})
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Changes:
        """Read a record written by ``to_dict``; unknown keys (a newer program's) are kept as
        "anything may have changed" rather than dropped."""
        known: dict[str, Any] = {}
        unknown = False
        for name, value in data.items():
            if name in _SETS and isinstance(value, list):
                known[name] = frozenset(str(v) for v in value)
            elif name in _FLAGS:
                known[name] = bool(value)
            else:
                unknown = True
        if unknown:
            known["everything"] = True
        return cls(**known)


NO_CHANGES = Changes()
