"""The library's refusals: messages meant for the user."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from reader.store.errors import StoreError


class LibraryError(ValueError):
    """A request the library refuses; the message is meant for the user."""


class NoteConflictError(LibraryError):
    """A document's notes changed elsewhere since the editor read them."""


class LibraryClosed(LibraryError):
    """The library was closed while this waited for its child process (the window is
    closing): nothing failed that anyone needs to hear of."""


@contextlib.contextmanager
def refusals() -> Iterator[None]:
    """Turn the store's and the core's refusals into ``LibraryError``."""
    try:
        yield
    except (StoreError, ValueError) as exc:
        if isinstance(exc, LibraryError):
            raise
        raise LibraryError(str(exc)) from None
