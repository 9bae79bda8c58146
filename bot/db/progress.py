"""What learners did with resources, and the topics where they took the other language."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Result, Table, delete, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import Progress, TopicLanguage
from bot.db.rows import Position
from bot.db.sql import insert_for

PROGRESS = cast("Table", Progress.__table__)
TOPICS = cast("Table", TopicLanguage.__table__)
_P, _T = PROGRESS.c, TOPICS.c


class ProgressRepository:
    """The ``progress`` rows: one status per learner and resource."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def position(self, learner_id: int) -> Position:
        """Resource statuses and other-language topics, in one round trip."""
        return (await self.positions([learner_id]))[learner_id]

    async def positions(self, learner_ids: Collection[int]) -> dict[int, Position]:
        """``position`` for each of these learners, in one round trip."""
        if not learner_ids:
            return {}
        found: dict[int, tuple[dict[str, str], set[str]]] = {i: ({}, set()) for i in learner_ids}
        ids = list(learner_ids)
        # One learner (every update's position) gets "=": no expanding IN to render per call.
        where_p = _P.learner_id == ids[0] if len(ids) == 1 else _P.learner_id.in_(ids)
        where_t = _T.learner_id == ids[0] if len(ids) == 1 else _T.learner_id.in_(ids)
        result: Result[Any] = await self.conn.execute(
            union_all(
                select(_P.learner_id, _P.resource_id, _P.status).where(where_p),
                select(_T.learner_id, _T.topic_id, null()).where(where_t),
            )
        )
        for learner_id, key, status in cast("list[tuple[int, str, str | None]]", result.all()):
            statuses, topics = found[learner_id]
            if status is None:
                topics.add(key)
            else:
                statuses[key] = status
        return {i: (statuses, frozenset(topics)) for i, (statuses, topics) in found.items()}

    async def updated(self, learner_ids: Collection[int]) -> dict[int, dict[str, datetime]]:
        """When each stored status of these learners was last set, by resource."""
        found: dict[int, dict[str, datetime]] = {i: {} for i in learner_ids}
        if not learner_ids:
            return found
        rows = await self.conn.execute(
            select(_P.learner_id, _P.resource_id, _P.updated_at).where(
                _P.learner_id.in_(list(learner_ids))
            )
        )
        for learner_id, resource_id, updated_at in rows:
            found[learner_id][resource_id] = updated_at
        return found

    async def timestamps(self, learner_id: int) -> list[datetime]:
        rows = await self.conn.scalars(select(_P.updated_at).where(_P.learner_id == learner_id))
        return list(rows)

    async def mark(
        self, learner_id: int, resource_ids: Iterable[str], status: str, now: datetime
    ) -> None:
        """Record ``status`` for each resource; an existing record is overwritten (idempotent)."""
        values = [
            {"learner_id": learner_id, "resource_id": rid, "status": status, "updated_at": now}
            for rid in resource_ids
        ]
        if not values:
            return
        stmt = insert_for(self.conn, PROGRESS)
        stmt = stmt.on_conflict_do_update(
            index_elements=["learner_id", "resource_id"],
            set_={"status": stmt.excluded.status, "updated_at": stmt.excluded.updated_at},
        )
        await self.conn.execute(stmt, values)

    async def unmark(self, learner_id: int, resource_ids: Collection[str]) -> None:
        """Forget the learner's status for these resources (undo, study again)."""
        if resource_ids:
            await self.conn.execute(
                delete(PROGRESS).where(
                    _P.learner_id == learner_id, _P.resource_id.in_(list(resource_ids))
                )
            )

    async def clear(self, learner_id: int) -> None:
        await self.conn.execute(delete(PROGRESS).where(_P.learner_id == learner_id))


class TopicLanguageRepository:
    """The ``topic_languages`` rows: topics shown in every language for a learner."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, learner_id: int, topic_id: str, now: datetime) -> None:
        stmt = (
            insert_for(self.conn, TOPICS)
            .values(learner_id=learner_id, topic_id=topic_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["learner_id", "topic_id"])
        )
        await self.conn.execute(stmt)

    async def clear(self, learner_id: int) -> None:
        await self.conn.execute(delete(TOPICS).where(_T.learner_id == learner_id))
