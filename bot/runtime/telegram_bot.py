"""The bot's Telegram client: PTB's ExtBot, made tolerant of updates it cannot read."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from telegram import Update
from telegram.error import TelegramError, TimedOut
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.runtime.metrics import CountingRequest, Metrics

log = logging.getLogger(__name__)

#: Concurrent connections for ordinary requests (PTB's ApplicationBuilder default).
CONNECTION_POOL_SIZE = 256


class TolerantBot(ExtBot[int]):
    """``ExtBot`` whose long polling survives an update this PTB version cannot parse.

    PTB parses a ``getUpdates`` batch as a whole; one update of an unexpected shape
    makes it log CRITICAL and keep asking for the same batch, so every later update is
    stuck until Telegram gives up on it (24 hours). Here, when a batch cannot be read,
    the same batch is asked for again (the offset has not moved) and read one update at
    a time: an unreadable one is logged and replaced by an empty one with the same
    ``update_id``, which no handler matches and the offset moves past. Readable
    batches, all but never, are parsed once, as PTB does.
    """

    _one_by_one = False

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:  # PTB could not read the batch
            log.debug("reading the last getUpdates batch one update at a time", exc_info=True)
        self._one_by_one = True
        try:
            return await super().get_updates(*args, **kwargs)
        finally:
            self._one_by_one = False

    async def _post(self, endpoint: str, *args: Any, **kwargs: Any) -> Any:
        # The one place that sees a getUpdates batch before PTB parses it. The arguments
        # (the request data, PTB's timeout sentinels) pass through untouched: their types
        # live in PTB's private modules, hence Any.
        result = await super()._post(endpoint, *args, **kwargs)
        if self._one_by_one and endpoint == "getUpdates" and isinstance(result, list):
            return [self._readable(raw) for raw in result]
        return result

    def _readable(self, raw: dict[str, Any]) -> dict[str, Any]:
        try:
            Update.de_json(raw, self)
        except Exception:
            log.warning(
                "skipping update %s: this python-telegram-bot version cannot read it",
                raw.get("update_id"),
                exc_info=True,
            )
            return {"update_id": raw["update_id"]}
        return raw


def requests(metrics: Metrics) -> tuple[HTTPXRequest, HTTPXRequest]:
    """Connections for ordinary calls and for long polling, as PTB's builder makes them;
    each call counted in ``metrics``."""
    return CountingRequest(metrics, connection_pool_size=CONNECTION_POOL_SIZE), CountingRequest(
        metrics, connection_pool_size=1
    )


def never_sent(exc: TimedOut) -> bool:
    """Whether a timed-out request never left: it found no free connection in time.

    PTB's ``HTTPXRequest`` raises ``TimedOut`` from ``httpx.PoolTimeout`` then. Any other
    timeout counts as possibly delivered.
    """
    return isinstance(exc.__cause__, httpx.PoolTimeout)
