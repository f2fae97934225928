"""The benchmark runner prints each row as it comes and survives a failing benchmark."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from benchmarks import run


def _module(name: str, rows: list[dict[str, Any]] | None) -> types.ModuleType:
    module = types.ModuleType(f"benchmarks.bench_{name}")

    def bench() -> list[dict[str, Any]]:
        if rows is None:
            raise RuntimeError("the window did not answer within 10 s")
        return rows

    module.run = bench  # type: ignore[attr-defined]
    return module


def test_a_failing_benchmark_prints_an_error_row_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    first = {"benchmark": "first", "measure": "speed", "value": 1.5, "unit": "s"}
    last = {"benchmark": "last", "measure": "size", "value": 7, "unit": "MB"}
    monkeypatch.setitem(sys.modules, "benchmarks.bench_first", _module("first", [first]))
    monkeypatch.setitem(sys.modules, "benchmarks.bench_broken", _module("broken", None))
    monkeypatch.setitem(sys.modules, "benchmarks.bench_last", _module("last", [last]))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path))

    code = run.main(["first", "broken", "last"])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split()[0] for line in out[2:]] == ["first", "broken", "last"]
    assert "FAILED" in out[3] and "did not answer within 10 s" in out[3]
    assert "1.500" in out[2] and "MB" in out[4]


def test_rows_are_printed_before_the_next_benchmark_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    seen: list[str] = []
    second = _module("second", [])

    def look() -> list[dict[str, Any]]:
        seen.append(capsys.readouterr().out)
        return []

    second.run = look  # type: ignore[attr-defined]
    row = {"benchmark": "first", "measure": "speed", "value": 2.0, "unit": "s"}
    monkeypatch.setitem(sys.modules, "benchmarks.bench_first", _module("first", [row]))
    monkeypatch.setitem(sys.modules, "benchmarks.bench_second", second)
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path))

    assert run.main(["first", "second"]) == 0
    assert "speed" in seen[0]


def test_a_benchmark_that_yields_keeps_its_rows_when_it_fails_midway(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    module = types.ModuleType("benchmarks.bench_halfway")

    def rows() -> Any:
        yield {"benchmark": "halfway", "measure": "1,000 docs", "value": 3.0, "unit": "s"}
        raise TimeoutError("5,000 docs did not finish")

    module.run = rows  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "benchmarks.bench_halfway", module)
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path))

    assert run.main(["halfway"]) == 1
    out = capsys.readouterr().out.splitlines()[2:]
    assert "1,000 docs" in out[0] and "FAILED" in out[1] and "did not finish" in out[1]
