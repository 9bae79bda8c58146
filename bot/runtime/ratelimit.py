"""Outgoing rate limiting that never bursts, not even after a 429.

PTB's ``AIORateLimiter`` takes a token *before* it waits out a ``retry_after`` pause,
so every request that queued during the pause fires at once when it ends: a burst
that earns the next 429. This limiter waits out the pause first, then takes the next
slot of a pacer that spaces messages exactly ``1/rate`` seconds apart.

Both read the time and wait through a :class:`Clock`: the monotonic clock in production,
a virtual one in tests (which then run instantly, whatever the machine's load).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, Protocol

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

#: Telegram's limits for one group chat, and for paid broadcasts.
GROUP_MESSAGES_PER_MINUTE = 20
PAID_BROADCAST_PER_SECOND = 1000


class Clock(Protocol):
    """Where rate limiting reads the time and waits."""

    def now(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return ``seconds`` from now."""
        ...

    async def wait(self, event: asyncio.Event, at_most: float | None) -> None:
        """Return once ``event`` is set, or after ``at_most`` seconds (None: no limit)."""
        ...


class MonotonicClock:
    """``time.monotonic`` and asyncio's own timers (which keep the same time)."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def wait(self, event: asyncio.Event, at_most: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), at_most)


MONOTONIC = MonotonicClock()


class Pacer:
    """Hands out send slots ``1/rate`` apart; never more than ``ceil(rate)`` in any second.

    Slots lie on an absolute timeline, so a late wake-up does not push later slots back
    (as a leaky bucket's would) and the average rate holds. The one-second cap is kept
    at the *receiving* end, whatever the delays in between: Telegram counts a request
    when it arrives, which is somewhere between our slot and its response. So a send
    counts from its slot until one second after its response, and a new slot is only
    handed out while fewer than ``cap`` sends are counted. A stall anywhere (our event
    loop, the network, the server) can then delay sends but never crowd one second.

    Use as ``async with pacer:`` around the request, or ``acquire()`` then ``release()``.
    """

    def __init__(self, per_second: float, *, clock: Clock = MONOTONIC) -> None:
        self.clock = clock
        self.interval = 1 / per_second
        self.cap = max(1, math.ceil(per_second))
        self._next = 0.0
        self._in_flight = 0
        self._answered: deque[float] = deque()  # response times, oldest first
        self._changed = asyncio.Event()

    def _counted(self, now: float) -> int:
        while self._answered and self._answered[0] <= now - 1:
            self._answered.popleft()
        return self._in_flight + len(self._answered)

    async def acquire(self) -> None:
        """Wait for the next slot, then for room under the cap; the send is then counted."""
        now = self.clock.now()
        slot = max(now, self._next)
        self._next = slot + self.interval  # reserved before we await: no lock needed
        if slot > now:
            await self.clock.sleep(slot - now)
        while self._counted(now := self.clock.now()) >= self.cap:
            self._changed.clear()
            # Room comes when the oldest answered send leaves the window; with every
            # counted send still in flight, the first answer starts that clock.
            wait = self._answered[0] + 1 - now if self._answered else None
            await self.clock.wait(self._changed, wait)
        self._in_flight += 1

    def release(self, *, sent: bool = True) -> None:
        """The request is answered (or failed) now; ``sent=False``: it never left."""
        self._in_flight -= 1
        if sent:
            self._answered.append(self.clock.now())
        self._changed.set()

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *_: object) -> None:
        self.release()


def seconds(wait: int | float | timedelta) -> float:
    """A ``retry_after`` in seconds, whether PTB gives a number or a timedelta."""
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


class SmoothRateLimiter(BaseRateLimiter[int]):
    """Overall and per-group limits, a global pause on 429, and a few retries.

    ``rate_limit_args`` on a call is the number of retries for that call. The per-group
    limits (aiolimiter's) keep the event loop's time, whatever ``clock`` is.
    """

    def __init__(
        self, per_second: float, *, max_retries: int = 3, clock: Clock = MONOTONIC
    ) -> None:
        self.clock = clock
        self.overall = Pacer(per_second, clock=clock)
        self.paid = Pacer(PAID_BROADCAST_PER_SECOND, clock=clock)
        self.max_retries = max_retries
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paused_until = 0.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def _wait_out_pause(self) -> None:
        # A loop, not an Event: another 429 can push the end of the pause further out.
        while (wait := self._paused_until - self.clock.now()) > 0:
            await self.clock.sleep(wait)

    def _group(self, chat_id: int | str) -> AsyncLimiter:
        if chat_id not in self._groups:
            self._groups[chat_id] = AsyncLimiter(GROUP_MESSAGES_PER_MINUTE, 60)
        return self._groups[chat_id]

    async def _acquire(self, data: dict[str, Any]) -> Pacer | None:
        """Wait until this request may go; return the pacer that counts it, if any."""
        chat_id = data.get("chat_id")
        if chat_id is None:
            return None  # answers to callback queries and the like are not counted
        if isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0):
            await self._group(chat_id).acquire()
        pacer = self.paid if data.get("allow_paid_broadcast") else self.overall
        while True:
            await self._wait_out_pause()
            await pacer.acquire()
            if self.clock.now() >= self._paused_until:
                return pacer
            # A 429 arrived while we waited for our slot: that slot is void, queue again.
            pacer.release(sent=False)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            pacer = await self._acquire(data)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = seconds(exc.retry_after)
                retry_at = self.clock.now() + wait
                self._paused_until = max(self._paused_until, retry_at)
                if attempt == retries:
                    log.warning("%s: Telegram asked to wait %.0f s; giving up", endpoint, wait)
                    raise
                log.info("%s: Telegram asked to wait %.0f s; retrying", endpoint, wait)
            finally:
                if pacer is not None:
                    pacer.release()
            # Calls without a chat skip the global pause in _acquire: this call still
            # waits as long as Telegram asked before it asks again.
            while (wait := retry_at - self.clock.now()) > 0:
                await self.clock.sleep(wait)
        raise AssertionError("unreachable")
