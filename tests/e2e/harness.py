"""Run the real bot Application against the fake Bot API server, in the test's event loop."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import ALLOWED_UPDATES, build_application, dispatcher_of, polling_watch_of
from bot.cli.chat import handled
from bot.config import Settings
from bot.context import BotApplication, Services
from bot.roadmap.models import Roadmap
from bot.services.clock import Clock, utcnow
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.conftest import TEST_TOKEN

#: How long a test waits for the bot before it fails. Only a bound for a stuck bot: every
#: wait is for a condition (an answer, a message, a row), never for a length of time, so
#: a busy machine makes a test slower, not red.
WAIT = 60.0
#: How often to look whether the bot has confirmed every update: the fake signals
#: requests, not confirmations.
_LOOK = 0.01


def test_settings(fake: FakeTelegram, database_url: str, **overrides: object) -> Settings:
    """Settings for a bot that talks only to ``fake`` (never reads a developer's .env)."""
    values: dict[str, object] = {
        "telegram_bot_token": TEST_TOKEN,
        "database_url": database_url,
        "telegram_api_base_url": fake.base_url,
        "rate_limit_per_second": 1000,
        "nudge_rate_per_second": 1000,
        "nudge_check_seconds": 0,  # tests dispatch by hand, on their own clock
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class FakeClock:
    """A clock the test moves by hand: ``clock()`` is now, ``clock.advance(...)`` moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class RunningBot:
    """One bot process's worth of Application, started and stoppable."""

    fake: FakeTelegram
    database_url: str
    roadmap: Roadmap | None = None
    roadmap_path: Path | None = None
    clock: Clock = utcnow
    #: Settings for this bot beyond the test defaults (e.g. admin_ids, nudge settings).
    settings_overrides: dict[str, object] = field(default_factory=dict)
    #: Whether to long-poll the fake; a second instance that only dispatches nudges must
    #: not (Telegram allows one getUpdates client per bot and answers others 409).
    poll: bool = True
    app: BotApplication | None = field(default=None, init=False)
    #: Fake-server complaints a test provokes on purpose (substrings), e.g. a true double press.
    expected_problems: list[str] = field(default_factory=list, init=False)
    #: The bots started and not yet stopped, for ``settled``.
    running: ClassVar[list[RunningBot]] = []

    async def start(self) -> None:
        settings = test_settings(self.fake, self.database_url, **self.settings_overrides)
        app = build_application(
            settings, roadmap=self.roadmap, roadmap_path=self.roadmap_path, clock=self.clock
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        if self.poll:
            await app.updater.start_polling(
                poll_interval=0.0,
                timeout=1,
                allowed_updates=ALLOWED_UPDATES,
                error_callback=polling_watch_of(app).failed,  # as bot.runtime.runner does
            )
        self.app = app
        RunningBot.running.append(self)

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        RunningBot.running[:] = [bot for bot in RunningBot.running if bot is not self]
        assert app.updater is not None
        if app.updater.running:
            await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def dispatch(self) -> Counter[str]:
        """Run the nudge dispatcher once, as its periodic job would."""
        assert self.app is not None
        return await dispatcher_of(self.app).run_once(self.app.bot)

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """ORM sessions on the bot's database, for tests to look at what it stored."""
        return async_sessionmaker(self.services.engine, expire_on_commit=False)

    @property
    def services(self) -> Services:
        assert self.app is not None
        services: Services = self.app.bot_data["services"]
        return services


async def settled(
    fake: FakeTelegram, *apps: BotApplication, quiet: float = 0.15, within: float = WAIT
) -> None:
    """``bot.cli.chat.handled`` for every ``RunningBot`` on ``fake``, and ``apps``: each has
    handled every update sent so far, and none makes more requests."""
    running = [bot.app for bot in RunningBot.running if bot.fake is fake and bot.app]
    await handled(fake, *running, *apps, quiet=quiet, within=within)


async def eventually(
    fake: FakeTelegram, condition: Callable[[], bool], what: str, within: float = WAIT
) -> None:
    """Wait until ``condition()`` holds: looked at on each change the fake signals, and
    every few milliseconds (a confirmed update, a database row: changes nobody signals)."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"not within {within:.0f} s: {what}"
        await fake.world.changed.wait(_LOOK)


async def say(user: SimUser, text: str) -> BotMessage:
    """Send ``text`` and return the bot's answer."""
    await user.send(text)
    return await user.wait_message(timeout=WAIT)


async def press(user: SimUser, label: str, message: BotMessage | None = None) -> BotMessage:
    """Press a button and return the message as it looks afterwards (edited or new)."""
    query = await user.press(label, message=message)
    await user.wait_answer(query, timeout=WAIT)
    return await user.wait_message(timeout=WAIT)
