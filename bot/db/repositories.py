"""Repositories: every query the bot makes lives here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, null, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Learner, LearnerSettings, Progress, TopicLanguage


def insert_for(session: AsyncSession, table: Table) -> Any:
    """An INSERT that knows ``ON CONFLICT`` for the session's database."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table)


#: How precisely a learner's last visit is recorded.
SEEN_RESOLUTION = timedelta(minutes=10)


def fit(value: str | None, size: int) -> str | None:
    """Telegram's text made storable in a ``String(size)`` column on every database.

    PostgreSQL refuses NUL characters and values longer than the column (a first name of
    64 emoji sequences is far over 128 code points); SQLite takes both, so the two must
    be handled here, not found in production (tests/e2e/test_hostile_input.py).
    """
    return None if value is None else value.replace("\x00", "")[:size]


class LearnerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, learner_id: int) -> Learner | None:
        return await self.session.get(Learner, learner_id, populate_existing=True)

    async def create_if_missing(
        self,
        *,
        learner_id: int,
        chat_id: int,
        first_name: str | None,
        language_code: str | None,
        ui_language: str,
        material_language: str,
        now: datetime,
    ) -> bool:
        """Insert a learner with default settings unless one exists; True if it was created."""
        learners = Learner.__table__
        stmt = (
            insert_for(self.session, learners)  # type: ignore[arg-type]
            .values(
                id=learner_id,
                chat_id=chat_id,
                first_name=fit(first_name, 128),  # see ``fit``
                language_code=fit(language_code, 16),
                created_at=now,
                last_seen_at=now,
            )
            .on_conflict_do_nothing(index_elements=["id"])
        )
        result: Result[Any] = await self.session.execute(stmt)
        created = bool(result.rowcount == 1)  # type: ignore[attr-defined]
        if created:
            settings_stmt = (
                insert_for(self.session, LearnerSettings.__table__)  # type: ignore[arg-type]
                .values(
                    learner_id=learner_id,
                    ui_language=ui_language,
                    material_language=material_language,
                )
                .on_conflict_do_nothing(index_elements=["learner_id"])
            )
            await self.session.execute(settings_stmt)
        return created

    async def touch(
        self, learner: Learner, *, first_name: str | None, language_code: str | None, now: datetime
    ) -> None:
        """Record that the learner is here (and reachable again).

        ``last_seen_at`` moves only every ``SEEN_RESOLUTION``: it feeds "active this
        week" statistics, and skipping the write keeps most requests read-only.
        """
        if now - learner.last_seen_at >= SEEN_RESOLUTION:
            learner.last_seen_at = now
        # Assign only what changed: an unchanged learner needs no UPDATE and no flush.
        if learner.blocked_at is not None:
            learner.blocked_at = None
        first_name, language_code = fit(first_name, 128), fit(language_code, 16)  # see ``fit``
        if first_name is not None and learner.first_name != first_name:
            learner.first_name = first_name
        if language_code is not None and learner.language_code != language_code:
            learner.language_code = language_code

    async def mark_blocked(self, learner_id: int, now: datetime) -> None:
        await self.session.execute(
            update(Learner).where(Learner.id == learner_id).values(blocked_at=now)
        )

    async def delete(self, learner_id: int) -> None:
        await self.session.execute(delete(Learner).where(Learner.id == learner_id))


class ProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def statuses(self, learner_id: int) -> dict[str, str]:
        rows = await self.session.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == learner_id)
        )
        return {resource_id: status for resource_id, status in rows}

    async def position(self, learner_id: int) -> tuple[dict[str, str], frozenset[str]]:
        """Resource statuses and other-language topics, in one round trip."""
        result: Result[Any] = await self.session.execute(
            union_all(
                select(Progress.resource_id, Progress.status).where(
                    Progress.learner_id == learner_id
                ),
                select(TopicLanguage.topic_id, null()).where(
                    TopicLanguage.learner_id == learner_id
                ),
            )
        )
        statuses: dict[str, str] = {}
        topics: set[str] = set()
        for key, status in cast("list[tuple[str, str | None]]", result.all()):
            if status is None:
                topics.add(key)
            else:
                statuses[key] = status
        return statuses, frozenset(topics)

    async def timestamps(self, learner_id: int) -> list[datetime]:
        rows = await self.session.scalars(
            select(Progress.updated_at).where(Progress.learner_id == learner_id)
        )
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
        stmt = insert_for(self.session, Progress.__table__)  # type: ignore[arg-type]
        stmt = stmt.on_conflict_do_update(
            index_elements=["learner_id", "resource_id"],
            set_={"status": stmt.excluded.status, "updated_at": stmt.excluded.updated_at},
        )
        await self.session.execute(stmt, values)

    async def clear(self, learner_id: int) -> None:
        await self.session.execute(delete(Progress).where(Progress.learner_id == learner_id))


class TopicLanguageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def topics(self, learner_id: int) -> frozenset[str]:
        rows = await self.session.scalars(
            select(TopicLanguage.topic_id).where(TopicLanguage.learner_id == learner_id)
        )
        return frozenset(rows)

    async def add(self, learner_id: int, topic_id: str, now: datetime) -> None:
        stmt = (
            insert_for(self.session, TopicLanguage.__table__)  # type: ignore[arg-type]
            .values(learner_id=learner_id, topic_id=topic_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["learner_id", "topic_id"])
        )
        await self.session.execute(stmt)

    async def clear(self, learner_id: int) -> None:
        await self.session.execute(
            delete(TopicLanguage).where(TopicLanguage.learner_id == learner_id)
        )
