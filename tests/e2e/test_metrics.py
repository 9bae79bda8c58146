"""Metrics end to end: a short walk and a nudge move what a Prometheus scrape shows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import ALLOWED_UPDATES, build_application, dispatcher_of
from bot.context import BotApplication
from bot.runtime.runner import serve_webhook
from fake_bot_api import FakeTelegram, SimUser
from tests.conftest import TEST_TOKEN
from tests.e2e import harness
from tests.e2e.harness import FakeClock, RunningBot, press, say, settled
from tests.e2e.test_nudges import MONDAY_18, THURSDAY_NOON, subscribe
from tests.e2e.test_webhook import SECRET, free_port


@dataclass
class Served:
    """A running bot and where its metrics are scraped."""

    app: BotApplication
    url: str


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(THURSDAY_NOON)


@pytest.fixture(params=["polling", "webhook"])
async def served(
    request: pytest.FixtureRequest,
    fake: FakeTelegram,
    database_url: str,
    clock: FakeClock,
    start_bot: Callable[..., Awaitable[RunningBot]],
) -> AsyncIterator[Served]:
    """Long polling with METRICS_PORT, or webhook mode (GET /metrics on the webhook's port);
    ``start_bot``'s checks at the end either way (no problem, no error logged)."""
    port = free_port()
    if request.param == "polling":
        bot = await start_bot(clock=clock, settings_overrides={"metrics_port": port})
        assert bot.app is not None
        yield Served(bot.app, f"http://127.0.0.1:{port}/metrics")
        return
    settings = harness.test_settings(
        fake,
        database_url,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    hook = settings.webhook
    assert hook is not None
    app = build_application(settings, clock=clock)
    async with serve_webhook(app, hook, ALLOWED_UPDATES):
        yield Served(app, f"http://127.0.0.1:{port}/metrics")
        await settled(fake, app)


async def scrape(url: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return await response.text()


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    """The sample ``name`` with exactly ``labels``; 0 when the scrape has none."""
    return samples(text).get((name, frozenset(labels.items())), 0.0)


def total(text: str, name: str, **labels: str) -> float:
    """The sum of every sample ``name`` whose labels include ``labels``."""
    wanted = set(labels.items())
    return sum(v for (n, found), v in samples(text).items() if n == name and wanted <= found)


async def walk(user: SimUser) -> None:
    """/start and its three questions, /next, Done, /next, a word: 3 commands, 4 buttons,
    1 text."""
    await subscribe(user)
    card = await say(user, "/next")
    await press(user, "✅ Done", card)
    await say(user, "/next")
    await say(user, "hello")


async def test_a_walk_and_a_nudge_show_in_the_scrape(
    served: Served, fake: FakeTelegram, clock: FakeClock
) -> None:
    user = fake.user(first_name="Ana")
    await walk(user)
    await settled(fake, served.app)

    fake.faults.add("sendMessage", status=429, retry_after=1, times=1, chat_id=user.chat_id)
    clock.set(MONDAY_18)
    dispatcher = dispatcher_of(served.app)
    assert (await dispatcher.run_once(served.app.bot))["sent"] == 1  # after one 429
    text = await scrape(served.url)

    updates = "roadmap_bot_updates_total"
    assert value(text, updates, kind="command", outcome="ok") == 3
    assert value(text, updates, kind="button", outcome="ok") == 4
    assert value(text, updates, kind="text", outcome="ok") == 1
    assert total(text, updates, outcome="error") == 0
    assert total(text, "roadmap_bot_update_seconds_count") == 8
    assert total(text, "roadmap_bot_update_seconds_bucket", le="+Inf") == 8

    calls = "roadmap_bot_telegram_requests_total"
    assert value(text, calls, method="answerCallbackQuery", result="ok") == 4
    assert value(text, calls, method="editMessageText", result="ok") >= 1
    # the walk's replies and the nudge; the nudge's first try was answered 429
    assert value(text, calls, method="sendMessage", result="ok") == len(
        [c for c in fake.calls_to("sendMessage") if c.ok]
    )
    assert value(text, calls, method="sendMessage", result="retry_after") == 1
    assert value(text, calls, method="getMe", result="ok") == 1

    assert value(text, "roadmap_bot_nudges_total", outcome="sent") == 1
    assert value(text, "roadmap_bot_nudges_total", outcome="retry") == 0
    assert value(text, "roadmap_bot_nudge_backlog") == 1  # due when the run began
    assert total(text, "roadmap_bot_database_errors_total") == 0
    assert TEST_TOKEN.split(":", 1)[1] not in text

    assert (await dispatcher.run_once(served.app.bot))["sent"] == 0
    text = await scrape(served.url)
    assert value(text, "roadmap_bot_nudge_backlog") == 0
    assert value(text, "roadmap_bot_nudges_total", outcome="sent") == 1


async def test_the_metrics_port_closes_with_the_bot(
    start_bot: Callable[..., Awaitable[RunningBot]],
) -> None:
    port = free_port()
    bot = await start_bot(settings_overrides={"metrics_port": port})
    url = f"http://127.0.0.1:{port}/metrics"
    assert "roadmap_bot_updates_total" in await scrape(url)
    openmetrics = {"Accept": "application/openmetrics-text; version=1.0.0"}  # as Prometheus asks
    async with aiohttp.ClientSession() as session, session.get(url, headers=openmetrics) as got:
        assert got.headers["Content-Type"].startswith("application/openmetrics-text")
        assert (await got.text()).endswith("# EOF\n")
    await bot.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await scrape(url)
