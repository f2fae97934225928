"""What the user says each colour of the palette means: ``palette.json`` in the data folder."""

from __future__ import annotations

from pathlib import Path

from reader.core.highlight import PALETTE, ColorLabel
from reader.store.jsonfile import Damage, read_versioned, write_versioned
from reader.store.lock import file_lock

SCHEMA = 1


class PaletteStore:
    """``palette.json`` = ``{"labels": {"yellow": "claim", ...}}``; missing = no label."""

    def __init__(self, path: Path, lock_path: Path, damaged_dir: Path) -> None:
        self._path = path
        self._lock = lock_path
        self._damaged = damaged_dir
        self.damages: list[Damage] = []

    def _labels(self) -> dict[str, str]:
        data, damage = read_versioned(self._path, SCHEMA, self._damaged)
        if damage is not None:
            self.damages.append(damage)
        labels = (data or {}).get("labels", {})
        if not isinstance(labels, dict):
            return {}
        return {k: v for k, v in labels.items() if k in PALETTE and isinstance(v, str) and v}

    def colors(self) -> list[ColorLabel]:
        """Return the palette in order, each colour with its label."""
        labels = self._labels()
        return [ColorLabel(color, hex_, labels.get(color)) for color, hex_ in PALETTE.items()]

    def label(self, color: str) -> str | None:
        """Return the label of one colour (``None`` = none)."""
        return self._labels().get(color)

    def set_label(self, color: str, label: str | None) -> None:
        """Label a colour (``None`` or blank removes its label)."""
        with file_lock(self._lock):
            labels = self._labels()
            clean = " ".join((label or "").split())
            if clean:
                labels[color] = clean
            else:
                labels.pop(color, None)
            write_versioned(self._path, SCHEMA, {"labels": labels})
