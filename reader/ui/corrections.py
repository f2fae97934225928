"""The corrections of actors in the window: one context menu for the overview and the actors
pane, each correction run on a worker (it re-resolves the documents it touches), the outcome
said in the status bar. The questions a correction asks (a name, an actor to merge into, an
alias) go through ``ask_text`` and ``ask_item``, which tests replace."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from reader.core.actors import ACTOR_KINDS
from reader.library import LibraryError
from reader.ui.context import WindowContext
from reader.ui.models.actor_overview_model import OverviewRow

STATUS_MS = 8000


@dataclass(frozen=True)
class Target:
    """The actor a menu corrects; ``passage`` ("doc:index") when shown for one passage."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    passage: str | None = None


def _ask_text(parent: QWidget, title: str, label: str, value: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=value)
    return text.strip() if ok and text.strip() else None


def _ask_item(parent: QWidget, title: str, label: str, items: list[str]) -> str | None:
    item, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return item if ok and item else None


class CorrectionCommands(QObject):
    """Builds the menu of corrections for an actor and runs what the user picks."""

    def __init__(self, window: WindowContext, lane: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.lane = lane
        self.ask_text: Callable[[QWidget, str, str, str], str | None] = _ask_text
        self.ask_item: Callable[[QWidget, str, str, list[str]], str | None] = _ask_item
        self.last_message = ""

    def menu(self, target: Target, everyone: Sequence[OverviewRow]) -> QMenu:
        """Return the context menu of corrections of ``target``."""
        menu = QMenu(self.window.host)
        menu.setObjectName("actorCorrections")
        add = menu.addAction
        add("&Rename…").triggered.connect(lambda: self.rename(target))
        add("&Merge into…").triggered.connect(lambda: self.merge(target, everyone))
        split = add("&Split alias off…")
        split.setEnabled(bool(target.aliases))
        split.triggered.connect(lambda: self.split(target))
        add("Add &alias…").triggered.connect(lambda: self.alias(target))
        kinds = menu.addMenu("Change &kind")
        for kind in ACTOR_KINDS:
            action = kinds.addAction(kind)
            action.setCheckable(True)
            action.setChecked(kind == target.kind)
            action.setEnabled(kind != target.kind)
            action.triggered.connect(partial(self.change_kind, target, kind))
        menu.addSeparator()
        add("&Not an actor (everywhere)").triggered.connect(lambda: self.reject(target))
        if target.passage is not None:
            here = add("Not an actor in &this passage")
            here.triggered.connect(lambda: self.reject(target, target.passage))
        return menu

    # -- each correction -----------------------------------------------------------------------
    def rename(self, target: Target) -> None:
        label = f"New name of {target.name}:"
        name = self.ask_text(self.window.host, "Rename actor", label, target.name)
        if name is not None and name != target.name:
            self._run(lambda r: r.rename(target.id, name))

    def merge(self, target: Target, everyone: Sequence[OverviewRow]) -> None:
        others = {f"{a.name} ({a.kind}) — {a.id}": a.id for a in everyone if a.id != target.id}
        label = f"Merge {target.name} into:"
        chosen = self.ask_item(self.window.host, "Merge actor", label, sorted(others))
        if chosen is not None and chosen in others:
            into = others[chosen]
            self._run(lambda r: r.merge(target.id, into))

    def split(self, target: Target) -> None:
        label = f"Make these mentions of {target.name} an actor of their own:"
        alias = self.ask_item(self.window.host, "Split alias off", label, list(target.aliases))
        if alias is not None:
            self._run(lambda r: r.split(target.id, alias))

    def alias(self, target: Target) -> None:
        label = f"Mentions worded so are {target.name}:"
        alias = self.ask_text(self.window.host, "Add alias", label, "")
        if alias is not None:
            self._run(lambda r: r.add_alias(target.id, alias))

    def change_kind(self, target: Target, kind: str, _checked: bool = False) -> None:
        self._run(lambda r: r.change_kind(target.id, kind))

    def reject(self, target: Target, passage: str | None = None) -> None:
        self._run(lambda r: r.reject(target.id, passage))

    def undo(self) -> None:
        """Take the last correction back (Edit › Undo correction)."""
        self._run(lambda r: r.undo())

    # -- running -------------------------------------------------------------------------------
    def _run(self, work: Callable[[Any], Any]) -> None:
        registry = self.window.library.registry
        self.window.statusBar().showMessage("Correcting the library's actors…")
        self.window.tasks.run(self.lane, lambda: work(registry), self._on_done, self._on_failed)

    def _on_done(self, result: Any) -> None:
        if result is None:
            self._say("Nothing to undo: no corrections of actors were made")
            return
        verb = "Undid" if result.undone else "Done"
        count = len(result.documents)
        self._say(f"{verb}: {result.correction.describe()} ({count} document(s) changed)")

    def _on_failed(self, exc: Exception) -> None:
        if not isinstance(exc, LibraryError):
            self.window.tasks.report_failure("Correcting an actor failed", exc)
        self._say(f"Not corrected: {exc}")

    def _say(self, message: str) -> None:
        self.last_message = message
        self.window.statusBar().showMessage(message, STATUS_MS)
