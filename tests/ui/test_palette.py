"""Light and dark palettes follow the system's colour scheme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui import palette
from reader.ui.views.text_view import ReadingView
from tests.ui.conftest import WindowFactory


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


# -- contrast: every text role of both palettes reads at WCAG AA (4.5:1) -------------------------
ROLE_PAIRS = [
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("Text", "AlternateBase"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
    ("ToolTipText", "ToolTipBase"),
    ("PlaceholderText", "Base"),  # placeholders, page furniture (greyed), result headings
    ("PlaceholderText", "AlternateBase"),
    ("PlaceholderText", "Window"),
    ("Link", "Base"),
]
PALETTES = {"light": palette.light_palette, "dark": palette.dark_palette}


def _color(p: QPalette, role: str) -> QColor:
    return p.color(getattr(QPalette.ColorRole, role))


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize(("text", "background"), ROLE_PAIRS)
def test_every_text_role_reads_at_aa(
    qapp: QApplication, name: str, text: str, background: str
) -> None:
    p = PALETTES[name]()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        fg = p.color(group, getattr(QPalette.ColorRole, text))
        bg = p.color(group, getattr(QPalette.ColorRole, background))
        assert palette.contrast(fg, bg) >= palette.AA_CONTRAST, (name, group, text, background)


@pytest.mark.parametrize("name", PALETTES)
def test_text_on_highlights_mentions_and_warnings_reads_at_aa(
    qapp: QApplication, name: str
) -> None:
    from reader.core.highlight import PALETTE
    from reader.ui.highlighting import highlight_format
    from reader.ui.mentions import TINT_ALPHA, _actor_format
    from reader.ui.models.actors_model import KIND_COLORS
    from tests.unit.export_helpers import highlight

    p = PALETTES[name]()
    base, text = _color(p, "Base"), _color(p, "Text")
    dark = palette.palette_is_dark(p)
    for color in PALETTE:
        fmt = highlight_format(highlight(1, color=color), dark)
        under = palette.blend(fmt.background().color(), base)
        drawn = fmt.hasProperty(QTextFormat.Property.ForegroundBrush)
        fg = fmt.foreground().color() if drawn else text
        assert palette.contrast(fg, under) >= palette.AA_CONTRAST, (name, color)
    for kind, kind_color in KIND_COLORS.items():
        tint = _actor_format(kind_color, "a", "").background().color()
        assert tint.alpha() == TINT_ALPHA
        assert palette.contrast(text, palette.blend(tint, base)) >= palette.AA_CONTRAST, kind
    attention = palette.attention_color(p)
    for surface in ("Base", "Window", "AlternateBase"):
        assert palette.contrast(attention, _color(p, surface)) >= palette.AA_CONTRAST, surface


@pytest.mark.parametrize("name", PALETTES)
def test_a_selected_result_s_heading_takes_the_selection_s_text_colour(
    qapp: QApplication, name: str
) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from reader.ui.views.actor_results import heading_color

    option = QStyleOptionViewItem()
    option.palette = PALETTES[name]()
    option.state = QStyle.StateFlag.State_Selected
    selected = heading_color(option)
    assert palette.contrast(selected, _color(option.palette, "Highlight")) >= palette.AA_CONTRAST
    option.state = QStyle.StateFlag.State_None
    plain = heading_color(option)
    assert palette.contrast(plain, _color(option.palette, "Base")) >= palette.AA_CONTRAST


def test_view_theme_switches_light_and_dark_and_is_kept_across_restarts(
    make_window: WindowFactory, qtbot: QtBot, qapp: QApplication
) -> None:
    first = make_window()
    view_menu = first.menu("&View")
    theme_menu = next(a.menu() for a in view_menu.actions() if a.text() == "&Theme")
    texts = [a.text().replace("&", "") for a in theme_menu.actions()]
    assert texts == ["As the system", "Light", "Dark"]
    first.window_actions["theme_dark"].trigger()
    assert palette.palette_is_dark(qapp.palette())
    qtbot.waitUntil(lambda: palette.palette_is_dark(first.panes[0].view.palette()))
    first.window_actions["theme_light"].trigger()
    assert not palette.palette_is_dark(qapp.palette())
    first.window_actions["theme_dark"].trigger()
    first.close()
    second = make_window()
    try:
        assert second.window_actions["theme_dark"].isChecked()
        assert palette.palette_is_dark(qapp.palette())
    finally:
        second.window_actions["theme_system"].trigger()
    assert not palette.palette_is_dark(qapp.palette())  # offscreen has no dark scheme
