"""The error every store raises for a change it refuses (its own module: a command that never
opens a highlight file does not import TinyDB to know it)."""

from __future__ import annotations


class StoreError(ValueError):
    """A change the store refuses; the message is meant for the user."""
