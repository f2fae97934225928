"""Parse one imported file in its own child process, with a time limit and a memory cap.

MuPDF has a history of crashing on malformed files, and an EPUB of 155 KB once took 7.3 s and
1.5 GB to open: whatever a file does to its parser must not take the window or the command
down. So each paged file is read by a child started with ``spawn`` (forking a process that runs
Qt threads can deadlock) whose address space is capped (``RLIMIT_AS``); the parent waits, passes
progress on, and kills the child when the user cancels, when it stops making progress for too
long, or when the whole file takes too long. A dead child is an ``UnreadableFile``, not a crash.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from reader.corpus.importers import ReadFile, ReadOptions, UnreadableFile

STALL_LIMIT_S = 60.0  # opening the file, or any one page, may take this long
TOTAL_LIMIT_S = 1800.0
MEMORY_LIMIT_MB = 2048
MAX_FILE_BYTES = 1024 * 1024 * 1024
# Test-only: READER_IMPORT_TEST_HOOK=crash|sleep|memory makes the child misbehave on purpose.
HOOK_ENV = "READER_IMPORT_TEST_HOOK"
STALL_ENV = "READER_IMPORT_TIME_LIMIT"
MEMORY_ENV = "READER_IMPORT_MEMORY_MB"


class ImportCancelled(UnreadableFile):
    """The user stopped the import of this file."""


def read_isolated(path: Path, options: ReadOptions) -> ReadFile:
    """Read a paged file in a child process; ``UnreadableFile`` saying why when it cannot be."""
    _precheck(path)
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main,
        args=(sender, str(path), options.password, _memory_limit(), os.environ.get(HOOK_ENV)),
        daemon=True,
        name="reader-import",
    )
    child.start()
    sender.close()  # the child's end: EOF here once the child is gone
    try:
        return _wait(child, receiver, path, options)
    finally:
        if child.is_alive():
            child.kill()
        child.join(10)
        receiver.close()


def _precheck(path: Path) -> None:
    from reader.corpus.paged import format_name
    from reader.corpus.zipcheck import check_zip, is_zip_based

    try:
        if not path.is_file():
            raise UnreadableFile(f"{path}: not a regular file")
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: file not found") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise UnreadableFile(f"{path}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path}: the file is too large ({size // 2**20:,} MB)")
    if path.suffix.lower() == ".pdf" and b"%PDF-" not in head:
        raise UnreadableFile(f"{path}: not a PDF file (no PDF header)")
    if is_zip_based(path, head):
        check_zip(path)
    elif path.suffix.lower() == ".epub":
        raise UnreadableFile(f"{path}: not a valid {format_name(path)} file")


def _wait(
    child: Any, receiver: Connection, path: Path, options: ReadOptions
) -> ReadFile:
    stall = _stall_limit()
    started = time.monotonic()
    deadline = started + stall
    while True:
        if options.cancelled is not None and options.cancelled():
            raise ImportCancelled(f"{path}: import cancelled")
        now = time.monotonic()
        if now > deadline or now - started > TOTAL_LIMIT_S:
            raise UnreadableFile(
                f"{path}: reading the file took too long (no progress in {stall:g} s); stopped"
            )
        if not receiver.poll(0.1):
            if not child.is_alive() and not receiver.poll(0):
                raise UnreadableFile(_crashed(path, child.exitcode))
            continue
        try:
            message = receiver.recv()
        except (EOFError, OSError):
            child.join(5)
            raise UnreadableFile(_crashed(path, child.exitcode)) from None
        kind = message[0]
        if kind == "progress":
            deadline = time.monotonic() + stall
            if options.progress is not None:
                options.progress(message[1], message[2])
        elif kind == "done":
            result: ReadFile = message[1]
            return result
        elif kind == "password":
            from reader.corpus.paged import PasswordNeeded

            raise PasswordNeeded(message[1])
        else:
            raise UnreadableFile(message[1])


def _crashed(path: Path, code: int | None) -> str:
    how = f"exit code {code}"
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            how = signal.Signals(-code).name
    return f"{path}: the reader crashed on this file ({how}); nothing was imported"


def _stall_limit() -> float:
    try:
        return max(0.5, float(os.environ.get(STALL_ENV, STALL_LIMIT_S)))
    except ValueError:
        return STALL_LIMIT_S


def _memory_limit() -> int:
    try:
        return int(os.environ.get(MEMORY_ENV, MEMORY_LIMIT_MB)) * 1024 * 1024
    except ValueError:
        return MEMORY_LIMIT_MB * 1024 * 1024


# -- the child -----------------------------------------------------------------------------------
def _child_main(
    conn: Connection, path: str, password: str | None, memory: int, hook: str | None
) -> None:
    """Read one file and send the result (or why not) to the parent; never raise."""
    from reader.corpus.paged import PasswordNeeded, read_paged

    _limit(memory)
    try:
        _misbehave(hook, memory)
        found = read_paged(Path(path), password, lambda d, t: conn.send(("progress", d, t)))
        conn.send(("done", found))
    except PasswordNeeded as exc:
        conn.send(("password", str(exc)))
    except UnreadableFile as exc:
        conn.send(("error", str(exc)))
    except MemoryError:
        _send_quietly(conn, f"{path}: needs more than {memory // 2**20} MB of memory to read")
    except BaseException as exc:
        _send_quietly(conn, f"{path}: could not be read ({type(exc).__name__}: {exc})"[:300])
    finally:
        conn.close()


def _send_quietly(conn: Connection, message: str) -> None:
    with contextlib.suppress(Exception):
        conn.send(("error", message))


def _limit(memory: int) -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)  # the window shares the machine


def _misbehave(hook: str | None, memory: int) -> None:
    if hook == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif hook == "sleep":
        time.sleep(3600)
    elif hook == "memory":
        bytearray(memory * 2)
