"""Repositories: every query the bot makes lives here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, null, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.db.models import Learner, LearnerSettings, Progress, TopicLanguage

#: Where repositories run their statements: an ORM session, or (on the hot paths, which
#: need no ORM objects) a plain connection in a transaction.
Db = AsyncSession | AsyncConnection


async def connection(db: Db) -> AsyncConnection:
    return db if isinstance(db, AsyncConnection) else await db.connection()


def insert_for(db: Db, table: Table) -> Any:
    """An INSERT that knows ``ON CONFLICT`` for the database behind ``db``."""
    dialect = db.get_bind().dialect if isinstance(db, AsyncSession) else db.dialect
    module = postgresql if dialect.name == "postgresql" else sqlite
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


@dataclass(frozen=True)
class SettingsRow:
    """A learner's stored choices (a plain value: the hot paths read no ORM objects)."""

    ui_language: str
    material_language: str
    framework: str | None
    start_at: str | None
    elective: str | None
    awaiting: str | None


@dataclass(frozen=True)
class LearnerRow:
    """A learner and their settings as stored, read in one statement."""

    id: int
    chat_id: int
    first_name: str | None
    language_code: str | None
    last_seen_at: datetime
    onboarded_at: datetime | None
    blocked_at: datetime | None
    last_studied_at: datetime | None
    settings: SettingsRow

    def with_settings(self, **values: Any) -> LearnerRow:
        return replace(self, settings=replace(self.settings, **values))


_LEARNERS = cast("Table", Learner.__table__)
_SETTINGS = cast("Table", LearnerSettings.__table__)
_LEARNER_COLUMNS = [f.name for f in fields(LearnerRow) if f.name != "settings"]
_SETTINGS_COLUMNS = [f.name for f in fields(SettingsRow)]
_LEARNER_ROW = select(
    *(_LEARNERS.c[name] for name in _LEARNER_COLUMNS),
    *(_SETTINGS.c[name] for name in _SETTINGS_COLUMNS),
).join_from(_LEARNERS, _SETTINGS, _SETTINGS.c.learner_id == _LEARNERS.c.id)


def presence_changes(
    row: LearnerRow, *, first_name: str | None, language_code: str | None, now: datetime
) -> dict[str, Any]:
    """What to write to record that the learner is here (and reachable again); often nothing.

    ``last_seen_at`` moves only every ``SEEN_RESOLUTION``: it feeds "active this week"
    statistics, and skipping the write keeps most requests read-only.
    """
    changes: dict[str, Any] = {}
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        changes["last_seen_at"] = now
    if row.blocked_at is not None:
        changes["blocked_at"] = None
    first_name, language_code = fit(first_name, 128), fit(language_code, 16)  # see ``fit``
    if first_name is not None and row.first_name != first_name:
        changes["first_name"] = first_name
    if language_code is not None and row.language_code != language_code:
        changes["language_code"] = language_code
    return changes


class LearnerRepository:
    def __init__(self, db: Db) -> None:
        self.db = db

    async def get(self, learner_id: int) -> Learner | None:
        """The ORM object, for the few services that edit learners as objects."""
        assert isinstance(self.db, AsyncSession), "ORM objects need a session"
        return await self.db.get(Learner, learner_id, populate_existing=True)

    async def row(self, learner_id: int) -> LearnerRow | None:
        """The learner and their settings in one Core statement (the hot path)."""
        conn = await connection(self.db)
        found = (await conn.execute(_LEARNER_ROW.where(_LEARNERS.c.id == learner_id))).first()
        if found is None:
            return None
        row = found._mapping
        return LearnerRow(
            **{name: row[name] for name in _LEARNER_COLUMNS},
            settings=SettingsRow(**{name: row[name] for name in _SETTINGS_COLUMNS}),
        )

    async def update(self, learner_id: int, **values: Any) -> None:
        conn = await connection(self.db)
        await conn.execute(update(_LEARNERS).where(_LEARNERS.c.id == learner_id).values(values))

    async def update_settings(self, learner_id: int, **values: Any) -> None:
        conn = await connection(self.db)
        await conn.execute(
            update(_SETTINGS).where(_SETTINGS.c.learner_id == learner_id).values(values)
        )

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
            insert_for(self.db, learners)  # type: ignore[arg-type]
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
        result: Result[Any] = await self.db.execute(stmt)
        created = bool(result.rowcount == 1)  # type: ignore[attr-defined]
        if created:
            settings_stmt = (
                insert_for(self.db, LearnerSettings.__table__)  # type: ignore[arg-type]
                .values(
                    learner_id=learner_id,
                    ui_language=ui_language,
                    material_language=material_language,
                )
                .on_conflict_do_nothing(index_elements=["learner_id"])
            )
            await self.db.execute(settings_stmt)
        return created

    async def mark_blocked(self, learner_id: int, now: datetime) -> None:
        await self.db.execute(
            update(Learner).where(Learner.id == learner_id).values(blocked_at=now)
        )

    async def delete(self, learner_id: int) -> None:
        await self.db.execute(delete(Learner).where(Learner.id == learner_id))


class ProgressRepository:
    def __init__(self, db: Db) -> None:
        self.db = db

    async def statuses(self, learner_id: int) -> dict[str, str]:
        rows = await self.db.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == learner_id)
        )
        return {resource_id: status for resource_id, status in rows}

    async def position(self, learner_id: int) -> tuple[dict[str, str], frozenset[str]]:
        """Resource statuses and other-language topics, in one round trip."""
        conn = await connection(self.db)
        result: Result[Any] = await conn.execute(
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
        rows = await self.db.scalars(
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
        stmt = insert_for(self.db, Progress.__table__)  # type: ignore[arg-type]
        stmt = stmt.on_conflict_do_update(
            index_elements=["learner_id", "resource_id"],
            set_={"status": stmt.excluded.status, "updated_at": stmt.excluded.updated_at},
        )
        conn = await connection(self.db)
        await conn.execute(stmt, values)

    async def clear(self, learner_id: int) -> None:
        await self.db.execute(delete(Progress).where(Progress.learner_id == learner_id))


class TopicLanguageRepository:
    def __init__(self, db: Db) -> None:
        self.db = db

    async def topics(self, learner_id: int) -> frozenset[str]:
        rows = await self.db.scalars(
            select(TopicLanguage.topic_id).where(TopicLanguage.learner_id == learner_id)
        )
        return frozenset(rows)

    async def add(self, learner_id: int, topic_id: str, now: datetime) -> None:
        stmt = (
            insert_for(self.db, TopicLanguage.__table__)  # type: ignore[arg-type]
            .values(learner_id=learner_id, topic_id=topic_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["learner_id", "topic_id"])
        )
        await self.db.execute(stmt)

    async def clear(self, learner_id: int) -> None:
        await self.db.execute(delete(TopicLanguage).where(TopicLanguage.learner_id == learner_id))
