"""The window's actions, menus and keyboard shortcuts, and the shortcuts list (Help)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.palette import THEMES, theme_switch

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
            w, "&View", "Show page &furniture", ["Ctrl+Shift+B"], _toggle_chrome(w)
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
    actions.update(install_theme_menu(w))
    actions["library"] = dock_action(
        w.library_dock, "&Library", "Ctrl+Shift+L", w.library_view.filter_box
    )
    w.add_action("&View", actions["library"])
    return actions


THEME_STATE_KEY = "theme"  # in the window state's extra: "system", "light" or "dark"
THEME_TEXTS = {"system": "As the &system", "light": "&Light", "dark": "&Dark"}


def install_theme_menu(window: MainWindow) -> dict[str, QAction]:
    """Add View › Theme: the system's scheme, light or dark (saved with the window's state)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    switch = theme_switch(app)
    menu = window.menu("&View").addMenu("&Theme")
    group = QActionGroup(window)
    actions: dict[str, QAction] = {}
    for theme in THEMES:
        action = QAction(THEME_TEXTS[theme], window)
        action.setCheckable(True)
        action.setChecked(theme == switch.theme)
        action.triggered.connect(lambda _c=False, t=theme: _choose_theme(window, t))
        group.addAction(action)
        menu.addAction(action)
        actions[f"theme_{theme}"] = action
    # A slot of an object of the window: the connection to the application's switch ends
    # with the window.
    switch.changed.connect(_ThemeChecks(window, actions).on_theme_changed)
    return actions


class _ThemeChecks(QObject):
    """Checks the menu entry of the theme in use (also when a restore chose it)."""

    def __init__(self, window: MainWindow, actions: dict[str, QAction]) -> None:
        super().__init__(window)
        self.actions = actions

    def on_theme_changed(self, theme: str) -> None:
        action = self.actions.get(f"theme_{theme}")
        if action is not None:
            action.setChecked(True)


def _choose_theme(window: MainWindow, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme_switch(app).set_theme(theme)
    window.extra_state[THEME_STATE_KEY] = theme
    window.schedule_save()


def apply_saved_theme(extra: dict[str, object]) -> None:
    """Use the theme a window state saved ("system" when it saved none)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme = extra.get(THEME_STATE_KEY)
        theme_switch(app).set_theme(theme if isinstance(theme, str) else "system")


def dock_action(
    dock: QDockWidget, text: str, key: str, focus: QWidget | None = None
) -> QAction:
    """Return a View action for a dock: its key shows the dock, brings its tab to the front
    and puts the keyboard in ``focus`` (else the dock's first focusable widget); pressed
    again while the dock has the keyboard, it hides the dock. Checked while the dock is open."""
    action = QAction(text, dock.parent())
    action.setCheckable(True)
    action.setShortcut(QKeySequence(key))
    action.setChecked(not dock.isHidden())
    dock.visibilityChanged.connect(lambda _visible: action.setChecked(not dock.isHidden()))

    def triggered() -> None:
        if dock.isVisible() and has_focus_within(dock):
            dock.hide()
        else:
            dock.show()
            dock.raise_()
            focus_into(dock, focus)
        action.setChecked(not dock.isHidden())

    action.triggered.connect(lambda _checked=False: triggered())
    return action


def has_focus_within(widget: QWidget) -> bool:
    """Whether the keyboard focus is in ``widget`` or one of its children."""
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def focus_into(dock: QDockWidget, target: QWidget | None) -> None:
    """Give the keyboard to ``target``, else to the first widget of the dock that takes it."""
    if target is None:
        content = dock.widget()
        candidates = [content, *content.findChildren(QWidget)] if content is not None else []
        target = next(
            (
                w
                for w in candidates
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(dock)
                and w.isEnabled()
            ),
            None,
        )
    if target is None:
        return
    if target.isEnabled():
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    else:  # e.g. the notes editor while the notes load: the keyboard goes there once they have
        _FocusWhenEnabled(target, QApplication.focusWidget())


class _FocusWhenEnabled(QObject):
    """Gives a disabled widget the keyboard when it is enabled, unless the user has moved the
    focus elsewhere meanwhile (the key asked for it; a later click wins)."""

    def __init__(self, target: QWidget, focused_then: QWidget | None) -> None:
        super().__init__(target)
        self._target, self._then = target, focused_then
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and self._target.isEnabled():
            self._target.removeEventFilter(self)
            if QApplication.focusWidget() in (self._then, None) and self._target.isVisible():
                self._target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.deleteLater()
        return False


def _focus_filter(window: MainWindow) -> Callable[[], None]:
    def focus() -> None:
        window.library_dock.show()
        window.library_dock.raise_()  # it may be a tab behind another
        window.library_view.filter_box.setFocus()
        window.library_view.filter_box.selectAll()

    return focus


def _toggle_chrome(window: MainWindow) -> Callable[[], None]:
    def toggle() -> None:
        button = window.active_pane().header.chrome_button
        button.setChecked(not button.isChecked())

    return toggle


LIST_NAME = "list_name"  # an action's property: its name in the shortcuts list
LAST_KEYBOARD_KEY = Qt.Key.Key_Menu  # keys after it are media and special keys (Help, Zoom In…)


def on_a_keyboard(sequence: QKeySequence) -> bool:
    """Whether every key of a sequence is on an ordinary keyboard (not "Help", "Exit",
    "Zoom In": the platform's standard bindings add such keys, which users cannot press)."""
    keys = [sequence[i].key() for i in range(sequence.count())]  # type: ignore[index]
    return bool(keys) and all(k.value <= LAST_KEYBOARD_KEY.value for k in keys)


def list_name(action: QAction) -> str:
    """Return an action's name as the shortcuts list shows it: its ``list_name`` property
    (Undo's text changes with the step it undoes), else its menu text without accelerators."""
    name = action.property(LIST_NAME)
    return str(name) if name else action.text().replace("&", "")


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """Return (action, shortcuts) for every window action that has a shortcut."""
    rows = []
    for action in window.actions():
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in dict.fromkeys(action.shortcuts())
            if on_a_keyboard(k)
        ]
        if keys:
            rows.append((list_name(action), ",  ".join(dict.fromkeys(keys))))
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
