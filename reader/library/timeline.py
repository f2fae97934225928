"""The library's dates in time order (``lib.timeline``): what the timeline view and the
``timeline`` command read, from the index (logic of the days a value covers in reader/extract).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.dates import GRANULARITIES, Granularity
from reader.core.timeline import TimelineData, TimelineDocument, TimelineItem, in_time_order
from reader.library.actors import Actors
from reader.library.documents import Documents
from reader.library.indexing import IndexHandle

if TYPE_CHECKING:
    from reader.index.timeline import DateRow


class Timeline:
    """Every date of the library, filtered by actors (passages naming all) and documents."""

    def __init__(self, actors: Actors, documents: Documents, index: IndexHandle) -> None:
        self._actors = actors
        self._documents = documents
        self._index = index

    def data(
        self, actor_ids: Sequence[str] = (), doc_ids: Sequence[str] | None = None
    ) -> TimelineData:
        """Return the dated items in time order, the undated ones and their documents (those
        with a date left after the filters, in catalogue order)."""
        for doc_id in doc_ids or ():
            self._documents.metadata(doc_id)  # an unknown id is refused before any work
        self._actors.ensure(None if doc_ids is None else list(doc_ids))
        docs, rows = self._index.get().timeline(doc_ids, list(actor_ids))
        items = [_item(row) for row in rows]
        present = {i.doc_id for i in items}
        documents = tuple(_document(d.doc_id, d.title, d.published) for d in docs
                          if d.doc_id in present)  # fmt: skip
        return TimelineData(
            documents=documents,
            items=in_time_order(items),
            undated=tuple(i for i in items if i.first is None),
        )


def _item(row: DateRow) -> TimelineItem:
    from reader.extract.dates_index import value_interval

    span = value_interval(row.value) if row.value else None
    granularity: Granularity = row.granularity if row.granularity in GRANULARITIES else "day"
    return TimelineItem(
        value=row.value if span else None,
        first=span[0] if span else None,
        last=span[1] if span else None,
        granularity=granularity,
        doc_id=row.doc_id,
        passage_index=row.idx,
        start=row.start,
        end=row.end,
        text=row.text,
        snippet=row.snippet,
    )


def _document(doc_id: str, title: str, published: str | None) -> TimelineDocument:
    from reader.extract.dates_index import value_interval

    span = value_interval(published) if published else None
    return TimelineDocument(
        doc_id, title, published, span[0] if span else None, span[1] if span else None
    )
