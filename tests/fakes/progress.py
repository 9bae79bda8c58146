"""``Progress`` and ``Topics`` over the in-memory tables."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from bot.db.rows import Position
from tests.fakes.schema import checked
from tests.fakes.store import ProgressRecord, TopicLanguageRecord, Transaction


class FakeProgress:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def position(self, learner_id: int) -> Position:
        return (await self.positions([learner_id]))[learner_id]

    async def positions(self, learner_ids: Collection[int]) -> dict[int, Position]:
        tables = self.transaction.tables
        found: dict[int, tuple[dict[str, str], set[str]]] = {i: ({}, set()) for i in learner_ids}
        for (learner_id, resource_id), record in tables.progress.items():
            if learner_id in found:
                found[learner_id][0][resource_id] = record.status
        for learner_id, topic_id in tables.topic_languages:
            if learner_id in found:
                found[learner_id][1].add(topic_id)
        return {i: (statuses, frozenset(topics)) for i, (statuses, topics) in found.items()}

    async def updated(self, learner_ids: Collection[int]) -> dict[int, dict[str, datetime]]:
        found: dict[int, dict[str, datetime]] = {i: {} for i in learner_ids}
        for (learner_id, resource_id), record in self.transaction.tables.progress.items():
            if learner_id in found:
                found[learner_id][resource_id] = record.updated_at
        return found

    async def timestamps(self, learner_id: int) -> list[datetime]:
        """In resource order (SQL gives no order: sort before comparing)."""
        progress = self.transaction.tables.progress
        return [
            record.updated_at for key, record in sorted(progress.items()) if key[0] == learner_id
        ]

    async def mark(
        self, learner_id: int, resource_ids: Iterable[str], status: str, now: datetime
    ) -> None:
        tables = self.transaction.tables
        for resource_id in resource_ids:  # an upsert per row, in order, like executemany
            record = ProgressRecord(learner_id, resource_id, status, now)
            tables.progress[learner_id, resource_id] = checked("progress", record, tables)

    async def unmark(self, learner_id: int, resource_ids: Collection[str]) -> None:
        progress = self.transaction.tables.progress
        for resource_id in resource_ids:
            progress.pop((learner_id, resource_id), None)

    async def clear(self, learner_id: int) -> None:
        progress = self.transaction.tables.progress
        for key in [key for key in progress if key[0] == learner_id]:
            del progress[key]


class FakeTopics:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def add(self, learner_id: int, topic_id: str, now: datetime) -> None:
        """Idempotent: a second add keeps the first ``created_at``."""
        tables = self.transaction.tables
        record = checked("topic_languages", TopicLanguageRecord(learner_id, topic_id, now), tables)
        tables.topic_languages.setdefault((learner_id, topic_id), record)

    async def clear(self, learner_id: int) -> None:
        topics = self.transaction.tables.topic_languages
        for key in [key for key in topics if key[0] == learner_id]:
            del topics[key]
