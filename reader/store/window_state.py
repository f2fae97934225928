"""The window's state between runs: ``state/window.json`` in the data folder.

Layout, the open documents and their positions (offsets into each document's text, never pixels),
the active pane and the text zoom. Written atomically; a damaged file is moved aside and the
window starts with its defaults.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reader.store.jsonfile import Damage, read_versioned, write_versioned

SCHEMA = 1
FILE_NAME = "window.json"
MAX_PANES = 4


@dataclass(frozen=True)
class PaneState:
    """One reading pane: its document (``None`` when empty), offset, and whether chrome shows."""

    doc_id: str | None = None
    offset: int = 0
    show_chrome: bool = False


@dataclass(frozen=True)
class WindowState:
    """Everything the window restores at the next start."""

    panes: tuple[PaneState, ...] = ()
    active_pane: int = 0
    pane_sizes: tuple[int, ...] = ()
    geometry: tuple[int, int, int, int] | None = None
    maximized: bool = False
    zoom: int = 0
    # Qt's own dock layout (base64), opaque to the core.
    dock_layout: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _pane(raw: Any) -> PaneState | None:
    if not isinstance(raw, dict):
        return None
    doc_id = raw.get("doc_id")
    return PaneState(
        doc_id=doc_id if isinstance(doc_id, str) and doc_id else None,
        offset=max(0, _int(raw.get("offset"))),
        show_chrome=raw.get("show_chrome") is True,
    )


def _geometry(raw: Any) -> tuple[int, int, int, int] | None:
    if isinstance(raw, list) and len(raw) == 4 and all(isinstance(v, int) for v in raw):
        return (raw[0], raw[1], raw[2], raw[3])
    return None


def state_from_dict(data: dict[str, Any]) -> WindowState:
    """Return the state a JSON object describes; values of the wrong type fall back to defaults."""
    raw_panes = data.get("panes") if isinstance(data.get("panes"), list) else []
    panes = tuple(p for p in (_pane(r) for r in raw_panes or []) if p is not None)[:MAX_PANES]
    raw_sizes = data.get("pane_sizes")
    sizes = tuple(_int(s) for s in raw_sizes) if isinstance(raw_sizes, list) else ()
    dock = data.get("dock_layout")
    extra = data.get("extra")
    return WindowState(
        panes=panes,
        active_pane=min(max(0, _int(data.get("active_pane"))), max(0, len(panes) - 1)),
        pane_sizes=sizes[:MAX_PANES],
        geometry=_geometry(data.get("geometry")),
        maximized=data.get("maximized") is True,
        zoom=max(-8, min(20, _int(data.get("zoom")))),
        dock_layout=dock if isinstance(dock, str) else None,
        extra=extra if isinstance(extra, dict) else {},
    )


def state_to_dict(state: WindowState) -> dict[str, Any]:
    """Return the JSON object for a state."""
    data = asdict(state)
    data["panes"] = [asdict(p) for p in state.panes]
    data["pane_sizes"] = list(state.pane_sizes)
    data["geometry"] = list(state.geometry) if state.geometry else None
    return data


class WindowStateStore:
    """Reads and writes ``state/window.json``."""

    def __init__(self, state_dir: Path, damaged_dir: Path) -> None:
        self.path = state_dir / FILE_NAME
        self._damaged_dir = damaged_dir
        self.damages: list[Damage] = []

    def load(self) -> WindowState:
        """Return the saved state, or the defaults when there is none or it is damaged."""
        data, damage = read_versioned(self.path, SCHEMA, self._damaged_dir)
        if damage is not None:
            self.damages.append(damage)
        return state_from_dict(data) if data is not None else WindowState()

    def save(self, state: WindowState) -> None:
        """Write the state atomically."""
        write_versioned(self.path, SCHEMA, state_to_dict(state))
