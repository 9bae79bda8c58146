"""The database server goes away while learners use the bot, then comes back: one line
per failed update for the operator, an apology for the learner, nothing lost."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from fake_bot_api import FakeTelegram
from tests.databases import POSTGRES_ADMIN_URL, temporary_database
from tests.e2e.harness import WAIT, RunningBot, press, say, settled
from tests.e2e.relay import Relay
from tests.e2e.test_faults import APOLOGY, DATABASE_FAILED
from tests.e2e.test_journeys import onboard

pytestmark = pytest.mark.postgres


@pytest.fixture
async def relay() -> AsyncIterator[Relay]:
    """A relay to the PostgreSQL server the temporary databases are made on."""
    server = make_url(POSTGRES_ADMIN_URL)
    relay = Relay(server.host or "127.0.0.1", server.port or 5432)
    await relay.up()
    yield relay
    await relay.down()


@pytest.fixture
async def database_url(tmp_path: Path, relay: Relay) -> AsyncIterator[str]:
    """A fresh PostgreSQL database, reached through ``relay``."""
    async with temporary_database("postgres", tmp_path) as url:
        yield make_url(url).set(port=relay.port).render_as_string(hide_password=False)


async def test_a_database_outage_is_one_line_per_update_an_apology_and_nothing_lost(
    start_bot: Callable[..., Awaitable[RunningBot]],
    fake: FakeTelegram,
    relay: Relay,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_bot()
    user = fake.user(first_name="Quetzalcoatlina")
    card = await onboard(user, "English", "From the beginning")
    card = await press(user, "✅", card)

    await relay.down()  # open connections cut, new ones refused
    apology = await say(user, "/next")
    assert apology.text == APOLOGY
    done = card.find_button("✅ Done").callback_data
    assert done is not None
    pressed = await user.press_data(done, message=card)
    query = await user.wait_answer(pressed, timeout=WAIT)
    assert query.answer is not None
    assert (query.answer["text"], query.answer["show_alert"]) == (APOLOGY, True)
    await settled(fake)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(": ", 1)[0] for r in errors] == [DATABASE_FAILED] * 2, [
        r.getMessage() for r in errors
    ]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in errors)
    assert not [r for r in caplog.records if "Quetzalcoatlina" in r.getMessage()]
    for record in errors:
        caplog.records.remove(record)

    await relay.up()  # the server is back: the bot reconnects by itself
    card = await say(user, "/next")
    assert "Progress: 1 of" in card.text  # the press before the outage is kept
    card = await press(user, "✅", card)
    assert "Progress: 2 of" in card.text
