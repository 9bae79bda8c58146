"""Webhook mode: the fake Bot API posts updates to the bot's own server, as Telegram would."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest

from bot.app import ALLOWED_UPDATES, build_application
from bot.context import BotApplication, Services
from bot.db.engine import create_engine
from bot.handlers import onboarding
from bot.runtime.runner import serve_webhook
from bot.runtime.webhook import SECRET_HEADER
from fake_bot_api import FakeTelegram, SimUser
from tests.conftest import TEST_TOKEN
from tests.e2e import harness
from tests.e2e.botprocess import BotProcess, bot_env
from tests.e2e.harness import WAIT, say, settled

ROOT = Path(__file__).parents[2]
SECRET = "webhook-Secret_" + "k" * 24
WELCOME = "Python Backend Engineer Roadmap"
UNREACHABLE_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:1/unreachable"


def free_port() -> int:
    """A port nobody listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class WebhookBot:
    """The real Application in webhook mode, in this event loop, against the fake."""

    def __init__(self, fake: FakeTelegram, database_url: str) -> None:
        self.fake = fake
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram"
        self.settings = harness.test_settings(
            fake,
            database_url,
            webhook_url=self.url,
            webhook_secret=SECRET,
            webhook_listen="127.0.0.1",
            webhook_port=self.port,
        )
        self.app: BotApplication = build_application(self.settings)
        self._stack = AsyncExitStack()

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/healthz"

    @property
    def services(self) -> Services:
        services: Services = self.app.bot_data["services"]
        return services

    async def start(self) -> None:
        hook = self.settings.webhook
        assert hook is not None
        await self._stack.enter_async_context(serve_webhook(self.app, hook, ALLOWED_UPDATES))

    async def stop(self) -> None:
        await self._stack.aclose()


@pytest.fixture
async def hooked(
    fake: FakeTelegram, database_url: str, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[WebhookBot]:
    """A running webhook bot; afterwards: nothing Telegram would reject, no errors, no secret."""
    caplog.set_level(logging.INFO)
    bot = WebhookBot(fake, database_url)
    await bot.start()
    try:
        yield bot
        await settled(fake, bot.app)
    finally:
        await bot.stop()
    assert fake.check_problems() == []
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert SECRET not in caplog.text  # (the token is in httpx's URLs: the bot's logs hide them)


def forged_start(user: SimUser) -> dict[str, object]:
    """A well-formed /start update from ``user`` that Telegram never sent."""
    return {
        "update_id": 900001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "from": user.to_api(),
            "chat": user.chat.to_api(),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_a_learner_is_served_through_the_webhook(
    hooked: WebhookBot, fake: FakeTelegram
) -> None:
    hook = fake.webhook
    assert hook is not None
    assert (hook.url, hook.secret_token) == (hooked.url, SECRET)
    assert hook.allowed_updates == list(ALLOWED_UPDATES)
    user = fake.user(first_name="Ana")
    welcome = await say(user, "/start")
    assert WELCOME in welcome.text
    assert fake.calls_to("getUpdates") == []


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(
    hooked: WebhookBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Mallory")
    update = forged_start(user)
    async with aiohttp.ClientSession() as session:
        for headers in ({SECRET_HEADER: "not-the-secret"}, {SECRET_HEADER: SECRET[:-1]}, {}):
            async with session.post(hooked.url, json=update, headers=headers) as response:
                assert response.status == 403
                assert SECRET not in await response.text()
        # with the right secret, a body that is not an update is refused too
        good = {SECRET_HEADER: SECRET}
        for body in (b"{not json", b"[1, 2]", b'{"message": {"text": "no update_id"}}'):
            async with session.post(hooked.url, data=body, headers=good) as response:
                assert response.status == 400
        # an update the library cannot read is skipped (200), or Telegram would retry it
        unreadable = {"update_id": 900002, "message": {"text": "/start"}}
        async with session.post(hooked.url, json=unreadable, headers=good) as response:
            assert response.status == 200
    await settled(fake, hooked.app)  # posted straight to the bot: processed, and silent
    assert fake.messages(user.chat_id) == []
    assert fake.calls_to("sendMessage") == []


async def test_health_follows_the_database(hooked: WebhookBot) -> None:
    services = hooked.services
    async with aiohttp.ClientSession() as session:
        async with session.get(hooked.health_url) as response:
            assert response.status == 200
            assert await response.json() == {"status": "ok", "database": "ok"}

        working, services.engine = services.engine, create_engine(UNREACHABLE_DATABASE)
        try:
            async with session.get(hooked.health_url) as response:
                assert response.status == 503
                body = await response.json()
                text = await response.text()
        finally:
            await services.engine.dispose()
            services.engine = working
        assert body["status"] == "unavailable" and body["database"].startswith("error")
        assert SECRET not in text and TEST_TOKEN not in text and "postgres@" not in text

        async with session.get(hooked.health_url) as response:
            assert response.status == 200


async def _refused(url: str, within: float = WAIT) -> bool:
    """True once connections to ``url`` are refused (the server stopped listening)."""
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(url) as response:
                    await response.read()
            except aiohttp.ClientConnectionError:
                return True
            await asyncio.sleep(0.02)
    return False


async def test_stopping_finishes_the_update_in_hand(
    fake: FakeTelegram, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = asyncio.Event(), asyncio.Event()
    original = onboarding.start_command

    async def slow_start(update: object, context: object) -> None:
        entered.set()
        await release.wait()
        await original(update, context)  # type: ignore[arg-type]

    monkeypatch.setattr(onboarding, "start_command", slow_start)
    bot = WebhookBot(fake, sqlite_url)
    await bot.start()
    user = fake.user(first_name="Ana")
    await user.send("/start")
    await asyncio.wait_for(entered.wait(), WAIT)

    stopping = asyncio.create_task(bot.stop())
    assert await _refused(bot.health_url), "the server still takes requests while stopping"
    assert not stopping.done() and fake.messages(user.chat_id) == []
    release.set()
    await asyncio.wait_for(stopping, WAIT)

    assert [WELCOME in m.text for m in fake.messages(user.chat_id)] == [True]
    assert fake.webhook is not None  # left set: Telegram queues updates until the next start
    assert fake.check_problems() == []


async def test_long_polling_takes_over_after_webhook_mode(
    fake: FakeTelegram, sqlite_url: str
) -> None:
    webhook_bot = WebhookBot(fake, sqlite_url)
    await webhook_bot.start()
    await webhook_bot.stop()
    assert fake.webhook is not None
    user = fake.user(first_name="Ana")
    await user.send("/start")  # queued by Telegram while no bot runs
    polling_bot = harness.RunningBot(fake, sqlite_url)
    await polling_bot.start()
    try:
        assert WELCOME in (await user.wait_message(timeout=WAIT)).text
        await settled(fake)
    finally:
        await polling_bot.stop()
    assert fake.webhook is None  # polling removed it on start
    assert fake.check_problems() == []


# --- the process, as an operator runs it ---------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    prefixes = ("TELEGRAM_", "DATABASE_", "WEBHOOK_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(extra, PYTHONPATH=str(ROOT))
    return env


async def _health(cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "health",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), WAIT)
    return proc.returncode or 0, out.decode()


async def test_the_bot_process_in_webhook_mode_serves_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    async with FakeTelegram() as fake:
        env = bot_env(
            fake,
            f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
            WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            LOG_LEVEL="DEBUG",
        )
        process = BotProcess(fake, env, tmp_path, "bot")
        await process.start()  # ready once the webhook is set
        try:
            user = fake.user(first_name="Ana")
            await user.send("/start")
            welcome = await user.wait_message(timeout=WAIT)
            assert WELCOME in welcome.text
            await settled(fake)
            assert await _health(tmp_path, env) == (0, "health: ok\n")
        finally:
            code = await process.terminate()
        log = process.log
        assert code == 0, log
        assert fake.check_problems() == []
        assert fake.webhook is not None and fake.calls_to("getUpdates") == []
        assert "webhook mode: listening on 127.0.0.1" in log
        assert "for @roadmap_test_bot; stop it with Ctrl+C" in log
        for secret in (TEST_TOKEN, TEST_TOKEN.split(":")[1], SECRET):
            assert secret not in log
        assert "Traceback" not in log
        code, out_text = await _health(tmp_path, env)
        assert code == 1 and "unavailable" in out_text


async def test_health_command_in_polling_mode_checks_the_database(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    status = tmp_path / "health.json"  # never written: the bot has not started
    env = _env(
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        DATABASE_URL=f"sqlite+aiosqlite:///{database}",
        HEALTH_FILE=str(status),
    )
    code, out = await _health(tmp_path, env)
    assert code == 1 and "SQLite file not found" in out
    assert not database.exists()  # the check creates nothing
    database.touch()
    not_started = f"health: ok (long polling has not started yet: no {status})\n"
    assert await _health(tmp_path, env) == (0, not_started)
    env["DATABASE_URL"] = UNREACHABLE_DATABASE
    code, out = await _health(tmp_path, env)
    assert code == 1 and out.startswith("health: unavailable: error")
    code, out = await _health(tmp_path, _env(WEBHOOK_URL="https://x.example.com/t"))
    assert code == 1 and out.startswith("health: configuration:")
