"""Several bot instances on one PostgreSQL database behave like one bot."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.population import add_learners
from bot.db.migrate import upgrade_async
from fake_bot_api import FakeTelegram
from tests.databases import temporary_database
from tests.e2e.harness import FakeClock, RunningBot, press, say, settled

LEARNERS = 1_000
NOW = datetime(2026, 11, 30, 18, 5, tzinfo=UTC)


@pytest.fixture
async def postgres_url(tmp_path: Path) -> object:
    async with temporary_database("postgres", tmp_path) as url:
        yield url


async def test_two_instances_nudge_each_of_1000_learners_exactly_once(
    fake: FakeTelegram, postgres_url: str
) -> None:
    await upgrade_async(postgres_url)
    ids = await add_learners(postgres_url, LEARNERS, now=NOW, due_at=NOW - timedelta(minutes=5))
    for learner_id in ids:
        fake.user(learner_id)
    clock = FakeClock(NOW)
    settings = {"nudge_batch_size": 25}
    first = RunningBot(fake, postgres_url, clock=clock, settings_overrides=settings)
    second = RunningBot(fake, postgres_url, clock=clock, settings_overrides=settings, poll=False)
    await first.start()
    await second.start()
    try:
        one, two = await asyncio.gather(first.dispatch(), second.dispatch())
    finally:
        await second.stop()
        await first.stop()

    sent = Counter(
        call.chat_id
        for call in fake.calls_to("sendMessage")
        if call.ok and "Study time" in str(call.params["text"])
    )
    assert len(sent) == LEARNERS and set(sent.values()) == {1}  # each exactly once
    assert one["sent"] + two["sent"] == LEARNERS
    assert one["sent"] > 0 and two["sent"] > 0  # the work was shared
    assert fake.check_problems() == []


async def test_any_instance_serves_any_update(fake: FakeTelegram, postgres_url: str) -> None:
    """A learner's button pressed on a message one instance sent is served by another."""
    first = RunningBot(fake, postgres_url)
    await first.start()
    user = fake.user()
    try:
        await say(user, "/start")
        await press(user, "English")
        card = await press(user, "From the beginning")
        card = await press(user, "No, thanks", card)
        await settled(fake)
    finally:
        await first.stop()  # the instance that knows this learner goes away
    second = RunningBot(fake, postgres_url)
    await second.start()
    try:
        after = await press(user, "✅ Done", card)
        assert "Progress: 1 of" in after.text
        await settled(fake)
    finally:
        await second.stop()
    assert fake.check_problems() == []
