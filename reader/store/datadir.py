"""Where the user's data folder is, and what lives in it (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "READER_DATA_DIR"
APP_NAME = "reference-reader"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: ``explicit``, else ``$READER_DATA_DIR``, else the platform's.

    The folder is created if missing.
    """
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class DataDir:
    """The layout of a data folder: one owner per path."""

    root: Path

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def library(self) -> Path:
        return self.root / "library"

    @property
    def highlights(self) -> Path:
        return self.root / "highlights"

    @property
    def actors(self) -> Path:
        return self.root / "actors"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def damaged(self) -> Path:
        return self.root / "damaged"

    @property
    def palette(self) -> Path:
        return self.root / "palette.json"

    @property
    def journal(self) -> Path:
        return self.root / "changes.jsonl"

    @property
    def lock(self) -> Path:
        return self.root / "lock"
