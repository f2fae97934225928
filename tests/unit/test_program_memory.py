"""The program's own peak memory, as the benchmarks and the window's probe report it."""

from __future__ import annotations

import subprocess
import sys

from reader.library.program import peak_memory_mb


def test_a_child_reports_its_own_peak_not_its_parent_s() -> None:
    ballast = bytearray(300 * 2**20)  # this process grows by 300 MB before the child starts
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])
    code = "from reader.library.program import peak_memory_mb; print(peak_memory_mb())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    child = float(done.stdout)
    assert 0 < child < 200 < peak_memory_mb()
    del ballast
