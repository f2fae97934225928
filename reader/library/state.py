"""The user's settings kept in the data folder: the window's state and the colours' labels."""

from __future__ import annotations

from reader.core import highlight as hl
from reader.core.changes import Changes
from reader.core.highlight import ColorLabel
from reader.library.changes import ChangeFeed
from reader.library.errors import refusals
from reader.store.jsonfile import Damage
from reader.store.palette import PaletteStore
from reader.store.window_state import WindowState, WindowStateStore


class State:
    """The window's saved layout and the highlight palette's labels."""

    def __init__(
        self, palette: PaletteStore, window: WindowStateStore, changes: ChangeFeed
    ) -> None:
        self._palette = palette
        self._window = window
        self._changes = changes

    # -- window ----------------------------------------------------------------------------
    def window(self) -> WindowState:
        """Return the window's saved layout and positions (defaults when none is saved)."""
        return self._window.load()

    def save_window(self, state: WindowState) -> None:
        """Keep the window's layout and positions for the next start."""
        self._window.save(state)

    # -- palette ---------------------------------------------------------------------------
    def palette(self) -> list[ColorLabel]:
        """Return the highlight colours in order, each with the user's label."""
        return self._palette.colors()

    def set_color_label(self, color: str, label: str | None) -> list[ColorLabel]:
        """Label a colour with what it means (blank removes the label); return the palette."""
        with refusals():
            self._palette.set_label(hl.check_color(color), label)
        self._changes.publish(Changes(palette=True))
        return self.palette()

    def color_label(self, color: str) -> str | None:
        """Return the user's label of a colour, or ``None``."""
        return self._palette.label(color)

    @property
    def damages(self) -> list[Damage]:
        """Files of this part found damaged and moved aside."""
        return [*self._palette.damages, *self._window.damages]
