"""What people see before pressing Start: description, short description, command menu."""

from __future__ import annotations

import logging

import pytest

from bot.runtime.profile import MAX_DESCRIPTION, MAX_SHORT_DESCRIPTION, register_profile
from fake_bot_api import FakeTelegram
from tests.e2e.harness import RunningBot


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """The profile does not touch the database: SQLite only."""
    return sqlite_url


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


async def test_profile_and_menu_in_english_and_persian_at_start_up(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    for texts, limit in (
        (fake.descriptions, MAX_DESCRIPTION),
        (fake.short_descriptions, MAX_SHORT_DESCRIPTION),
    ):
        assert set(texts) == {"", "fa"}
        assert not persian(texts[""]) and persian(texts["fa"])
        assert all(0 < utf16_len(text) <= limit for text in texts.values())
    assert "Python Backend Engineer Roadmap" in fake.descriptions[""]
    assert fake.commands[("default", "")] and fake.commands[("default", "fa")]


def profile_writes(fake: FakeTelegram) -> tuple[int, int]:
    return len(fake.calls_to("setMyDescription")), len(fake.calls_to("setMyShortDescription"))


async def test_profile_is_written_only_when_it_changed(bot: RunningBot, fake: FakeTelegram) -> None:
    assert profile_writes(fake) == (2, 2)  # English and Persian
    await bot.restart()
    assert profile_writes(fake) == (2, 2)  # read, found unchanged, not written again


async def test_a_refused_profile_is_a_warning_not_a_failure(
    bot: RunningBot, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.app is not None
    fake.descriptions.clear()
    fake.faults.add("setMyDescription", status=400, description="Bad Request: nope", times=None)
    await register_profile(bot.app, bot.services.i18n)
    warnings = [
        r
        for r in caplog.records
        if r.levelno == logging.WARNING and "description" in r.getMessage()
    ]
    assert len(warnings) == 2  # English and Persian
    assert fake.descriptions == {} and set(fake.short_descriptions) == {"", "fa"}
