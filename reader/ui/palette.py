"""Light and dark palettes, chosen by View › Theme (the system's scheme, light or dark), and the
contrast rule every text colour of the window keeps (WCAG AA: 4.5:1)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
AA_CONTRAST = 4.5  # WCAG 2 level AA, normal text
ATTENTION = {False: "#c92a2a", True: "#ff8787"}  # by dark: what needs the user's attention


def dark_palette() -> QPalette:
    """Return a calm dark palette (Fusion's roles, warm text on near-black)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#202124",
        role.WindowText: "#e8e6e3",
        role.Base: "#1a1b1e",
        role.AlternateBase: "#25272b",
        role.Text: "#e4e1dc",
        role.Button: "#2b2d31",
        role.ButtonText: "#e8e6e3",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.ToolTipBase: "#2b2d31",
        role.ToolTipText: "#e8e6e3",
        role.PlaceholderText: "#969ba4",
        role.Link: "#8ab4f8",
        role.Mid: "#3a3d42",
        role.Midlight: "#33363b",
        role.Light: "#45484e",
        role.Dark: "#141518",
    }
    for color_role, value in colors.items():
        palette.setColor(color_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    palette.setColor(disabled, role.Text, QColor("#6b6f76"))
    palette.setColor(disabled, role.WindowText, QColor("#6b6f76"))
    palette.setColor(disabled, role.ButtonText, QColor("#6b6f76"))
    return palette


def light_palette() -> QPalette:
    """Return Fusion's light palette with a paper-white reading surface; the selection and the
    greyed text (placeholders, page furniture, result headings) darkened to read at 4.5:1."""
    palette = QApplication.style().standardPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Base, QColor("#fdfcfa"))
    palette.setColor(role.Text, QColor("#1d1d1f"))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role.Highlight, QColor("#2a64a8"))
        palette.setColor(group, role.HighlightedText, QColor("#ffffff"))
        palette.setColor(group, role.PlaceholderText, QColor("#646464"))
    return palette


def is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark surface."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def attention_color(palette: QPalette) -> QColor:
    """Return the red of "needs attention", readable on the palette's surfaces."""
    return QColor(ATTENTION[palette_is_dark(palette)])


def apply_system_palette(app: QApplication) -> None:
    """Use the palette that matches the system's scheme now."""
    app.setPalette(dark_palette() if is_dark(app) else light_palette())


class ThemeSwitch(QObject):
    """The application's theme: the system's scheme (followed as it changes), light or dark."""

    changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("themeSwitch")
        self.app = app
        self.theme = "system"
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def set_theme(self, theme: str) -> None:
        """Use ``theme`` (one of ``THEMES``; anything else means "system")."""
        self.theme = theme if theme in THEMES else "system"
        self.apply()
        self.changed.emit(self.theme)

    def apply(self) -> None:
        dark = is_dark(self.app) if self.theme == "system" else self.theme == "dark"
        self.app.setPalette(dark_palette() if dark else light_palette())

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme == "system":
            self.apply()


def theme_switch(app: QApplication) -> ThemeSwitch:
    """Return the application's theme switch (created on first use)."""
    found = app.findChild(ThemeSwitch, "themeSwitch")
    return found if isinstance(found, ThemeSwitch) else ThemeSwitch(app)


def follow_system_palette(app: QApplication) -> None:
    """Apply the matching palette now and whenever the system's scheme changes."""
    app.setStyle("Fusion")
    theme_switch(app).apply()


# -- contrast (WCAG 2) --------------------------------------------------------------------------
def blend(color: QColor, under: QColor) -> QColor:
    """Return ``color`` (with its alpha) painted over the opaque ``under``."""
    a = color.alphaF()
    return QColor(
        round(color.red() * a + under.red() * (1 - a)),
        round(color.green() * a + under.green() * (1 - a)),
        round(color.blue() * a + under.blue() * (1 - a)),
    )


def luminance(color: QColor) -> float:
    """Return a colour's relative luminance (WCAG 2)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(text: QColor, background: QColor) -> float:
    """Return the contrast ratio of text (blended over the background) and its background."""
    lighter, darker = sorted(
        (luminance(blend(text, background)), luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
