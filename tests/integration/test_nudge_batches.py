"""The nudge bookkeeping in batches, on a real database (SQLite and PostgreSQL).

One transaction prepares (and marks) many learners, one records many outcomes; the
result for each learner must be what one transaction per learner gave: same decisions,
same snapshots, same schedule.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import ExtBot

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.models import Learner, Reminder
from bot.db.reminders import ReminderRepository
from bot.db.uow import SqlUnitOfWork, units_of_work
from bot.i18n import Translator
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap
from bot.runtime.dispatcher import MAX_IN_FLIGHT, NudgeDispatcher
from bot.services import schedule
from bot.services.learning import LearningService
from bot.services.lease import Lease
from bot.services.nudges import Bookkeeper, NudgeService, Outcome, snapshot_of
from bot.services.path import Material, NextResource, Status
from bot.services.reminders import ReminderService
from bot.services.snapshot import read_snapshot
from bot.services.who import Who
from tests.consistency import database_problems, seed_due_learners

MONDAY_18 = datetime(2026, 11, 30, 18, tzinfo=UTC)
NOW = MONDAY_18 + timedelta(minutes=5)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Stack:
    url: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    nudges: NudgeService
    learning: LearningService
    reminders: ReminderService


@pytest.fixture
async def stack(database_url: str, roadmap: Roadmap) -> AsyncIterator[Stack]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    units = units_of_work(engine)
    holder = RoadmapHolder(roadmap)
    clock = Clock(NOW)
    yield Stack(
        database_url,
        engine,
        sessions,
        clock,
        NudgeService(units, holder, clock),
        LearningService(units, holder, clock),
        ReminderService(units, clock),
    )
    await engine.dispose()


def who(learner_id: int) -> Who:
    return Who(learner_id, learner_id, f"L{learner_id}", "en")


async def reminders(stack: Stack) -> dict[int, Reminder]:
    async with stack.sessions() as session:
        return {r.learner_id: r for r in await session.scalars(select(Reminder))}


async def test_batched_snapshots_are_read_snapshots(stack: Stack, roadmap: Roadmap) -> None:
    """``snapshot_of`` (rows read for a whole batch) gives what ``read_snapshot`` gives."""
    ids = [501, 502, 503, 504]
    for learner_id in ids:
        await stack.learning.finish_onboarding(who(learner_id))
    first = (await stack.learning.open(who(502))).next
    assert isinstance(first, NextResource)
    await stack.learning.resolve(who(502), first.resource.id, Status.DONE)
    await stack.learning.set_material(who(503), Material.BOTH)
    await stack.learning.skip_topic(who(503), roadmap.steps[0].topics[0].id)
    await stack.learning.accept_other_language(who(504), roadmap.steps[0].topics[1].id)
    choice = roadmap.choice_step
    assert choice is not None
    await stack.learning.choose_framework(who(504), choice.options[0].id)
    for learner_id in ids:
        await stack.reminders.set_enabled(who(learner_id), True)

    async with SqlUnitOfWork(stack.engine) as uow:
        rows = {row.learner_id: row for row in await uow.reminders.due_rows(ids)}
        positions = await uow.progress.positions(ids)
        for learner_id in ids:
            learner = await uow.learners.row(learner_id)
            assert learner is not None
            expected = await read_snapshot(uow, learner, roadmap)
            assert snapshot_of(rows[learner_id], positions[learner_id], roadmap) == expected


async def test_one_prepare_decides_for_each_learner_as_before(stack: Stack) -> None:
    ids = list(range(600, 610))
    await seed_due_learners(stack.url, ids, NOW)
    async with stack.sessions.begin() as session:
        await session.execute(
            update(Learner).where(Learner.id == 601).values(blocked_at=NOW - timedelta(days=1))
        )
        await session.execute(
            update(Learner)
            .where(Learner.id == 602)
            .values(last_studied_at=NOW - timedelta(days=1))  # studying: no nagging
        )
        await session.execute(
            update(Reminder)
            .where(Reminder.learner_id == 603)
            .values(sending_since=NOW - timedelta(hours=1))  # an unconfirmed earlier send
        )
    claimed = await stack.nudges.claim(100)
    assert sorted(claimed.learner_ids) == ids
    await stack.reminders.set_enabled(who(604), False)  # after the claim: released

    prepared = await stack.nudges.prepare(claimed)

    sent_to = {n.learner_id for n in prepared.nudges}
    assert sent_to == set(ids) - {601, 602, 604}
    assert prepared.skipped == 3
    assert [n.resend for n in prepared.nudges if n.learner_id == 603] == [True]
    rows = await reminders(stack)
    for learner_id in sent_to:  # marked in the same transaction, still claimed
        assert rows[learner_id].sending_since == NOW
        assert rows[learner_id].claimed_until is not None
    assert rows[601].next_at is None and rows[601].claimed_until is None  # blocked
    assert rows[602].next_at == schedule.after_send(NOW, 0, 18, "UTC")
    assert rows[602].claimed_until is None and rows[602].sending_since is None
    assert not rows[604].enabled and rows[604].next_at is None
    assert rows[604].claimed_until is None and rows[604].sending_since is None


async def test_a_row_no_longer_carrying_our_claim_is_left_alone(stack: Stack) -> None:
    """Our lease ran out and another dispatcher claimed the row before our prepare: we
    neither send nor touch it; the other dispatcher's claim stands."""
    ids = [700, 701]
    await seed_due_learners(stack.url, ids, NOW)
    claim = await stack.nudges.claim(10)
    theirs = NOW + timedelta(hours=1)
    async with stack.sessions.begin() as session:
        await session.execute(
            update(Reminder).where(Reminder.learner_id == 700).values(claimed_until=theirs)
        )
    prepared = await stack.nudges.prepare(claim)
    assert [n.learner_id for n in prepared.nudges] == [701]
    assert prepared.skipped == 1
    rows = await reminders(stack)
    assert rows[700].claimed_until == theirs and rows[700].sending_since is None
    assert rows[701].claimed_until == claim.until and rows[701].sending_since == NOW


async def test_the_mark_itself_checks_the_claim(stack: Stack) -> None:
    """Between the read and the mark (PostgreSQL, another transaction): only rows that
    still carry the claim are marked."""
    ids = [710, 711]
    await seed_due_learners(stack.url, ids, NOW)
    claim = await stack.nudges.claim(10)
    async with stack.sessions.begin() as session:
        await session.execute(
            update(Reminder).where(Reminder.learner_id == 710).values(claimed_until=None)
        )
    async with stack.engine.begin() as conn:
        marked = await ReminderRepository(conn).mark_sending(ids, claim.until, NOW)
    assert marked == {711}


async def test_one_record_writes_each_outcome_as_before(stack: Stack) -> None:
    ids = list(range(800, 807))
    await seed_due_learners(stack.url, ids, NOW)
    prepared = await stack.nudges.prepare(await stack.nudges.claim(100))
    assert len(prepared.nudges) == len(ids)
    await stack.reminders.set_enabled(who(801), False)  # turned off while in flight
    await stack.nudges.record(
        [
            Outcome(800, "sent"),
            Outcome(801, "sent"),
            Outcome(802, "blocked"),
            Outcome(803, "retry", timedelta(seconds=7)),
            Outcome(804, "retry", timedelta(minutes=1), uncertain=True),
            Outcome(805, "failed"),
            Outcome(806, "sent"),
        ]
    )
    rows = await reminders(stack)
    next_week = schedule.after_send(NOW, 0, 18, "UTC")
    for learner_id in (800, 806):
        row = rows[learner_id]
        assert (row.next_at, row.last_sent_at, row.sent_count) == (next_week, NOW, 1)
        assert row.claimed_until is None and row.sending_since is None
    assert rows[801].next_at is None and rows[801].sent_count == 1  # off: no next nudge
    assert rows[802].next_at is None and rows[802].sending_since is None
    async with stack.sessions() as session:
        blocked = await session.get(Learner, 802)
    assert blocked is not None and blocked.blocked_at == NOW
    assert rows[803].claimed_until == NOW + timedelta(seconds=7)
    assert rows[803].sending_since is None and rows[803].next_at == NOW - timedelta(hours=1)
    assert rows[804].claimed_until == NOW + timedelta(minutes=1)
    assert rows[804].sending_since == NOW  # uncertain: the resend will say so
    assert rows[805].next_at == next_week and rows[805].sent_count == 0
    assert await database_problems(stack.engine, stack.nudges.roadmap.current) == []


async def test_outcomes_recorded_together_are_one_transaction(stack: Stack) -> None:
    ids = list(range(900, 950))
    await seed_due_learners(stack.url, ids, NOW)
    await stack.nudges.prepare(await stack.nudges.claim(100))
    written: list[int] = []
    book = Bookkeeper(stack.nudges, written.append)
    for learner_id in ids:  # all recorded before the writer gets to run
        book.record(Outcome(learner_id, "sent"))
    book.close()
    await book.run()
    assert (book.transactions, book.outcomes, written) == (1, 50, [50])
    rows = await reminders(stack)
    assert all(rows[i].sent_count == 1 and rows[i].sending_since is None for i in ids)


async def test_a_failing_write_does_not_take_the_others_down(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    ids = [1000, 1001, 1002]
    await seed_due_learners(stack.url, ids, NOW)
    await stack.nudges.prepare(await stack.nudges.claim(100))
    record = stack.nudges.record

    async def flaky(outcomes: Any, lease: Lease | None = None) -> None:
        if any(o.learner_id == 1001 for o in outcomes):
            raise RuntimeError("disk full")
        await record(outcomes, lease)

    stack.nudges.record = flaky  # type: ignore[method-assign]
    written: list[int] = []
    book = Bookkeeper(stack.nudges, written.append)
    for learner_id in ids:
        book.record(Outcome(learner_id, "sent"))
    book.close()
    await book.run()
    assert sum(written) == 3  # every place is given back, written or not
    rows = await reminders(stack)
    assert rows[1000].sent_count == rows[1002].sent_count == 1
    assert rows[1001].sending_since is not None  # comes back, unconfirmed, after the lease
    assert "could not record the nudge outcome" in caplog.text


@dataclass
class GatedBot:
    """Holds every nudge until the test opens the gate; counts what it took."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0
    sent: Counter[int] = field(default_factory=Counter)
    kwargs: list[dict[str, Any]] = field(default_factory=list)

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        self.waiting += 1
        await self.gate.wait()
        self.waiting -= 1
        self.sent[chat_id] += 1
        self.kwargs.append(kwargs)


@pytest.mark.parametrize("paid", [False, True])
async def test_no_more_than_in_flight_learners_are_ever_marked(stack: Stack, paid: bool) -> None:
    """However many are due, at most ``in_flight`` learners are marked and unrecorded (the
    crash window); nobody is sent twice, nobody is left out."""
    ids = list(range(2000, 2000 + 300))
    await seed_due_learners(stack.url, ids, NOW)
    dispatcher = NudgeDispatcher(
        stack.nudges, Translator(), rate_per_second=None, batch_size=40, paid_broadcast=paid
    )
    bot = GatedBot()
    run = asyncio.create_task(dispatcher.run_once(cast(ExtBot[Any], bot)))
    for _ in range(10_000):  # until the pipeline is full and stuck at the gate
        marked = [r for r in (await reminders(stack)).values() if r.sending_since]
        if len(marked) >= dispatcher.in_flight or run.done():
            break
        await asyncio.sleep(0)
    for _ in range(100):  # and give it the chance to go further, which it must not take
        await asyncio.sleep(0)
    marked = [r for r in (await reminders(stack)).values() if r.sending_since]
    assert len(marked) == dispatcher.in_flight == (250 if paid else MAX_IN_FLIGHT)
    assert bot.waiting <= dispatcher.in_flight
    bot.gate.set()
    outcome = await run
    assert outcome == {"sent": len(ids)}
    assert bot.sent == dict.fromkeys(ids, 1)
    assert {kw.get("allow_paid_broadcast") for kw in bot.kwargs} == {True if paid else None}
    rows = await reminders(stack)
    assert all(r.sending_since is None and r.claimed_until is None for r in rows.values())


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Wait until ``check()`` holds; the bound is only there to fail a stuck test."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while not await check():
        assert loop.time() < deadline, f"not within 60 s: {what}"
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("renewed", [True, False])
async def test_a_renewed_lease_keeps_the_rows_past_its_first_length(
    stack: Stack, renewed: bool
) -> None:
    """A renewal (once a third of the lease has passed) keeps our rows past the end of the
    first lease: another dispatcher cannot claim them, and ours still prepares them.
    Without it, the other dispatcher takes them and ours leaves them alone."""
    ids = [1100, 1101, 1102]
    await seed_due_learners(stack.url, ids, NOW)
    lease = stack.nudges.lease
    claim = await stack.nudges.claim(10)
    first_until = claim.until
    assert first_until == NOW + lease
    stack.clock.now = NOW + lease / 6
    assert not await stack.nudges.renew(claim.lease)  # too early: nothing to do
    stack.clock.now = NOW + lease / 2
    if renewed:
        assert await stack.nudges.renew(claim.lease)
        assert claim.until == NOW + lease / 2 + lease
    stack.clock.now = first_until + timedelta(seconds=1)  # the first lease has run out

    other = NudgeService(units_of_work(stack.engine), stack.nudges.roadmap, stack.clock)
    taken = await other.claim(10)
    prepared = await stack.nudges.prepare(claim)

    rows = await reminders(stack)
    if renewed:
        assert taken.learner_ids == []
        assert sorted(n.learner_id for n in prepared.nudges) == ids
        assert {(rows[i].claimed_until, rows[i].sending_since) for i in ids} == {
            (claim.until, stack.clock.now)
        }
    else:
        assert sorted(taken.learner_ids) == ids
        assert (prepared.nudges, prepared.skipped) == ([], len(ids))
        assert {(rows[i].claimed_until, rows[i].sending_since) for i in ids} == {
            (taken.until, None)
        }


async def test_a_renewal_keeps_what_is_in_flight_and_leaves_the_rest(stack: Stack) -> None:
    """The renewal moves on the rows claimed and not yet prepared, and those marked as
    sending whose outcome is not recorded; not rows recorded, retried or released. A later
    claim of the same run joins the renewed lease; a prepare compares against it."""
    ids = list(range(1200, 1206))
    await seed_due_learners(stack.url, ids, NOW)
    lease = Lease()
    first, rest = (await stack.nudges.claim(10, lease)).split(4)
    assert sorted(first.learner_ids + rest.learner_ids) == ids
    await stack.reminders.set_enabled(who(first.learner_ids[1]), False)  # released
    prepared = await stack.nudges.prepare(first)
    sent, retried, in_flight = (n.learner_id for n in prepared.nudges)
    await stack.nudges.record(
        [Outcome(sent, "sent"), Outcome(retried, "retry", timedelta(hours=1))], lease
    )
    assert lease.held == {in_flight, *rest.learner_ids}

    stack.clock.now = NOW + stack.nudges.lease / 2
    assert await stack.nudges.renew(lease)

    renewed = stack.clock.now + stack.nudges.lease
    assert lease.until == renewed
    rows = await reminders(stack)
    assert {i for i in ids if rows[i].claimed_until == renewed} == lease.held
    assert rows[in_flight].sending_since == NOW  # still marked, still ours
    assert rows[sent].claimed_until is None and rows[first.learner_ids[1]].claimed_until is None
    assert rows[retried].claimed_until == NOW + timedelta(hours=1)
    await seed_due_learners(stack.url, [1206], stack.clock.now)
    joined = await stack.nudges.claim(10, lease)
    assert joined.learner_ids == [1206] and (await reminders(stack))[1206].claimed_until == renewed
    prepared = await stack.nudges.prepare(rest)
    assert sorted(n.learner_id for n in prepared.nudges) == rest.learner_ids


async def test_a_run_renews_its_lease_while_its_nudges_wait(stack: Stack) -> None:
    """A run whose sends take longer than its lease (Telegram slow, the machine busy) keeps
    every row it claimed: nobody else can claim them, and each learner gets one nudge."""
    ids = list(range(3000, 3030))
    await seed_due_learners(stack.url, ids, NOW)
    lease = stack.nudges.lease
    dispatcher = NudgeDispatcher(
        stack.nudges, Translator(), rate_per_second=None, batch_size=50, renew_seconds=0.001
    )
    bot = GatedBot()
    run = asyncio.create_task(dispatcher.run_once(cast(ExtBot[Any], bot)))

    async def stuck_at_the_gate() -> bool:
        assert not run.done()
        return bot.waiting == dispatcher.in_flight

    await eventually(stuck_at_the_gate, "the window's nudges are on the wire")
    stack.clock.now = NOW + lease / 2  # a third of the lease has passed: renew
    renewed = stack.clock.now + lease

    async def renewed_all() -> bool:
        return {r.claimed_until for r in (await reminders(stack)).values()} == {renewed}

    await eventually(renewed_all, "the lease is renewed on every row claimed")
    stack.clock.now = NOW + lease + timedelta(seconds=1)  # the first lease has run out
    other = NudgeService(units_of_work(stack.engine), stack.nudges.roadmap, stack.clock)
    assert not await other.claim(100)
    bot.gate.set()
    assert await run == {"sent": len(ids)}
    assert bot.sent == dict.fromkeys(ids, 1)
