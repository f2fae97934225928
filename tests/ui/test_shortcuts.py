"""Every window shortcut is bound once: two actions on one key means neither fires in Qt."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from reader.ui.main_window import MainWindow


def test_no_two_window_actions_share_a_shortcut(window: MainWindow) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                owners[key].append(action.text().replace("&", ""))
    assert len(owners) > 20  # the window's actions were found
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert clashes == {}
