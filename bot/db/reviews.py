"""Spaced-review stages: which a nudge asked, and how the learner answered."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement, Table, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import Reminder, Review
from bot.db.rows import ReviewAsk
from bot.db.sql import insert_for

REVIEWS = cast("Table", Review.__table__)
_R = REVIEWS.c
REMINDERS = cast("Table", Reminder.__table__)

#: A stage that went out: answered, or asked no later than the learner's last nudge that
#: Telegram took (a nudge that failed did not go out; its retry asks again). Over
#: ``REVIEWS`` outer-joined with ``REMINDERS`` (``WITH_REMINDERS``).
WENT_OUT: ColumnElement[bool] = or_(_R.answer.is_not(None), _R.asked_at <= REMINDERS.c.last_sent_at)
WITH_REMINDERS = REVIEWS.outerjoin(REMINDERS, REMINDERS.c.learner_id == _R.learner_id)


class ReviewRepository:
    """The ``reviews`` rows: one per learner, topic and stage asked."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def settled(self, learner_ids: Collection[int]) -> dict[int, dict[str, set[int]]]:
        """The stages not to ask these learners again, by topic: those that went out
        (``WENT_OUT``), answered or not."""
        found: dict[int, dict[str, set[int]]] = {i: {} for i in learner_ids}
        if not learner_ids:
            return found
        rows = await self.conn.execute(
            select(_R.learner_id, _R.topic_id, _R.stage)
            .select_from(WITH_REMINDERS)
            .where(_R.learner_id.in_(list(learner_ids)), WENT_OUT)
        )
        for learner_id, topic_id, stage in rows:
            found[learner_id].setdefault(topic_id, set()).add(stage)
        return found

    async def ask(self, asks: Sequence[ReviewAsk], now: datetime) -> None:
        """Record that a nudge asks about these stages (once more, if asked before)."""
        if not asks:
            return
        values = [
            {"learner_id": a.learner_id, "topic_id": a.topic_id, "stage": a.stage, "asked": 1}
            for a in asks
        ]
        stmt = insert_for(self.conn, REVIEWS).values(asked_at=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=["learner_id", "topic_id", "stage"],
            set_={"asked": _R.asked + 1, "asked_at": now},
        )
        await self.conn.execute(stmt, values)

    async def answer(
        self, learner_id: int, topic_id: str, stage: int, answer: str, now: datetime
    ) -> bool:
        """Record the answer to an asked stage; False if it was never asked."""
        result = await self.conn.execute(
            update(REVIEWS)
            .where(_R.learner_id == learner_id, _R.topic_id == topic_id, _R.stage == stage)
            .values(answer=answer, answered_at=now)
        )
        return bool(result.rowcount)

    async def clear(self, learner_id: int) -> int:
        """Forget every review stage of the learner; how many there were."""
        result = await self.conn.execute(delete(REVIEWS).where(_R.learner_id == learner_id))
        return int(result.rowcount)
