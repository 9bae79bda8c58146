"""Fill a database with many learners quickly (bulk inserts, no Telegram)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert

from bot.db.engine import create_engine
from bot.db.models import Learner, LearnerSettings, Reminder

FIRST_ID = 10_000_000
CHUNK = 5_000


async def add_learners(
    database_url: str, count: int, *, now: datetime, due_at: datetime | None
) -> list[int]:
    """Insert ``count`` onboarded learners; with ``due_at``, each has a reminder due then."""
    ids = list(range(FIRST_ID, FIRST_ID + count))
    engine = create_engine(database_url)
    try:
        for start in range(0, count, CHUNK):
            chunk = ids[start : start + CHUNK]
            async with engine.begin() as conn:
                await conn.execute(
                    insert(Learner),
                    [
                        {
                            "id": i,
                            "chat_id": i,
                            "first_name": f"L{i}",
                            "created_at": now,
                            "last_seen_at": now,
                            "onboarded_at": now,
                        }
                        for i in chunk
                    ],
                )
                await conn.execute(
                    insert(LearnerSettings),
                    [
                        {"learner_id": i, "ui_language": "en", "material_language": "en"}
                        for i in chunk
                    ],
                )
                if due_at is not None:
                    await conn.execute(
                        insert(Reminder),
                        [
                            {
                                "learner_id": i,
                                "enabled": True,
                                "weekday": due_at.weekday(),
                                "hour": due_at.hour,
                                "timezone": "UTC",
                                "next_at": due_at,
                            }
                            for i in chunk
                        ],
                    )
    finally:
        await engine.dispose()
    return ids
