"""The packaging tells the truth: the floors CI proves are the floors pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(name: str) -> str:
    """Return a distribution name as the package index compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _version_key(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _declared_floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    floors = {}
    for spec in specs:
        found = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", spec)
        assert found, f"no floor: {spec}"
        floors[_name(found[1])] = found[2]
    return floors


def test_the_pinned_floors_are_the_declared_floors() -> None:
    declared = _declared_floors()
    pinned = {}
    for line in (ROOT / ".ci" / "floors.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pinned[_name(name.strip())] = version.strip()
    # Every runtime dependency is pinned at its floor; of the test tools, those the tests use.
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    for spec in runtime["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", spec)
        assert name and _name(name[0]) in pinned, f"{spec} is not pinned in floors.txt"
    for name, version in pinned.items():
        assert name in declared, f"{name} is pinned but not declared"
        assert _version_key(version) == _version_key(declared[name]), name
