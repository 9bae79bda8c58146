"""Map pictures drawn once per state: a small LRU of images and the map each chat shows.

The key of an image is a digest of everything drawn (``MapPicture.key``): the learner's
statuses, position, interface language and the roadmap's texts (so its revision). An
unchanged map is neither redrawn nor uploaded again: once Telegram has the photo, its
``file_id`` stands for the image and the bytes are dropped. Kept in memory, per process;
after a restart the first request draws again.
"""

from __future__ import annotations

import asyncio
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
class Shown:
    """The map photo a chat has: its message, and the image and caption it shows."""

    message_id: int
    key: str


class MapPictures:
    """Draws maps in a worker thread, at most once per key while the key stays cached."""

    def __init__(
        self,
        draw: Callable[[MapPicture], bytes],
        *,
        capacity: int = 64,
        chats: int = 10_000,
    ) -> None:
        self._draw = draw
        self.capacity = capacity
        self.chats = chats
        self._images: OrderedDict[str, Image] = OrderedDict()
        self._shown: OrderedDict[int, Shown] = OrderedDict()
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

    def shown(self, chat_id: int) -> Shown | None:
        """The map photo last sent to the chat (by this process), if any."""
        return self._shown.get(chat_id)

    def show(self, chat_id: int, message_id: int, key: str) -> None:
        self._shown[chat_id] = Shown(message_id, key)
        self._shown.move_to_end(chat_id)
        while len(self._shown) > self.chats:
            self._shown.popitem(last=False)

    def forget(self, chat_id: int) -> None:
        """The chat's map photo is gone (deleted, or cannot be edited)."""
        self._shown.pop(chat_id, None)
