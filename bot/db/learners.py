"""Learners and their settings."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import Learner, LearnerSettings
from bot.db.rows import LearnerRow, NewLearner, SettingsRow, fit
from bot.db.sql import insert_for

LEARNERS = cast("Table", Learner.__table__)
SETTINGS = cast("Table", LearnerSettings.__table__)
_LEARNER_COLUMNS = [f.name for f in fields(LearnerRow) if f.name != "settings"]
_SETTINGS_COLUMNS = [f.name for f in fields(SettingsRow)]
_LEARNER_ROW = select(
    *(LEARNERS.c[name] for name in _LEARNER_COLUMNS),
    *(SETTINGS.c[name] for name in _SETTINGS_COLUMNS),
).join_from(LEARNERS, SETTINGS, SETTINGS.c.learner_id == LEARNERS.c.id)


class LearnerRepository:
    """The ``learners`` and ``learner_settings`` rows."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def row(self, learner_id: int) -> LearnerRow | None:
        """The learner and their settings in one statement (the hot path)."""
        found = (await self.conn.execute(_LEARNER_ROW.where(LEARNERS.c.id == learner_id))).first()
        if found is None:
            return None
        row = found._mapping
        return LearnerRow(
            **{name: row[name] for name in _LEARNER_COLUMNS},
            settings=SettingsRow(**{name: row[name] for name in _SETTINGS_COLUMNS}),
        )

    async def add(self, new: NewLearner) -> bool:
        """Insert a learner with default settings unless one exists; True if it was created."""
        stmt = (
            insert_for(self.conn, LEARNERS)
            .values(
                id=new.id,
                chat_id=new.chat_id,
                first_name=fit(new.first_name, 128),  # see ``fit``
                language_code=fit(new.language_code, 16),
                created_at=new.now,
                last_seen_at=new.now,
            )
            .on_conflict_do_nothing(index_elements=["id"])
        )
        created = (await self.conn.execute(stmt)).rowcount == 1
        if created:
            await self.conn.execute(
                insert_for(self.conn, SETTINGS)
                .values(
                    learner_id=new.id,
                    ui_language=new.ui_language,
                    material_language=new.material_language,
                )
                .on_conflict_do_nothing(index_elements=["learner_id"])
            )
        return created

    async def update(self, learner_id: int, **values: Any) -> None:
        await self.conn.execute(update(LEARNERS).where(LEARNERS.c.id == learner_id).values(values))

    async def update_settings(self, learner_id: int, **values: Any) -> None:
        await self.conn.execute(
            update(SETTINGS).where(SETTINGS.c.learner_id == learner_id).values(values)
        )

    async def delete(self, learner_id: int) -> bool:
        """Delete the learner (the database cascades to every row that refers to them)."""
        result = await self.conn.execute(delete(LEARNERS).where(LEARNERS.c.id == learner_id))
        return bool(result.rowcount)
