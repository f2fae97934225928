"""Shared test set-up: offscreen Qt, and a data folder in tmp_path for every test."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture
def corpus(corpus_dir: Path, tmp_path: Path) -> Path:
    """A copy of the bundled corpus that a test may change."""
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    return folder


@pytest.fixture
def reads_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The corpus documents read in this process (a child process's reads are its own)."""
    from reader.core.model import Document, DocumentMeta
    from reader.library.sources import CorpusSource

    read: list[str] = []
    load = CorpusSource.load

    def counted(self: CorpusSource, meta: DocumentMeta) -> Document:
        read.append(meta.id)
        return load(self, meta)

    monkeypatch.setattr(CorpusSource, "load", counted)
    return read
