"""Nudges on Telegram's paid broadcast allowance (``NUDGE_PAID_BROADCAST``), end to end.

The fake enforces both of Telegram's windows: 30 free messages a second (here a few,
so that counting nudges in it would show at once) and the paid messages' own.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db.models import Reminder
from bot.services.who import Who
from fake_bot_api import FakeTelegram
from fake_bot_api.ratelimit import is_paid_broadcast
from tests.consistency import database_problems
from tests.e2e.harness import FakeClock, RunningBot, say, settled
from tests.e2e.test_crashes import kill_during_dispatch
from tests.e2e.test_faults import dispatch_until_done, subscribe_directly
from tests.e2e.test_nudges import MONDAY_18, THURSDAY_NOON

StartBot = Callable[..., Awaitable[RunningBot]]
PAID = {"nudge_paid_broadcast": True}
#: The fake's free window: far below what the nudges below need.
FREE_PER_SECOND = 5


@pytest.fixture
def clock_start() -> FakeClock:
    return FakeClock(THURSDAY_NOON)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(overall_rate_limit=FREE_PER_SECOND) as server:
        yield server


def nudge_calls(fake: FakeTelegram) -> list[tuple[int | str | None, bool]]:
    """(chat, carries allow_paid_broadcast) of every nudge Telegram accepted."""
    return [
        (call.chat_id, is_paid_broadcast(call.params.get("allow_paid_broadcast")))
        for call in fake.calls_to("sendMessage")
        if call.ok and "Study time" in str(call.params.get("text"))
    ]


async def test_due_learners_get_one_paid_nudge_each_and_replies_stay_free(
    start_bot: StartBot, fake: FakeTelegram
) -> None:
    clock = FakeClock(THURSDAY_NOON)
    bot = await start_bot(clock=clock, settings_overrides=PAID)
    learners = [fake.user(first_name=f"L{i}") for i in range(40)]
    await subscribe_directly(bot, learners)
    clock.set(MONDAY_18)

    assert await bot.dispatch() == {"sent": 40}
    assert not await bot.dispatch()  # not twice
    await settled(fake)
    calls = nudge_calls(fake)
    assert Counter(chat for chat, _ in calls) == {u.chat_id: 1 for u in learners}
    assert all(paid for _, paid in calls)
    assert not any(c.error_code == 429 for c in fake.calls)  # not counted in the free 5/s

    await say(learners[0], "/next")  # interactive replies are not paid
    reply = fake.calls_to("sendMessage")[-1]
    assert reply.ok and "Study time" not in str(reply.params["text"])
    assert "allow_paid_broadcast" not in reply.params

    async with bot.sessions() as session:
        reminders = list(await session.scalars(select(Reminder)))
    assert all(r.sent_count == 1 and r.sending_since is None for r in reminders)
    assert all(r.claimed_until is None for r in reminders)
    assert {r.next_at for r in reminders} == {MONDAY_18 + timedelta(weeks=1)}
    assert await database_problems(bot.services.engine, bot.services.roadmap.current) == []


async def test_a_full_paid_window_delays_but_loses_and_doubles_nothing(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The paid window answers 429 (here at 10 a second, against the bot's 1,000): the
    bot pauses and retries, and what it still could not send stays due for a later run.
    Each learner gets exactly one nudge."""
    caplog.set_level(logging.INFO)
    paid_window = FakeTelegram(overall_rate_limit=FREE_PER_SECOND, paid_broadcast_rate_limit=10)
    async with paid_window as fake:
        clock = FakeClock(THURSDAY_NOON)
        bot = RunningBot(fake, database_url, clock=clock, settings_overrides=PAID)
        await bot.start()
        try:
            learners = [fake.user(first_name=f"L{i}") for i in range(30)]
            await subscribe_directly(bot, learners)
            clock.set(MONDAY_18)
            await dispatch_until_done(bot, clock)
            await settled(fake)
        finally:
            await bot.stop()
        assert any(c.error_code == 429 for c in fake.calls)  # the window was full
        calls = nudge_calls(fake)
        assert Counter(chat for chat, _ in calls) == {u.chat_id: 1 for u in learners}
        assert all(paid for _, paid in calls)
        assert fake.check_problems() == []
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_claim_released_before_the_mark_sends_nothing(
    start_bot: StartBot, fake: FakeTelegram, clock_start: FakeClock
) -> None:
    """A learner who turns reminders off after the claim gets nothing (the mark checks the
    claim); nudges marked but never sent (a crash before the send) go out once later."""
    clock = clock_start
    bot = await start_bot(clock=clock, settings_overrides=PAID)
    learners = [fake.user(first_name=f"L{i}") for i in range(3)]
    await subscribe_directly(bot, learners)
    clock.set(MONDAY_18)
    nudges = bot.services.nudges
    claimed = await nudges.claim(10)
    assert sorted(claimed.learner_ids) == sorted(u.id for u in learners)
    off = learners[0]
    await bot.services.reminders.set_enabled(
        Who(off.id, off.chat_id, off.first_name, off.language_code), False
    )
    prepared = await nudges.prepare(claimed)  # marks the others as sending, sends nothing
    assert sorted(n.learner_id for n in prepared.nudges) == sorted(u.id for u in learners[1:])
    assert prepared.skipped == 1
    assert not await bot.dispatch()  # still ours until the lease ends

    clock.advance(timedelta(minutes=6))  # as after a crash: the lease runs out
    assert await bot.dispatch() == {"sent": 2}
    await settled(fake)
    assert Counter(chat for chat, _ in nudge_calls(fake)) == {u.chat_id: 1 for u in learners[1:]}


@pytest.mark.parametrize("seed", [5])
async def test_killed_during_a_paid_fan_out_keeps_the_nudge_guarantee(
    database_url: str, tmp_path: Path, seed: int
) -> None:
    """SIGKILL in the middle of a paid fan-out: every learner still gets a nudge, and only
    learners marked as sending at the kill can get a second one."""
    ids = [300_000 + i for i in range(400)]
    async with FakeTelegram(latency=0.005) as fake:
        for learner_id in ids:
            fake.user(learner_id, first_name=f"L{learner_id}")
        killed = await kill_during_dispatch(
            fake,
            database_url,
            tmp_path,
            ids,
            kill_after=random.Random(seed).randint(20, 300),
            NUDGE_BATCH_SIZE="50",
            NUDGE_PAID_BROADCAST="true",
        )
        assert all(paid for _, paid in nudge_calls(fake))
        assert "Traceback" not in killed.first_log + killed.second_log
