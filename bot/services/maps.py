"""Map pictures drawn once per state: a small LRU of images, and the photo a chat has.

The key of an image is a digest of everything drawn (``MapPicture.key``): the learner's
statuses, position, interface language and the roadmap's texts (so its revision). An
unchanged map is neither redrawn nor uploaded again: once Telegram has the photo, its
``file_id`` stands for the image and the bytes are dropped. Kept in memory, per process;
after a restart the first request draws again. The photo each chat has is stored with the
learner's settings (``MapPhoto``), so any instance edits it in place.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.map.picture import MapPicture


@dataclass(frozen=True)
class Image:
    """A drawn map: its PNG until Telegram holds it, then Telegram's ``file_id``."""

    key: str
    png: bytes | None = None
    file_id: str | None = None


@dataclass(frozen=True)
class MapPhoto:
    """The map photo a chat has: its message, and a digest of the image and caption shown."""

    message_id: int
    shows: str


def showing(image_key: str, caption: str) -> str:
    """The digest of a photo of image ``image_key`` with ``caption`` (what ``MapPhoto`` holds)."""
    return hashlib.blake2b(f"{image_key}\n{caption}".encode(), digest_size=16).hexdigest()


class MapPictures:
    """Draws maps in a worker thread, at most once per key while the key stays cached."""

    def __init__(
        self,
        draw: Callable[[MapPicture], bytes],
        *,
        capacity: int = 64,
    ) -> None:
        self._draw = draw
        self.capacity = capacity
        self._images: OrderedDict[str, Image] = OrderedDict()
        self.renders = 0
        self.hits = 0

    async def image(self, picture: MapPicture) -> Image:
        """The image of ``picture``: cached, or drawn now off the event loop."""
        key = picture.key
        found = self._images.get(key)
        if found is not None:
            self.hits += 1
            self._images.move_to_end(key)
            return found
        png = await asyncio.to_thread(self._draw, picture)
        self.renders += 1
        return self._keep(Image(key, png=png))

    def uploaded(self, key: str, file_id: str) -> None:
        """Telegram holds the image now: keep its ``file_id`` instead of the bytes."""
        self._keep(Image(key, file_id=file_id))

    def _keep(self, image: Image) -> Image:
        self._images[image.key] = image
        self._images.move_to_end(image.key)
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)
        return image
