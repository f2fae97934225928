"""What the program as a whole needs from the data folder before a library opens: its place
(for ``--help`` and About) and the log; and its own peak memory (for benchmarks)."""

from __future__ import annotations

from pathlib import Path

from reader.store import logs
from reader.store.datadir import DataDir, resolve_data_dir


def data_folder(explicit: Path | None = None) -> Path:
    """Return the data folder the program would use (not created: only to name it)."""
    return resolve_data_dir(explicit, create=False)


def start_logging(data_dir: Path | None = None) -> Path:
    """Send the program's log to the data folder's ``logs/``; return the log file's path."""
    return logs.start_logging(DataDir(resolve_data_dir(data_dir)).logs)


def log_path() -> Path | None:
    """Return the log file, if logging was started."""
    return logs.log_path()


def peak_memory_mb() -> float:
    """Return this program's peak resident memory (MB): VmHWM, which a new program starts
    afresh. ``ru_maxrss`` also counts the parent's memory at the fork (Linux keeps the larger
    across exec), so a benchmark's children all looked as big as the benchmark."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
