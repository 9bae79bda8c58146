"""A virtual clock for code that takes a ``bot.runtime.ratelimit.Clock``: no real waiting.

Time stands still while any task can run, and jumps to the next wake-up when none can:
a test of seconds of pacing runs in milliseconds, and the same way on a busy machine.

    clock = VirtualClock()
    result = await clock.run(scenario(clock))  # drives the loop and the clock until done

"Cannot run" means the loop has gone ``SETTLE_ROUNDS`` turns without this driver being
told otherwise; a chain of wake-ups longer than that would see time move early, as a
slow machine would show it, and the run would still be the same on every machine.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")

#: Loop turns given to runnable tasks before time moves on.
SETTLE_ROUNDS = 50


class VirtualClock:
    """Implements ``now()``, ``sleep()`` and ``wait()`` on virtual time; ``run()`` drives it."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()  # equal wake-up times: first come, first woken

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        wake = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._order), wake))
        await wake

    async def wait(self, event: asyncio.Event, at_most: float | None) -> None:
        if at_most is None:
            await event.wait()
            return
        waiters = {asyncio.ensure_future(event.wait()), asyncio.ensure_future(self.sleep(at_most))}
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    def stall(self, seconds: float) -> None:
        """Time passes while the event loop runs nothing (as in a blocking call)."""
        self._now += seconds

    async def run(self, main: Awaitable[T]) -> T:
        """Await ``main``, moving time on whenever every task waits for it."""
        task = asyncio.ensure_future(main)
        while True:
            for _ in range(SETTLE_ROUNDS):
                if task.done():
                    return task.result()
                await asyncio.sleep(0)
            self._sleepers = [s for s in self._sleepers if not s[2].done()]  # cancelled
            heapq.heapify(self._sleepers)
            if not self._sleepers:
                if task.done():
                    return task.result()
                task.cancel()
                raise RuntimeError("stuck: no task can run and none sleeps on this clock")
            self._now = max(self._now, self._sleepers[0][0])
            while self._sleepers and self._sleepers[0][0] <= self._now:
                wake = heapq.heappop(self._sleepers)[2]
                if not wake.done():
                    wake.set_result(None)
