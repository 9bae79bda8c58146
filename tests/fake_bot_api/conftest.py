"""Fixtures for the fake Bot API's own tests: the server and a real PTB client of it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from telegram import Bot

from fake_bot_api import FakeTelegram

TOKEN = "7000001:AAH-test_token_0123456789abcdefghijkl"


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest_asyncio.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as client:
        yield client
