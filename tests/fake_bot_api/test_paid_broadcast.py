"""Paid broadcasts (``allow_paid_broadcast``) are counted in a window of their own."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from fake_bot_api import FakeTelegram
from fake_bot_api.ratelimit import RateLimiter, is_paid_broadcast
from tests.fake_bot_api.conftest import TOKEN


@pytest.mark.parametrize("value", [True, "true", "True", "1", 1])
def test_the_parameter_is_read_from_json_or_a_form(value: object) -> None:
    assert is_paid_broadcast(value)


@pytest.mark.parametrize("value", [False, "false", "0", None, "", 0, "yes please"])
def test_anything_else_is_not_a_paid_broadcast(value: object) -> None:
    assert not is_paid_broadcast(value)


def test_paid_and_unpaid_messages_have_separate_windows() -> None:
    limiter = RateLimiter(overall=2, per_chat=None, paid=3)
    now = 100.0
    assert limiter.check("sendMessage", 1, now) is None
    assert limiter.check("sendMessage", 2, now) is None
    assert limiter.check("sendMessage", 3, now) == 1  # the free window is full
    for chat in (4, 5, 6):  # but paid messages still go: they are not counted there
        assert limiter.check("sendMessage", chat, now, paid=True) is None
    assert limiter.check("sendMessage", 7, now, paid=True) == 1  # the paid window is full
    assert limiter.check("sendMessage", 8, now + 1.01) is None  # a second later: room again
    assert limiter.check("sendMessage", 9, now + 1.01, paid=True) is None


def test_paid_messages_still_respect_the_per_chat_limit() -> None:
    limiter = RateLimiter(overall=None, per_chat=1, paid=1000)
    assert limiter.check("sendMessage", 1, 0.0, paid=True) is None
    assert limiter.check("sendMessage", 1, 0.1, paid=True) == 1


def test_without_a_paid_limit_paid_messages_are_not_limited() -> None:
    limiter = RateLimiter(overall=1, per_chat=None, paid=None)
    assert all(limiter.check("sendMessage", i, 0.0, paid=True) is None for i in range(50))
    assert limiter.check("sendMessage", 1, 0.0) is None


async def test_the_server_counts_paid_messages_apart() -> None:
    async with FakeTelegram(overall_rate_limit=2, paid_broadcast_rate_limit=3) as fake:
        users = [fake.user() for _ in range(6)]
        async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as bot:
            await bot.send_message(users[0].id, "free 1")
            await bot.send_message(users[1].id, "free 2")
            with pytest.raises(RetryAfter):
                await bot.send_message(users[2].id, "free 3")
            for user in users[3:]:  # accepted: the parameter is valid and counted apart
                await bot.send_message(user.id, "paid", allow_paid_broadcast=True)
            with pytest.raises(RetryAfter):
                await bot.send_message(users[0].id, "paid 4", allow_paid_broadcast=True)
        paid = [c for c in fake.calls_to("sendMessage") if c.params.get("allow_paid_broadcast")]
        assert [c.ok for c in paid] == [True, True, True, False]
        assert [m.text for u in users[3:] for m in fake.messages(u.id)] == ["paid"] * 3
        assert fake.check_problems() == []


async def test_the_default_paid_limit_is_telegrams_1000_a_second() -> None:
    async with FakeTelegram(overall_rate_limit=1) as fake:
        users = [fake.user() for _ in range(20)]
        async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as bot:
            for user in users:
                await bot.send_message(user.id, "paid", allow_paid_broadcast=True)
        assert all(c.ok for c in fake.calls_to("sendMessage"))
