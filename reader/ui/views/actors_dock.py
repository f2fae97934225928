"""The actors-and-dates pane: who and when in the passage being read, and from an actor to every
passage of the library that mentions it.

It follows the current passage of the active pane. Activating an actor (click, Enter) lists its
passages; Ctrl+click or Ctrl+Enter adds it, narrowing the list to passages where all the chosen
actors appear. Activating a result opens it with ``MainWindow.jump_to`` (one history step).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.actors import Actor, PassageActors
from reader.core.cooccurrence import PassageMatch
from reader.core.dates import DateMention
from reader.core.words import count
from reader.ui.models.actors_model import ActorRow, ActorsModel, DatesModel, ResultsModel
from reader.ui.views.actor_results import FilterChips, ResultsList

MAX_FILTER = 3  # more actors than this rarely share a passage
MAX_DATE_ROWS = 4  # a passage rarely has more dates; beyond, the list scrolls


class _ActorTree(QTreeView):
    """Emits ``chosen(index, narrow)`` on click and on Enter (Ctrl narrows)."""

    chosen = Signal(QModelIndex, bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            narrow = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.chosen.emit(self.currentIndex(), narrow)
            return
        super().keyPressEvent(event)


class ActorsPane(QWidget):
    """Shows a passage's actors and dates, and the passages found for the chosen actors."""

    filter_changed = Signal(list)  # actor ids
    actor_selected = Signal(str)  # actor id, from a click on a mention
    result_chosen = Signal(object)  # PassageMatch

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actorsPane")
        self.filter: list[Actor] = []
        self._selected: str | None = None
        self.place = QLabel("No passage yet", self)
        self.place.setWordWrap(True)
        self.place.setObjectName("actorsPlace")
        self.model = ActorsModel(self)
        self.tree = _ActorTree(self)
        self.tree.setModel(self.model)
        self.tree.setObjectName("actorTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.chosen.connect(self._on_actor_chosen)
        self.dates = DatesModel(self)
        self.dates_caption = QLabel("Dates", self)
        self.dates_view = QListView(self)
        self.dates_view.setObjectName("datesList")
        self.dates_view.setModel(self.dates)
        self.chips = FilterChips(self)
        self.chips.removed.connect(self.remove_from_filter)
        self.summary = QLabel("", self)
        self.results = ResultsModel(self)
        self.results_view = ResultsList(self)
        self.results_view.setModel(self.results)
        self.results_view.result_chosen.connect(
            lambda row: self.result_chosen.emit(self.results.match_at(row))
        )
        self._lay_out()
        self._fit_dates()

    def _lay_out(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(4, 4, 4, 0)
        top_layout.addWidget(self.place)
        top_layout.addWidget(self.tree, 1)
        top_layout.addWidget(self.dates_caption)
        top_layout.addWidget(self.dates_view)
        top_layout.addWidget(self.chips)  # the hint, then the chosen actors: always in view
        self._top_layout = top_layout
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 0, 4, 4)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.results_view, 1)
        split = self.split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        self.results_box = bottom
        bottom.hide()  # until an actor is chosen: the actors and dates take the height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def add_below_dates(self, widget: QWidget) -> None:
        """Put a section under the dates and the hint below them (the same event elsewhere);
        the actors keep two thirds of the height the two share."""
        self._top_layout.setStretchFactor(self.tree, 2)
        self._top_layout.addWidget(widget, 1)

    # -- the current passage -----------------------------------------------------------------
    def show_passage(
        self,
        where: str,
        actors: PassageActors | None,
        dates: list[DateMention],
        counts: dict[str, int | None],
    ) -> None:
        """Show a passage's actors (with library counts) and dates; ``where`` names it."""
        rows = [
            ActorRow(am.actor, len(am.mentions), counts.get(am.actor.id))
            for am in (actors.actors if actors is not None else ())
        ]
        if rows != self.model.rows():
            self.model.set_rows(rows)
            self.tree.expandAll()
            self._reselect()
        if dates != self.dates.rows():
            self.dates.set_rows(dates)
            self._fit_dates()
        self.dates_caption.setText(
            f"Dates ({len(dates)})" if dates else "Dates: none in this passage"
        )
        self.place.setText(where)

    def _fit_dates(self) -> None:
        """Give the dates the height of their rows (at most ``MAX_DATE_ROWS``, then a scroll
        bar); none: no empty box, the caption says so."""
        rows = self.dates.rowCount()
        self.dates_view.setVisible(rows > 0)
        if rows:
            row = max(self.dates_view.sizeHintForRow(0), self.fontMetrics().height())
            frame = 2 * self.dates_view.frameWidth()
            self.dates_view.setFixedHeight(row * min(rows, MAX_DATE_ROWS) + frame + 2)

    def select_actor(self, actor_id: str) -> bool:
        """Select an actor's row (kept selected while the reader moves) and list its passages,
        so the results always belong to the selected actor; tell if it is listed."""
        self._selected = actor_id
        found = self._reselect()
        actor = next((r.actor for r in self.model.rows() if r.actor.id == actor_id), None)
        if actor is not None and [a.id for a in self.filter] != [actor_id]:
            self.choose_actor(actor)
        self.actor_selected.emit(actor_id)
        return found

    def selected_actor(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(ActorsModel.ActorIdRole) if index.isValid() else None

    def _reselect(self) -> bool:
        if self._selected is None:
            return False
        index = self.model.index_of(self._selected)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        return index.isValid()

    # -- choosing actors -----------------------------------------------------------------------
    def _on_tree_clicked(self, index: QModelIndex) -> None:
        modifiers = QApplication.keyboardModifiers()
        self._on_actor_chosen(index, bool(modifiers & Qt.KeyboardModifier.ControlModifier))

    def _on_actor_chosen(self, index: QModelIndex, narrow: bool) -> None:
        actor_id = index.siblingAtColumn(0).data(ActorsModel.ActorIdRole)
        actor = next((r.actor for r in self.model.rows() if r.actor.id == actor_id), None)
        if actor is None:
            return  # a kind's heading
        self._selected = actor.id
        self.choose_actor(actor, narrow)

    def choose_actor(self, actor: Actor, narrow: bool = False) -> None:
        """List the passages of an actor, or (``narrow``) of it and the actors chosen before."""
        if narrow:
            kept = [a for a in self.filter if a.id != actor.id][: MAX_FILTER - 1]
            self.set_filter([*kept, actor])
        else:
            self.set_filter([actor])

    def remove_from_filter(self, actor_id: str) -> None:
        self.set_filter([a for a in self.filter if a.id != actor_id])

    def set_filter(self, actors: list[Actor]) -> None:
        self.filter = list(actors)
        self.chips.set_actors(self.filter)
        self._show_results_box(bool(actors))
        if not actors:
            self.show_results([])
            self.summary.setText("")
        else:
            self.summary.setText("Searching the library…")
        self.filter_changed.emit([a.id for a in actors])

    def _show_results_box(self, shown: bool) -> None:
        """Show the results under the actors once an actor is chosen, taking most of the
        height (what the reader looks at next); hide them when no actor is chosen."""
        if shown != self.results_box.isHidden():
            return
        self.results_box.setVisible(shown)
        if shown:
            height = max(self.split.height(), 200)
            self.split.setSizes([height * 2 // 5, height - height * 2 // 5])

    def show_results(self, matches: list[PassageMatch]) -> None:
        """Show the passages found for the chosen actors."""
        self.results.set_rows(matches)
        documents = len({m.document.id for m in matches})
        if self.filter:
            self.summary.setText(
                (
                    f"{count(len(matches), 'passage')} in {count(documents, 'document')}, "
                    "oldest first"
                )
                if matches
                else "No passage mentions them all"
            )
