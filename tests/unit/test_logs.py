"""The program's log: nothing written by a quiet command, records in the file, rotation."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.store import logs


@pytest.fixture
def stop_logging() -> Iterator[None]:
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "reference-reader-file"]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.usefixtures("stop_logging")
def test_the_log_is_made_at_its_first_record_and_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 400)
    path = logs.start_logging(tmp_path / "logs")
    assert logs.log_path() == path and not path.exists()  # a quiet command writes nothing
    log = logging.getLogger("reader.test")
    log.info("first record")
    assert "INFO" in path.read_text("utf-8") and "reader.test: first record" in path.read_text()
    for n in range(20):
        log.warning("record %d %s", n, "x" * 40)
    assert (tmp_path / "logs" / "reader.log.1").exists()  # rotated at MAX_BYTES
    assert not (tmp_path / "logs" / "reader.log.4").exists()  # BACKUPS kept
    again = logs.start_logging(tmp_path / "elsewhere")  # moves the log
    assert logs.log_path() == again
    log.error("moved")
    assert "moved" in again.read_text("utf-8") and "moved" not in path.read_text("utf-8")


def test_starting_the_log_does_not_load_the_rotating_handler_module() -> None:
    import subprocess

    code = (
        "import sys, pathlib, tempfile; from reader.store import logs; "
        "logs.start_logging(pathlib.Path(tempfile.mkdtemp())); "
        "print('logging.handlers' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
