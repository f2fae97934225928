"""The library's handle on its index: opened on first use (the window paints first), with the
extractor's version so that a new extractor, model or user gazetteer refreshes what it must."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from reader.index import INDEX_FILE, IndexDamage, LibraryIndex
from reader.store.atomic import PRIVATE_FILE, private_dir

# Set to "off" to read without the spaCy model (gazetteer and rules only; fast, reduced recall).
MODEL_ENV_VAR = "READER_EXTRACT_MODEL"


def model_wanted() -> bool:
    """Tell whether extraction should use the spaCy model (``READER_EXTRACT_MODEL``)."""
    return os.environ.get(MODEL_ENV_VAR, "").lower() not in ("0", "off", "no")


VERSION_FILE = "extraction-version.json"  # in the cache folder (reader/store/stat_cache.py)


def extraction_version(gazetteers: list[Path], cache: Path | None = None) -> str:
    """Return the key of what extraction produces: the extractor's version, the model's installed
    package (read from its metadata, without loading it) and the gazetteers' contents; with
    ``cache``, kept there for the files' stamps (and, with the model, those of the folders
    packages are installed in: installing or upgrading one changes its folder's time)."""
    if cache is None:
        return _extraction_version(gazetteers)
    from reader.extract.model import EXTRACTOR_VERSION
    from reader.store.stat_cache import cached_by_stats, stats_key

    extra = f"{EXTRACTOR_VERSION} rules"  # the constant too: its file's stamp may not move
    if model_wanted():
        folders = [Path(p) for p in sys.path if p and os.path.isdir(p)]
        extra = f"{EXTRACTOR_VERSION} model {stats_key(folders)!r}"
    return cached_by_stats(
        cache / VERSION_FILE,
        [*gazetteers, *_rule_files()],
        extra,
        lambda: _extraction_version(gazetteers),
    )


def _extraction_version(gazetteers: list[Path]) -> str:
    import hashlib

    from reader.extract.model import EXTRACTOR_VERSION, MODEL_NAME

    model = "rules"
    if model_wanted():
        from importlib import metadata  # only then: importing it costs a command ~0.05 s

        try:
            name = MODEL_NAME.replace("_", "-")
            model = f"{name}-{metadata.version(name)}+spacy-{metadata.version('spacy')}"
        except metadata.PackageNotFoundError:
            model = "rules"
    digest = hashlib.sha256()
    for path in gazetteers:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return (
        f"{EXTRACTOR_VERSION}/{model}/gazetteer-{digest.hexdigest()[:12]}/rules-{rules_digest()}"
    )


def rules_digest() -> str:
    """Return a digest of the extraction rules: their code and word lists.

    A new release that changes a rule re-resolves every document from the cached model spans
    (cheap; the model does not run again), so nobody reads results of the rules they replaced.
    """
    return files_digest(_rule_files())


def _rule_files() -> list[Path]:
    """Return the extraction rules' files: their code and word lists."""
    from reader.corpus.locate import resources_dir

    code = Path(__file__).parents[1] / "extract"  # reader/extract, not imported for this
    lexicons = resources_dir() / "lexicons"
    return [*sorted(code.glob("*.py")), *sorted(lexicons.glob("*.toml"))]


def files_digest(paths: list[Path]) -> str:
    """Return a short digest of files' names and contents (a missing file counts as such)."""
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:12]


class IndexHandle:
    """Opens the index on first use, from any thread; follows the extractor's version."""

    def __init__(self, folder: Path, damaged_dir: Path, version: Callable[[], str]) -> None:
        self._path = folder / INDEX_FILE
        self._damaged = damaged_dir
        self._version = version
        self._index: LibraryIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> LibraryIndex:
        """Return the index, opened (and created or rebuilt) if needed."""
        with self._lock:
            if self._index is None:
                # The data folder is the user's alone: the index's folder 0700 and its file
                # 0600 before SQLite opens it (its -wal and -shm files take the file's mode).
                private_dir(self._path.parent)
                if not self._path.exists():
                    os.close(os.open(self._path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
                self._index = LibraryIndex(self._path, self._damaged, self._version())
            return self._index

    def refresh_version(self) -> bool:
        """Take the extractor's version again (the gazetteer changed); return whether stored
        results were dropped."""
        with self._lock:
            index = self._index
        return False if index is None else index.set_extractor_version(self._version())

    def use_version(self, version: str) -> None:
        """Store results under another version from now on (the model did not load)."""
        self.get().set_extractor_version(version)

    @property
    def damages(self) -> list[IndexDamage]:
        return [] if self._index is None else self._index.damages

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
