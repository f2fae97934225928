"""Shared test set-up: offscreen Qt, and a data folder in tmp_path for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data folder at a fresh tmp folder, so no test touches a user's files."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def corpus_dir() -> Path:
    """The bundled corpus folder (read-only)."""
    return CORPUS
