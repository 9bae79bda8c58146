"""The outgoing rate limiter: evenly spaced sends, a global pause on 429, no burst after it."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import Pacer, SmoothRateLimiter


async def test_a_stalled_loop_catches_up_but_never_bursts_past_the_cap() -> None:
    pacer = Pacer(20)  # at most 20 in any one-second window
    stamps: list[float] = []

    async def send() -> None:
        await pacer.acquire()
        stamps.append(time.monotonic())

    start = time.monotonic()
    tasks = [asyncio.create_task(send()) for _ in range(30)]
    await asyncio.sleep(0)  # every task has reserved its slot
    time.sleep(0.3)  # noqa: ASYNC251 - the event loop stalls: six slots pass unattended
    await asyncio.gather(*tasks)
    busiest = max(sum(1 for s in stamps if t <= s < t + 1) for t in stamps)
    assert busiest <= 20  # the missed slots were caught up without a burst past the cap
    assert stamps[-1] - start >= 1.0  # 30 sends at 20 a second take over a second


async def test_pacer_spaces_slots_evenly() -> None:
    pacer = Pacer(50)  # one slot every 20 ms
    stamps = []
    for _ in range(10):
        await pacer.acquire()
        stamps.append(time.monotonic())
    # Slot k is never before start + k/rate (a sleep can run late, never early), so a
    # one-second window holds at most rate + 1 sends.
    assert all(s - stamps[0] >= k * 0.02 - 0.001 for k, s in enumerate(stamps))


class FlakyTelegram:
    """Answers 429 (retry after ``pause``) to the call numbered ``fail_on``, else OK."""

    def __init__(self, fail_on: set[int], pause: timedelta) -> None:
        self.fail_on, self.pause = fail_on, pause
        self.stamps: list[float] = []

    async def __call__(self, *_: Any, **__: Any) -> bool:
        self.stamps.append(time.monotonic())
        if len(self.stamps) in self.fail_on:
            raise RetryAfter(self.pause)  # type: ignore[arg-type]
        return True


async def send(
    limiter: SmoothRateLimiter, telegram: FlakyTelegram, retries: int | None = None
) -> object:
    return await limiter.process_request(
        telegram, (), {}, "sendMessage", {"chat_id": 1, "text": "x"}, retries
    )


async def test_a_429_pauses_everyone_and_no_burst_follows() -> None:
    limiter = SmoothRateLimiter(50)
    telegram = FlakyTelegram({3}, timedelta(seconds=0.3))
    results = await asyncio.gather(*(send(limiter, telegram) for _ in range(8)))
    assert all(results)
    assert len(telegram.stamps) == 9  # eight sends and one retry
    refused_at = telegram.stamps[2]
    after = [s for s in telegram.stamps if s > refused_at]
    assert after and after[0] - refused_at >= 0.29  # everyone waited out the pause
    # ... and came back one slot at a time, not all at once.
    assert all(s - after[0] >= k * 0.02 - 0.001 for k, s in enumerate(after))


async def test_gives_up_after_the_allowed_retries() -> None:
    limiter = SmoothRateLimiter(100)
    telegram = FlakyTelegram({1, 2}, timedelta(seconds=0.05))
    with pytest.raises(RetryAfter):
        await send(limiter, telegram, retries=1)
    assert len(telegram.stamps) == 2


async def test_calls_without_a_chat_are_not_paced() -> None:
    limiter = SmoothRateLimiter(1)  # one a second: a paced call would be obvious
    telegram = FlakyTelegram(set(), timedelta(0))
    for _ in range(5):
        await limiter.process_request(
            telegram, (), {}, "answerCallbackQuery", {"callback_query_id": "1"}, None
        )
    assert telegram.stamps[-1] - telegram.stamps[0] < 0.5
