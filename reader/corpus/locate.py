"""Find the folders that ship with the package: ``resources/`` and ``corpus/``.

In the repository they sit at the top level, beside ``reader/``. A wheel carries them inside the
package as ``reader/_data/<name>`` (``setup.py`` maps them), found through importlib.resources;
a checkout and an editable install, which have no ``reader/_data``, read them where they are.
"""

from __future__ import annotations

from pathlib import Path

DATA_PACKAGE = "reader"
DATA_FOLDER = "_data"


def project_root() -> Path:
    """Return the checkout's folder that holds ``reader/``, ``resources/`` and ``corpus/``."""
    return Path(__file__).resolve().parents[2]


def package_dir() -> Path:
    """Return the folder of the ``reader`` package (``DATA_PACKAGE``) itself."""
    return Path(__file__).resolve().parents[1]


def shipped_dir(name: str) -> Path:
    """Return the folder ``name`` (``corpus`` or ``resources``) that ships with the program."""
    # An installed wheel is unpacked on disk, so the resource is a real folder beside this
    # package's modules (the program reads the corpus by path; a zipped install is not
    # supported): found from this file, as importlib.resources would, without importing it
    # (and tempfile with it) at every start.
    packaged = package_dir() / DATA_FOLDER / name
    if packaged.is_dir():
        return packaged
    return project_root() / name


def resources_dir() -> Path:
    """Return the bundled ``resources/`` folder (gazetteer, icons, stylesheets)."""
    return shipped_dir("resources")


def bundled_corpus_dir() -> Path:
    """Return the bundled ``corpus/`` folder."""
    return shipped_dir("corpus")
