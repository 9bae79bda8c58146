"""Telegram misbehaving: 429 storms, 5xx, slow answers, dropped connections, timeouts.

What must hold whatever Telegram does:

* no learner's progress is lost: a "Done" whose reply failed is recorded anyway (the
  database commits before the bot answers); a "Done" whose update never reached the bot
  (``getUpdates`` failed) is delivered again by polling and recorded then, once;
* interactive replies come back as soon as the faults stop;
* every weekly nudge is delivered exactly once; a send that timed out (Telegram may have
  delivered it) is the documented exception: sent again, logged as uncertain;
* nothing is logged at ERROR: these are recovered failures, WARNING at most (a failed
  ``getUpdates`` is one WARNING line, checked and accounted for).

Everything runs on the fake Telegram with few faults each, so the suite stays fast even
though PTB backs off for a second after a failed ``getUpdates``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.db.models import Progress, Reminder
from bot.runtime import dispatcher as scheduler
from bot.services.learning import LearningService
from bot.services.who import Who
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.consistency import database_problems
from tests.e2e.harness import WAIT, FakeClock, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url
from tests.e2e.test_nudges import MONDAY_18, THURSDAY_NOON, nudges_to

StartBot = Callable[..., Awaitable[RunningBot]]

#: One kind of misbehaviour each; few firings, so PTB's back-off stays short.
FAULTS: dict[str, dict[str, Any]] = {
    "429": {"status": 429, "retry_after": 1, "times": 1},
    "500": {"status": 500, "times": 1},
    "502": {"status": 502, "description": "Bad Gateway", "times": 1},
    "dropped": {"drop_connection": True, "times": 1},
    "slow": {"status": 200, "delay": 0.5, "times": 1},
}
#: Faults after which the request did not happen (and PTB does not retry it).
LOST = {"500", "502", "dropped"}
#: The per-method matrix (a 502 is a 500 to PTB: it is in the storms below).
MATRIX = ["429", "500", "dropped", "slow"]
METHODS = ["sendMessage", "editMessageText", "answerCallbackQuery", "getUpdates"]
POLLING_ERROR = "long polling: getUpdates failed, retrying: %s"


def account_for_polling_errors(caplog: pytest.LogCaptureFixture, expected: int) -> None:
    """Each failed getUpdates is one WARNING line without a traceback, as many as expected
    (the end-of-test check makes sure nothing is logged at ERROR)."""
    polling = [r for r in caplog.records if r.msg == POLLING_ERROR]
    assert len(polling) == expected
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in polling)


async def progress_of(bot: RunningBot, user: SimUser) -> dict[str, str]:
    async with bot.sessions() as session:
        rows = await session.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == user.id)
        )
        return {rid: status for rid, status in rows}


async def until(fake: FakeTelegram, condition: Callable[[], bool]) -> None:
    """Wait for something the user would see: during a 429 pause the bot makes no
    requests, so ``settle`` alone could return before the retry."""
    assert await fake.world.changed.wait_for(condition, WAIT), "timed out waiting"


def current(fake: FakeTelegram, message: BotMessage) -> BotMessage:
    """The message as it looks now (after edits)."""
    now = fake.world.bot_message(message.chat_id, message.message_id)
    assert now is not None
    return now


def done_id(card: BotMessage) -> str:
    data = card.find_button("✅ Done").callback_data
    assert data is not None and data.startswith("1:d:")
    return data.removeprefix("1:d:")


#: The matrix runs on SQLite only: what it checks does not depend on the database.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
@pytest.mark.parametrize("fault", MATRIX)
@pytest.mark.parametrize("method", METHODS)
async def test_a_done_press_survives_any_single_fault(
    start_bot: StartBot,
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    method: str,
    fault: str,
) -> None:
    bot = await start_bot()
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    first = done_id(card)

    fake.faults.add(method, **FAULTS[fault])
    answer_lost = method == "answerCallbackQuery" and fault in LOST
    edit_lost = method == "editMessageText" and fault in LOST
    reply_lost = method == "sendMessage" and fault in LOST

    query = await user.press("✅ Done", message=card)
    if not answer_lost:  # a 429 is retried after the pause; slow is just slow
        await user.wait_answer(query, timeout=WAIT)
    if not (answer_lost or edit_lost):  # the card moves on to the next resource
        await until(fake, lambda: done_id(current(fake, card)) != first)
    await user.send("/next")
    if not reply_lost:
        await until(fake, lambda: len(fake.messages(user.chat_id)) == 2)
    await settled(fake)

    # The press is recorded exactly once, whatever happened to the replies.
    assert await progress_of(bot, user) == {first: "done"}
    assert fake.callback_queries[query].answered is not answer_lost
    if answer_lost:  # that one answer is lost: the spinner stops on its own
        bot.expected_problems.append(f"callback query {query} ")
    if method == "getUpdates" and fault in LOST:
        account_for_polling_errors(caplog, expected=1)

    # Once the faults stop, everything answers again, from the right place.
    assert all(rule.exhausted for rule in fake.faults.rules)
    after = await say(user, "/next")
    assert "Progress: 1 of" in after.text and done_id(after) != first
    stale = current(fake, card)
    if done_id(stale) == first:  # the edit was lost: the old card still offers "Done"
        again = await user.press("✅ Done", message=stale)
        assert (await user.wait_answer(again, timeout=WAIT)).answered
        assert await progress_of(bot, user) == {first: "done"}  # pressing twice: no change
    assert await database_problems(bot.services.engine, bot.services.roadmap.current) == []


@SQLITE_ONLY
async def test_a_429_storm_delays_replies_but_loses_no_press(
    start_bot: StartBot, fake: FakeTelegram
) -> None:
    """Telegram throttles every send for a while: presses are recorded at once, replies
    come late (never in a burst that would earn the next 429), nothing is dropped."""
    bot = await start_bot()
    users = [fake.user(first_name=f"U{i}") for i in range(4)]
    cards = [await onboard(user, "English", "From the beginning") for user in users]
    firsts = [done_id(card) for card in cards]
    fake.faults.add("editMessageText", status=429, retry_after=1, times=3)
    fake.faults.add("sendMessage", status=429, retry_after=1, times=2)
    queries = [
        await user.press("✅ Done", message=card) for user, card in zip(users, cards, strict=True)
    ]
    for user in users:
        await user.send("/progress")
    for user, first, query in zip(users, firsts, queries, strict=True):
        await user.wait_answer(query, timeout=WAIT)  # answers are not throttled
        assert await progress_of(bot, user) == {first: "done"}  # recorded before any reply
    for user, card, first in zip(users, cards, firsts, strict=True):

        def reported(chat: int = user.chat_id) -> bool:
            return "1 done" in fake.messages(chat)[-1].text

        def moved_on(card: BotMessage = card, first: str = first) -> bool:
            return done_id(current(fake, card)) != first

        await until(fake, reported)
        await until(fake, moved_on)
    await settled(fake)
    assert all(rule.exhausted for rule in fake.faults.rules)


@SQLITE_ONLY
async def test_an_answer_told_to_wait_is_retried_only_after_the_wait(
    start_bot: StartBot, fake: FakeTelegram
) -> None:
    """A 429 on answerCallbackQuery (no chat, not paced): the retry waits retry_after."""
    await start_bot()
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    fake.faults.add("answerCallbackQuery", status=429, retry_after=2, times=1)
    query = await user.press("✅ Done", message=card)
    assert (await user.wait_answer(query, timeout=WAIT)).answered
    refused, retried = [c for c in fake.calls if c.method == "answerCallbackQuery"][-2:]
    assert refused.error_code == 429 and retried.ok
    assert refused.finished_at is not None
    assert retried.started_at - refused.finished_at >= 2  # not before Telegram allowed


@SQLITE_ONLY
async def test_getupdates_failures_redeliver_what_the_bot_never_saw(
    start_bot: StartBot, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    """Updates stay on Telegram until the bot confirms them (the next offset): presses
    queued while getUpdates fails are all processed once polling recovers, in order."""
    bot = await start_bot()
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    fake.faults.add("getUpdates", status=502, description="Bad Gateway", times=1)
    fake.faults.add("getUpdates", drop_connection=True, times=1)
    served = []
    for _ in range(3):  # three Done presses on the same card, each after the last reply
        served.append(done_id(current(fake, card)))
        await user.wait_answer(await user.press("✅ Done", message=card), timeout=WAIT)
        await until(fake, lambda: done_id(current(fake, card)) != served[-1])
    account_for_polling_errors(caplog, expected=2)
    assert await progress_of(bot, user) == {rid: "done" for rid in served}
    assert len(set(served)) == 3
    assert "Progress: 3 of" in (await say(user, "/next")).text


#: What the learner reads when the bot failed them.
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
DATABASE_FAILED = "the database failed while handling an update"


@SQLITE_ONLY
async def test_a_press_the_database_refuses_gets_an_alert_saying_so(
    start_bot: StartBot,
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The database refuses for a moment: the press is answered once, with a visible
    alert (Telegram refuses a second answer, which the fake reports as a problem); the
    failure is logged once; the next press, once the database is back, works."""
    await start_bot()
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")

    async def refused(self: LearningService, *args: object) -> None:
        raise OperationalError("UPDATE progress", {}, Exception("the database is unavailable"))

    monkeypatch.setattr(LearningService, "mark", refused)
    answer = await user.wait_answer(await user.press("✅ Done", message=card), timeout=WAIT)
    await settled(fake)
    assert answer.answer is not None
    assert (answer.answer["text"], answer.answer["show_alert"]) == (APOLOGY, True)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"{DATABASE_FAILED}: OperationalError: (builtins.Exception) the database is unavailable"
    ]
    assert errors[0].exc_info is None  # one line; the traceback is at DEBUG
    for record in errors:
        caplog.records.remove(record)

    monkeypatch.undo()
    card = await press(user, "✅ Done", card)
    assert "Progress: 1 of" in card.text


@SQLITE_ONLY
async def test_a_press_whose_edit_telegram_refuses_gets_an_apology_message(
    start_bot: StartBot, fake: FakeTelegram
) -> None:
    """The press was answered already when the edit failed: the apology comes as a message."""
    await start_bot()
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    fake.faults.add("editMessageText", status=400, description="Bad Request: can't parse entities")
    answer = await user.wait_answer(await user.press("✅ Done", message=card), timeout=WAIT)
    assert answer.answer is not None and answer.answer["text"] == "✅ Marked as done"
    apology = await user.wait_message(timeout=WAIT)
    assert apology.text == APOLOGY


async def subscribe_directly(bot: RunningBot, users: list[SimUser]) -> None:
    """Onboard learners with weekly reminders on (Mondays 18:00 UTC), without Telegram."""
    for user in users:
        who = Who(user.id, user.chat_id, user.first_name, user.language_code)
        await bot.services.learning.finish_onboarding(who)
        await bot.services.reminders.set_enabled(who, True)


async def dispatch_until_done(bot: RunningBot, clock: FakeClock, rounds: int = 12) -> None:
    """Run the dispatcher as its job would, a couple of minutes apart, until nobody is due."""
    for _ in range(rounds):
        outcome = await bot.dispatch()
        if not outcome:
            return
        clock.advance(timedelta(minutes=2))  # past any retry delay (1 min) or retry_after
    raise AssertionError("nudges still due after all rounds")


async def test_every_nudge_is_delivered_exactly_once_through_a_fault_storm(
    start_bot: StartBot, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock(THURSDAY_NOON)
    bot = await start_bot(clock=clock, settings_overrides={"nudge_batch_size": 5})
    learners = [fake.user(first_name=f"L{i}") for i in range(24)]
    await subscribe_directly(bot, learners)
    clock.set(MONDAY_18)
    for kind in ("429", "500", "502", "dropped", "slow"):
        fake.faults.add("sendMessage", **{**FAULTS[kind], "times": 3})
    await dispatch_until_done(bot, clock)
    await settled(fake)

    assert all(rule.exhausted for rule in fake.faults.rules)
    assert [len(nudges_to(fake, user)) for user in learners] == [1] * len(learners)
    async with bot.sessions() as session:
        reminders = list(await session.scalars(select(Reminder)))
    assert len(reminders) == len(learners)
    for reminder in reminders:
        assert reminder.sent_count == 1 and reminder.sending_since is None
        assert reminder.next_at == MONDAY_18 + timedelta(weeks=1)  # next week, not again
    # and the learners can use the bot as soon as Telegram is well again
    continued = await say(learners[0], "/next")
    assert resource_url(continued) is not None
    assert await database_problems(bot.services.engine, bot.services.roadmap.current) == []


@SQLITE_ONLY
async def test_a_slow_telegram_does_not_double_a_nudge(
    start_bot: StartBot, fake: FakeTelegram
) -> None:
    """An answer after 5.5 s (PTB's own read timeout is 5 s) is an ordinary send."""
    clock = FakeClock(THURSDAY_NOON)
    bot = await start_bot(clock=clock)
    learner = fake.user(first_name="Ana")
    await subscribe_directly(bot, [learner])
    clock.set(MONDAY_18)
    fake.faults.add("sendMessage", status=200, delay=5.5, times=1)
    assert await bot.dispatch() == {"sent": 1}
    clock.advance(timedelta(minutes=2))
    assert not await bot.dispatch()
    await settled(fake)
    assert len(nudges_to(fake, learner)) == 1


@SQLITE_ONLY
async def test_a_nudge_whose_answer_timed_out_is_resent_once_as_uncertain(
    start_bot: StartBot,
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No answer in time: Telegram may have delivered it (the fake, like Telegram, does).
    The nudge is sent again a minute later, at least once, as docs/nudges.md says, and
    the log says that this one may repeat the message."""
    monkeypatch.setattr(scheduler, "READ_TIMEOUT", 0.5)  # instead of 30 s
    clock = FakeClock(THURSDAY_NOON)
    bot = await start_bot(clock=clock)
    learner = fake.user(first_name="Ana")
    await subscribe_directly(bot, [learner])
    clock.set(MONDAY_18)
    fake.faults.add("sendMessage", status=200, delay=1.0, times=1)
    assert await bot.dispatch() == {"retry": 1}
    await settled(fake)
    assert len(nudges_to(fake, learner)) == 1  # delivered after all
    async with bot.sessions() as session:
        reminder = await session.get(Reminder, learner.id)
        assert reminder is not None and reminder.sending_since is not None  # uncertain

    clock.advance(timedelta(minutes=2))
    await dispatch_until_done(bot, clock)
    await settled(fake)
    assert len(nudges_to(fake, learner)) == 2  # at least once: the one allowed repeat
    assert "re-sending the nudge" in caplog.text
    async with bot.sessions() as session:
        reminder = await session.get(Reminder, learner.id)
        assert reminder is not None and reminder.sending_since is None
        assert reminder.next_at == MONDAY_18 + timedelta(weeks=1)


@SQLITE_ONLY
async def test_a_database_failure_is_one_error_line_without_the_learners_words(
    start_bot: StartBot, fake: FakeTelegram, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The database refuses a real statement (a note into a table that is gone): the learner
    gets the apology; the log has one ERROR line, no traceback, and neither the learner's
    name nor their note at any level from INFO up (SQLAlchemy would quote the values)."""
    caplog.set_level(logging.DEBUG)
    await start_bot()
    user = fake.user(first_name="Quetzalcoatlina")
    card = await onboard(user, "English", "From the beginning")
    await press(user, "📝 Note", card)
    path = make_url(database_url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP TABLE notes")
        db.commit()
    secret = "my zebra-striped secret thought"
    answer = await say(user, secret)
    await settled(fake)
    assert answer.text == APOLOGY
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(": ", 1)[0] for r in errors] == [DATABASE_FAILED]
    assert "no such table: notes" in errors[0].getMessage()
    assert errors[0].exc_info is None
    said = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert not [r for r in said if secret in r.getMessage() or "Quetzalcoatlina" in r.getMessage()]
    (failure,) = [r for r in caplog.records if r.getMessage() == "the database failure"]
    traceback = logging.Formatter().formatException(failure.exc_info)  # type: ignore[arg-type]
    # At DEBUG the traceback quotes the statement, still without its values.
    assert "no such table: notes" in traceback and secret not in traceback
    for record in errors:
        caplog.records.remove(record)
