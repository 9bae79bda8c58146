"""``Stats`` over the in-memory tables."""

from __future__ import annotations

from datetime import datetime

from bot.db.rows import Counts, StoredLearner
from tests.fakes.reviews import went_out
from tests.fakes.schema import row_limit, utc
from tests.fakes.store import Transaction


class FakeStats:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def counts(self, week_ago: datetime, month_ago: datetime) -> Counts:
        tables = self.transaction.tables
        week_ago, month_ago = utc(week_ago), utc(month_ago)
        learners = tables.learners.values()
        return Counts(
            learners=len(learners),
            seen_since_week=sum(x.last_seen_at >= week_ago for x in learners),
            seen_since_month=sum(x.last_seen_at >= month_ago for x in learners),
            blocked_since_week=sum(
                x.blocked_at is not None and x.blocked_at >= week_ago for x in learners
            ),
            nudged_since_week=sum(
                r.last_sent_at is not None and r.last_sent_at >= week_ago
                for r in tables.reminders.values()
            ),
            reviews_asked=sum(went_out(r, tables) for r in tables.reviews.values()),
            reviews_yes=sum(r.answer == "yes" for r in tables.reviews.values()),
            reviews_opened=sum(r.answer == "open" for r in tables.reviews.values()),
            review_off=sum(not s.review for s in tables.settings.values()),
        )

    async def learners_after(self, after_id: int | None, limit: int) -> list[StoredLearner]:
        """Up to ``limit`` learners with ids above ``after_id``, in id order."""
        tables = self.transaction.tables
        ids = sorted(i for i in tables.learners if after_id is None or i > after_id)
        page = []
        for i in ids[: row_limit(limit)]:
            settings = tables.settings.get(i)  # an outer join
            page.append(
                StoredLearner(
                    id=i,
                    onboarded=tables.learners[i].onboarded_at is not None,
                    material=settings.material_language if settings else "en",
                    framework=settings.framework if settings else None,
                    start_at=settings.start_at if settings else None,
                    elective=settings.elective if settings else None,
                    statuses={
                        r.resource_id: r.status
                        for (learner, _), r in sorted(tables.progress.items())
                        if learner == i
                    },
                    topics=frozenset(t for learner, t in tables.topic_languages if learner == i),
                    free_only=settings.free_only if settings else False,
                    roadmap_revision=settings.roadmap_revision if settings else None,
                    other_language=settings.other_language if settings else None,
                )
            )
        return page
