"""The bot process killed (SIGKILL) at random moments, then restarted; and stopped (SIGTERM).

The moments are chosen by ``random.Random`` with fixed seeds, counted in Bot API requests
(not in wall-clock time), so a run is repeatable as far as process scheduling allows.
After every kill:

* the database is consistent (``tests/consistency.py``);
* no acknowledged progress is lost: every "Done" whose answer the learner saw is stored
  (the answer is sent only after the commit);
* an update the dead process never took is processed by the next one (Telegram keeps it
  until confirmed); only updates in the dead process's hands may go unanswered;
* the nudge guarantee of docs/nudges.md holds: every due learner gets at least one
  nudge, and a learner who gets two had ``sending_since`` set at the kill (in flight).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.db.engine import create_engine
from bot.db.models import Reminder
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from fake_bot_api import BotMessage, CallbackRecord, FakeTelegram, SimUser
from fake_bot_api.users import chat_instance
from tests.consistency import database_problems_at, seed_due_learners
from tests.e2e.botprocess import BotProcess, bot_env
from tests.e2e.harness import WAIT, eventually, say, settled
from tests.e2e.test_journeys import onboard

ROADMAP = load_roadmap(default_roadmap_path())
NUDGE = "Study time"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(latency=0.003) as server:  # requests are in flight for a while
        yield server


@dataclass
class Press:
    """One "Done" press: which resource, and which update carried it."""

    user: SimUser
    query_id: str
    update_id: int
    resource_id: str


@dataclass
class Ledger:
    presses: list[Press] = field(default_factory=list)
    #: Update ids the bot had fetched (and so could lose) when it was killed.
    in_hand_at_kill: set[int] = field(default_factory=set)

    def acknowledged(self, fake: FakeTelegram) -> set[tuple[int, str]]:
        """(learner, resource) of every press whose answer reached the learner."""
        return {
            (p.user.id, p.resource_id)
            for p in self.presses
            if fake.callback_queries[p.query_id].answered
        }


def press_done(fake: FakeTelegram, user: SimUser, card: BotMessage) -> Press | None:
    """Press "Done" on the card as it looks now; like ``SimUser.press``, but keeping the
    update id (to tell apart updates the killed process had taken from those it had not).
    None when the card has no "Done" button (the framework choice)."""
    world = fake.world
    message = world.bot_message(card.chat_id, card.message_id)
    assert message is not None
    data = next(
        (b.callback_data for row in message.buttons for b in row if b.text == "✅ Done"), None
    )
    if data is None:
        return None
    query_id = world.new_query_id()
    world.add_query(
        CallbackRecord(query_id, user.id, card.chat_id, card.message_id, data, time.monotonic())
    )
    update_id = world.updates.push(
        {
            "callback_query": {
                "id": query_id,
                "from": user.to_api(),
                "message": world.message_to_api(message),
                "chat_instance": chat_instance(card.chat_id),
                "data": data,
            }
        }
    )
    return Press(user, query_id, update_id, data.removeprefix("1:d:"))


async def studying(fake: FakeTelegram, user: SimUser, card: BotMessage, ledger: Ledger) -> None:
    """A learner pressing "Done" as fast as the bot answers, until cancelled."""
    while (press := press_done(fake, user, card)) is not None:
        ledger.presses.append(press)
        await user.wait_answer(press.query_id, timeout=WAIT)


async def stored_progress(url: str) -> set[tuple[int, str]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT learner_id, resource_id FROM progress WHERE status = 'done'")
            )
            return {(int(learner), str(resource)) for learner, resource in rows}
    finally:
        await engine.dispose()


async def calls_reach(fake: FakeTelegram, count: int) -> None:
    """Wait until the bot has made ``count`` requests (getUpdates aside) in all."""

    def reached() -> bool:
        return sum(c.method != "getUpdates" for c in fake.calls) >= count

    assert await fake.world.changed.wait_for(reached, WAIT), "the bot stopped making requests"


@pytest.mark.parametrize("seed", [7])
async def test_killed_during_heavy_use_loses_no_acknowledged_progress(
    fake: FakeTelegram, database_url: str, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    env = bot_env(fake, database_url)
    runs = [BotProcess(fake, env, tmp_path, f"run{i}") for i in range(4)]
    ledger = Ledger()
    try:
        await runs[0].start()
        users = [fake.user(first_name=f"L{i}") for i in range(5)]
        cards = [await onboard(user, "English", "From the beginning") for user in users]
        for cycle in range(3):
            process = runs[cycle]
            if cycle:
                await process.start()
            tasks = [
                asyncio.create_task(studying(fake, user, card, ledger))
                for user, card in zip(users, cards, strict=True)
            ]
            done_so_far = sum(c.method != "getUpdates" for c in fake.calls)
            await calls_reach(fake, done_so_far + rng.randint(4, 40))
            process.kill()
            await process.wait()
            ledger.in_hand_at_kill |= set(range(1, fake.world.updates.handed_out + 1))
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task

            # Right after the kill, before anything restarts:
            assert await database_problems_at(database_url, ROADMAP) == []
            assert ledger.acknowledged(fake) <= await stored_progress(database_url)

        last = runs[3]
        # Updates nobody took, or a dead process took without confirming: delivered now.
        left = {u["update_id"] for u in fake.world.updates.peek(10_000)}
        await last.start()

        def caught_up() -> bool:  # each of those handled: the press answered (or too late)
            records = [fake.callback_queries[p.query_id] for p in ledger.presses]
            return not fake.world.updates.pending_count and all(
                r.answered or r.rejected_answers
                for p, r in zip(ledger.presses, records, strict=True)
                if p.update_id in left
            )

        await eventually(fake, caught_up, "the presses left behind are answered")
        await settled(fake)
        assert await database_problems_at(database_url, ROADMAP) == []
        assert ledger.acknowledged(fake) <= await stored_progress(database_url)
        for user in users:  # each learner carries on from where the database says
            card = await say(user, "/next")
            done = sum(
                1 for learner, _ in await stored_progress(database_url) if learner == user.id
            )
            assert f"Progress: {done} of" in card.text
        assert await last.terminate() == 0, last.log
    finally:
        for run in runs:
            await run.ensure_dead()

    # Only a press the dead process had in hand may be unanswered: nothing else was lost.
    unanswered = [p for p in ledger.presses if not fake.callback_queries[p.query_id].answered]
    assert {p.update_id for p in unanswered} <= ledger.in_hand_at_kill
    unexpected = [
        problem
        for problem in fake.check_problems()
        if "message is not modified" not in problem  # a press on a card mid-edit
        and not any(f"callback query {p.query_id} " in problem for p in unanswered)
    ]
    assert unexpected == []
    for run in runs:
        assert "Traceback" not in run.log, run.log


async def reminders_at(url: str) -> list[Reminder]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(select(Reminder))
            return [Reminder(**row._mapping) for row in rows]
    finally:
        await engine.dispose()


def nudge_counts(fake: FakeTelegram, ids: list[int]) -> dict[int, int]:
    counts = dict.fromkeys(ids, 0)
    for call in fake.calls_to("sendMessage"):
        if call.ok and call.chat_id in counts and NUDGE in str(call.params.get("text")):
            counts[int(call.chat_id)] += 1
    return counts


@dataclass
class KilledDispatch:
    """What a dispatch killed half-way and finished by a second process left behind."""

    counts: dict[int, int]  # nudges each learner received
    in_flight: set[int]  # learners marked as sending when the first process died
    first_log: str
    second_log: str


async def kill_during_dispatch(
    fake: FakeTelegram,
    database_url: str,
    tmp_path: Path,
    ids: list[int],
    *,
    kill_after: int,
    **settings: str,
) -> KilledDispatch:
    """Nudge ``ids``; SIGKILL the bot after ``kill_after`` nudges; a second bot finishes."""
    await seed_due_learners(database_url, ids, datetime.now(UTC))
    env = bot_env(
        fake, database_url, NUDGE_CHECK_SECONDS="0.5", NUDGE_LEASE_SECONDS="2", **settings
    )
    first, second = (BotProcess(fake, env, tmp_path, name) for name in ("first", "second"))
    try:
        await first.start()
        assert await fake.world.changed.wait_for(
            lambda: sum(nudge_counts(fake, ids).values()) >= kill_after, WAIT
        ), first.log
        first.kill()
        await first.wait()
        # Read before anything restarts: who was in flight (sent, not yet recorded)?
        in_flight = {r.learner_id for r in await reminders_at(database_url) if r.sending_since}
        assert await database_problems_at(database_url, ROADMAP) == []

        await second.start()

        async def everyone_nudged_and_recorded() -> None:
            while True:
                reminders = await reminders_at(database_url)
                now = datetime.now(UTC)
                if all(r.next_at is not None and r.next_at > now for r in reminders):
                    return
                await fake.world.changed.wait(0.2)

        await asyncio.wait_for(everyone_nudged_and_recorded(), WAIT)
        await settled(fake)
        assert await second.terminate() == 0, second.log
    finally:
        await first.ensure_dead()
        await second.ensure_dead()
    counts = nudge_counts(fake, ids)
    assert all(n >= 1 for n in counts.values()), counts  # nobody missed their nudge
    assert max(counts.values()) <= 2
    # A repeat only where the kill left the send unconfirmed.
    assert {learner for learner, n in counts.items() if n == 2} <= in_flight
    reminders = await reminders_at(database_url)
    assert all(r.sending_since is None and r.claimed_until is None for r in reminders)
    assert await database_problems_at(database_url, ROADMAP) == []
    assert fake.check_problems() == []
    return KilledDispatch(counts, in_flight, first.log, second.log)


@pytest.mark.parametrize("seed", [11])
async def test_killed_during_a_nudge_dispatch_keeps_the_nudge_guarantee(
    fake: FakeTelegram, database_url: str, tmp_path: Path, seed: int
) -> None:
    ids = [200_000 + i for i in range(60)]
    for learner_id in ids:
        fake.user(learner_id, first_name=f"L{learner_id}")
    killed = await kill_during_dispatch(
        fake,
        database_url,
        tmp_path,
        ids,
        kill_after=random.Random(seed).randint(5, 45),
        NUDGE_BATCH_SIZE="7",
        NUDGE_RATE_PER_SECOND="60",  # a one-second fan-out: time to be killed in it
    )
    assert len(killed.in_flight) <= 8  # the dispatcher's in-flight limit
    assert "re-sending the nudge" in killed.second_log or not killed.in_flight


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_sigterm_finishes_the_updates_in_hand(
    fake: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    """Stopping (SIGTERM) while updates are being processed: each is finished and answered,
    confirmed to Telegram (not delivered again), and the process exits 0."""
    process = BotProcess(fake, bot_env(fake, database_url), tmp_path, "bot")
    try:
        await process.start()
        pressers = [fake.user(first_name=f"P{i}") for i in range(3)]
        askers = [fake.user(first_name=f"A{i}") for i in range(3)]
        cards = [await say(user, "/next") for user in pressers]
        for user in askers:
            await say(user, "/next")
        await settled(fake)
        # Telegram becomes slow to answer: every reply takes a second.
        fake.faults.add("answerCallbackQuery", status=200, delay=1.0, times=None)
        fake.faults.add("sendMessage", status=200, delay=1.0, times=None)
        presses = [press_done(fake, u, c) for u, c in zip(pressers, cards, strict=True)]
        assert all(presses)
        for user in askers:
            await user.send("/progress")

        def all_in_flight() -> bool:
            pending = [c for c in fake.calls if c.pending and c.method != "getUpdates"]
            return len(pending) == len(pressers) + len(askers)

        assert await fake.world.changed.wait_for(all_in_flight, WAIT), process.log
        assert await process.terminate() == 0, process.log
    finally:
        await process.ensure_dead()

    for press in filter(None, presses):
        assert fake.callback_queries[press.query_id].answered
    for user in askers:
        assert "Your progress" in fake.messages(user.chat_id)[-1].text  # the report
    assert fake.world.updates.pending_count == 0  # confirmed: a restart will not redo them
    stored = await stored_progress(database_url)
    assert {(p.user.id, p.resource_id) for p in filter(None, presses)} <= stored
    assert fake.check_problems() == []
    assert "Traceback" not in process.log
