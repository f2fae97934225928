"""Light and dark palettes follow the system's colour scheme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui import palette
from reader.ui.views.text_view import ReadingView


@pytest.mark.parametrize("dark", [True, False])
def test_the_palette_matches_the_system_scheme(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, dark: bool
) -> None:
    original = qapp.palette()
    view = ReadingView()
    qtbot.addWidget(view)
    monkeypatch.setattr(palette, "is_dark", lambda _app: dark)
    try:
        palette.apply_system_palette(qapp)
        base = qapp.palette().color(QPalette.ColorRole.Base)
        assert (base.lightness() < 80) is dark
        # The reading view's margins take the new text background.
        assert view.palette().color(QPalette.ColorRole.Window) == view.palette().color(
            QPalette.ColorRole.Base
        )
        text = qapp.palette().color(QPalette.ColorRole.Text)
        assert abs(text.lightness() - base.lightness()) > 150  # readable contrast
    finally:
        qapp.setPalette(original)
