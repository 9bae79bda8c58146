"""How many nudges may be in flight: on the wire, and marked as sending but not recorded."""

from __future__ import annotations

import asyncio
import math
from collections import deque

#: Requests on the wire, in round trips' worth of the rate (see ``WireLimit``).
WIRE_HEADROOM = 2.0
#: Requests on the wire while the round trip is not known yet, and never fewer.
MIN_WIRE = 4
#: Round trips seen before the first estimate.
WIRE_SAMPLES = 100


class WireLimit:
    """How many nudge requests may be on the wire at once: about ``rate × round trip``.

    More than that adds no throughput, only open connections, and every idle
    connection in httpx's pool makes every later request slower (its bookkeeping is
    linear, partly quadratic, in the pool's size). A request's time also grows with
    our own load (a busy event loop, the pacer's queue), so the round trip is the
    *least* seen since the run began with ``MIN_WIRE`` requests on the wire: the
    network's part. The limit is ``WIRE_HEADROOM`` times what that needs, between
    ``MIN_WIRE`` and ``most``; more in flight would only measure our own congestion.
    """

    def __init__(self, rate_per_second: float, most: int) -> None:
        self.rate = rate_per_second
        self.most = max(MIN_WIRE, most)
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self.restart()

    def restart(self) -> None:
        """Forget the estimate (a new run): ``MIN_WIRE`` until it is known again."""
        self.limit = min(MIN_WIRE, self.most)
        self.round_trip = math.inf
        self._samples = 0

    def observe(self, round_trip: float) -> None:
        """One request's time from leaving to its answer."""
        self.round_trip = min(self.round_trip, round_trip)
        self._samples += 1
        if self._samples >= WIRE_SAMPLES:
            needed = math.ceil(self.rate * self.round_trip * WIRE_HEADROOM)
            self.limit = min(self.most, max(MIN_WIRE, needed))
            self._wake()

    async def acquire(self) -> None:
        if self.active < self.limit and not self._waiters:
            self.active += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter  # ``_wake`` counts us in before it wakes us
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()
            raise

    def release(self) -> None:
        self.active -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self.active < self.limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self.active += 1
                waiter.set_result(None)


class Window:
    """Places for nudges marked as sending and not yet recorded (the crash window)."""

    def __init__(self, size: int) -> None:
        self.free = size
        self._changed = asyncio.Event()

    async def take(self, most: int) -> int:
        """Wait for at least one free place; take as many as are free, up to ``most``."""
        while self.free == 0:
            self._changed.clear()
            await self._changed.wait()
        count = min(self.free, most)
        self.free -= count
        return count

    def give(self, count: int) -> None:
        self.free += count
        self._changed.set()
