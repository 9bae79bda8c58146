"""The outgoing rate limiter: evenly spaced sends, a global pause on 429, no burst after it.

Every test runs on a virtual clock: seconds of pacing take no real time, and a loaded
machine cannot change what the limiter sees.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.runtime.ratelimit import Pacer, SmoothRateLimiter
from tests.virtual_clock import VirtualClock


def busiest_second(stamps: list[float]) -> int:
    return max(sum(1 for s in stamps if t <= s < t + 1) for t in stamps)


async def test_a_stalled_loop_catches_up_but_never_bursts_past_the_cap() -> None:
    clock = VirtualClock()
    pacer = Pacer(20, clock=clock)  # at most 20 in any one-second window
    stamps: list[float] = []

    async def send() -> None:
        async with pacer:
            stamps.append(clock.now())

    async def scenario() -> None:
        tasks = [asyncio.create_task(send()) for _ in range(30)]
        await asyncio.sleep(0)  # every task has reserved its slot
        clock.stall(0.3)  # the event loop stalls: six slots pass unattended
        await asyncio.gather(*tasks)

    start = clock.now()
    await clock.run(scenario())
    assert busiest_second(stamps) <= 20  # the missed slots were caught up without a burst
    assert stamps[-1] - start >= 1.0  # 30 sends at 20 a second take over a second


async def test_the_cap_holds_where_requests_arrive_whatever_the_delays_on_the_way() -> None:
    """Each request reaches the receiver at an unpredictable point before its answer."""
    clock = VirtualClock()
    pacer = Pacer(19.5, clock=clock)  # slots 51 ms apart, at most 20 in any second
    rng = random.Random(7)
    arrivals: list[float] = []

    async def send(delay_before: float, delay_after: float) -> None:
        async with pacer:
            await clock.sleep(delay_before)  # a stall on the way: our loop, the network
            arrivals.append(clock.now())  # the receiver counts it here
            await clock.sleep(delay_after)

    # Most requests are quick; every fifth is held up for up to a quarter of a second,
    # so later, punctual ones would crowd the same receiving second as the late one.
    delays = [(rng.uniform(0.05, 0.25) if i % 5 == 0 else 0.0, 0.0) for i in range(60)]
    await clock.run(asyncio.gather(*(send(*d) for d in delays)))
    assert len(arrivals) == 60
    assert busiest_second(arrivals) <= 20


async def test_a_send_still_in_flight_counts_until_it_is_answered() -> None:
    clock = VirtualClock()
    pacer = Pacer(2, clock=clock)  # cap: 2 in any second
    answered = asyncio.Event()

    async def slow() -> None:
        async with pacer:
            await answered.wait()

    async def scenario() -> None:
        first, second = asyncio.create_task(slow()), asyncio.create_task(slow())
        await clock.sleep(0.6)  # both slots handed out (0 s and 0.5 s), neither answered
        third = asyncio.create_task(pacer.acquire())
        await clock.sleep(1.2)
        assert not third.done()  # two still counted, however long ago their slots were
        answered.set()
        await asyncio.gather(first, second)
        answered_at = clock.now()
        await asyncio.sleep(0)
        assert not third.done()  # answered just now: they may have arrived just now
        await third
        assert clock.now() - answered_at == pytest.approx(1.0)  # a second after the answers
        pacer.release()

    await clock.run(scenario())


class FlakyTelegram:
    """Answers 429 (retry after ``pause``) to the call numbered ``fail_on``, else OK."""

    def __init__(self, clock: VirtualClock, fail_on: set[int], pause: timedelta) -> None:
        self.clock, self.fail_on, self.pause = clock, fail_on, pause
        self.stamps: list[float] = []

    async def __call__(self, *_: Any, **__: Any) -> bool:
        self.stamps.append(self.clock.now())
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
    clock = VirtualClock()
    limiter = SmoothRateLimiter(50, clock=clock)
    telegram = FlakyTelegram(clock, {3}, timedelta(seconds=0.3))
    results = await clock.run(asyncio.gather(*(send(limiter, telegram) for _ in range(8))))
    assert all(results)
    assert len(telegram.stamps) == 9  # eight sends and one retry
    refused_at = telegram.stamps[2]
    after = [s for s in telegram.stamps if s > refused_at]
    assert after and after[0] - refused_at >= 0.29  # everyone waited out the pause
    # ... and came back one slot at a time, not all at once.
    assert all(s - after[0] >= k * 0.02 - 0.001 for k, s in enumerate(after))


async def test_gives_up_after_the_allowed_retries() -> None:
    clock = VirtualClock()
    limiter = SmoothRateLimiter(100, clock=clock)
    telegram = FlakyTelegram(clock, {1, 2}, timedelta(seconds=0.05))
    with pytest.raises(RetryAfter):
        await clock.run(send(limiter, telegram, retries=1))
    assert len(telegram.stamps) == 2


async def test_calls_without_a_chat_are_not_paced() -> None:
    clock = VirtualClock()
    limiter = SmoothRateLimiter(1, clock=clock)  # one a second: a paced call would be obvious
    telegram = FlakyTelegram(clock, set(), timedelta(0))

    async def answer_five() -> None:
        for _ in range(5):
            await limiter.process_request(
                telegram, (), {}, "answerCallbackQuery", {"callback_query_id": "1"}, None
            )

    await clock.run(answer_five())
    assert telegram.stamps[-1] - telegram.stamps[0] < 0.5


async def test_a_call_without_a_chat_waits_out_its_own_429_before_retrying() -> None:
    clock = VirtualClock()
    limiter = SmoothRateLimiter(100, clock=clock)
    telegram = FlakyTelegram(clock, {1, 2}, timedelta(seconds=2))

    async def answer() -> object:
        return await limiter.process_request(
            telegram, (), {}, "answerCallbackQuery", {"callback_query_id": "1"}, None
        )

    assert await clock.run(answer())
    first, second, third = telegram.stamps
    assert second - first >= 2 and third - second >= 2  # not every retry spent at once
    assert third - first < 4.5  # and no longer than asked
