"""Reference Reader: an offline reader for studying a body of documents closely."""

__version__ = "0.1.0"
