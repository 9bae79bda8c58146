"""Queries behind the admins' /stats: counts, and learners' saved state in batches."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import (
    Learner,
    LearnerSettings,
    Progress,
    Reminder,
    Review,
    TopicLanguage,
)
from bot.db.reviews import WENT_OUT, WITH_REMINDERS
from bot.db.rows import Counts, StoredLearner


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


class StatsRepository:
    """Counts and batches of learners for the admins' statistics."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def counts(self, week_ago: datetime, month_ago: datetime) -> Counts:
        learners = await self.conn.execute(
            select(
                func.count(),
                _count_where(Learner.last_seen_at >= week_ago),
                _count_where(Learner.last_seen_at >= month_ago),
                _count_where(Learner.blocked_at >= week_ago),
            ).select_from(Learner)
        )
        total, week, month, blocked = learners.one()
        nudged = await self.conn.scalar(
            select(func.count()).select_from(Reminder).where(Reminder.last_sent_at >= week_ago)
        )
        reviews = await self.conn.execute(
            select(
                _count_where(WENT_OUT),  # each stage goes out once (a failed nudge does not)
                _count_where(Review.answer == "yes"),
                _count_where(Review.answer == "open"),
            ).select_from(WITH_REMINDERS)
        )
        asked, yes, opened = reviews.one()
        review_off = await self.conn.scalar(
            select(func.count())
            .select_from(LearnerSettings)
            .where(LearnerSettings.review.is_(False))
        )
        return Counts(
            total,
            week,
            month,
            blocked,
            nudged or 0,
            reviews_asked=int(asked),
            reviews_yes=yes,
            reviews_opened=opened,
            review_off=review_off or 0,
        )

    async def learners_after(self, after_id: int | None, limit: int) -> list[StoredLearner]:
        """Up to ``limit`` learners with ids above ``after_id``, in id order (keyset paging)."""
        query = (
            select(
                Learner.id,
                Learner.onboarded_at,
                LearnerSettings.material_language,
                LearnerSettings.framework,
                LearnerSettings.start_at,
                LearnerSettings.elective,
                LearnerSettings.free_only,
                LearnerSettings.roadmap_revision,
                LearnerSettings.other_language,
            )
            .outerjoin(LearnerSettings, LearnerSettings.learner_id == Learner.id)
            .order_by(Learner.id)
            .limit(limit)
        )
        if after_id is not None:
            query = query.where(Learner.id > after_id)
        rows = (await self.conn.execute(query)).all()
        ids = [row.id for row in rows]
        if not ids:
            return []
        statuses: dict[int, dict[str, str]] = defaultdict(dict)
        progress = await self.conn.execute(
            select(Progress.learner_id, Progress.resource_id, Progress.status).where(
                Progress.learner_id.in_(ids)
            )
        )
        for learner_id, resource_id, status in progress:
            statuses[learner_id][resource_id] = status
        topics: dict[int, set[str]] = defaultdict(set)
        accepted = await self.conn.execute(
            select(TopicLanguage.learner_id, TopicLanguage.topic_id).where(
                TopicLanguage.learner_id.in_(ids)
            )
        )
        for learner_id, topic_id in accepted:
            topics[learner_id].add(topic_id)
        return [
            StoredLearner(
                id=row.id,
                onboarded=row.onboarded_at is not None,
                material=row.material_language or "en",
                framework=row.framework,
                start_at=row.start_at,
                elective=row.elective,
                statuses=statuses[row.id],
                topics=frozenset(topics[row.id]),
                free_only=bool(row.free_only),
                roadmap_revision=row.roadmap_revision,
                other_language=row.other_language,
            )
            for row in rows
        ]
