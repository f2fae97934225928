"""The window's actions, menus and keyboard shortcuts, and the shortcuts list (Help)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

Keys = list[QKeySequence | QKeySequence.StandardKey | str]


def _action(
    window: MainWindow, menu: str, text: str, keys: Keys, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    action.setShortcuts(list(dict.fromkeys(s for s in sequences if not s.isEmpty())))
    action.triggered.connect(lambda _checked=False: slot())
    return window.add_action(menu, action)


def install_actions(window: MainWindow) -> dict[str, QAction]:
    """Create the window's actions in its menus; return them by name."""
    w = window
    actions = {
        "quit": _action(w, "&File", "&Quit", [QKeySequence.StandardKey.Quit, "Ctrl+Q"], w.close),
        "back": _action(w, "&Go", "&Back", ["Alt+Left"], w.go_back),
        "forward": _action(w, "&Go", "&Forward", ["Alt+Right"], w.go_forward),
        "next_passage": _action(
            w, "&Go", "&Next passage", ["Ctrl+Down", "J"], lambda: w.active_pane().step_passage(1)
        ),
        "previous_passage": _action(
            w, "&Go", "&Previous passage", ["Ctrl+Up", "K"],
            lambda: w.active_pane().step_passage(-1),
        ),
        "next_pane": _action(w, "&Go", "Ne&xt pane", ["F6", "Ctrl+]"], lambda: w.focus_pane(1)),
        "previous_pane": _action(
            w, "&Go", "Pre&vious pane", ["Shift+F6", "Ctrl+["], lambda: w.focus_pane(-1)
        ),
        "filter_library": _action(w, "&Go", "&Filter the library", ["Ctrl+L"], _focus_filter(w)),
        "add_pane": _action(w, "&View", "&Add a pane", ["Ctrl+Shift+N"], w.add_pane),
        "close_pane": _action(
            w, "&View", "&Close the pane", ["Ctrl+W"], lambda: w.close_pane(w.active_pane())
        ),
        "zoom_in": _action(
            w, "&View", "Zoom &in", [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
            lambda: w.set_zoom(w.zoom + 1),
        ),
        "zoom_out": _action(
            w, "&View", "Zoom &out", [QKeySequence.StandardKey.ZoomOut],
            lambda: w.set_zoom(w.zoom - 1),
        ),
        "zoom_reset": _action(w, "&View", "&Actual size", ["Ctrl+0"], lambda: w.set_zoom(0)),
        "chrome": _action(
            w, "&View", "Show page &furniture", ["Ctrl+Shift+F"], _toggle_chrome(w)
        ),
        "full_screen": _action(
            w, "&View", "F&ull screen", [QKeySequence.StandardKey.FullScreen, "F11"],
            w.toggle_full_screen,
        ),
        "shortcuts": _action(
            w, "&Help", "&Keyboard shortcuts", [QKeySequence.StandardKey.HelpContents, "F1"],
            lambda: show_shortcuts(w),
        ),
    }
    actions["library"] = w.library_dock.toggleViewAction()
    actions["library"].setShortcut(QKeySequence("Ctrl+Shift+L"))
    w.add_action("&View", actions["library"])
    return actions


def _focus_filter(window: MainWindow) -> Callable[[], None]:
    def focus() -> None:
        window.library_dock.show()
        window.library_view.filter_box.setFocus()
        window.library_view.filter_box.selectAll()

    return focus


def _toggle_chrome(window: MainWindow) -> Callable[[], None]:
    def toggle() -> None:
        button = window.active_pane().header.chrome_button
        button.setChecked(not button.isChecked())

    return toggle


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """Return (action, shortcuts) for every window action that has a shortcut."""
    rows = []
    for action in window.actions():
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in dict.fromkeys(action.shortcuts())
        ]
        if keys:
            rows.append((action.text().replace("&", ""), ",  ".join(dict.fromkeys(keys))))
    return rows


def show_shortcuts(window: MainWindow) -> QDialog:
    """Show the list of keyboard shortcuts (non-modal); return the dialog."""
    dialog = ShortcutsDialog(shortcut_rows(window), window)
    dialog.show()
    return dialog


class ShortcutsDialog(QDialog):
    """A table of actions and their keys."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().hide()
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)
