"""``Reviews`` over the in-memory tables."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from bot.db.rows import ReviewAsk
from tests.fakes.schema import checked, update
from tests.fakes.store import ReviewRecord, Tables, Transaction


def went_out(record: ReviewRecord, tables: Tables) -> bool:
    """``bot.db.reviews.WENT_OUT``: answered, or asked no later than the last nudge sent."""
    reminder = tables.reminders.get(record.learner_id)
    sent = reminder.last_sent_at if reminder is not None else None
    return record.answer is not None or (sent is not None and record.asked_at <= sent)


class FakeReviews:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def settled(self, learner_ids: Collection[int]) -> dict[int, dict[str, set[int]]]:
        tables = self.transaction.tables
        found: dict[int, dict[str, set[int]]] = {i: {} for i in learner_ids}
        for (learner_id, topic_id, stage), record in tables.reviews.items():
            if learner_id in found and went_out(record, tables):
                found[learner_id].setdefault(topic_id, set()).add(stage)
        return found

    async def ask(self, asks: Sequence[ReviewAsk], now: datetime) -> None:
        tables = self.transaction.tables
        for a in asks:  # an upsert per row, in order, like executemany
            key = (a.learner_id, a.topic_id, a.stage)
            old = tables.reviews.get(key)
            record = ReviewRecord(*key, asked=1, asked_at=now)
            if old is not None:
                record = ReviewRecord(*key, old.asked + 1, now, old.answer, old.answered_at)
            tables.reviews[key] = checked("reviews", record, tables)

    async def answer(
        self, learner_id: int, topic_id: str, stage: int, answer: str, now: datetime
    ) -> bool:
        tables = self.transaction.tables
        key = (learner_id, topic_id, stage)
        values = {"answer": answer, "answered_at": now}
        return bool(update("reviews", tables.reviews, [key], values, tables))

    async def clear(self, learner_id: int) -> int:
        reviews = self.transaction.tables.reviews
        mine = [key for key in reviews if key[0] == learner_id]
        for key in mine:
            del reviews[key]
        return len(mine)
