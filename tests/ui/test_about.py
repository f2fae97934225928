"""Help › About names the version, the data folder and the log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader import __version__
from reader.ui.about import install_about
from tests.ui.conftest import WindowFactory


def test_about_names_the_data_folder_and_the_log(
    make_window: WindowFactory, qtbot: QtBot, data_dir: Path
) -> None:
    window = make_window()
    action = install_about(window, data_dir / "logs" / "reader.log")
    assert action in window.menus["&Help"].actions()
    action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert __version__ in box.text()
    assert str(data_dir) in box.text()
    assert str(data_dir / "logs" / "reader.log") in box.text()
    box.close()
