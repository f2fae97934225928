"""One window per data folder: a second start hands over; a stale socket does not block."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QDir, QProcess, QProcessEnvironment
from pytestqt.qtbot import QtBot

from reader.core.links import ReaderLink, format_link
from reader.ui.app import HANDED_OVER
from reader.ui.main_window import MainWindow
from reader.ui.single_instance import InstanceServer, send_message, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_server_names_differ_by_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_a_second_start_hands_its_arguments_over_and_exits(
    window: MainWindow, qtbot: QtBot, data_dir: Path
) -> None:
    server = InstanceServer(server_name(data_dir))
    assert server.listen()
    server.message_received.connect(window.handle_message)
    process = QProcess()
    env = QProcessEnvironment.systemEnvironment()
    env.insert("READER_DATA_DIR", str(data_dir))
    env.insert("QT_QPA_PLATFORM", "offscreen")
    process.setProcessEnvironment(env)
    process.setWorkingDirectory(str(ROOT))
    try:
        with qtbot.waitSignal(server.message_received, timeout=20_000) as received:
            process.start(sys.executable, ["main.py"])
        with qtbot.waitSignal(process.finished, timeout=20_000):
            pass
    finally:
        server.close()
    assert received.args[0]["argv"] == []
    assert process.exitCode() == 0
    err = bytes(process.readAllStandardError().data()).decode().strip().splitlines()
    assert [line for line in err if "propagateSizeHints" not in line] == [HANDED_OVER]


def test_a_handed_over_link_jumps_there(window: MainWindow) -> None:
    pane = window.panes[1]
    assert pane.doc is not None
    target = pane.doc.passages[-1]
    link = format_link(ReaderLink(pane.doc.id, target.start, target.end))
    window.handle_message({"argv": [link, "not-a-link"]})
    assert pane.view.cursor_offset() == target.start


def test_a_stale_socket_does_not_block_starting(tmp_path: Path, qapp: object) -> None:
    name = server_name(tmp_path / "crashed")
    path = os.path.join(QDir.tempPath(), name)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # bound, never listening, never removed: what a crash leaves behind
    stale.close()
    try:
        assert os.path.exists(path)
        assert not send_message(name, {"argv": []}, timeout_ms=200)
        server = InstanceServer(name)
        assert server.listen()
        server.close()
    finally:
        if os.path.exists(path):
            os.unlink(path)
