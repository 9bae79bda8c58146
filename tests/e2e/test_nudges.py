"""Weekly nudges end to end, on a clock the test controls (no real waiting)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import Learner, Reminder
from bot.runtime.dispatcher import MAX_IN_FLIGHT
from fake_bot_api import FakeTelegram, SimUser
from tests.e2e.harness import WAIT, FakeClock, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url

THURSDAY_NOON = datetime(2026, 11, 26, 12, tzinfo=UTC)
MONDAY_18 = datetime(2026, 11, 30, 18, tzinfo=UTC)  # the default reminder: Mondays 18:00 UTC


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(THURSDAY_NOON)


@pytest.fixture
async def nudger(start_bot: Callable[..., Awaitable[RunningBot]], clock: FakeClock) -> RunningBot:
    return await start_bot(clock=clock)


def nudges_to(fake: FakeTelegram, user: SimUser) -> list[str]:
    """Every nudge Telegram accepted for this learner (later edits do not hide them)."""
    return [
        str(call.params["text"])
        for call in fake.calls_to("sendMessage")
        if call.ok and call.chat_id == user.chat_id and "Study time" in str(call.params["text"])
    ]


async def subscribe(user: SimUser) -> None:
    card = await onboard(user, "English", "From the beginning", "Yes, Mondays at 18:00")
    assert "I'll remind you Monday 30 Nov, 18:00 (UTC)" in card.text


async def test_exactly_one_nudge_at_the_right_time(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user(first_name="Ana")
    await subscribe(user)

    clock.set(MONDAY_18 - timedelta(minutes=1))
    assert (await nudger.dispatch())["sent"] == 0
    clock.set(MONDAY_18)
    assert (await nudger.dispatch())["sent"] == 1
    assert (await nudger.dispatch())["sent"] == 0  # not twice
    clock.advance(timedelta(days=6, hours=23))
    assert (await nudger.dispatch())["sent"] == 0
    await settled(fake)
    [nudge] = nudges_to(fake, user)
    assert "Grokking Algorithms" in nudge and "Progress: 0 of" in nudge

    clock.set(MONDAY_18 + timedelta(weeks=1))
    assert (await nudger.dispatch())["sent"] == 1  # and again next week


async def test_continue_snooze_and_stop(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    ana, bob, cy = (
        fake.user(first_name="Ana"),
        fake.user(first_name="Bob"),
        fake.user(first_name="Cy"),
    )
    for user in (ana, bob, cy):
        await subscribe(user)
    clock.set(MONDAY_18)
    assert (await nudger.dispatch())["sent"] == 3
    await settled(fake)

    card = await press(ana, "▶️ Continue", ana.last)
    assert resource_url(card) is not None  # the nudge became the study card, in place

    snoozed = await press(bob, "Snooze a week", bob.last)
    assert "Snoozed for a week. Next reminder: Monday 14 Dec, 18:00" in snoozed.text

    stopped = await press(cy, "Stop reminders", cy.last)
    assert "Reminders are off" in stopped.text

    clock.set(MONDAY_18 + timedelta(weeks=1))
    assert (await nudger.dispatch())["sent"] == 1  # Ana only
    clock.set(MONDAY_18 + timedelta(weeks=2))
    assert (await nudger.dispatch())["sent"] == 2  # Ana and Bob, back from snoozing
    await settled(fake)
    assert [len(nudges_to(fake, u)) for u in (ana, bob, cy)] == [3, 2, 1]


async def test_the_nudge_says_what_the_learner_has_in_progress(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user(first_name="Ana")
    await subscribe(user)
    await press(user, "⏳ Started", user.last)  # in progress is not studied: still nudged
    clock.set(MONDAY_18)
    assert (await nudger.dispatch())["sent"] == 1
    await settled(fake)
    [nudge] = nudges_to(fake, user)
    assert "⏳ Still in progress: Grokking Algorithms" in nudge
    assert "Next up: <b>Cracking the Coding Interview by Gayle Laakmann McDowell</b>" in nudge


async def test_learners_who_studied_recently_are_not_nagged(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user()
    await subscribe(user)
    clock.set(MONDAY_18 - timedelta(days=1))
    await press(user, "✅ Done", user.last)
    clock.set(MONDAY_18)
    outcome = await nudger.dispatch()
    assert outcome["sent"] == 0 and outcome["skipped"] == 1
    async with nudger.sessions() as session:
        reminder = await session.get(Reminder, user.id)
    assert reminder is not None and reminder.next_at == MONDAY_18 + timedelta(weeks=1)


async def test_settings_change_day_hour_and_zone(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user()
    await subscribe(user)
    screen = await say(user, "/reminders")
    assert "Every Monday at 18:00 (UTC)" in screen.text
    screen = await press(user, "📅 Day", screen)
    screen = await press(user, "Wednesday", screen)
    screen = await press(user, "🕘 Hour", screen)
    screen = await press(user, "07:00", screen)
    screen = await press(user, "🌍 Time zone", screen)
    screen = await press(user, "Asia/Tehran", screen)
    assert "Every Wednesday at 07:00 (Asia/Tehran)" in screen.text
    assert "Next: Wednesday 2 Dec, 07:00" in screen.text

    screen = await press(user, "🌍 Time zone", screen)
    prompt = await press(user, "Type another", screen)
    assert "Type your time zone" in prompt.text
    wrong = await say(user, "Mars/Olympus <b>")
    assert '"Mars/Olympus <b>" is not a time zone' in wrong.text
    right = await say(user, "america/new_york")
    assert "Time zone set: America/New_York" in right.text
    assert "Every Wednesday at 07:00 (America/New_York)" in right.text
    after = await say(user, "hello")
    assert "/next" in after.text  # no longer waiting for a zone

    clock.set(datetime(2026, 12, 2, 12, tzinfo=UTC))  # 07:00 in New York
    assert (await nudger.dispatch())["sent"] == 1


async def test_blocked_learner_is_marked_skipped_and_back_with_start(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user()
    await subscribe(user)
    fake.world.blocked.add(user.id)  # blocked while the bot did not hear of it: a 403 tells
    clock.set(MONDAY_18)
    assert (await nudger.dispatch())["blocked"] == 1
    clock.set(MONDAY_18 + timedelta(weeks=1))
    assert sum((await nudger.dispatch()).values()) == 0  # not even tried
    async with nudger.sessions() as session:
        learner = await session.get(Learner, user.id)
        assert learner is not None and learner.blocked_at is not None

    fake.world.blocked.discard(user.id)
    await say(user, "/start")  # back: nudges resume from the next Monday
    clock.set(MONDAY_18 + timedelta(weeks=2))
    assert (await nudger.dispatch())["sent"] == 1


async def test_a_429_delays_but_loses_no_nudge(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    users = [fake.user(first_name=f"L{i}") for i in range(5)]
    for user in users:
        await subscribe(user)
    clock.set(MONDAY_18)
    fake.faults.add("sendMessage", status=429, retry_after=1, times=6)
    first = await nudger.dispatch()
    assert first["retry"] >= 1
    clock.advance(timedelta(seconds=5))
    second = await nudger.dispatch()
    assert first["sent"] + second["sent"] == 5
    await settled(fake)
    assert [len(nudges_to(fake, u)) for u in users] == [1] * 5


async def test_downtime_of_three_weeks_sends_one_catch_up(
    nudger: RunningBot, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user()
    await subscribe(user)
    clock.set(MONDAY_18 + timedelta(weeks=3, hours=2))  # the bot was down three Mondays
    assert (await nudger.dispatch())["sent"] == 1
    assert (await nudger.dispatch())["sent"] == 0
    async with nudger.sessions() as session:
        reminder = await session.get(Reminder, user.id)
    assert reminder is not None and reminder.next_at == MONDAY_18 + timedelta(weeks=4)


async def test_a_crash_mid_dispatch_then_restart_delivers_each_nudge_once(
    fake: FakeTelegram, database_url: str, clock: FakeClock
) -> None:
    """The dispatch dies half-way; a new process finishes it: every learner gets their nudge,
    and only those whose request was in flight at the crash can get it twice."""
    first = RunningBot(
        fake,
        database_url,
        clock=clock,
        settings_overrides={"nudge_batch_size": 5, "nudge_rate_per_second": 50},
    )
    await first.start()
    users = [fake.user(first_name=f"L{i}") for i in range(30)]
    for user in users:
        await subscribe(user)
    await settled(fake)
    fake.latency = 0.02
    clock.set(MONDAY_18)
    run = asyncio.create_task(first.dispatch())

    def a_dozen_out() -> bool:
        assert not run.done(), "the dispatch ended before the crash"
        return (
            len([c for c in fake.calls_to("sendMessage") if "Study" in str(c.params["text"])]) >= 12
        )

    assert await fake.world.changed.wait_for(a_dozen_out, WAIT)
    run.cancel()  # the crash: nothing after this point is recorded
    with pytest.raises(asyncio.CancelledError):
        await run
    async with first.sessions() as session:
        in_flight = set(
            await session.scalars(
                select(Reminder.learner_id).where(Reminder.sending_since.is_not(None))
            )
        )
    await first.stop()

    second = RunningBot(fake, database_url, clock=clock)
    await second.start()
    try:
        clock.advance(timedelta(minutes=6))  # the dead dispatcher's lease runs out
        await second.dispatch()
        await settled(fake)
    finally:
        await second.stop()
    counts = {u.id: len(nudges_to(fake, u)) for u in users}
    assert all(n >= 1 for n in counts.values())  # nobody lost their nudge
    assert {uid for uid, n in counts.items() if n > 1} <= in_flight  # duplicates only in flight
    assert len(in_flight) <= MAX_IN_FLIGHT  # the dispatcher's in-flight limit


async def test_the_periodic_job_dispatches_on_its_own(
    fake: FakeTelegram, database_url: str
) -> None:
    """No hand-cranking: one repeating job finds the due learner and nudges them."""
    clock = FakeClock(THURSDAY_NOON)
    running = RunningBot(
        fake, database_url, clock=clock, settings_overrides={"nudge_check_seconds": 0.2}
    )
    await running.start()
    try:
        assert running.app is not None and running.app.job_queue is not None
        assert len(running.app.job_queue.get_jobs_by_name("weekly-nudges")) == 1
        user = fake.user()
        await subscribe(user)
        clock.set(MONDAY_18)
        assert await fake.world.changed.wait_for(lambda: bool(nudges_to(fake, user)), WAIT)
        await settled(fake)
        assert len(nudges_to(fake, user)) == 1
    finally:
        await running.stop()
    assert fake.check_problems() == []


async def test_a_dispatch_longer_than_the_check_interval_is_not_a_warning_every_tick(
    fake: FakeTelegram, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A 100,000-learner dispatch lasts an hour: the scheduler must not complain each tick."""
    clock = FakeClock(THURSDAY_NOON)
    running = RunningBot(
        fake, database_url, clock=clock, settings_overrides={"nudge_check_seconds": 0.1}
    )
    await running.start()
    try:
        users = [fake.user() for _ in range(2)]
        for user in users:
            await subscribe(user)
        fake.faults.add("sendMessage", status=200, delay=0.4, times=2)  # slow, then fine
        caplog.set_level(logging.WARNING, logger="apscheduler")
        clock.set(MONDAY_18)
        assert await fake.world.changed.wait_for(
            lambda: all(nudges_to(fake, u) for u in users), WAIT
        )
        await settled(fake)
        assert [len(nudges_to(fake, u)) for u in users] == [1, 1]
    finally:
        await running.stop()
    assert not [r for r in caplog.records if r.name.startswith("apscheduler")]
