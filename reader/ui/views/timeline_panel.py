"""The timeline's panel: the filters (actors, a document, a period), the plot, and beside it
the passages of the period shown and the dates without a value (listed, never plotted)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.actors import Actor
from reader.core.timeline import TimelineData, TimelineItem, parse_period
from reader.core.timeline_layout import Mark
from reader.ui.views.timeline_view import TimelineView

ItemRole = Qt.ItemDataRole.UserRole
MENU_ITEMS = 25
IN_VIEW_LIMIT = 300
IN_VIEW_DELAY_MS = 120


class TimelinePanel(QWidget):
    """Filters above, the plot and its side lists below; says which item the user chose."""

    filters_changed = Signal()
    item_chosen = Signal(object)  # TimelineItem (passage_index -1: the document itself)
    data_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actors: list[Actor] = []
        self.chosen: list[Actor] = []
        self.titles: dict[str, str] = {}
        self.view = TimelineView(self)
        self.view.mark_clicked.connect(self._on_mark_clicked)
        # The list follows the period shown once a zoom or a drag pauses, not at every pixel.
        self._in_view_timer = QTimer(self)
        self._in_view_timer.setSingleShot(True)
        self._in_view_timer.setInterval(IN_VIEW_DELAY_MS)
        self._in_view_timer.timeout.connect(self.fill_in_view)
        self.view.axis_changed.connect(self._in_view_timer.start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._filters())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(self._side())
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 260])
        layout.addWidget(split, 1)

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.actor_box = QComboBox(self)
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_box.setMinimumContentsLength(16)
        line = self.actor_box.lineEdit()
        if line is not None:
            line.setPlaceholderText("Add an actor…")
            line.returnPressed.connect(self._on_actor_typed)
        self.actor_box.activated.connect(self._on_actor_activated)
        self.chips = QLabel(self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear actors")
        self.clear_button.clicked.connect(self.clear_actors)
        self.clear_button.hide()
        self.doc_box = QComboBox(self)
        self.doc_box.setMinimumContentsLength(20)
        self.doc_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.doc_box.addItem("All documents", None)
        self.doc_box.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.period = QLineEdit(self)
        self.period.setPlaceholderText("Go to… (2022, January 2022)")
        self.period.setClearButtonEnabled(True)
        self.period.setMinimumWidth(self.period.fontMetrics().horizontalAdvance("x" * 28))
        self.period.returnPressed.connect(self._on_period)
        fit = QToolButton(self)
        fit.setText("Show all")
        fit.setToolTip("Show every date (Home)")
        fit.clicked.connect(self.view.fit_all)
        self.summary = QLabel(self)
        for widget in (QLabel("Actors:", self), self.actor_box, self.chips, self.clear_button,
                       QLabel("Document:", self), self.doc_box, self.period, fit):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        return bar

    def _side(self) -> QWidget:
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.in_view_label = QLabel("Passages in view", side)
        self.in_view = QListWidget(side)
        self.in_view.setWordWrap(True)
        self.undated_label = QLabel("Dates without a value", side)
        self.undated = QListWidget(side)
        self.undated.setWordWrap(True)
        for widget in (self.in_view, self.undated):
            widget.setSpacing(3)
            widget.setAlternatingRowColors(True)
            widget.itemActivated.connect(self._on_row_chosen)
            widget.itemClicked.connect(self._on_row_chosen)
        column.addWidget(self.in_view_label)
        column.addWidget(self.in_view, 3)
        column.addWidget(self.undated_label)
        column.addWidget(self.undated, 1)
        return side

    # -- filters --------------------------------------------------------------------------------
    def set_actors(self, actors: Sequence[Actor]) -> None:
        """Offer these actors (most mentioned first) in the actor box."""
        self.actors = list(actors)
        self.actor_box.blockSignals(True)
        self.actor_box.clear()
        for actor in self.actors:
            self.actor_box.addItem(actor.name, actor.id)
        self.actor_box.setCurrentIndex(-1)
        self.actor_box.blockSignals(False)

    def set_documents(self, documents: Sequence[tuple[str, str]]) -> None:
        """Offer these documents (id, title) in the document box, keeping the choice."""
        chosen = self.doc_id()
        self.titles = dict(documents)
        self.doc_box.blockSignals(True)
        self.doc_box.clear()
        self.doc_box.addItem("All documents", None)
        for doc_id, title in documents:
            self.doc_box.addItem(title, doc_id)
        found = self.doc_box.findData(chosen)
        self.doc_box.setCurrentIndex(max(found, 0))
        self.doc_box.blockSignals(False)

    def actor_ids(self) -> list[str]:
        return [a.id for a in self.chosen]

    def doc_id(self) -> str | None:
        value = self.doc_box.currentData()
        return str(value) if value else None

    def add_actor(self, actor: Actor) -> None:
        """Keep only passages that also name this actor."""
        if actor.id not in self.actor_ids():
            self.chosen.append(actor)
            self._show_chips()
            self.filters_changed.emit()
        self.actor_box.setCurrentIndex(-1)
        self.actor_box.setEditText("")

    def clear_actors(self) -> None:
        if self.chosen:
            self.chosen = []
            self._show_chips()
            self.filters_changed.emit()

    def _show_chips(self) -> None:
        names = " + ".join(a.name for a in self.chosen)
        self.chips.setText(f"<b>{names}</b>" if names else "")
        self.clear_button.setVisible(bool(self.chosen))

    def _on_actor_activated(self, index: int) -> None:
        if 0 <= index < len(self.actors):
            self.add_actor(self.actors[index])

    def _on_actor_typed(self) -> None:
        typed = self.actor_box.currentText().strip().casefold()
        for actor in self.actors:
            if typed in (actor.name.casefold(), actor.id):
                self.add_actor(actor)
                return

    def _on_period(self) -> None:
        if self.go_to_period(self.period.text()):
            self.view.setFocus()

    def go_to_period(self, text: str) -> bool:
        """Show a period typed as people write it ("January 2022"), and list its passages."""
        period = parse_period(text)
        if period is None:
            return False
        self.view.show_period(*period)
        self.fill_in_view()
        return True

    # -- data -----------------------------------------------------------------------------------
    def show_data(self, data: TimelineData, fit: bool) -> None:
        """Show the dates, and list those without a value."""
        self.titles.update({d.doc_id: d.title for d in data.documents})
        self.view.set_data(data, fit)
        self.summary.setText(
            f"{len(data.items):,} dates · {len(data.documents):,} documents"
        )
        self.undated.clear()
        for item in data.undated:
            self._add_row(self.undated, item, f"“{item.text}”")
        self.undated_label.setText(f"Dates without a value ({len(data.undated)})")
        self.fill_in_view()
        self.data_shown.emit()

    def fill_in_view(self) -> None:
        """List the passages whose dates the plot shows (finest dates first)."""
        axis = self.view.axis
        shown = [
            i
            for i in self.view.data.items
            if i.first and i.last
            and i.first.toordinal() <= axis.end and i.last.toordinal() + 1 >= axis.start
        ]
        # The finest first: a day of the period says more than the decade around it.
        shown.sort(key=lambda i: (i.rank, i.first, i.doc_id, i.start))
        self.in_view.clear()
        for item in shown[:IN_VIEW_LIMIT]:
            self._add_row(self.in_view, item, f"{item.value}  “{item.text}”")
        more = f" (first {IN_VIEW_LIMIT})" if len(shown) > IN_VIEW_LIMIT else ""
        self.in_view_label.setText(f"Passages in view: {len(shown):,}{more}")

    def _add_row(self, widget: QListWidget, item: TimelineItem, head: str) -> None:
        title = self.titles.get(item.doc_id, item.doc_id)
        row = QListWidgetItem(f"{head}\n{title} ¶{item.passage_index + 1}")
        row.setData(ItemRole, item)
        row.setToolTip(" ".join(item.snippet.split()))
        widget.addItem(row)

    def _on_row_chosen(self, row: QListWidgetItem) -> None:
        item = row.data(ItemRole)
        if isinstance(item, TimelineItem):
            self.item_chosen.emit(item)

    def _on_mark_clicked(self, mark: Mark) -> None:
        if mark.kind == "count":
            first = min(i.first for i in mark.items if i.first)
            last = max(i.last for i in mark.items if i.last)
            self.view.show_period(first, last)
        elif mark.count == 1:
            self.item_chosen.emit(mark.items[0])
        else:
            self.choose_from(mark)

    def choose_from(self, mark: Mark) -> QMenu:
        """Offer a mark's passages in a menu at its place; the one chosen is opened."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for item in mark.items[:MENU_ITEMS]:
            title = self.titles.get(item.doc_id, item.doc_id)
            action = QAction(f"{title} ¶{item.passage_index + 1}: “{item.text}”", menu)
            action.triggered.connect(lambda _c=False, chosen=item: self.item_chosen.emit(chosen))
            menu.addAction(action)
        menu.popup(self.view.mapToGlobal(self.view.mark_center(mark)))
        return menu
