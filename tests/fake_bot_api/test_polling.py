"""Update delivery: getUpdates long polling, conflicts, webhooks and settle()."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, Conflict

from fake_bot_api import FakeTelegram
from tests.fake_bot_api.conftest import TOKEN


async def poll_is_waiting(fake: FakeTelegram) -> None:
    """Wait until a getUpdates request is parked on the server."""
    waiting = await fake.world.changed.wait_for(
        lambda: any(c.pending for c in fake.calls_to("getUpdates")), 2.0
    )
    assert waiting, "no getUpdates request arrived"


async def test_long_poll_returns_as_soon_as_an_update_arrives(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await poll_is_waiting(fake)
    started = time.monotonic()
    update_id = await user.send("/start@roadmap_test_bot now")
    [update] = await poll
    assert time.monotonic() - started < 1.0
    assert update.update_id == update_id
    assert update.message is not None and update.message.text == "/start@roadmap_test_bot now"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start@roadmap_test_bot")


async def test_offset_confirms_and_limit_applies(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    ids = [await user.send(f"m{i}") for i in range(3)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates()] == ids  # nothing confirmed yet
    assert [u.update_id for u in await bot.get_updates(offset=ids[1] + 1)] == ids[2:]
    assert await bot.get_updates(offset=ids[2] + 1, timeout=0) == ()
    await user.send("again")
    assert [u.message.text for u in await bot.get_updates(offset=-1) if u.message] == ["again"]


async def test_allowed_updates_filter_new_updates(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    await bot.get_updates(allowed_updates=["callback_query"], timeout=0)
    await user.send("ignored")
    assert await bot.get_updates(timeout=0) == ()
    await bot.get_updates(allowed_updates=[], timeout=0)  # back to the default set
    await user.send("seen")
    assert len(await bot.get_updates(timeout=0)) == 1


async def test_second_poller_terminates_the_first_with_409(fake: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await poll_is_waiting(fake)
    async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()  # answered at once: no clash
        assert not first.done()
        second = asyncio.create_task(second_instance.get_updates(timeout=5))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await first
        update_id = await fake.user().send("who gets this?")
        assert [u.update_id for u in await second] == [update_id]
    [problem] = fake.check_problems()
    assert problem == (
        "getUpdates: 409 Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )


async def test_webhook_blocks_polling_and_delivers_with_secret(
    fake: FakeTelegram, bot: Bot
) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []
    failures_left = 1

    async def receive(request: web.Request) -> web.Response:
        nonlocal failures_left
        if failures_left:
            failures_left -= 1
            return web.Response(status=500)
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret-token")
        with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
            await bot.get_updates()
        update_id = await fake.user().send("hello hook")
        await fake.settle()
        assert received == [("s3cret-token", received[0][1])]
        assert received[0][1]["update_id"] == update_id
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert (
            info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
        )
        assert await bot.delete_webhook()
        assert fake.webhook is None
    finally:
        await runner.cleanup()


async def test_webhook_requires_https_except_on_loopback(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)an https url must be provided"):
        await bot.set_webhook("http://example.org/hook")


async def test_delete_webhook_can_drop_pending_updates(fake: FakeTelegram, bot: Bot) -> None:
    await fake.user().send("old")
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == ()


async def test_settle_reports_updates_nobody_fetched(fake: FakeTelegram) -> None:
    await fake.user().send("anyone?")
    with pytest.raises(TimeoutError, match=r"1 update\(s\) never fetched by the bot"):
        await fake.settle(timeout=0.3)


async def test_stop_answers_a_pending_long_poll_promptly() -> None:
    fake = FakeTelegram()
    await fake.start()
    async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await poll_is_waiting(fake)
        started = time.monotonic()
        await fake.stop()
        assert await poll == ()
        assert time.monotonic() - started < 2.0
