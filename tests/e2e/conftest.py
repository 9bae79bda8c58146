"""End-to-end fixtures: the fake Telegram, a running bot, and the checks every test ends with."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from fake_bot_api import FakeTelegram
from tests.e2e.harness import RunningBot, settled


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def start_bot(
    fake: FakeTelegram, database_url: str, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Callable[..., Awaitable[RunningBot]]]:
    """Start bots on ``fake``; afterwards: nothing Telegram would reject, nothing
    unanswered, no error logged."""
    caplog.set_level(logging.INFO)
    started: list[RunningBot] = []

    async def start(**options: Any) -> RunningBot:
        running = RunningBot(fake, database_url, **options)
        await running.start()
        started.append(running)
        return running

    try:
        yield start
        if any(running.app is not None for running in started):
            await settled(fake)
    finally:
        for running in reversed(started):
            await running.stop()
    expected = [e for running in started for e in running.expected_problems]
    assert [p for p in fake.check_problems() if not any(e in p for e in expected)] == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


@pytest.fixture
async def bot(start_bot: Callable[..., Awaitable[RunningBot]]) -> RunningBot:
    """A running bot, with the checks of ``start_bot`` at the end."""
    return await start_bot()
