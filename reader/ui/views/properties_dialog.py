"""A document's properties: its metadata, to correct (kept in the data folder, never in the
corpus folder or the imported file)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from reader.core.model import DocumentMeta, is_valid_published

FIELDS = (
    ("title", "Title"),
    ("author", "Author"),
    ("site", "Site"),
    ("published", "Published"),
    ("source_kind", "Kind"),
    ("url", "URL"),
    ("language", "Language"),
)


class PropertiesDialog(QDialog):
    """The editable metadata of one document; ``changes()`` after it is accepted."""

    def __init__(self, meta: DocumentMeta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesDialog")
        self.setWindowTitle(f"Properties of {meta.title}")
        self.meta = meta
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, label in FIELDS:
            edit = QLineEdit(getattr(meta, name) or "", self)
            edit.setObjectName(f"field_{name}")
            self.edits[name] = edit
            form.addRow(label, edit)
        self.edits["published"].setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        origin = "imported" + (f" {meta.imported[:10]}" if meta.imported else "")
        form.addRow("Source", QLabel(origin if meta.origin == "imported" else "corpus", self))
        form.addRow("Id", QLabel(meta.id, self))
        self.problem = QLabel("", self)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def changes(self) -> dict[str, str | None]:
        """Return the fields the user changed (an emptied field clears it)."""
        out: dict[str, str | None] = {}
        for name, edit in self.edits.items():
            value = edit.text().strip()
            if value != (getattr(self.meta, name) or ""):
                out[name] = value or None
        return out

    def _on_ok(self) -> None:
        published = self.edits["published"].text().strip()
        if published and not is_valid_published(published):
            self.problem.setText("Published must be YYYY, YYYY-MM or YYYY-MM-DD.")
            return
        if not self.edits["title"].text().strip():
            self.problem.setText("A document needs a title.")
            return
        self.accept()
