"""Fill a database with many learners quickly (bulk inserts, no Telegram)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.engine import create_engine, is_sqlite
from bot.db.models import Base, Learner, LearnerSettings, Reminder
from bot.roadmap.models import Roadmap, StepMode

FIRST_ID = 10_000_000
CHUNK = 5_000


async def add_learners(
    database_url: str, count: int, *, now: datetime, due_at: datetime | None
) -> list[int]:
    """Insert ``count`` onboarded learners; with ``due_at``, each has a reminder due then."""
    ids = list(range(FIRST_ID, FIRST_ID + count))
    engine = create_engine(database_url)
    try:
        for start in range(0, count, CHUNK):
            chunk = ids[start : start + CHUNK]
            async with engine.begin() as conn:
                await conn.execute(
                    insert(Learner),
                    [
                        {
                            "id": i,
                            "chat_id": i,
                            "first_name": f"L{i}",
                            "created_at": now,
                            "last_seen_at": now,
                            "onboarded_at": now,
                        }
                        for i in chunk
                    ],
                )
                await conn.execute(
                    insert(LearnerSettings),
                    [
                        {"learner_id": i, "ui_language": "en", "material_language": "en"}
                        for i in chunk
                    ],
                )
                if due_at is not None:
                    await conn.execute(
                        insert(Reminder),
                        [
                            {
                                "learner_id": i,
                                "enabled": True,
                                "weekday": due_at.weekday(),
                                "hour": due_at.hour,
                                "timezone": "UTC",
                                "next_at": due_at,
                            }
                            for i in chunk
                        ],
                    )
    finally:
        await engine.dispose()
    return ids


# -- a realistic population at scale (benchmarks/data_scale.py) ---------------------------

#: Timezones of the population and their weights.
TIMEZONES = (("UTC", 3), ("Europe/Berlin", 2), ("Asia/Tehran", 4), ("America/New_York", 1))
WEEK = timedelta(days=7)
YEAR = timedelta(days=365)
Row = tuple[Any, ...]


def language_code(learner_id: int) -> str:
    """The Telegram language of a populated learner: Persian for 30%, English otherwise."""
    return "fa" if learner_id % 10 < 3 else "en"


def study_orders(roadmap: Roadmap) -> list[list[str]]:
    """The resource ids in walking order, one list per framework choice."""
    choice = roadmap.choice_step
    options = [t.id for t in choice.options] if choice is not None else [None]
    orders = []
    for framework in options:
        order: list[str] = []
        for step in roadmap.steps:
            if step.mode is StepMode.ELECTIVES:
                topics = step.topics[:1]
            elif step.mode is StepMode.CHOOSE_ONE:
                topics = [t for t in step.topics if t.shared or t.id == framework]
            else:
                topics = step.topics
            order += [r.id for topic in topics for r in topic.resources]
        orders.append(order)
    return orders


@dataclass
class Population:
    """Generates chunks of learners with settings, reminders, progress and topic languages."""

    roadmap: Roadmap
    now: datetime
    #: Reminders' ``next_at`` are spread uniformly over ``[week_start, week_start + 7 days)``.
    week_start: datetime
    seed: int = 1
    rng: random.Random = field(init=False)
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.orders = study_orders(self.roadmap)
        choice = self.roadmap.choice_step
        self.frameworks = [t.id for t in choice.options] if choice is not None else [None]
        self.before_choice = self._resources_before_choice()
        self.topic_ids = [t.id for s in self.roadmap.steps for t in s.topics]
        self.zones = [ZoneInfo(name) for name, _ in TIMEZONES]
        self.zone_weights = [w for _, w in TIMEZONES]

    def _resources_before_choice(self) -> int:
        count = 0
        for step in self.roadmap.steps:
            if step.mode is StepMode.CHOOSE_ONE:
                break
            count += sum(len(t.resources) for t in step.topics)
        return count

    def chunk(self, ids: range) -> dict[str, list[Row]]:
        """Rows for these learners, by table (columns as in ``COLUMNS``)."""
        rows: dict[str, list[Row]] = {table: [] for table in COLUMNS}
        for learner_id in ids:
            self._learner(learner_id, rows)
        for table, table_rows in rows.items():
            self.counts[table] += len(table_rows)
        return rows

    def _learner(self, learner_id: int, rows: dict[str, list[Row]]) -> None:
        rng = self.rng
        created = self.now - YEAR * rng.random()
        seen = created + (self.now - created) * rng.random()
        onboarded = rng.random() < 0.95
        blocked = seen if rng.random() < 0.02 else None
        done = round(rng.triangular(0, 20, 4)) if onboarded else 0
        framework_index = rng.randrange(len(self.orders))
        order = self.orders[framework_index][:done]
        code = language_code(learner_id)
        material = "en" if code == "en" else rng.choice(("fa", "both"))
        framework = self.frameworks[framework_index] if done > self.before_choice else None
        rows["learners"].append(
            (
                learner_id,
                learner_id,
                f"L{learner_id}",
                code,
                created,
                seen,
                created + timedelta(minutes=1) if onboarded else None,
                blocked,
                seen if order else None,
            )
        )
        rows["learner_settings"].append((learner_id, code, material, framework, None, None, None))
        for position, resource_id in enumerate(order):
            status = "skipped" if rng.random() < 0.15 else "done"
            moment = created + (seen - created) * (position + 1) / len(order)
            rows["progress"].append((learner_id, resource_id, status, moment))
        if rng.random() < 0.05:
            rows["topic_languages"].append((learner_id, rng.choice(self.topic_ids), seen))
        if onboarded and rng.random() < 0.8:
            rows["reminders"].append(self._reminder(learner_id, blocked is not None))

    def _reminder(self, learner_id: int, blocked: bool) -> Row:
        rng = self.rng
        next_at = self.week_start + WEEK * rng.random()
        zone = rng.choices(self.zones, self.zone_weights)[0]
        local = next_at.astimezone(zone)
        sent = rng.randrange(20)
        return (
            learner_id,
            True,
            local.weekday(),
            local.hour,
            zone.key,
            None if blocked else next_at,
            None,
            None,
            next_at - WEEK if sent else None,
            sent,
        )


#: Column order of the rows ``Population`` generates.
COLUMNS: dict[str, tuple[str, ...]] = {
    "learners": (
        "id",
        "chat_id",
        "first_name",
        "language_code",
        "created_at",
        "last_seen_at",
        "onboarded_at",
        "blocked_at",
        "last_studied_at",
    ),
    "learner_settings": (
        "learner_id",
        "ui_language",
        "material_language",
        "framework",
        "start_at",
        "elective",
        "awaiting",
    ),
    "progress": ("learner_id", "resource_id", "status", "updated_at"),
    "topic_languages": ("learner_id", "topic_id", "created_at"),
    "reminders": (
        "learner_id",
        "enabled",
        "weekday",
        "hour",
        "timezone",
        "next_at",
        "claimed_until",
        "sending_since",
        "last_sent_at",
        "sent_count",
    ),
}


async def _write_sqlite(conn: AsyncConnection, table: str, rows: list[Row]) -> None:
    """executemany with values converted by the columns' own types (UTC text timestamps)."""
    columns = COLUMNS[table]
    dialect, types = conn.dialect, [Base.metadata.tables[table].c[c].type for c in columns]
    processors = [t.dialect_impl(dialect).bind_processor(dialect) for t in types]
    pairs = [(i, p) for i, p in enumerate(processors) if p is not None]
    if pairs:
        converted = []
        for row in rows:
            values = list(row)
            for i, process in pairs:
                values[i] = process(values[i])
            converted.append(tuple(values))
        rows = converted
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    await conn.exec_driver_sql(sql, rows)


async def _write_postgresql(conn: AsyncConnection, table: str, rows: list[Row]) -> None:
    """COPY through the raw asyncpg connection."""
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    await driver.copy_records_to_table(table, records=rows, columns=list(COLUMNS[table]))


async def add_population(
    database_url: str,
    count: int,
    *,
    roadmap: Roadmap,
    now: datetime,
    week_start: datetime,
    seed: int = 1,
    chunk: int = 20_000,
) -> Counter[str]:
    """Insert ``count`` learners (ids from ``FIRST_ID``) with realistic rows; counts by table."""
    population = Population(roadmap, now, week_start, seed)
    write = _write_sqlite if is_sqlite(database_url) else _write_postgresql
    engine = create_engine(database_url)
    try:
        for start in range(FIRST_ID, FIRST_ID + count, chunk):
            rows = population.chunk(range(start, min(start + chunk, FIRST_ID + count)))
            async with engine.begin() as conn:
                for table in COLUMNS:  # parents first
                    if rows[table]:
                        await write(conn, table, rows[table])
    finally:
        await engine.dispose()
    return population.counts
