"""One window per data folder: a second start hands its arguments to the running one.

The socket lives in a folder only this user can enter (``$XDG_RUNTIME_DIR``, else a ``0700``
folder of the user's in the temporary folder, else the private data folder), named from the data
folder, so two data folders (or two tests) never collide and no other local user can bind the name
first. Which process is the window is decided by a ``QLockFile`` beside the socket, not by "connect,
else delete the socket and listen": two simultaneous starts open one window, and a window that is
busy for a while keeps its socket. A client talks only to a server of its own user (the peer's uid,
where the platform tells it), and the server ignores connections and messages that are not its
user's or not well formed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import socket as pysocket
import stat
import struct
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
HAND_OVER_WAIT_S = 15.0
MAX_MESSAGE = 1 << 20
MAX_ARGS = 256
APP = "reference-reader"


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)
    return None if getuid is None else int(getuid())


def is_private_dir(folder: Path) -> bool:
    """Tell whether ``folder`` is a real folder (not a link) of this user that nobody else can
    enter or write."""
    try:
        st = folder.lstat()
    except OSError:
        return False
    uid = _uid()
    return (
        stat.S_ISDIR(st.st_mode)
        and (uid is None or st.st_uid == uid)
        and not st.st_mode & 0o077
    )


def _private(folder: Path) -> Path | None:
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, exist_ok=True)
    return folder if is_private_dir(folder) else None


def runtime_dir(data_root: Path) -> Path:
    """Return a folder of this user's that no other user can enter, for the socket and lock."""
    candidates = []
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and is_private_dir(Path(xdg)):
        candidates.append(Path(xdg) / APP)
    candidates.append(Path(tempfile.gettempdir()) / f"{APP}-{_uid() or 0}")
    for folder in candidates:
        found = _private(folder)
        if found is not None:
            return found
    # Another user made our folder in the shared temporary folder first: the data folder is
    # private to us (reader.store.datadir).
    return data_root / "instance"


def server_name(data_root: Path) -> str:
    """Return the local server's name (a socket path on Unix) for a data folder."""
    root = data_root.resolve()
    digest = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    if os.name == "nt":  # a named pipe: Qt makes it the user's own
        return f"{APP}-{digest}"
    folder = runtime_dir(root)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(folder / f"{digest}.sock")


def lock_file(name: str) -> QLockFile:
    """Return the lock that says which process is the window for this server name."""
    path = name.removesuffix(".sock") + ".lock" if os.name != "nt" else os.path.join(
        tempfile.gettempdir(), name + ".lock"
    )
    lock = QLockFile(path)
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


def peer_uid(descriptor: int) -> int | None:
    """Return the user id of the process at the other end of a local socket (Linux), or None."""
    option = getattr(pysocket, "SO_PEERCRED", None)
    if option is None or descriptor < 0:
        return None
    try:
        with pysocket.socket(fileno=os.dup(descriptor)) as sock:
            raw = sock.getsockopt(pysocket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


def _is_ours(socket: QLocalSocket) -> bool:
    uid, mine = peer_uid(int(socket.socketDescriptor())), _uid()
    return uid is None or mine is None or uid == mine


def send_message(name: str, message: dict[str, Any], timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Send a message to the instance listening on ``name``; tell whether one took it."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    if not _is_ours(socket):
        log.warning("the socket %s belongs to another user: nothing was sent", name)
        socket.abort()
        return False
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    # The server answers "ok" once it has read the message; a dying server may not.
    answered = socket.waitForReadyRead(timeout_ms * 4) and bytes(
        socket.readAll().data()
    ).startswith(b"ok")
    socket.disconnectFromServer()
    return bool(answered)


def hand_over(name: str, message: dict[str, Any], wait_s: float = HAND_OVER_WAIT_S) -> bool:
    """Give a message to the window that holds the lock, waiting while it starts; tell whether
    it took it."""
    deadline = time.monotonic() + wait_s
    while True:
        if send_message(name, message):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def is_valid_message(message: object) -> bool:
    """Tell whether a message has the shape a start sends: ``argv`` strings, ``cwd``,
    ``command``."""
    if not isinstance(message, dict):
        return False
    argv = message.get("argv", [])
    return (
        isinstance(argv, list)
        and len(argv) <= MAX_ARGS
        and all(isinstance(a, str) for a in argv)
        and isinstance(message.get("cwd", ""), str)
        and isinstance(message.get("command", ""), str)
    )


class InstanceServer(QObject):
    """Listens for messages from later starts of the app."""

    message_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. The caller holds the name's lock (``lock_file``), so a socket that is
        there already was left by a crashed instance: it is removed first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if not _is_ours(socket):
                log.warning("a connection from another user was refused")
                socket.abort()
                socket.deleteLater()
                continue
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + socket.readAll().data()
        if b"\n" not in data:
            self._buffers[socket] = data if len(data) < MAX_MESSAGE else b""
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            message = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            log.warning("a message that is not JSON was ignored")
            return
        if not is_valid_message(message):
            log.warning("a message of the wrong shape was ignored: %.200r", message)
            return
        socket.write(b"ok\n")
        socket.flush()
        self.message_received.emit(message)
