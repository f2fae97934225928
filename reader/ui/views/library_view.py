"""The library list: a filter box over a sortable table of documents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.models.library_model import (
    LibraryFilterModel,
    LibraryModel,
    local_files_from_mime,
)

DATE_WIDTH_ROWS = 100


class _LibraryTree(QTreeView):
    """A table that opens the current document on Enter (QTreeView only does on
    double-click), in the other pane on Ctrl+Enter."""

    enter_pressed = Signal(QModelIndex)
    ctrl_enter_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.ctrl_enter_pressed.emit(self.currentIndex())
            else:
                self.enter_pressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            event.ignore()  # the window's history takes them
            return
        super().mousePressEvent(event)


class _FilterBox(QLineEdit):
    """The filter: Enter opens the first match (Ctrl+Enter in the other pane), Down moves into
    the list."""

    enter_pressed = Signal(bool)  # True with Ctrl: in the other pane
    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit(
                bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            )
            return
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    """Lists the documents; asks to open one in the active pane or in the other pane."""

    open_requested = Signal(str)
    open_in_other_requested = Signal(str)
    files_dropped = Signal(list)  # local paths dropped from a file manager: import them
    properties_requested = Signal(str)
    replace_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = _FilterBox(self)
        self.filter_box.setPlaceholderText("Filter documents")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.tree = _LibraryTree(self)
        self._setup_tree()
        self.filter_box.enter_pressed.connect(self._on_filter_entered)
        self.filter_box.down_pressed.connect(self._on_filter_down)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.tree)
        # Files dropped on the list are imported; the tree itself only drags documents out.
        self.tree.viewport().setAcceptDrops(True)
        self.tree.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)  # QDragEnterEvent and QDragMoveEvent are ones
            files = local_files_from_mime(event.mimeData())
            if not files:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.files_dropped.emit(files)
            return True
        return super().eventFilter(watched, event)

    def _setup_tree(self) -> None:
        tree = self.tree
        tree.setModel(self.proxy)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setSortingEnabled(True)
        tree.sortByColumn(LibraryModel.TITLE, Qt.SortOrder.AscendingOrder)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setDragEnabled(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._on_context_menu_requested)
        tree.doubleClicked.connect(self._on_activated)
        tree.enter_pressed.connect(self._on_activated)
        tree.ctrl_enter_pressed.connect(self._on_activated_other)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LibraryModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LibraryModel.SITE, QHeaderView.ResizeMode.Interactive)
        # Dates are all about as wide: the column is sized from the rows near the top (not from
        # thousands of them through Python) when the rows change, not at every relayout of the
        # window as ResizeToContents did (a first start's dock layout spent ~0.3 s there).
        header.setSectionResizeMode(LibraryModel.DATE, QHeaderView.ResizeMode.Fixed)
        header.setResizeContentsPrecision(DATE_WIDTH_ROWS)
        self.model.modelReset.connect(self._fit_date_column)
        self._fit_date_column()
        tree.setColumnWidth(LibraryModel.SITE, 96)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setAlternatingRowColors(True)

    def _fit_date_column(self) -> None:
        self.tree.resizeColumnToContents(LibraryModel.DATE)

    def doc_id_at(self, index: QModelIndex) -> str | None:
        """Return the id of the document on a row of the (sorted, filtered) list."""
        value = index.siblingAtColumn(0).data(LibraryModel.DocIdRole) if index.isValid() else None
        return value if isinstance(value, str) else None

    def _on_filter_entered(self, other: bool) -> None:
        index = self.proxy.index(0, 0)  # the top row as the list is sorted now
        if not index.isValid():
            return
        if other:
            self._on_activated_other(index)
        else:
            self._on_activated(index)

    def _on_filter_down(self) -> None:
        index = self.proxy.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_activated(self, index: QModelIndex) -> None:
        doc_id = self.doc_id_at(index)
        if doc_id:
            self.open_requested.emit(doc_id)

    def _on_activated_other(self, index: QModelIndex) -> None:
        doc_id = self.doc_id_at(index)
        if doc_id:
            self.open_in_other_requested.emit(doc_id)

    def context_menu_actions(self, doc_id: str) -> list[QAction]:
        """Return the actions of the context menu for one document."""
        here = QAction("Open", self)
        here.triggered.connect(lambda: self.open_requested.emit(doc_id))
        other = QAction("Open in other pane\tCtrl+Enter", self)
        other.triggered.connect(lambda: self.open_in_other_requested.emit(doc_id))
        properties = QAction("Properties…", self)
        properties.triggered.connect(lambda: self.properties_requested.emit(doc_id))
        replace = QAction("Replace with new version…", self)
        replace.triggered.connect(lambda: self.replace_requested.emit(doc_id))
        remove = QAction("Remove…", self)
        remove.triggered.connect(lambda: self.remove_requested.emit(doc_id))
        imported = self._is_imported(doc_id)
        replace.setEnabled(imported)
        remove.setEnabled(imported)
        return [here, other, properties, replace, remove]

    def _is_imported(self, doc_id: str) -> bool:
        for row in range(self.model.rowCount()):
            meta = self.model.data(self.model.index(row, 0), LibraryModel.MetaRole)
            if getattr(meta, "id", None) == doc_id:
                return getattr(meta, "origin", "") == "imported"
        return False

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        doc_id = self.doc_id_at(self.tree.indexAt(pos))
        if not doc_id:
            return
        menu = QMenu(self)
        menu.addActions(self.context_menu_actions(doc_id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
