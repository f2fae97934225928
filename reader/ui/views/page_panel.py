"""The page view with its bar: page number box (go to page), paging, fit width/page, zoom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.views.page_cache import DEFAULT_BOUND
from reader.ui.views.page_view import PageView


class PagePanel(QWidget):
    """A ``PageView`` under a bar of page and zoom controls."""

    def __init__(
        self,
        request: Callable[[int, float], None],
        parent: QWidget | None = None,
        cache_bound: int = DEFAULT_BOUND,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pagePanel")
        self.view = PageView(request, self, cache_bound)
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("pageNumber")
        self.page_box.setToolTip("Page: type a number and press Enter to go there")
        self.page_box.setKeyboardTracking(False)
        self.page_box.setMinimum(1)
        self.page_box.setAccelerated(True)
        self.count_label = QLabel("/ 0", self)
        self.previous_button = self._button("▲", "Previous page (Page Up)")
        self.next_button = self._button("▼", "Next page (Page Down)")
        self.fit_width = self._button("Fit width", "Pages as wide as the pane", checkable=True)
        self.fit_page = self._button("Fit page", "Whole pages in the pane", checkable=True)
        self.zoom_out = self._button("−", "Zoom out (Ctrl+wheel)")
        self.zoom_label = QLabel("100%", self)
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in = self._button("+", "Zoom in (Ctrl+wheel)")
        self._lay_out()
        self.page_box.valueChanged.connect(lambda n: self.view.go_to_page(n - 1))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.fit_width.clicked.connect(lambda: self.view.set_mode("width"))
        self.fit_page.clicked.connect(lambda: self.view.set_mode("page"))
        self.zoom_in.clicked.connect(lambda: self.view.zoom_by(1))
        self.zoom_out.clicked.connect(lambda: self.view.zoom_by(-1))
        self.view.page_changed.connect(self._on_page_changed)
        self.view.layout_changed.connect(self._show_zoom)
        self._show_zoom()

    def _button(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        return button

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 2, 10, 2)
        bar.setSpacing(4)
        for widget in (self.previous_button, self.next_button, self.page_box, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.fit_width, self.fit_page, self.zoom_out, self.zoom_label, self.zoom_in
        ):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_page_count(self, count: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(count, 1))
        self.page_box.setValue(1)
        self.page_box.blockSignals(False)
        self.count_label.setText(f"/ {count}")

    def step(self, delta: int) -> None:
        self.view.go_to_page(self.view.current_page() + delta)

    def focus_page_box(self) -> None:
        """Put the cursor in the page number box (Go to page)."""
        self.page_box.setFocus()
        self.page_box.selectAll()

    def _on_page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.view.zoom * 100)}%")
        self.fit_width.setChecked(self.view.mode == "width")
        self.fit_page.setChecked(self.view.mode == "page")
