"""Reminder rows: settings, the due query, and the delivery bookkeeping."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Learner, Reminder
from bot.db.repositories import insert_for


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, learner_id: int) -> Reminder | None:
        return await self.session.get(Reminder, learner_id, populate_existing=True)

    async def get_or_create(
        self, learner_id: int, *, weekday: int, hour: int, timezone: str
    ) -> Reminder:
        """The learner's reminder; a new one (off) gets these defaults."""
        stmt = (
            insert_for(self.session, Reminder.__table__)  # type: ignore[arg-type]
            .values(learner_id=learner_id, weekday=weekday, hour=hour, timezone=timezone)
            .on_conflict_do_nothing(index_elements=["learner_id"])
        )
        await self.session.execute(stmt)
        reminder = await self.get(learner_id)
        assert reminder is not None
        return reminder

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[int]:
        """Lease up to ``limit`` due reminders to this dispatcher, oldest first.

        ``FOR UPDATE SKIP LOCKED`` lets several bot instances claim at once without
        taking the same rows (PostgreSQL); SQLite serialises writers instead.
        """
        due = (
            select(Reminder.learner_id)
            .where(
                Reminder.next_at <= now,
                or_(Reminder.claimed_until.is_(None), Reminder.claimed_until <= now),
            )
            .order_by(Reminder.next_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(await self.session.scalars(due))
        if ids:
            await self.session.execute(
                update(Reminder)
                .where(Reminder.learner_id.in_(ids))
                .values(claimed_until=now + lease)
            )
        return ids

    async def learner(self, learner_id: int) -> Learner | None:
        return await self.session.get(Learner, learner_id)
