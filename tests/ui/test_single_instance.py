"""One window per data folder: a second start hands over; a stale socket does not block."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QProcessEnvironment
from pytestqt.qtbot import QtBot

from reader.core.links import ReaderLink, format_link
from reader.ui import app as app_module
from reader.ui.app import HANDED_OVER
from reader.ui.main_window import MainWindow
from reader.ui.single_instance import (
    InstanceServer,
    hand_over,
    is_private_dir,
    is_valid_message,
    lock_file,
    send_message,
    server_name,
)

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
    path = name
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


# -- issue 14: a private socket, a lock, the peer's owner ----------------------------------
def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets in a private folder")
def test_the_socket_lives_in_a_folder_only_the_user_can_enter(tmp_path: Path) -> None:
    name = Path(server_name(tmp_path / "data"))
    folder = name.parent
    assert is_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert folder.stat().st_uid == os.getuid()


@pytest.mark.skipif(not _is_root(), reason="making a folder owned by another user needs root")
def test_a_folder_another_user_made_first_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    squatted = shared / f"reference-reader-{os.getuid()}"
    squatted.mkdir()
    os.chmod(squatted, 0o777)
    os.chown(squatted, 65534, 65534)  # "nobody" was there first
    name = Path(server_name(tmp_path / "data"))
    assert squatted not in name.parents
    assert is_private_dir(name.parent)


@pytest.mark.skipif(not _is_root(), reason="running a second user's process needs root")
@pytest.mark.skipif(not hasattr(socket, "SO_PEERCRED"), reason="no peer credentials here")
def test_a_server_of_another_user_gets_nothing(qapp: object) -> None:
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' to play the other user")
    shared = Path(tempfile.mkdtemp(prefix="rr-second-user-", dir="/tmp"))
    os.chmod(shared, 0o777)
    path = shared / "hijack.sock"
    received = shared / "received"
    script = (
        "import socket, sys\n"
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
        f"s.bind({str(path)!r}); s.listen(1); print('ready', flush=True)\n"
        "c, _ = s.accept(); c.settimeout(3)\n"
        "data = b''\n"
        "try:\n"
        "    data = c.recv(65536)\n"
        "except OSError:\n"
        "    pass\n"
        f"open({str(received)!r}, 'wb').write(data)\n"
    )
    child = subprocess.Popen(
        ["/usr/bin/python3", "-c", script],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: (os.setgid(65534), os.setuid(65534)),
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        secret = {"argv": ["secret-argument"], "cwd": "/home/victim/secret"}
        assert not send_message(str(path), secret, timeout_ms=500)
        child.wait(timeout=10)
        assert received.exists() and b"secret" not in received.read_bytes()
    finally:
        child.kill()
        child.wait()
        shutil.rmtree(shared, ignore_errors=True)


def test_a_second_claim_waits_for_the_lock_holder_and_never_takes_its_socket(
    tmp_path: Path,
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = server_name(tmp_path / "data")
    first = lock_file(name)
    assert first.tryLock(0)
    server = InstanceServer(name)  # a window busy elsewhere: listening, but no event loop runs
    assert server.listen()
    monkeypatch.setattr(app_module, "hand_over", lambda n, m: hand_over(n, m, wait_s=1.0))
    try:
        second = lock_file(name)
        status = app_module.claim_instance(name, second, {"argv": []})
        assert status == 1
        assert "does not answer" in capsys.readouterr().err
        assert os.path.exists(name)  # the busy window keeps its socket
        assert not second.isLocked()
    finally:
        server.close()
        first.unlock()
    third = lock_file(name)
    assert app_module.claim_instance(name, third, {"argv": []}) is None  # the lock is free now
    third.unlock()


@pytest.mark.parametrize(
    "message",
    [
        {"argv": 5},
        {"argv": "reader://open/x?start=1"},
        {"argv": [1, 2]},
        {"argv": [], "cwd": ["/"]},
        ["not", "a", "dict"],
    ],
)
def test_messages_of_the_wrong_shape_are_ignored(message: object) -> None:
    assert not is_valid_message(message)


def test_a_link_with_huge_offsets_is_ignored_by_the_window(window: MainWindow) -> None:
    pane = window.panes[1]
    assert pane.doc is not None
    before = pane.view.cursor_offset()
    window.handle_message({"argv": [f"reader://open/{pane.doc.id}?start={2**63}&end={2**63 + 1}"]})
    assert pane.view.cursor_offset() == before
