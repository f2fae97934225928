"""The start-up check stats thousands of files at once, relative to the corpus folder: the
same stamps as one file at a time, a missing file included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library.sources import CorpusSource


@pytest.mark.parametrize("dir_fd", [True, False])
def test_many_stamps_are_each_file_s_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dir_fd: bool
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("alpha\n", "utf-8")
    (corpus / "sub" / "b.txt").write_text("beta beta\n", "utf-8")
    (corpus / "catalog.toml").write_text(
        "".join(
            f'[[document]]\nid = "{i}"\nfile = "{f}"\ntitle = "{i}"\n'
            for i, f in [("a", "a.txt"), ("b", "sub/b.txt"), ("gone", "gone.txt")]
        ),
        "utf-8",
    )
    if not dir_fd:  # a system whose stat takes no folder: one path at a time
        monkeypatch.setattr(os, "supports_dir_fd", set())
    source = CorpusSource(corpus)
    metas = source.metadata()
    found = source.stat_many(metas)
    assert found == [source.stat(m) for m in metas]
    assert found[2] == (-1, -1)
    assert found[1][0] == len("beta beta\n")
