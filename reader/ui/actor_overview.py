"""The actors overview (View › All actors) and the corrections of actors in the window.

A dock with every actor of the library in a sortable, filterable table; activating a row lists
its passages in the actors pane (the pane's own path: its filter, its results). Corrections
(rename, merge into…, split alias, add alias, change kind, not an actor) come from the
overview's and the actors pane's context menus and run on a lane of their own; Edit › Undo
correction takes the last one back. Views follow the change record each correction publishes
(``Changes.registry``), whether it was made here or on the command line.

``install_actor_overview(window, actors)`` is the one call (from ``reader.ui.app``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.actors import Actor, ActorId, ActorKind
from reader.library import Changes, Library
from reader.ui.actions import dock_action
from reader.ui.actors_feature import ActorsFeature
from reader.ui.context import WindowContext
from reader.ui.corrections import CorrectionCommands, Target
from reader.ui.models.actor_overview_model import (
    ActorOverviewModel,
    ActorOverviewProxy,
    OverviewRow,
)
from reader.ui.models.actors_model import ActorsModel

LANE = "registry"  # corrections and the overview's reads: never behind extraction
LOAD_KEY = "actor-overview"
REFRESH_DELAY_MS = 150  # changes arrive in bursts (a batch of documents): read once
STATE_KEY = "actor_overview"


def overview_rows(library: Library) -> list[OverviewRow]:
    """Read the overview's rows (on a worker: the index, every actor's words)."""
    registry = library.registry
    return [
        OverviewRow(
            s.actor.id,
            s.actor.name,
            s.actor.kind,
            tuple(registry.aliases(s)),
            s.passages,
            s.documents,
            s.first_date,
            s.last_date,
        )
        for s in registry.overview(extract=False)
    ]


class ActorOverview(QWidget):
    """A filter box over the table of every actor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actorOverview")
        self.model = ActorOverviewModel(self)
        self.proxy = ActorOverviewProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("actorOverviewFilter")
        self.filter.setPlaceholderText("Filter actors by name, alias or kind")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.summary = QLabel("Reading the library…", self)
        self.table = QTableView(self)
        self.table.setObjectName("actorOverviewTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ActorOverviewModel.PASSAGES, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        # Compact rows: a survey of hundreds of actors, not a form.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActorOverviewModel.ALIASES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 220), (1, 90), (3, 75), (4, 85), (5, 95), (6, 95)):
            self.table.setColumnWidth(column, width)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)
        self.filter.textChanged.connect(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QVBoxLayout()
        top.addWidget(self.filter)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)

    def set_rows(self, rows: list[OverviewRow]) -> None:
        """Show these actors, keeping the selected one selected."""
        selected = self.selected_id()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected)

    def _count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        words = f"{total} actors" if shown == total else f"{shown} of {total} actors"
        self.summary.setText(words + " — right-click an actor to correct it")

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ActorOverviewModel.IdRole) if index.isValid() else None

    def select(self, actor_id: str) -> bool:
        row = self.model.row_of(actor_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        return index.isValid()

    def row_at(self, index: QModelIndex) -> OverviewRow | None:
        if not index.isValid():
            return None
        row = self.proxy.mapToSource(index).row()
        rows = self.model.rows()
        return rows[row] if 0 <= row < len(rows) else None


class ActorOverviewFeature(QObject):
    """The overview dock, the context menus of corrections, and Edit › Undo correction."""

    def __init__(self, window: WindowContext, actors: ActorsFeature) -> None:
        super().__init__(window.host)
        self.window = window
        self.actors = actors
        window.tasks.add_lane(LANE)
        self.view = ActorOverview(window.host)
        self.dock = window.add_dock(
            "All actors", self.view, "actorOverviewDock", Qt.DockWidgetArea.BottomDockWidgetArea
        )
        if not window.extra_state.get(STATE_KEY, {}).get("open", False):
            self.dock.hide()  # the reader's space, until the user asks for the survey
        self.commands = CorrectionCommands(window, LANE, self)
        # How a context menu is shown (a test takes the menu instead of a modal loop).
        self.show_menu: Callable[[QMenu, QPoint], object] = lambda menu, at: menu.exec(at)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self._stale = True
        self._sized = bool(window.library.state.window().dock_layout)  # a saved layout rules
        self._add_actions()
        self.view.table.activated.connect(self._on_activated)
        self.view.table.doubleClicked.connect(self._on_activated)
        self.view.table.customContextMenuRequested.connect(self._on_overview_menu)
        tree = actors.pane.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._on_pane_menu)
        self.dock.visibilityChanged.connect(self._on_visibility_changed)
        window.changes.changed.connect(self._on_changed)
        actors.controller.finished.connect(self._schedule)
        if not self.dock.isHidden():
            self._schedule()

    def _add_actions(self) -> None:
        self.toggle_action = dock_action(self.dock, "&All actors", "Ctrl+Shift+O", self.view.filter)
        self.window.add_action("&View", self.toggle_action)
        self.undo_action = QAction("Undo &correction of actors", self.window.host)
        self.undo_action.triggered.connect(self.commands.undo)
        self.window.add_action("&Edit", self.undo_action)

    # -- loading (off the UI thread) --------------------------------------------------------------
    def _on_visibility_changed(self, visible: bool) -> None:
        state = self.window.extra_state.setdefault(STATE_KEY, {})
        if state.get("open") != (not self.dock.isHidden()):
            state["open"] = not self.dock.isHidden()
            self.window.schedule_save()
        if visible and not self._sized:
            # The reading panes keep most of the height: the overview takes a third.
            self._sized = True
            height = max(self.window.host.height() // 3, 180)
            self.window.host.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        if visible and self._stale:
            self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if not self.dock.isHidden():
            self._timer.start()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read every actor on the registry lane; only the newest read is shown (``then``: a
        read that is always shown, and ``then()`` called after it)."""
        self._stale = False
        library = self.window.library

        def done(rows: list[OverviewRow]) -> None:
            self.view.set_rows(rows)
            if then is not None:
                then()

        key = LOAD_KEY if then is None else None
        self.window.tasks.run(LANE, lambda: overview_rows(library), done, key=key)

    def _on_changed(self, changes: Changes) -> None:
        if changes.registry:
            self._follow_correction(changes)
        if changes.registry or changes.gazetteer or changes.actors or changes.everything:
            self._schedule()

    def _follow_correction(self, changes: Changes) -> None:
        """A correction (here or elsewhere): the pane, the mention marks and the passage list
        show the index as it now is."""
        self.actors.refresh()
        for pane in self.window.panes:
            if pane.doc is not None and (pane.doc.id in changes.actors or changes.everything):
                self.actors.mentions.mark(pane)
        if self.actors.pane.filter:
            self.actors.pane.set_filter(self.actors.pane.filter)

    # -- activating and correcting ----------------------------------------------------------------
    def _on_activated(self, index: QModelIndex) -> None:
        row = self.view.row_at(index)
        if row is None:
            return
        self.actors.dock.show()
        self.actors.dock.raise_()
        self.actors.pane.choose_actor(Actor(ActorId(row.id), row.name, cast(ActorKind, row.kind)))

    def _targets(self) -> list[OverviewRow]:
        return self.view.model.rows()

    def _on_overview_menu(self, point: QPoint) -> None:
        row = self.view.row_at(self.view.table.indexAt(point))
        if row is None:
            return
        menu = self.commands.menu(Target(row.id, row.name, row.kind, row.aliases), self._targets())
        self.show_menu(menu, self.view.table.viewport().mapToGlobal(point))

    def pane_target(self, index: QModelIndex) -> Target | None:
        """The actor of a row of the actors pane, with the passage it is shown for."""
        actor_id = index.siblingAtColumn(0).data(ActorsModel.ActorIdRole)
        rows = self.actors.pane.model.rows()
        found = next((r.actor for r in rows if r.actor.id == actor_id), None)
        if found is None:
            return None
        pane = self.window.active_pane()
        where = pane.current_passage()
        passage = f"{pane.doc.id}:{where}" if pane.doc is not None and where is not None else None
        known = next((r for r in self._targets() if r.id == found.id), None)
        aliases = known.aliases if known is not None else ()
        return Target(found.id, found.name, found.kind, aliases, passage)

    def _on_pane_menu(self, point: QPoint) -> None:
        if self._stale:  # the menu offers the library's actors and aliases: read them first
            self.reload(then=lambda: self._on_pane_menu(point))
            return
        target = self.pane_target(self.actors.pane.tree.indexAt(point))
        if target is None:
            return
        menu = self.commands.menu(target, self._targets())
        self.show_menu(menu, self.actors.pane.tree.viewport().mapToGlobal(point))


def install_actor_overview(
    window: WindowContext, actors: ActorsFeature
) -> ActorOverviewFeature:
    """Add View › All actors, Edit › Undo correction and the correction menus to a window."""
    return ActorOverviewFeature(window, actors)


__all__ = ["ActorOverview", "ActorOverviewFeature", "install_actor_overview"]
