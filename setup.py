"""Ship the top-level ``corpus/`` and ``resources/`` folders inside the package.

Everything else is in pyproject.toml. In a wheel they become ``reader/_data/corpus`` and
``reader/_data/resources``, found through importlib.resources (``reader/corpus/locate.py``); a
checkout or an editable install reads them where they are.
"""

from setuptools import find_packages, setup

DATA = {"reader._data.corpus": "corpus", "reader._data.resources": "resources"}

setup(
    packages=[*find_packages(include=["reader*"]), *DATA],
    package_dir=DATA,
    package_data={name: ["*", "**/*"] for name in DATA},  # resources/lexicons/ too
)
