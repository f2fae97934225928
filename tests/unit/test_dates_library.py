"""The facade's dates: every passage of a library document, re-resolved when published changes."""

from __future__ import annotations

from reader.library import Library


def test_passage_dates_follow_the_published_date() -> None:
    library = Library()
    doc_id = "afghanistan-looks-to-russia"
    document = library.documents.get(doc_id)
    dates = library.actors.passage_dates(doc_id)
    assert len(dates) == len(document.passages)
    found = {(m.text, m.value) for mentions in dates for m in mentions}
    assert ("Sept. 4", "2018-09-04") in found
    assert ("Tuesday", "2018-08-21") in found

    library.documents.edit_metadata(doc_id, {"published": "2019-08-22"})
    found = {
        (m.text, m.value) for mentions in library.actors.passage_dates(doc_id) for m in mentions
    }
    assert ("Sept. 4", "2019-09-04") in found
    assert ("Tuesday", "2019-08-20") in found


def test_chrome_passages_of_a_library_document_have_no_dates() -> None:
    library = Library()
    doc_id = "afghan-insight-regional-conferences"
    document = library.documents.get(doc_id)
    dates = library.actors.passage_dates(doc_id)
    chrome = [i for i, p in enumerate(document.passages) if p.chrome]
    assert chrome
    assert all(dates[i] == [] for i in chrome)


def test_the_library_date_index_spans_documents() -> None:
    index = Library().actors.date_index()
    places = [(o.document.id, o.passage.index) for o in index["2021-08"]]
    assert places == [
        ("norway-peace-diplomacy", 7),
        ("taliban-international-diplomacy", 4),
        ("taliban-international-diplomacy", 5),
    ]
    assert next(iter(index)) == "198"
