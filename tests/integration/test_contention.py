"""Many writers on one database: no "database is locked", no lost or doubled writes.

Fifty learners do twenty things each, all at once, through ``LearningService`` and
``ReminderService`` while the nudge dispatcher works through a hundred due learners. Then
the same on one SQLite file from two engines (two connection pools, as two processes have)
and from a real second process. Every operation must succeed (SQLite's busy timeout and
``BEGIN IMMEDIATE`` make writers queue instead of failing) and the final rows are exact.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import textwrap
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import ExtBot

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.models import Progress, Reminder, TopicLanguage
from bot.db.uow import units_of_work
from bot.i18n import Translator
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap
from bot.runtime.dispatcher import NudgeDispatcher
from bot.services.learning import LearningService
from bot.services.nudges import NudgeService
from bot.services.path import Material, Status
from bot.services.reminders import ReminderService
from bot.services.who import Who
from tests.consistency import database_problems, seed_due_learners

ROOT = Path(__file__).parents[2]
LEARNERS = 50
DUE = 100
FIRST_DUE_ID = 900_000


@dataclass
class Stack:
    """The services one process builds on its own engine."""

    engine: AsyncEngine
    learning: LearningService
    reminders: ReminderService
    dispatcher: NudgeDispatcher


def build(url: str, roadmap: Roadmap) -> Stack:
    engine = create_engine(url)
    units = units_of_work(engine)
    holder = RoadmapHolder(roadmap)
    nudges = NudgeService(units, holder)
    dispatcher = NudgeDispatcher(nudges, Translator(), rate_per_second=None, batch_size=10)
    return Stack(engine, LearningService(units, holder), ReminderService(units), dispatcher)


@dataclass
class RecordingBot:
    """Stands in for PTB's bot: takes every nudge, and yields like a network call does."""

    sent: Counter[int] = field(default_factory=Counter)

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        await asyncio.sleep(0.001)
        assert "Study time" in text
        self.sent[chat_id] += 1


@dataclass(frozen=True)
class Plan:
    """What each learner does, and the rows it must leave behind."""

    done: list[str]
    skipped: list[str]
    skipped_topic: str
    other_language_topic: str

    @property
    def expected(self) -> dict[str, str]:
        rows = {rid: "done" for rid in self.done} | {rid: "skipped" for rid in self.skipped}
        return rows


def plan_for(roadmap: Roadmap) -> tuple[Plan, set[str]]:
    steps = {s.id: s for s in roadmap.steps}
    ordered = [r.id for s in ("prerequisites",) for t in steps[s].topics for r in t.resources]
    ordered += [r.id for t in steps["python"].topics[:2] for r in t.resources]
    advanced = steps["python"].topics[2]
    plan = Plan(ordered[:10], [ordered[10]], advanced.id, steps["prerequisites"].topics[0].id)
    topic_skips = {r.id for r in advanced.resources}
    return plan, topic_skips


async def twenty_things(stack: Stack, who: Who, plan: Plan) -> None:
    """One learner's session, in order (the bot serialises each learner's updates)."""
    learning, reminders = stack.learning, stack.reminders
    await learning.open(who)
    await learning.set_material(who, Material.BOTH)
    await learning.set_start(who, None)
    for rid in plan.done:  # 10
        await learning.resolve(who, rid, Status.DONE)
    for rid in plan.skipped:
        await learning.resolve(who, rid, Status.SKIPPED)
    await learning.skip_topic(who, plan.skipped_topic)
    await learning.accept_other_language(who, plan.other_language_topic)
    await reminders.set_enabled(who, True)
    await reminders.set_hour(who, 7)
    await learning.report(who)
    await learning.resolve(who, plan.done[0], Status.DONE)  # a double press: no change


async def dispatch_all(stack: Stack, bot: RecordingBot) -> Counter[str]:
    """Run the dispatcher (as its job would, back to back) until a run finds nobody due."""
    outcomes: Counter[str] = Counter()
    while run := await stack.dispatcher.run_once(cast(ExtBot[Any], bot)):
        outcomes.update(run)
        await asyncio.sleep(0)
    return outcomes


def no_failures(results: list[Any]) -> None:
    locked = [r for r in results if isinstance(r, OperationalError)]
    assert locked == [], f"{len(locked)} OperationalError(s), e.g. {locked[:1]}"
    failures = [r for r in results if isinstance(r, BaseException)]
    assert failures == []


async def check_final_rows(
    engine: AsyncEngine, roadmap: Roadmap, learner_ids: list[int], plan: Plan, extra: set[str]
) -> None:
    expected = plan.expected | {rid: "skipped" for rid in extra if rid not in plan.expected}
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(Progress.learner_id, Progress.resource_id, Progress.status)
        )
        by_learner: dict[int, dict[str, str]] = {}
        for learner, rid, status in rows:
            by_learner.setdefault(learner, {})[rid] = status
        topics = await conn.scalar(select(func.count()).select_from(TopicLanguage))
        hours = set(
            await conn.scalars(
                select(Reminder.hour).where(Reminder.learner_id.in_(learner_ids), Reminder.enabled)
            )
        )
    assert sorted(by_learner) == sorted(learner_ids)
    assert all(by_learner[i] == expected for i in learner_ids)
    assert topics == len(learner_ids)
    assert hours == {7}
    assert await database_problems(engine, roadmap) == []


async def check_nudges(engine: AsyncEngine, bots: list[RecordingBot], due_ids: list[int]) -> None:
    sent: Counter[int] = sum((bot.sent for bot in bots), Counter())
    assert sent == Counter(dict.fromkeys(due_ids, 1))  # each due learner once, by one sender
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(Reminder.sent_count, Reminder.sending_since, Reminder.claimed_until).where(
                Reminder.learner_id.in_(due_ids)
            )
        )
        assert set(rows) == {(1, None, None)}


@pytest.fixture
async def migrated(database_url: str) -> AsyncIterator[str]:
    await upgrade_async(database_url)
    yield database_url


async def test_fifty_learners_and_the_dispatcher_at_once(
    migrated: str, roadmap: Roadmap, caplog: pytest.LogCaptureFixture
) -> None:
    due_ids = [FIRST_DUE_ID + i for i in range(DUE)]
    await seed_due_learners(migrated, due_ids, datetime.now(UTC))
    plan, topic_skips = plan_for(roadmap)
    stack = build(migrated, roadmap)
    bot = RecordingBot()
    learners = [Who(1000 + i, 1000 + i, f"L{i}", "en") for i in range(LEARNERS)]
    try:
        results = await asyncio.gather(
            *(twenty_things(stack, who, plan) for who in learners),
            dispatch_all(stack, bot),
            return_exceptions=True,
        )
        no_failures(results)
        assert results[-1] == Counter(sent=DUE)
        await check_final_rows(
            stack.engine, roadmap, [w.user_id for w in learners], plan, topic_skips
        )
        await check_nudges(stack.engine, [bot], due_ids)
    finally:
        await stack.engine.dispose()
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


async def test_two_engines_on_one_sqlite_file(
    sqlite_url: str, roadmap: Roadmap, caplog: pytest.LogCaptureFixture
) -> None:
    """Two pools on one SQLite file (WAL): both write the same learners and both
    dispatch the same due learners; SQLite's locks serialise them, nothing fails."""
    await upgrade_async(sqlite_url)
    due_ids = [FIRST_DUE_ID + i for i in range(DUE)]
    await seed_due_learners(sqlite_url, due_ids, datetime.now(UTC))
    plan, topic_skips = plan_for(roadmap)
    one, two = build(sqlite_url, roadmap), build(sqlite_url, roadmap)
    bots = [RecordingBot(), RecordingBot()]
    learners = [Who(1000 + i, 1000 + i, f"L{i}", "en") for i in range(LEARNERS // 2)]
    try:
        async with one.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
        results = await asyncio.gather(
            # each learner is driven from both engines at once (50 sessions), as two
            # instances behind one webhook URL would
            *(twenty_things(stack, who, plan) for who in learners for stack in (one, two)),
            dispatch_all(one, bots[0]),
            dispatch_all(two, bots[1]),
            return_exceptions=True,
        )
        no_failures(results)
        await check_final_rows(
            one.engine, roadmap, [w.user_id for w in learners], plan, topic_skips
        )
        await check_nudges(one.engine, bots, due_ids)
    finally:
        await one.engine.dispose()
        await two.engine.dispose()
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from bot.roadmap.loader import default_roadmap_path, load_roadmap
    from tests.integration.test_contention import build, plan_for, twenty_things
    from bot.services.who import Who

    async def main(url):
        roadmap = load_roadmap(default_roadmap_path())
        plan, _ = plan_for(roadmap)
        stack = build(url, roadmap)
        learners = [Who(2000 + i, 2000 + i, f"C{i}", "en") for i in range(25)]
        print("ready", flush=True)
        await asyncio.gather(*(twenty_things(stack, who, plan) for who in learners))
        await stack.engine.dispose()
        print("ok", flush=True)

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_a_second_process_writing_the_same_sqlite_file(
    sqlite_url: str, roadmap: Roadmap
) -> None:
    """A real second process (its own SQLite connection and file locks) writes while this
    one does: both finish every operation; every row is there."""
    await upgrade_async(sqlite_url)
    plan, topic_skips = plan_for(roadmap)
    stack = build(sqlite_url, roadmap)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        sqlite_url,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert child.stdout is not None
    try:
        assert (await asyncio.wait_for(child.stdout.readline(), 30)) == b"ready\n"
        learners = [Who(1000 + i, 1000 + i, f"P{i}", "en") for i in range(25)]
        results = await asyncio.gather(
            *(twenty_things(stack, who, plan) for who in learners), return_exceptions=True
        )
        out, _ = await asyncio.wait_for(child.communicate(), 60)
        no_failures(results)
        assert child.returncode == 0 and out.decode().strip() == "ok", out.decode()
        ids = [w.user_id for w in learners] + [2000 + i for i in range(25)]
        await check_final_rows(stack.engine, roadmap, ids, plan, topic_skips)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await stack.engine.dispose()
