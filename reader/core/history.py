"""The window's history of jumps: every step holds each pane's document and offset."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Place:
    """Where one pane is: a document and an offset into its text (``None`` for an empty pane)."""

    doc_id: str | None
    offset: int = 0


@dataclass(frozen=True)
class Step:
    """Where every pane is, and which one is active."""

    places: tuple[Place, ...]
    active: int = 0

    def with_place(self, pane: int, place: Place) -> Step:
        """Return this step with one pane moved to ``place`` (new panes are appended)."""
        places = list(self.places)
        while len(places) <= pane:
            places.append(Place(None))
        places[pane] = place
        return replace(self, places=tuple(places), active=pane)


class History:
    """Back and forward through steps, like a browser's: a jump drops the forward steps."""

    def __init__(self, limit: int = 500) -> None:
        self._steps: list[Step] = []
        self._index = -1
        self._limit = limit

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._index < len(self._steps) - 1

    def __len__(self) -> int:
        return len(self._steps)

    def record(self, before: Step, after: Step) -> None:
        """Record a jump: ``before`` is where the reader was (positions refreshed), ``after`` where
        the jump leads."""
        if self._index >= 0:
            del self._steps[self._index + 1 :]
            self._steps[self._index] = before
        else:
            self._steps.append(before)
        if after != self._steps[-1]:
            self._steps.append(after)
        if len(self._steps) > self._limit:
            del self._steps[: len(self._steps) - self._limit]
        self._index = len(self._steps) - 1

    def back(self, current: Step) -> Step | None:
        """Return the step before, remembering ``current`` so that forward returns to it."""
        if not self.can_go_back:
            return None
        self._steps[self._index] = current
        self._index -= 1
        return self._steps[self._index]

    def forward(self, current: Step) -> Step | None:
        """Return the step after, remembering ``current`` so that back returns to it."""
        if not self.can_go_forward:
            return None
        self._steps[self._index] = current
        self._index += 1
        return self._steps[self._index]
