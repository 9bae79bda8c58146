"""The bot's Telegram client: PTB's ExtBot, made tolerant of updates it cannot read."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
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


class UnreadBatchFilter(logging.Filter):
    """Drop PTB's CRITICAL "Error while parsing updates! Received data was ..." record.

    It carries the whole batch (learners' names and messages) and reports a failure that
    :class:`TolerantBot` recovers from; the bot logs that itself, without the contents.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith("Error while parsing"))


_UNREAD_BATCH = UnreadBatchFilter()


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._LOGGER.addFilter(_UNREAD_BATCH)  # the same filter once, however many bots

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
        except Exception as exc:
            log.warning(
                "skipping update %s: this python-telegram-bot version cannot read it (%s)",
                raw.get("update_id"),
                type(exc).__name__,
            )
            log.debug("why update %s could not be read", raw.get("update_id"), exc_info=True)
            return {"update_id": raw["update_id"]}
        return raw


class TelegramRequest(HTTPXRequest):
    """``HTTPXRequest`` that reads an error page as an ordinary error, and reports statuses.

    A proxy or Telegram's front end may answer an HTML page ("502 Bad Gateway"). PTB
    then logs the whole page at ERROR and raises an error quoting it; here such a body
    is replaced by the JSON error Telegram would send (description "Bad Gateway (502)"),
    so PTB raises the same ``NetworkError`` as for any 5xx. ``on_status`` sees the HTTP
    status of every answer (long polling watches its ``getUpdates`` this way).
    """

    def __init__(
        self, *args: Any, on_status: Callable[[int], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.on_status = on_status

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if self.on_status is not None:
            self.on_status(code)
        if code >= HTTPStatus.BAD_REQUEST and not _is_json(payload):
            payload = json.dumps(
                {"ok": False, "error_code": code, "description": _phrase(code)}
            ).encode()
        return code, payload


def _is_json(payload: bytes) -> bool:
    try:
        json.loads(payload)
    except ValueError:
        return False
    return True


def _phrase(code: int) -> str:
    try:
        return f"{HTTPStatus(code).phrase} ({code})"
    except ValueError:
        return f"HTTP error ({code})"


class BotRequest(CountingRequest, TelegramRequest):
    """The bot's connections: every call counted in the metrics, error pages read as errors."""


def requests(
    metrics: Metrics, on_poll_status: Callable[[int], None] | None = None
) -> tuple[BotRequest, BotRequest]:
    """Connections for ordinary calls and for long polling, as PTB's builder makes them;
    each call counted in ``metrics``; ``on_poll_status`` sees the status of every
    ``getUpdates`` answer."""
    return BotRequest(metrics, connection_pool_size=CONNECTION_POOL_SIZE), BotRequest(
        metrics, connection_pool_size=1, on_status=on_poll_status
    )


def never_sent(exc: TimedOut) -> bool:
    """Whether a timed-out request never left: it found no free connection in time.

    PTB's ``HTTPXRequest`` raises ``TimedOut`` from ``httpx.PoolTimeout`` then. Any other
    timeout counts as possibly delivered.
    """
    return isinstance(exc.__cause__, httpx.PoolTimeout)
