"""The fake's database: a table of mutable records per SQL table, and its transactions.

Records mirror the columns of ``bot.db.models`` one for one (a contract test checks
it), so a test may seed or inspect ``store.reminders[7].sent_count`` directly.
"""

from __future__ import annotations

import asyncio
import copy
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy.exc import ResourceClosedError


@dataclass
class LearnerRecord:
    id: int
    chat_id: int
    first_name: str | None
    language_code: str | None
    created_at: datetime
    last_seen_at: datetime
    onboarded_at: datetime | None = None
    blocked_at: datetime | None = None
    last_studied_at: datetime | None = None


@dataclass
class SettingsRecord:
    learner_id: int
    ui_language: str
    material_language: str
    framework: str | None = None
    start_at: str | None = None
    elective: str | None = None
    awaiting: str | None = None
    free_only: bool = False
    roadmap_revision: int | None = None
    other_language: bool | None = None
    plan_hours: int | None = None
    plan_set_at: datetime | None = None
    plan_done_hours: int | None = None
    review: bool = True
    map_message_id: int | None = None
    map_shown: str | None = None


@dataclass
class ProgressRecord:
    learner_id: int
    resource_id: str
    status: str
    updated_at: datetime


@dataclass
class TopicLanguageRecord:
    learner_id: int
    topic_id: str
    created_at: datetime


@dataclass
class ReminderRecord:
    """Defaults are the columns' server defaults."""

    learner_id: int
    enabled: bool = False
    weekday: int = 0
    hour: int = 9
    timezone: str = "UTC"
    next_at: datetime | None = None
    claimed_until: datetime | None = None
    sending_since: datetime | None = None
    last_sent_at: datetime | None = None
    sent_count: int = 0


@dataclass
class NoteRecord:
    id: int
    learner_id: int
    resource_id: str
    text: str
    created_at: datetime
    updated_at: datetime


@dataclass
class ReviewRecord:
    learner_id: int
    topic_id: str
    stage: int
    asked: int
    asked_at: datetime
    answer: str | None = None
    answered_at: datetime | None = None


@dataclass
class Tables:
    """The rows, keyed by primary key."""

    learners: dict[int, LearnerRecord] = field(default_factory=dict)
    settings: dict[int, SettingsRecord] = field(default_factory=dict)
    progress: dict[tuple[int, str], ProgressRecord] = field(default_factory=dict)
    topic_languages: dict[tuple[int, str], TopicLanguageRecord] = field(default_factory=dict)
    reminders: dict[int, ReminderRecord] = field(default_factory=dict)
    notes: dict[int, NoteRecord] = field(default_factory=dict)
    reviews: dict[tuple[int, str, int], ReviewRecord] = field(default_factory=dict)

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row as a dict, by SQL table name, in primary-key order."""
        return {
            table: [asdict(row) for _, row in sorted(getattr(self, name).items())]
            for table, name in TABLE_NAMES.items()
        }


#: SQL table name -> attribute of ``Tables``.
TABLE_NAMES = {
    "learners": "learners",
    "learner_settings": "settings",
    "progress": "progress",
    "topic_languages": "topic_languages",
    "reminders": "reminders",
    "notes": "notes",
    "reviews": "reviews",
}
_TABLE_FIELDS = [f.name for f in fields(Tables)]


@dataclass
class InMemoryStore(Tables):
    """The committed state, and how many units of work committed or rolled back.

    One unit of work at a time, like the bot's SQLite engine (one connection, ``BEGIN
    IMMEDIATE``): a second one waits for the first to end, so none loses another's writes.
    """

    committed: int = 0
    rolled_back: int = 0
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False, compare=False)
    _owner: asyncio.Task[Any] | None = field(default=None, repr=False, compare=False)

    async def begin(self) -> Tables:
        """Wait for the store, and return a private copy of its tables to work on."""
        task = asyncio.current_task()
        if task is not None and self._owner is task:
            raise RuntimeError(
                "a unit of work opened inside another on the same store: on SQLite (one "
                "connection) it would wait for the outer one forever"
            )
        await self._lock.acquire()
        self._owner = task
        return Tables(**{name: copy.deepcopy(getattr(self, name)) for name in _TABLE_FIELDS})

    def end(self, tables: Tables | None) -> None:
        """Commit ``tables`` (or roll back when None) and let the next unit of work in."""
        try:
            if tables is None:
                self.rolled_back += 1
            else:
                for name in _TABLE_FIELDS:
                    setattr(self, name, getattr(tables, name))
                self.committed += 1
        finally:
            self._owner = None
            self._lock.release()


class Transaction:
    """The working copy one unit of work's repositories share; closed when it ends."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self.open = True

    def close(self) -> Tables:
        """End the transaction; its tables, to commit or drop."""
        self.open = False
        return self._tables

    @property
    def tables(self) -> Tables:
        if not self.open:
            raise ResourceClosedError("This unit of work has ended")  # as a closed Connection
        return self._tables
