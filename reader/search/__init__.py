"""The search index and query language."""
