"""Learners' notes on resources."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.models import Note
from bot.db.rows import NoteRow

NOTES = cast("Table", Note.__table__)
_N = NOTES.c
_COLUMNS = [_N[f.name] for f in fields(NoteRow)]


class NoteRepository:
    """The ``notes`` rows: several per learner and resource."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def add(self, learner_id: int, resource_id: str, text: str, now: datetime) -> int:
        """Store a note; its id."""
        result = await self.conn.execute(
            NOTES.insert()
            .values(
                learner_id=learner_id,
                resource_id=resource_id,
                text=text,
                created_at=now,
                updated_at=now,
            )
            .returning(_N.id)
        )
        return int(result.scalar_one())

    async def get(self, learner_id: int, note_id: int) -> NoteRow | None:
        """The learner's note ``note_id`` (None for another learner's)."""
        found = (
            await self.conn.execute(
                select(*_COLUMNS).where(_N.id == note_id, _N.learner_id == learner_id)
            )
        ).first()
        return NoteRow(**found._mapping) if found else None

    async def of_learner(self, learner_id: int) -> list[NoteRow]:
        """Every note of the learner, oldest first."""
        rows = await self.conn.execute(
            select(*_COLUMNS).where(_N.learner_id == learner_id).order_by(_N.created_at, _N.id)
        )
        return [NoteRow(**row._mapping) for row in rows]

    async def count(self, learner_id: int) -> int:
        found = await self.conn.scalar(
            select(func.count()).select_from(NOTES).where(_N.learner_id == learner_id)
        )
        return int(found or 0)

    async def update_text(self, learner_id: int, note_id: int, text: str, now: datetime) -> bool:
        """Replace the note's text; False if the learner has no such note."""
        result = await self.conn.execute(
            update(NOTES)
            .where(_N.id == note_id, _N.learner_id == learner_id)
            .values(text=text, updated_at=now)
        )
        return bool(result.rowcount)

    async def delete(self, learner_id: int, note_id: int) -> bool:
        """Delete the note; False if the learner has no such note."""
        result = await self.conn.execute(
            delete(NOTES).where(_N.id == note_id, _N.learner_id == learner_id)
        )
        return bool(result.rowcount)

    async def clear(self, learner_id: int) -> int:
        """Delete every note of the learner; how many there were."""
        result = await self.conn.execute(delete(NOTES).where(_N.learner_id == learner_id))
        return int(result.rowcount)
