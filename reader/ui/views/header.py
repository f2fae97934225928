"""The header above a reading pane's text: title, metadata, and the pane's buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from reader.core.model import DocumentMeta


def meta_line(meta: DocumentMeta) -> str:
    """Return the line under the title: author · site · date · kind (what is known)."""
    parts = [meta.author, meta.site, meta.published, meta.source_kind]
    return "  ·  ".join(p for p in parts if p)


def plain_tooltip(text: str) -> str:
    """Return a tooltip that shows ``text`` as it is: a title, author or site holding HTML comes
    from a document, and Qt would render it (tooltips guess rich text)."""
    return QtGui_Qt.convertFromPlainText(text) if QtGui_Qt.mightBeRichText(text) else text


class ElidedLabel(QLabel):
    """One line of text, elided with "…" to the width it gets (the full text is its tooltip).

    Headers of panes side by side then have the same height, so their texts start level.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)  # metadata is data, never markup
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(10, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 10)
        shown = self.fontMetrics().elidedText(self._full, self._mode, width)
        super().setText(shown)


class DocumentHeader(QWidget):
    """Shows which document a pane holds; offers the chrome toggle and closing the pane."""

    chrome_toggled = Signal(bool)
    pages_toggled = Signal(bool)  # show the document's pages (a PDF), or its text
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Elided in the middle: titles often differ only in their ends ("Peace … Afghanistan").
        self.title = ElidedLabel("No document", self, Qt.TextElideMode.ElideMiddle)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.details = ElidedLabel(
            "Open a document from the library (double-click, or drag it here).", self
        )
        self.chrome_button = QToolButton(self)
        self.chrome_button.setText("Page furniture")
        self.chrome_button.setCheckable(True)
        self.chrome_button.setToolTip(
            "Show the passages detected as page furniture (menus, share bars, footers), greyed"
        )
        self.chrome_button.toggled.connect(self.chrome_toggled)
        self.pages_button = QToolButton(self)
        self.pages_button.setObjectName("pagesButton")
        self.pages_button.setText("Pages")
        self.pages_button.setCheckable(True)
        self.pages_button.setToolTip("Read the PDF as its pages (off: its text)")
        self.pages_button.setVisible(False)  # only a document that came from a PDF has pages
        self.pages_button.toggled.connect(self.pages_toggled)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close this pane")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_requested)
        self._lay_out()

    def _lay_out(self) -> None:
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.details)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 8, 10)
        row.addLayout(text, 1)
        row.addWidget(self.pages_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.chrome_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_meta(self, meta: DocumentMeta, note: str = "") -> None:
        """Show a document's title and metadata (with a note such as "Loading…")."""
        self.title.setText(meta.title)
        line = meta_line(meta)
        self.details.setText(f"{line}  —  {note}" if note and line else (note or line))
        self.setToolTip(plain_tooltip(meta.url or ""))
        self.title.setToolTip(
            plain_tooltip(f"{meta.title}\n{meta.url}" if meta.url else meta.title)
        )

    def show_message(self, title: str, details: str) -> None:
        """Show a title and a line when there is no document (empty pane, load error)."""
        self.title.setText(title)
        self.details.setText(details)
        self.setToolTip("")
