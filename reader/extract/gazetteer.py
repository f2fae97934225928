"""The gazetteer: canonical names, kinds and aliases of actors, bundled and the user's own.

The bundled file (``resources/gazetteer.toml``) is read-only; a user's additions live in
``gazetteer.user.toml`` in the data folder, same format, and take precedence. Matching is
case-sensitive ("US" is not "us") and prefers the longest alias at each position.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.core.actors import Actor, ActorKind, is_actor_kind

Source = Literal["bundled", "user"]
Role = Literal["name", "capital", "seat", "demonym"]
SCHEMA = 1

_LEADING_THE = re.compile(r"^(?:the|The)\s+")


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One actor of the gazetteer with every name it goes by."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    state: str | None = None
    # Seats of government ("the Kremlin", "the White House"): the state wherever they stand for
    # it, never a place; as a mere location ("in the Kremlin") nobody.
    seats: tuple[str, ...] = ()
    source: Source = "bundled"

    @property
    def actor(self) -> Actor:
        return Actor.named(self.name, self.kind)


@dataclass(frozen=True)
class GazetteerHit:
    """A gazetteer surface form found in a text, ``text[start:end]``."""

    start: int
    end: int
    entry: GazetteerEntry
    role: Role
    form: str  # the form as the gazetteer lists it ("Kabul" for "KABUL")


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: expected a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _entry(raw: object, where: str, source: Source) -> GazetteerEntry:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected a table")
    name, kind, state = raw.get("name"), raw.get("kind"), raw.get("state")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where}: 'name' is missing")
    if not isinstance(kind, str) or not is_actor_kind(kind):
        raise GazetteerError(f"{where} ({name}): 'kind' must be person, state, organization, …")
    if state is not None and not isinstance(state, str):
        raise GazetteerError(f"{where} ({name}): 'state' must be a string")
    return GazetteerEntry(
        name=name.strip(),
        kind=kind,  # type: ignore[arg-type]  # checked by is_actor_kind
        aliases=_strings(raw.get("aliases"), where),
        capitals=_strings(raw.get("capitals"), where),
        demonyms=_strings(raw.get("demonyms"), where),
        state=state,
        seats=_strings(raw.get("seats"), where),
        source=source,
    )


def parse_gazetteer(text: str, source: Source, label: str = "gazetteer") -> list[GazetteerEntry]:
    """Return the entries of a gazetteer file's text; raise GazetteerError if it is not valid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"{label}: not valid TOML ({exc})") from None
    actors = data.get("actor", [])
    if not isinstance(actors, list):
        raise GazetteerError(f"{label}: 'actor' must be an array of tables")
    return [_entry(raw, f"{label}, actor {i + 1}", source) for i, raw in enumerate(actors)]


def render_gazetteer(entries: Iterable[GazetteerEntry], header: str = "") -> str:
    """Return a gazetteer file's text for ``entries`` (the inverse of ``parse_gazetteer``)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ["", f"schema = {SCHEMA}", ""]
    for e in entries:
        lines += ["[[actor]]", f"name = {_q(e.name)}", f"kind = {_q(e.kind)}"]
        lines.append(f"aliases = [{', '.join(_q(a) for a in e.aliases)}]")
        if e.capitals:
            lines.append(f"capitals = [{', '.join(_q(c) for c in e.capitals)}]")
        if e.demonyms:
            lines.append(f"demonyms = [{', '.join(_q(d) for d in e.demonyms)}]")
        if e.seats:
            lines.append(f"seats = [{', '.join(_q(d) for d in e.seats)}]")
        if e.state:
            lines.append(f"state = {_q(e.state)}")
        lines.append("")
    return "\n".join(lines)


def _q(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _surface_forms(entry: GazetteerEntry) -> Iterable[tuple[str, Role]]:
    for form in (entry.name, *entry.aliases):
        yield _LEADING_THE.sub("", form), "name"
    for form in entry.capitals:
        yield _LEADING_THE.sub("", form), "capital"
    for form in entry.seats:
        yield _LEADING_THE.sub("", form), "seat"
    for form in entry.demonyms:
        yield form, "demonym"


@dataclass
class Gazetteer:
    """Every entry, user entries first, with a matcher over all their surface forms."""

    entries: Sequence[GazetteerEntry]
    _forms: dict[str, tuple[GazetteerEntry, Role]] = field(init=False, repr=False)
    _listed: dict[str, str] = field(init=False, repr=False)
    _by_name: dict[str, GazetteerEntry] = field(init=False, repr=False)
    _pattern: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._forms = {}
        self._listed = {}
        self._by_name = {}
        # User entries come first, so the first claim of a surface form or name wins.
        ordered = sorted(self.entries, key=lambda e: e.source != "user")
        for entry in ordered:
            self._by_name.setdefault(entry.name.casefold(), entry)
            for form, role in _surface_forms(entry):
                for variant in _case_variants(form, role):
                    self._forms.setdefault(variant, (entry, role))
                    self._listed.setdefault(variant, form)
        # Not before "$": "US$409 million" is a currency, not the state.
        self._pattern = (
            re.compile(r"(?<![\w@#/])" + forms_pattern(self._forms) + r"(?![\w@$])")
            if self._forms
            else None
        )

    def find(self, text: str) -> list[GazetteerHit]:
        """Return every surface form found in ``text``, longest first at each position."""
        if self._pattern is None:
            return []
        hits = []
        for m in self._pattern.finditer(text):
            entry, role = self._forms[m.group(0)]
            hits.append(GazetteerHit(m.start(), m.end(), entry, role, self._listed[m.group(0)]))
        return hits

    def lookup(self, name: str) -> GazetteerEntry | None:
        """Return the entry whose canonical name (or surface form) is ``name``."""
        found = self._by_name.get(name.casefold())
        if found is None:
            form = self._forms.get(_LEADING_THE.sub("", name))
            found = form[0] if form and form[1] == "name" else None
        return found

    def surface(self, form: str) -> tuple[GazetteerEntry, Role] | None:
        """Return the entry and role of an exact surface form ("Afghan" → Afghanistan, demonym)."""
        return self._forms.get(_LEADING_THE.sub("", form))

    def states(self) -> list[GazetteerEntry]:
        """Return the entries of kind state."""
        return [e for e in self.entries if e.kind == "state"]


def forms_pattern(forms: Iterable[str]) -> str:
    """Return a regular expression matching any of the forms, the longest first at each place.

    The forms share their beginnings as a tree ("Kabul", "Kabul Province" give
    ``Kabul(?: Province)?``): at each character the matcher follows one branch instead of
    trying two thousand alternatives in turn (15× faster over the bundled gazetteer). Longer
    continuations are tried before a form ends, so what matches is what the alternatives
    ordered longest first would match, and a failed condition after it backtracks to the next
    shorter form."""
    tree: dict[str, dict[str, Any]] = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here
    return _branches(tree)


def _branches(node: dict[str, dict[str, Any]]) -> str:
    parts = [re.escape(char) + _branches(rest) for char, rest in sorted(node.items()) if char]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


def _case_variants(form: str, role: Role) -> tuple[str, ...]:
    # "de facto authorities" also matches at the start of a sentence; "KABUL" in a dateline and
    # "TALIBAN" in a shouted headline match too (not short forms, which may be acronyms).
    variants = [form]
    if form[:1].islower():
        variants.append(form[:1].upper() + form[1:])
    if role != "demonym" and len(form) >= 4 and form.upper() != form:
        variants.append(form.upper())
    return tuple(variants)


def load_gazetteer(bundled: Path, user: Path | None) -> tuple[Gazetteer, list[str]]:
    """Read the bundled and the user's gazetteer; return it and messages about unreadable files.

    A missing or damaged user file never stops extraction: its problem is reported instead.
    """
    entries, problems = read_entries(bundled, user)
    return Gazetteer(entries), problems


def read_entries(bundled: Path, user: Path | None) -> tuple[list[GazetteerEntry], list[str]]:
    """Return the entries of the user's and the bundled gazetteer, and messages about
    unreadable files (without building the matcher: a listing only reports problems)."""
    problems: list[str] = []
    entries: list[GazetteerEntry] = []
    if user is not None and user.is_file():
        try:
            entries += parse_gazetteer(user.read_text(encoding="utf-8"), "user", str(user))
        except (GazetteerError, OSError, UnicodeDecodeError) as exc:
            problems.append(f"your gazetteer was not read: {exc}")
    try:
        entries += parse_gazetteer(bundled.read_text(encoding="utf-8"), "bundled", str(bundled))
    except (GazetteerError, OSError, UnicodeDecodeError) as exc:
        problems.append(f"the bundled gazetteer was not read: {exc}")
    return entries, problems
