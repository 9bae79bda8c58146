"""Database invariants the reliability suites check (after hostile input, faults, crashes),
and seeding due learners straight into the database.

``database_problems`` reads the tables with plain SQL (no ORM, no bot code) and returns one
line per broken invariant, so a failing test says exactly what is wrong.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.models import Learner, LearnerSettings, Reminder
from bot.roadmap.models import Roadmap

#: Each query returns offending rows; the key says what the invariant is.
ORPHANS = {
    "learner_settings without a learner": (
        "SELECT s.learner_id FROM learner_settings s "
        "LEFT JOIN learners l ON l.id = s.learner_id WHERE l.id IS NULL"
    ),
    "progress without a learner": (
        "SELECT p.learner_id, p.resource_id FROM progress p "
        "LEFT JOIN learners l ON l.id = p.learner_id WHERE l.id IS NULL"
    ),
    "topic_languages without a learner": (
        "SELECT t.learner_id, t.topic_id FROM topic_languages t "
        "LEFT JOIN learners l ON l.id = t.learner_id WHERE l.id IS NULL"
    ),
    "reminders without a learner": (
        "SELECT r.learner_id FROM reminders r "
        "LEFT JOIN learners l ON l.id = r.learner_id WHERE l.id IS NULL"
    ),
    "learners without settings": (
        "SELECT l.id FROM learners l "
        "LEFT JOIN learner_settings s ON s.learner_id = l.id WHERE s.learner_id IS NULL"
    ),
    "progress with an unknown status": (
        "SELECT learner_id, resource_id, status FROM progress "
        "WHERE status NOT IN ('done', 'skipped')"
    ),
    # Learners talk to the bot in their private chat, whose id is their user id.
    "learners whose chat is not their private chat": (
        "SELECT id, chat_id FROM learners WHERE chat_id <> id"
    ),
    # The schedule: on (and reachable) means a next nudge; off means none.
    "reminders on, learner reachable, but no next nudge": (
        "SELECT r.learner_id FROM reminders r JOIN learners l ON l.id = r.learner_id "
        "WHERE r.enabled AND l.blocked_at IS NULL AND r.next_at IS NULL"
    ),
    "reminders off but a next nudge": (
        "SELECT learner_id FROM reminders WHERE NOT enabled AND next_at IS NOT NULL"
    ),
}


async def database_problems(engine: AsyncEngine, roadmap: Roadmap) -> list[str]:
    """Every broken invariant, as ``"<invariant>: <rows>"``; empty when all hold."""
    problems: list[str] = []
    async with engine.connect() as conn:
        for name, query in ORPHANS.items():
            rows = [tuple(row) for row in await conn.execute(text(query))]
            if rows:
                problems.append(f"{name}: {rows[:10]}")
        resources = {
            rid for (rid,) in await conn.execute(text("SELECT DISTINCT resource_id FROM progress"))
        }
        unknown = sorted(resources - roadmap.resource_ids)
        if unknown:
            problems.append(f"progress for resources not in the roadmap: {unknown[:10]}")
        topics = {
            tid
            for (tid,) in await conn.execute(text("SELECT DISTINCT topic_id FROM topic_languages"))
        }
        unknown_topics = sorted(t for t in topics if roadmap.topic(t) is None)
        if unknown_topics:
            problems.append(f"topic_languages for topics not in the roadmap: {unknown_topics[:10]}")
    return problems


async def database_problems_at(url: str, roadmap: Roadmap) -> list[str]:
    """``database_problems`` through a fresh engine (e.g. after the bot process was killed)."""
    engine = create_engine(url)
    try:
        return await database_problems(engine, roadmap)
    finally:
        await engine.dispose()


async def seed_due_learners(url: str, ids: list[int], now: datetime) -> None:
    """Learners with weekly reminders on, all due an hour ago, written straight to the DB."""
    await upgrade_async(url)
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(Learner),
                [
                    {
                        "id": i,
                        "chat_id": i,
                        "first_name": f"L{i}",
                        "language_code": "en",
                        "created_at": now - timedelta(days=30),
                        "last_seen_at": now - timedelta(days=30),
                        "onboarded_at": now - timedelta(days=30),
                    }
                    for i in ids
                ],
            )
            await conn.execute(
                insert(LearnerSettings),
                [{"learner_id": i, "ui_language": "en", "material_language": "en"} for i in ids],
            )
            await conn.execute(
                insert(Reminder),
                [
                    {
                        "learner_id": i,
                        "enabled": True,
                        "weekday": 0,
                        "hour": 18,
                        "timezone": "UTC",
                        "next_at": now - timedelta(hours=1),
                    }
                    for i in ids
                ],
            )
    finally:
        await engine.dispose()
