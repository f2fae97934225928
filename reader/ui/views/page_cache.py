"""Rendered pages kept for the page view: least recently used first out, bounded in bytes."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage

DEFAULT_BOUND = 192 * 1024 * 1024  # about 40 pages of A4 at 2x on a 1440-pixel-wide pane

Key = tuple[int, int]  # page, scale in thousandths


class PageCache:
    """Images of pages by (page, scale); never holds more than ``bound`` bytes."""

    def __init__(self, bound: int = DEFAULT_BOUND) -> None:
        self.bound = bound
        self._images: OrderedDict[Key, QImage] = OrderedDict()
        self.nbytes = 0
        self.peak = 0  # the most it ever held (the benchmark and the tests read it)

    def __len__(self) -> int:
        return len(self._images)

    def get(self, key: Key) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: Key, image: QImage) -> None:
        """Keep an image, dropping the least recently used ones to stay within the bound (an
        image larger than the bound alone is not kept)."""
        size = image.sizeInBytes()
        if size > self.bound:
            return
        old = self._images.pop(key, None)
        if old is not None:
            self.nbytes -= old.sizeInBytes()
        while self._images and self.nbytes + size > self.bound:
            _key, dropped = self._images.popitem(last=False)
            self.nbytes -= dropped.sizeInBytes()
        self._images[key] = image
        self.nbytes += size
        self.peak = max(self.peak, self.nbytes)

    def clear(self) -> None:
        self._images.clear()
        self.nbytes = 0
