"""The program's log: a rotating file in the data folder (``logs/reader.log``).

Configured once at start by the command line and the window (``start_logging``), so that every
failure, handled or not, leaves its traceback somewhere a user can send.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE = "reader.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"
_HANDLER_NAME = "reference-reader-file"


def start_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send the program's log records to ``folder/reader.log`` (rotated at 1 MB, 3 kept);
    return the file's path. Calling it again moves the log (the old file is closed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    handler = _FileOnFirstRecord(path)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    # The reader's own records at INFO; other libraries keep the root's WARNING.
    logging.getLogger("reader").setLevel(level)
    return path


def log_path() -> Path | None:
    """Return the file the log goes to, if logging was started."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, _FileOnFirstRecord):
            return handler.path
    return None


class _FileOnFirstRecord(logging.Handler):
    """A rotating file handler made at the first record: most commands log nothing, and
    ``logging.handlers`` (with the socket and pickle modules it imports) is not worth loading
    at every start."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            # delay=True: the file is opened at its first record, as before; a failure to open
            # it is handled as the logging module handles any emit's (handleError).
            self._file = RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()
