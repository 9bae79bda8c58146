"""End-to-end fixtures: the fake Telegram, a running bot, and the checks every test ends with."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.fakeapi import FakeTelegram
from tests.e2e.harness import RunningBot


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(
    fake: FakeTelegram, database_url: str, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[RunningBot]:
    """A running bot; afterwards: nothing Telegram would reject, nothing unanswered, no errors."""
    caplog.set_level(logging.INFO)
    running = RunningBot(fake, database_url)
    await running.start()
    try:
        yield running
        await fake.settle()
    finally:
        await running.stop()
    problems = [
        p for p in fake.check_problems() if not any(e in p for e in running.expected_problems)
    ]
    assert problems == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]
