"""Copy with citation: the quote and its source, plain and HTML."""

from __future__ import annotations

import html

import pytest

from reader.core.citation import cite, cite_span, tidy_quote
from reader.core.model import DocId, Document, DocumentMeta, Passage

META = DocumentMeta(
    id=DocId("d"),
    file="d.txt",
    title="Talks & Truces",
    author="Ana Lima",
    site="The Review",
    published="2024-01-25",
    url="https://example.org/a?b=1&c=2",
)


def test_plain_citation_has_quote_author_title_site_date_and_passage() -> None:
    c = cite("the talks  resumed\nin Doha", META, passage_number=4)
    assert c.plain == (
        "“the talks resumed in Doha”\n"
        "— Ana Lima, “Talks & Truces”, The Review, 2024-01-25, ¶ 4. https://example.org/a?b=1&c=2"
    )


def test_html_citation_escapes_and_links() -> None:
    c = cite("a <b> & c", META, passage_number=1)
    assert "<blockquote><p>“a &lt;b&gt; &amp; c”</p></blockquote>" in c.html
    assert "<i>Talks &amp; Truces</i>" in c.html
    assert '<a href="https://example.org/a?b=1&amp;c=2">' in c.html
    assert "¶ 1." in c.html


def test_missing_metadata_is_left_out_and_page_wins_over_passage() -> None:
    bare = DocumentMeta(id=DocId("x"), file="x.txt", title="Only a title")
    c = cite("quote", bare, passage_number=2, page=7)
    assert c.plain == "“quote”\n— “Only a title”, p. 7."
    assert "None" not in c.html


def test_paragraph_breaks_are_kept_once() -> None:
    assert tidy_quote("  one\ntwo\n\n\nthree  ") == "one two\n\nthree"


def test_long_quotes_are_shortened_with_an_ellipsis() -> None:
    assert tidy_quote("x" * 10_000).endswith("…")
    assert len(tidy_quote("x" * 10_000)) == 4000


def test_cite_span_numbers_the_passage_holding_the_start() -> None:
    text = "First para.\n\nSecond para here."
    passages = (Passage(DocId("d"), 0, 0, 11, False), Passage(DocId("d"), 1, 13, 30, False))
    doc = Document(META, text, "h", passages)
    assert "¶ 2." in cite_span(doc, 20, 24).plain
    assert cite_span(doc, 20, 24).plain.startswith("“para”")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("peace talks", "“peace talks”"),
        ("“Next week, Kabul will host", "“Next week, Kabul will host”"),
        ("“Next week is decisive”", "“Next week is decisive”"),
        ('"Next week is decisive"', "“Next week is decisive”"),
        ("“Next week,” he said", "“‘Next week,’ he said”"),
        ("security of the region.”", "“security of the region.”"),
        ("«Paix»", "“Paix”"),
    ],
)
def test_a_quote_starting_or_ending_with_a_quotation_mark_is_not_doubled(
    quote: str, expected: str
) -> None:
    citation = cite(quote, META, 1)
    assert citation.plain.split("\n")[0] == expected
    assert html.escape(expected, quote=False) in citation.html
