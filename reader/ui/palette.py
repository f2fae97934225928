"""Light and dark palettes that follow the system's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


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
        role.PlaceholderText: "#8a8f98",
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
    """Return Fusion's light palette with a paper-white reading surface."""
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#fdfcfa"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1d1d1f"))
    return palette


def is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_system_palette(app: QApplication) -> None:
    """Use the palette that matches the system's scheme now."""
    app.setPalette(dark_palette() if is_dark(app) else light_palette())


def follow_system_palette(app: QApplication) -> None:
    """Apply the matching palette now and whenever the system's scheme changes."""
    app.setStyle("Fusion")
    apply_system_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_system_palette(app))
