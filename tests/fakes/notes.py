"""``Notes`` over the in-memory tables."""

from __future__ import annotations

from datetime import datetime

from bot.db.rows import NoteRow
from tests.fakes.schema import checked, update
from tests.fakes.store import NoteRecord, Transaction


def note_row(record: NoteRecord) -> NoteRow:
    return NoteRow(
        id=record.id,
        learner_id=record.learner_id,
        resource_id=record.resource_id,
        text=record.text,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


class FakeNotes:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def add(self, learner_id: int, resource_id: str, text: str, now: datetime) -> int:
        tables = self.transaction.tables
        note_id = max(tables.notes, default=0) + 1  # as SQLite's rowid; PostgreSQL never reuses
        record = NoteRecord(note_id, learner_id, resource_id, text, now, now)
        tables.notes[note_id] = checked("notes", record, tables)
        return note_id

    async def get(self, learner_id: int, note_id: int) -> NoteRow | None:
        record = self.transaction.tables.notes.get(note_id)
        return note_row(record) if record and record.learner_id == learner_id else None

    async def of_learner(self, learner_id: int) -> list[NoteRow]:
        notes = self.transaction.tables.notes.values()
        mine = [note_row(n) for n in notes if n.learner_id == learner_id]
        return sorted(mine, key=lambda n: (n.created_at, n.id))

    async def count(self, learner_id: int) -> int:
        return len(await self.of_learner(learner_id))

    async def update_text(self, learner_id: int, note_id: int, text: str, now: datetime) -> bool:
        if await self.get(learner_id, note_id) is None:
            return False
        tables = self.transaction.tables
        update("notes", tables.notes, [note_id], {"text": text, "updated_at": now}, tables)
        return True

    async def delete(self, learner_id: int, note_id: int) -> bool:
        if await self.get(learner_id, note_id) is None:
            return False
        del self.transaction.tables.notes[note_id]
        return True

    async def clear(self, learner_id: int) -> int:
        notes = self.transaction.tables.notes
        mine = [i for i, note in notes.items() if note.learner_id == learner_id]
        for note_id in mine:
            del notes[note_id]
        return len(mine)
