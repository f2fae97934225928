"""The index's tables: one SQLite file, its schema version in ``PRAGMA user_version``.

Documents are keyed by a small integer (``documents.key``) so that the large tables (passages,
mentions, dates) repeat four bytes per row, not a slug. Extraction results (actors, mentions,
dates, counts) are valid for the extractor version in ``settings``; the per-document
``extraction`` row says which text (``content_hash``) and which published date (the dates are
placed from it) they were computed with. An actor's mentions in a passage live on its
``passage_actors`` row as ``spans`` ("start:end,start:end") and, only when a mention's words are
not the document's text at its span, ``texts`` (a JSON list): mentions are only ever read
together, and a row per mention (or JSON per row) made building a large index several times
slower.
"""

from __future__ import annotations

# 2: passages.furniture, or page and section; 3: all three; 4: the full text (passage_search)
SCHEMA_VERSION = 4

DDL = """
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    author TEXT,
    site TEXT,
    published TEXT,
    source_kind TEXT,
    url TEXT,
    language TEXT,
    origin TEXT NOT NULL,
    imported TEXT,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    meta_hash TEXT NOT NULL,
    content_hash TEXT,
    passage_count INTEGER,
    char_count INTEGER,
    error TEXT
);
CREATE INDEX documents_by_position ON documents (position);
CREATE TABLE texts (
    doc INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);
CREATE TABLE passages (
    doc INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    chrome INTEGER NOT NULL,
    furniture TEXT NOT NULL DEFAULT '',
    page TEXT,
    section TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE extraction (
    doc INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL,
    has_dates INTEGER NOT NULL,
    dates_published TEXT
);
CREATE TABLE actors (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (id, name, kind)
);
CREATE INDEX actors_by_kind ON actors (kind);
CREATE TABLE passage_actors (
    doc INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    actor INTEGER NOT NULL,
    spans TEXT NOT NULL,
    texts TEXT,
    PRIMARY KEY (doc, idx, rank)
) WITHOUT ROWID;
CREATE TABLE actor_counts (
    actor INTEGER PRIMARY KEY,
    passages INTEGER NOT NULL
);
CREATE TABLE dates (
    doc INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    mod TEXT,
    PRIMARY KEY (doc, idx, seq)
) WITHOUT ROWID;
"""

# The full text (``reader.index.fulltext``): stemmed (porter), accents and case folded.
FULLTEXT_TOKENIZER = "porter unicode61 remove_diacritics 2"
FULLTEXT_DDL = (
    "CREATE VIRTUAL TABLE passage_search USING fts5(text, content='', "
    f"tokenize='{FULLTEXT_TOKENIZER}')",
    "CREATE TABLE search_docs (doc INTEGER PRIMARY KEY)",
)

# Indexes that a bulk write drops and builds again afterwards: building one from sorted rows is
# several times faster than keeping it up to date row by row.
SECONDARY_INDEXES = {
    "passage_actors_by_actor": "CREATE INDEX passage_actors_by_actor "
    "ON passage_actors (actor, doc, idx)",
    "dates_by_value": "CREATE INDEX dates_by_value ON dates (value) WHERE value IS NOT NULL",
}


def statements() -> list[str]:
    """Return the statements that create an empty index (tables, then indexes)."""
    tables = [s.strip() for s in DDL.split(";") if s.strip()]
    return [*tables, *FULLTEXT_DDL, *SECONDARY_INDEXES.values()]

# Everything extraction wrote: emptied together when the extractor's version changes.
EXTRACTION_TABLES = (
    "extraction",
    "passage_actors",
    "actor_counts",
    "actors",
    "dates",
    "actor_words",  # created by reader/index/registry.py when an index opens
    "actor_summaries",  # likewise
)
