"""The bot's HTTP client: which timeouts mean the request never reached Telegram; error pages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp import web
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.runtime.telegram_bot import TelegramRequest, never_sent


@pytest.fixture
async def slow_server() -> AsyncIterator[tuple[str, asyncio.Event, asyncio.Event]]:
    """A Bot API stand-in on loopback that answers once ``release`` is set."""
    arrived, release = asyncio.Event(), asyncio.Event()

    async def answer(request: web.Request) -> web.Response:
        arrived.set()
        await release.wait()
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/{method}", answer)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/sendMessage", arrived, release
    finally:
        release.set()
        await runner.cleanup()


async def test_a_pool_timeout_never_left_and_a_read_timeout_may_have(
    slow_server: tuple[str, asyncio.Event, asyncio.Event],
) -> None:
    url, arrived, release = slow_server
    request = HTTPXRequest(connection_pool_size=1, read_timeout=0.3, pool_timeout=0.05)
    await request.initialize()
    try:
        first = asyncio.create_task(request.post(url))  # holds the only connection
        await asyncio.wait_for(arrived.wait(), 5)
        with pytest.raises(TimedOut) as waited_for_a_connection:
            await request.post(url)
        with pytest.raises(TimedOut) as waited_for_the_answer:
            await first  # it reached the server, which did not answer in time
    finally:
        release.set()
        await request.shutdown()
    assert never_sent(waited_for_a_connection.value)
    assert not never_sent(waited_for_the_answer.value)


def test_only_a_pool_timeout_counts_as_never_sent() -> None:
    def timed_out(cause: BaseException | None) -> TimedOut:
        exc = TimedOut()
        exc.__cause__ = cause
        return exc

    assert never_sent(timed_out(httpx.PoolTimeout("no free connection")))
    assert not never_sent(timed_out(httpx.ReadTimeout("no answer")))
    assert not never_sent(timed_out(None))


NGINX_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


async def test_an_html_error_page_is_an_ordinary_network_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def proxy_page(self: HTTPXRequest, *_: Any, **__: Any) -> tuple[int, bytes]:
        return 502, NGINX_502

    monkeypatch.setattr(HTTPXRequest, "do_request", proxy_page)
    statuses: list[int] = []
    request = TelegramRequest(on_status=statuses.append)
    with pytest.raises(NetworkError) as raised:
        await request.post("http://127.0.0.1:9/botTOKEN/getUpdates")
    assert str(raised.value) == "Bad Gateway (502)"  # not the page
    assert statuses == [502]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
