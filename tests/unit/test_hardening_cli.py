"""Issue 14: hostile input on the command line gives one ``error:`` line, exit 1, data intact."""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.library import Library

DOC = "qatar-peace-dialogue"
Setup = Callable[[Path, Path], list[str]]  # (data folder, tmp folder) -> extra argv


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_error(code: int, err: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1 and lines[0].startswith("error: "), err


def _corpus_with(tmp: Path, file: str, *, catalogue: str | None = None) -> Path:
    corpus = tmp / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "own.txt").write_text("A document of its own.\n", "utf-8")
    (corpus / "catalog.toml").write_text(
        catalogue
        if catalogue is not None
        else f'[[document]]\nid = "hostile"\nfile = {json.dumps(file)}\ntitle = "Hostile"\n',
        "utf-8",
    )
    return corpus


def _catalogue_entry(file: str, prepare: Callable[[Path], None] | None = None) -> Setup:
    def setup(data: Path, tmp: Path) -> list[str]:
        corpus = _corpus_with(tmp, file)
        if prepare is not None:
            prepare(corpus)
        return ["docs", "show", "hostile", "--corpus", str(corpus)]

    return setup


def _link(text: str) -> Setup:
    return lambda data, tmp: ["open", text]


def _import(content: bytes | Callable[[], bytes]) -> Setup:
    def setup(data: Path, tmp: Path) -> list[str]:
        path = tmp / "in.json"
        path.write_bytes(content() if callable(content) else content)
        return ["highlights", "import", str(path)]

    return setup


def _in_data(relative: str, make: str) -> Callable[[list[str]], Setup]:
    """Replace a path of the data folder by a folder or a file, then run ``argv``."""

    def with_argv(argv: list[str]) -> Setup:
        def setup(data: Path, tmp: Path) -> list[str]:
            path = data / relative
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            path.parent.mkdir(parents=True, exist_ok=True)
            if make == "folder":
                path.mkdir()
            else:
                path.write_text("not a folder")
            return argv

        return setup

    return with_argv


def _damaged_file_and_damaged_folder_a_file(data: Path, tmp: Path) -> list[str]:
    (data / "highlights" / f"{DOC}.json").write_text("{not json")
    shutil.rmtree(data / "backups")
    damaged = data / "damaged"
    if damaged.is_dir():
        shutil.rmtree(damaged)
    damaged.write_text("a file where the folder goes")
    return ["highlights", "list", "--doc", DOC]


def _fifo(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")


def _link_out(target: str) -> Callable[[Path], None]:
    return lambda corpus: (corpus / "link.txt").symlink_to(target)


def _zero_link(corpus: Path) -> None:
    (corpus / "zero.txt").symlink_to("/dev/zero")


def _deep_catalogue(data: Path, tmp: Path) -> list[str]:
    corpus = _corpus_with(tmp, "own.txt", catalogue="x = " + "[" * 100_000 + "]" * 100_000)
    return ["docs", "--corpus", str(corpus)]


def _catalogue_a_folder(data: Path, tmp: Path) -> list[str]:
    corpus = _corpus_with(tmp, "own.txt")
    (corpus / "catalog.toml").unlink()
    (corpus / "catalog.toml").mkdir()
    return ["docs", "--corpus", str(corpus)]


def _data_dir_a_file(data: Path, tmp: Path) -> list[str]:
    (tmp / "datafile").write_text("x")
    return ["docs", "--data-dir", str(tmp / "datafile")]


def _long_doc_id_after_good_ones() -> bytes:
    good = {"type": "Annotation", "id": "urn:uuid:6a1f8a1e-8f3e-4a57-9c8e-5f0f7b1d2c3a",
            "rr:docId": DOC, "target": {"selector": [
                {"type": "TextPositionSelector", "start": 0, "end": 5},
                {"type": "TextQuoteSelector", "exact": "xxxxx"}]}}
    bad = {**good, "id": "urn:uuid:7a1f8a1e-8f3e-4a57-9c8e-5f0f7b1d2c3a", "rr:docId": "a" * 5000}
    return json.dumps({"type": "AnnotationCollection", "items": [good, bad]}).encode()


CASES: dict[str, Setup] = {
    "link with a superscript offset": _link(f"reader://open/{DOC}?start=²"),
    "link with a 5000-digit offset": _link(f"reader://open/{DOC}?start=" + "9" * 5000),
    "link with a broken IPv6 host": _link("reader://[::1"),
    "title not UTF-8": lambda data, tmp: ["docs", "edit", DOC, "--title", "bad \udcff"],
    "published 31 February": lambda data, tmp: ["docs", "edit", DOC, "--published", "2015-02-31"],
    "published year 0000": lambda data, tmp: ["docs", "edit", DOC, "--published", "0000"],
    "doc id with a trailing newline": lambda data, tmp: ["notes", "set", DOC + "\n", "text"],
    "import nested 100,000 deep": _import(b"[" * 100_000 + b"]" * 100_000),
    "catalogue a folder": _catalogue_a_folder,
    "catalogue nested 100,000 deep": _deep_catalogue,
    "data folder a file": _data_dir_a_file,
    "highlight file a folder": _in_data(f"highlights/{DOC}.json", "folder")(
        ["highlights", "list", "--doc", DOC]
    ),
    "lock file a folder": _in_data(f"highlights/.{DOC}.lock", "folder")(
        ["highlights", "add", DOC, "--start", "0", "--end", "4"]
    ),
    "palette.json a folder": _in_data("palette.json", "folder")(["highlights", "colors"]),
    "damaged/ a file": _damaged_file_and_damaged_folder_a_file,
    "catalogue file ../../../etc/hostname": _catalogue_entry("../../../../../../etc/hostname"),
    "catalogue file /etc/passwd": _catalogue_entry("/etc/passwd"),
    "catalogue file a link to /etc/shadow": _catalogue_entry(
        "link.txt", _link_out("/etc/shadow")
    ),
    "catalogue file a FIFO": _catalogue_entry("pipe.txt", _fifo),
    "catalogue file /dev/zero": _catalogue_entry("zero.txt", _zero_link),
}


@pytest.mark.parametrize("setup", list(CASES.values()), ids=list(CASES))
def test_hostile_input_is_one_error_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, setup: Setup
) -> None:
    kept = Library().highlights.add(DOC, 10, 30)
    argv = setup(data_dir, tmp_path)
    path = data_dir / "highlights" / f"{DOC}.json"
    before = path.read_bytes() if path.is_file() else None
    code, out, err = run(capsys, argv)
    one_error(code, err)
    assert "hostname" not in out and "root:" not in out
    if before is not None and kept.id.encode() in before:  # the user's data is untouched
        assert path.read_bytes() == before


@pytest.mark.parametrize("setup", [
    _import(_long_doc_id_after_good_ones),
    _import(json.dumps({"type": "Annotation", "id": "x", "rr:docId": DOC, "rr:color": ["red"],
                        "target": {"selector": [
                            {"type": "TextPositionSelector", "start": 0, "end": 5},
                            {"type": "TextQuoteSelector", "exact": "xxxxx"}]}}).encode()),
    _import(json.dumps({"type": "Annotation", "motivation": "commenting", "bodyValue": "n",
                        "target": f"reader://open/{DOC}?start=" + "1" * 5000}).encode()),
    _import(json.dumps({"type": "Annotation", "id": "y", "rr:docId": DOC + "\n",
                        "target": {"selector": [
                            {"type": "TextPositionSelector", "start": 0, "end": 5},
                            {"type": "TextQuoteSelector", "exact": "xxxxx"}]}}).encode()),
], ids=["5000-character docId", "rr:color a list", "note target bad offset", "docId newline"])
def test_odd_annotations_are_read_or_skipped_never_a_traceback(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, setup: Setup
) -> None:
    code, _out, err = run(capsys, setup(data_dir, tmp_path))
    assert code == 0 and "Traceback" not in err, err
    assert all(p.name.endswith(".json") and "\n" not in p.name and len(p.name) < 200
               for p in (data_dir / "highlights").glob("*.json"))


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("reader.store.atomic.os.fsync", fsync)


@pytest.mark.parametrize("argv", [
    ["highlights", "add", DOC, "--start", "40", "--end", "60"],
    ["notes", "set", DOC, "new notes"],
], ids=["highlights add", "notes set"])
def test_a_full_disk_is_one_error_line_and_the_data_is_intact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    library = Library()
    kept = library.highlights.add(DOC, 10, 30)
    library.highlights.set_note(DOC, "old notes")
    path = data_dir / "highlights" / f"{DOC}.json"
    before = path.read_bytes()
    with monkeypatch.context() as patched:
        _disk_full(patched)
        code, _out, err = run(capsys, argv)
    one_error(code, err)
    assert "No space left" in err and "as it was" in err
    assert path.read_bytes() == before
    assert [h.id for h in Library().highlights.list(DOC)] == [kept.id]
    assert not list(path.parent.glob(".*.tmp"))


def test_a_failed_backup_still_prints_the_id(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    Library().highlights.add(DOC, 10, 30)
    backups = data_dir / "backups" / "highlights" / DOC
    shutil.rmtree(backups)
    backups.write_text("a file where the folder goes")
    code, out, err = run(capsys, ["highlights", "add", DOC, "--start", "40", "--end", "60"])
    assert code == 0 and "Traceback" not in err
    new_id = out.strip()
    assert new_id in {h.id for h in Library().highlights.list(DOC)}
    assert err.startswith("warning: ") and "backup could not be written" in err


def test_empty_notes_on_stdin_need_empty(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Library().highlights.set_note(DOC, "keep me")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _out, err = run(capsys, ["notes", "set", DOC, "-"])
    one_error(code, err)
    assert "--empty" in err
    assert Library().highlights.note(DOC).text == "keep me"  # type: ignore[union-attr]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _out, err = run(capsys, ["notes", "set", DOC, "-", "--empty"])
    assert code == 0, err
    assert Library().highlights.note(DOC).text == ""  # type: ignore[union-attr]


def test_notes_on_stdin_that_are_not_utf8_are_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Library().highlights.set_note(DOC, "keep me")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 \xff")))
    code, _out, err = run(capsys, ["notes", "set", DOC, "-"])
    one_error(code, err)
    assert Library().highlights.note(DOC).text == "keep me"  # type: ignore[union-attr]


def test_control_characters_are_escaped_in_plain_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    library = Library()
    library.highlights.add(DOC, 10, 30, note="\x1b]0;pwned\x07 \x1b[31mred", tags=["\x1b[2J"])
    library.documents.edit_metadata(DOC, {"title": "Title \x1b[5mblink\x9b"})
    for argv in (["highlights", "list"], ["docs"], ["docs", "show", DOC]):
        code, out, err = run(capsys, argv)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        assert "\\x1b" in out


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink"])
def test_export_out_writes_through_or_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    Library().highlights.add(DOC, 10, 30)
    out = tmp_path / "out.md"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    else:
        real = tmp_path / "real.md"
        real.write_text("old")
        out.symlink_to(real)
    code, _out, err = run(capsys, ["export", "--format", "md", "--out", str(out)])
    if kind == "symlink":
        assert code == 0, err
        assert out.is_symlink() and "Hostile" not in (tmp_path / "real.md").read_text()
        assert (tmp_path / "real.md").read_text("utf-8").startswith("---")
        return
    one_error(code, err)
    assert "regular file" in err
    mode = out.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISCHR(mode)


def test_a_killed_exports_old_temporary_file_is_swept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.md"
    stale = tmp_path / ".out.md.abc123.tmp"
    young = tmp_path / ".out.md.def456.tmp"
    stale.write_bytes(b"x" * 1000)
    young.write_bytes(b"y")
    os.utime(stale, (1, 1))
    other = tmp_path / ".notes.md.abc123.tmp"
    other.write_bytes(b"z")
    os.utime(other, (1, 1))
    code, _out, err = run(capsys, ["export", "--format", "md", "--out", str(out)])
    assert code == 0, err
    assert not stale.exists() and young.exists() and other.exists()


def test_doc_ids_and_dates_are_checked_whole() -> None:
    from reader.core.model import is_valid_doc_id, is_valid_published

    assert is_valid_doc_id(DOC) and not is_valid_doc_id(DOC + "\n")
    assert not is_valid_doc_id("a" * 5000)
    assert is_valid_published("2016-02-29") and is_valid_published("2015")
    for bad in ("2015-02-31", "0000", "2015-02-31\n", "2015-13"):
        assert not is_valid_published(bad), bad


def test_docs_says_when_it_moves_a_damaged_correction_aside(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    Library().documents.edit_metadata(DOC, {"author": "Someone"})
    (data_dir / "overrides" / f"{DOC}.json").write_text("{broken")
    code, _out, err = run(capsys, ["docs"])
    assert code == 0, err
    assert any(
        line.startswith("warning: ") and "moved to" in line for line in err.splitlines()
    ), err
    assert list((data_dir / "damaged").iterdir())


@pytest.mark.parametrize("argv", [
    ["highlights", "add", DOC, "--start", "40", "--end", "60"],
    ["notes", "set", DOC, "new notes"],
    ["docs", "edit", DOC, "--author", "Someone"],
    ["highlights", "colors", "--set", "yellow=claim"],
    ["gazetteer", "add", "Someone New", "--kind", "person"],
], ids=lambda argv: " ".join(argv[:2]))
def test_a_read_only_data_folder_is_one_error_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    library = Library()
    kept = library.highlights.add(DOC, 10, 30)
    path = data_dir / "highlights" / f"{DOC}.json"
    before = path.read_bytes()

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(kwargs.get("dir", "")))

    with monkeypatch.context() as patched:
        patched.setattr("tempfile.mkstemp", read_only)  # as reader.store.atomic calls it
        code, _out, err = run(capsys, argv)
    one_error(code, err)
    assert "Read-only file system" in err
    assert path.read_bytes() == before
    assert [h.id for h in Library().highlights.list(DOC)] == [kept.id]


def test_an_unreadable_highlight_file_is_one_error_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library().highlights.add(DOC, 10, 30)
    path = data_dir / "highlights" / f"{DOC}.json"
    before = path.read_bytes()
    real, real_open = Path.read_bytes, builtins.open

    def denied(self: Path) -> bytes:  # as root, chmod 000 would not stop the read
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    def denied_open(file: Any, *args: Any, **kwargs: Any) -> Any:  # the listing's quick read
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", denied)
        patched.setattr(builtins, "open", denied_open)
        code, _out, err = run(capsys, ["highlights", "list", "--doc", DOC])
    one_error(code, err)
    assert "permission denied" in err
    assert path.read_bytes() == before and not (data_dir / "damaged").exists()
