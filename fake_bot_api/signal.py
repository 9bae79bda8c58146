"""A broadcast wake-up signal: coroutines wait for "something changed" and re-check."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class Signal:
    """Wakes every coroutine currently waiting whenever `notify()` is called."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake all current waiters (safe to call from synchronous code in the loop)."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, within: float | None = None) -> bool:
        """Wait for the next notification; return False if `within` seconds passed first."""
        event = self._event
        try:
            async with asyncio.timeout(within):
                await event.wait()
        except TimeoutError:
            return False
        return True

    async def wait_for(self, predicate: Callable[[], bool], within: float) -> bool:
        """Wait until `predicate()` holds (re-checked on each notification); False on timeout."""
        deadline = time.monotonic() + within
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            await self.wait(remaining)
        return True
