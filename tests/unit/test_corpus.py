"""The bundled corpus: catalogue, passages, chrome flags and stable ids."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from reader.corpus.catalog import CatalogError, read_catalog
from reader.corpus.chrome import classify_chrome, is_interface_line
from reader.library import Library, LibraryError

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_catalogue_describes_five_documents_with_valid_metadata(corpus_dir: Path) -> None:
    metas = read_catalog(corpus_dir)
    assert len(metas) == 5
    for meta in metas:
        assert re.fullmatch(r"[a-z0-9-]+", meta.id)
        assert (corpus_dir / meta.file).is_file()
        assert meta.title
        assert meta.published is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", meta.published)
    assert len({m.id for m in metas}) == 5


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_corpus_files_are_the_seeds_byte_for_byte(corpus_dir: Path) -> None:
    seeds = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.glob("*.txt")}
    ours = {
        hashlib.sha256((corpus_dir / m.file).read_bytes()).hexdigest()
        for m in read_catalog(corpus_dir)
    }
    assert ours == seeds


def test_seeds_give_87_passages_whose_offsets_quote_the_text() -> None:
    library = Library()
    total = 0
    for doc_id in library.documents.ids():
        doc = library.documents.get(doc_id)
        total += len(doc.passages)
        for index, passage in enumerate(doc.passages):
            assert passage.index == index
            assert passage.id == f"{doc_id}:{index}"
            quote = doc.text[passage.start : passage.end]
            assert quote == quote.strip() and quote
    assert total == 87


def test_passage_ids_are_stable_across_loads(tmp_path: Path) -> None:
    first = Library()
    second = Library(data_dir=tmp_path / "other")
    for doc_id in first.documents.ids():
        a = first.documents.get(doc_id).passages
        b = second.documents.get(doc_id).passages
        assert [(p.id, p.start, p.end) for p in a] == [(p.id, p.start, p.end) for p in b]


def _chrome(library: Library, doc_id: str) -> list[int]:
    return [p.index for p in library.documents.get(doc_id).passages if p.chrome]


def test_chrome_flags_on_the_seeds() -> None:
    library = Library()
    # Navigation, category list, teasers, footer and sign-in prompt; not the byline/bio/tweets.
    assert _chrome(library, "afghan-insight-regional-conferences") == [0, *range(26, 40)]
    # "Follow …", "Send tips to" and the syndication notice; not the byline passage.
    assert _chrome(library, "afghanistan-looks-to-russia") == [13, 14, 15]
    # The repeated section banner.
    assert _chrome(library, "norway-peace-diplomacy") == [0, 2]
    # The masthead's date banner.
    assert _chrome(library, "qatar-peace-dialogue") == [0]
    # An opinion piece with an author bio and no furniture.
    assert _chrome(library, "taliban-international-diplomacy") == []


def _furniture(library: Library, doc_id: str) -> dict[int, list[str]]:
    doc = library.documents.get(doc_id)
    return {p.index: [doc.text[s:e] for s, e in p.furniture] for p in doc.passages if p.furniture}


def test_interface_lines_inside_body_passages_are_furniture() -> None:
    # Issue 25: "SHARE" under a caption, a share bar over the author's bio, a logo's alt text
    # and the font-size control were left in the body text; the caption, the byline and the
    # bio around them stay.
    library = Library()
    assert _furniture(library, "afghan-insight-regional-conferences") == {
        2: ["SHARE"],
        25: ["Share This Article", "Facebook Twitter Copy Link Print", "Share", "Follow:"],
    }
    assert _furniture(library, "afghanistan-looks-to-russia") == {
        2: ["Daily Caller News Foundation logo", "Font Size:"],
    }
    for doc_id in ("norway-peace-diplomacy", "qatar-peace-dialogue"):
        assert _furniture(library, doc_id) == {}


@pytest.mark.parametrize(
    "line",
    [
        "SHARE",
        "Font Size:",
        "Share This Article",
        "Facebook Twitter Copy Link Print",
        "Follow:",
        "The Weekly Courier logo",
        "Home > World > Asia",
        "NewsSportWeatherTravel",
    ],
)
def test_interface_lines_by_their_shape(line: str) -> None:
    assert is_interface_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Lima - Journalist / Contributor",
        "Last updated: May 8, 2024 6:19 pm",
        "The photo shows the minister, who shared the plan with reporters.",
        "Share prices fell sharply in Kabul after the talks were suspended last week.",
        "Ana Lima",
    ],
)
def test_prose_bylines_and_dates_are_not_interface_lines(line: str) -> None:
    assert not is_interface_line(line)


@pytest.mark.parametrize(
    ("passages", "expected"),
    [
        (["Home\nNews\nSport\nWeather\nContact"], [True]),
        (
            ["Share on Facebook", "The minister said on Monday that talks would resume."],
            [True, False],
        ),
        (["World > Asia > Politics", "A headline about something"], [True, False]),
        (["Copyright © 2023 Example Media. All rights reserved."], [True]),
        (["Subscribe to our newsletter"], [True]),
        (["Related articles", "Some teaser headline", "Another teaser"], [True, True, True]),
        (["By Jane Doe, Staff Reporter"], [False]),
        (["— Jane Doe (@jdoe) March 3, 2021"], [False]),
        (["Monday, March 4th, 2024"], [True]),
    ],
)
def test_chrome_rules_generalise(passages: list[str], expected: list[bool]) -> None:
    assert classify_chrome(passages) == expected


def test_bad_catalogue_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text('[[document]]\nid = "Bad Id"\nfile = "x.txt"\n')
    with pytest.raises(CatalogError, match="slug"):
        read_catalog(tmp_path)
    with pytest.raises(LibraryError):
        Library(corpus_dir=tmp_path)


def test_unreadable_document_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "catalog.toml").write_text(
        '[[document]]\nid = "good"\nfile = "good.txt"\ntitle = "Good"\n'
        '[[document]]\nid = "bad"\nfile = "bad.txt"\ntitle = "Bad"\n'
    )
    (tmp_path / "good.txt").write_text("Hello.\n\nWorld.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\x80")
    library = Library(corpus_dir=tmp_path)
    rows = {r.meta.id: r for r in library.documents.summaries()}
    assert rows["good"].passage_count == 2
    assert rows["bad"].passage_count is None and "not UTF-8" in (rows["bad"].error or "")


def test_metadata_corrections_are_overrides_in_the_data_folder(
    data_dir: Path, corpus_dir: Path
) -> None:
    before = (corpus_dir / "catalog.toml").read_bytes()
    library = Library()
    library.documents.edit_metadata(
        "qatar-peace-dialogue", {"published": "2015-05-04", "author": "A. A. Bahrami"}
    )
    assert Library().documents.metadata("qatar-peace-dialogue").published == "2015-05-04"
    assert (data_dir / "overrides" / "qatar-peace-dialogue.json").is_file()
    assert (corpus_dir / "catalog.toml").read_bytes() == before
    with pytest.raises(LibraryError, match="YYYY"):
        library.documents.edit_metadata("qatar-peace-dialogue", {"published": "May 2015"})


def test_damaged_override_is_moved_aside_and_reported(data_dir: Path) -> None:
    folder = data_dir / "overrides"
    folder.mkdir()
    (folder / "qatar-peace-dialogue.json").write_text("{not json")
    library = Library()
    assert library.documents.metadata("qatar-peace-dialogue").published == "2015-05"
    assert any("moved to" in m for m in library.damage_reports())
    assert list((data_dir / "damaged").iterdir())


def test_the_shipped_folders_come_from_the_package_when_it_carries_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.corpus import locate

    (tmp_path / "_data" / "corpus").mkdir(parents=True)
    monkeypatch.setattr(locate, "package_dir", lambda: tmp_path)
    assert locate.bundled_corpus_dir() == tmp_path / "_data" / "corpus"
    # What the package does not carry is read from the checkout.
    assert locate.resources_dir() == locate.project_root() / "resources"


def test_a_checkout_reads_the_shipped_folders_where_they_are() -> None:
    from importlib.resources import files

    from reader.corpus import locate

    assert locate.package_dir() == files(locate.DATA_PACKAGE)  # where importlib finds it
    assert (locate.bundled_corpus_dir() / "catalog.toml").is_file()
    assert (locate.resources_dir() / "gazetteer.toml").is_file()
