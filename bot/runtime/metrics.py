"""The bot's Prometheus metrics: updates, handler latency, Telegram calls, nudges, database."""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder
from telegram import MessageEntity, Update
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.db.errors import is_database_error

#: What an update is, for its labels: a small closed set.
UPDATE_KINDS: Final = ("command", "text", "button", "membership", "other")
UPDATE_OUTCOMES: Final = ("ok", "error")
#: What the dispatcher records for one nudge (``bot.services.nudges.Outcome.kind``).
NUDGE_OUTCOMES: Final = ("sent", "blocked", "failed", "retry")
#: Who saw a database error.
DATABASE_ERROR_SOURCES: Final = ("handler", "dispatcher")
#: Handler latency buckets (seconds): a reply is a few database round trips and one or
#: two Telegram calls, tens of milliseconds when all is well; seconds under a 429.
LATENCY_BUCKETS: Final = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
#: The Telegram result of an HTTP status Telegram answers with, beyond ``ok``.
STATUS_RESULTS: Final = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "too_large",
    429: "retry_after",
}
#: A Bot API method name (``sendMessage``); anything else is counted as ``other``.
_METHOD = re.compile(r"[a-z][A-Za-z]{0,63}")


def update_kind(update: object) -> str:
    """The kind of ``update``, one of ``UPDATE_KINDS``."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "button"
    if update.my_chat_member is not None or update.chat_member is not None:
        return "membership"
    message = update.message
    if message is None or message.text is None:
        return "other"
    first = message.entities[0] if message.entities else None
    if first is not None and first.type == MessageEntity.BOT_COMMAND and first.offset == 0:
        return "command"
    return "text"


def method_of(url: str) -> str:
    """The Bot API method a request URL calls (its last path segment), else ``other``."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return name if _METHOD.fullmatch(name) else "other"


def telegram_result(status: int) -> str:
    """The result label of an HTTP status from the Bot API."""
    if 200 <= status < 300:
        return "ok"
    if status in STATUS_RESULTS:
        return STATUS_RESULTS[status]
    if 400 <= status < 500:
        return "client_error"
    return "server_error" if status >= 500 else "other"


def exception_result(exc: BaseException) -> str:
    """The result label of a request that got no HTTP answer."""
    if isinstance(exc, TimedOut):
        return "timeout"
    if isinstance(exc, NetworkError):
        return "network_error"
    return "error"


@dataclass
class _Handling:
    """One update being handled: whether the error handler saw it fail."""

    failed: bool = False


#: The update the current task is handling (set by ``Metrics.handle``).
_HANDLING: ContextVar[_Handling | None] = ContextVar("metrics_handling", default=None)


class Metrics:
    """Every metric, on a registry of its own (tests and several apps stay independent).

    The composition root (``bot.app``) builds one and hands it to what counts: the update
    processor, the request objects, the nudge dispatcher, and (through ``Services``) the
    error handler. No label holds a learner, a text or a URL (Bot API URLs hold the token).
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.updates = Counter(
            "roadmap_bot_updates",
            "Updates handled, by kind and outcome (error: the error handler saw it fail).",
            ["kind", "outcome"],
            registry=registry,
        )
        self.update_seconds = Histogram(
            "roadmap_bot_update_seconds",
            "Time handling one update, its learner's earlier updates not included.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.telegram_requests = Counter(
            "roadmap_bot_telegram_requests",
            "Bot API requests, by method and result (each 429 retry is a request).",
            ["method", "result"],
            registry=registry,
        )
        self.nudges = Counter(
            "roadmap_bot_nudges",
            "Weekly nudges, by what Telegram answered (retry: kept due, tried again later).",
            ["outcome"],
            registry=registry,
        )
        self.nudge_backlog = Gauge(
            "roadmap_bot_nudge_backlog",
            "Learners whose weekly nudge is due and not yet sent, at the last dispatcher tick.",
            registry=registry,
        )
        self.database_errors = Counter(
            "roadmap_bot_database_errors",
            "Database errors seen by the error handler and by the nudge dispatcher.",
            ["source"],
            registry=registry,
        )
        for kind in UPDATE_KINDS:  # every series exists from the start, at zero
            self.update_seconds.labels(kind)
            for outcome in UPDATE_OUTCOMES:
                self.updates.labels(kind, outcome)
        for outcome in NUDGE_OUTCOMES:
            self.nudges.labels(outcome)
        for source in DATABASE_ERROR_SOURCES:
            self.database_errors.labels(source)

    async def handle(self, update: object, handling: Awaitable[Any]) -> None:
        """Await ``handling`` (PTB's processing of ``update``), counted and timed."""
        kind = update_kind(update)
        state = _Handling()
        token = _HANDLING.set(state)
        started = time.perf_counter()
        try:
            await handling
        except BaseException:
            state.failed = True
            raise
        finally:
            self.update_seconds.labels(kind).observe(time.perf_counter() - started)
            self.updates.labels(kind, "error" if state.failed else "ok").inc()
            _HANDLING.reset(token)

    def update_failed(self, error: BaseException | None) -> None:
        """The error handler's report: the update in hand failed with ``error``."""
        state = _HANDLING.get()
        if state is not None:
            state.failed = True
        self.database_error(error, "handler")

    def database_error(self, error: BaseException | None, source: str) -> None:
        """Count ``error`` if it came from the database."""
        if is_database_error(error):
            self.database_errors.labels(source).inc()

    def nudge(self, outcome: str) -> None:
        self.nudges.labels(outcome).inc()

    def telegram_request(self, url: str, result: str) -> None:
        self.telegram_requests.labels(method_of(url), result).inc()

    def render(self, accept: str = "") -> tuple[bytes, str]:
        """A scrape's body and content type, in the format its ``Accept`` header asks for
        (Prometheus's text format unless it asks for OpenMetrics)."""
        encode, content_type = choose_encoder(accept)
        return encode(self.registry), content_type


class CountingRequest(HTTPXRequest):
    """``HTTPXRequest`` that counts each Bot API call by method and result.

    Only counting: it passes the request and its answer through untouched, so another
    ``do_request`` override composes with it (put this class first among the bases).
    """

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    async def do_request(  # the timeouts' types are PTB's private sentinels, hence Any
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        try:
            status, payload = await super().do_request(url, method, *args, **kwargs)
        except Exception as exc:
            self._metrics.telegram_request(url, exception_result(exc))
            raise
        self._metrics.telegram_request(url, telegram_result(status))
        return status, payload
