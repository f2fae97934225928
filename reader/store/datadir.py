"""Where the user's data folder is, and what lives in it (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from reader.store.atomic import private_dir

ENV_VAR = "READER_DATA_DIR"
APP_NAME = "reference-reader"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None, create: bool = True) -> Path:
    """Return the data folder: ``explicit``, else ``$READER_DATA_DIR``, else the platform's.

    The folder is created if missing (unless ``create`` is false: only to name it), private to
    the user (``0700``). An existing data folder of ours that others can read is made private
    too; a folder that is not ours is left alone.
    """
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    if not create:
        return path
    if path.exists() and not path.is_dir():
        raise DataDirError(f"the data folder {path} is not a folder")
    try:
        private_dir(path)
        _tighten(path)
    except OSError as exc:
        raise DataDirError(f"cannot create the data folder {path}: {exc.strerror or exc}") from None
    return path


class DataDirError(ValueError):
    """The data folder cannot be used; the message is meant for the user."""


_OURS = ("highlights", "palette.json", "changes.jsonl", "lock", "overrides", "state")


def _tighten(path: Path) -> None:
    """Take group and other permissions off a data folder of ours created before 0700."""
    st = path.stat()
    ours = getattr(os, "getuid", lambda: st.st_uid)() == st.st_uid
    if not (st.st_mode & 0o077 and ours and not st.st_mode & stat.S_ISVTX):
        return
    if not any(path.iterdir()) or any((path / n).exists() for n in _OURS):
        os.chmod(path, 0o700)


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
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock(self) -> Path:
        return self.root / "lock"
