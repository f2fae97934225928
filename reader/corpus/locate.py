"""Find the folders that ship beside the package: ``resources/`` and ``corpus/``."""

from __future__ import annotations

from pathlib import Path


def project_root() -> Path:
    """Return the folder that holds ``reader/``, ``resources/`` and ``corpus/``."""
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """Return the bundled ``resources/`` folder (gazetteer, icons, stylesheets)."""
    return project_root() / "resources"


def bundled_corpus_dir() -> Path:
    """Return the bundled ``corpus/`` folder."""
    return project_root() / "corpus"
