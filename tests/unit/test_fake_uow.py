"""What the in-memory unit of work promises beyond the contract it shares with SQL."""

from __future__ import annotations

import asyncio
from dataclasses import fields
from datetime import UTC, datetime

import pytest

from bot.db.rows import NewLearner
from bot.services.uow import UnitsOfWork
from tests.fakes.schema import TABLES
from tests.fakes.store import (
    TABLE_NAMES,
    LearnerRecord,
    NoteRecord,
    ProgressRecord,
    ReminderRecord,
    ReviewRecord,
    SettingsRecord,
    TopicLanguageRecord,
)
from tests.fakes.uow import InMemoryStore, fake_units

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def new(learner_id: int) -> NewLearner:
    return NewLearner(learner_id, learner_id, "Ada", "en", "en", "en", T0)


def test_records_mirror_the_tables() -> None:
    """Same columns, same order: what ``Tables.dump`` compares with SQL's rows."""
    records = {
        "learners": LearnerRecord,
        "learner_settings": SettingsRecord,
        "progress": ProgressRecord,
        "topic_languages": TopicLanguageRecord,
        "reminders": ReminderRecord,
        "notes": NoteRecord,
        "reviews": ReviewRecord,
    }
    assert set(records) == set(TABLE_NAMES) == set(TABLES)
    for table, record in records.items():
        assert [f.name for f in fields(record)] == list(TABLES[table].columns.keys())


async def test_commits_and_rollbacks_are_counted() -> None:
    store = InMemoryStore()
    units: UnitsOfWork = fake_units(store)
    async with units() as uow:
        await uow.learners.add(new(1))
        await uow.progress.mark(1, ["a", "b"], "done", T0)
    assert (store.committed, store.rolled_back) == (1, 0)
    with pytest.raises(KeyError):
        async with units() as uow:
            await uow.learners.delete(1)
            raise KeyError
    assert (store.committed, store.rolled_back) == (1, 1)
    assert sorted(store.progress) == [(1, "a"), (1, "b")]


async def test_a_store_seeded_directly_is_read_back() -> None:
    store = InMemoryStore()
    store.learners[7] = LearnerRecord(7, 70, "Ada", "en", T0, T0)
    store.settings[7] = SettingsRecord(7, "fa", "both", framework="django")
    async with fake_units(store)() as uow:
        row = await uow.learners.row(7)
    assert row is not None and row.settings.framework == "django"
    assert store.committed == 1


async def test_values_returned_are_copies() -> None:
    store = InMemoryStore()
    async with fake_units(store)() as uow:
        await uow.learners.add(new(1))
        await uow.progress.mark(1, ["a"], "done", T0)
        statuses, _ = await uow.progress.position(1)
        statuses["a"] = "skipped"
        assert (await uow.progress.position(1))[0] == {"a": "done"}


async def test_a_unit_of_work_inside_another_is_refused() -> None:
    """On SQLite (one pooled connection) the inner one would wait for ever."""
    units = fake_units(InMemoryStore())
    async with units():
        with pytest.raises(RuntimeError, match="inside another"):
            async with units():
                pass
    async with units():  # the store is free again
        pass


async def test_concurrent_units_of_work_take_turns() -> None:
    """Like SQLite's ``BEGIN IMMEDIATE``: the second waits, and no write is lost."""
    store = InMemoryStore()
    units = fake_units(store)
    async with units() as uow:
        await uow.learners.add(new(1))

    async def study(resource: str) -> None:
        async with units() as uow:
            statuses, _ = await uow.progress.position(1)
            await asyncio.sleep(0)
            await uow.progress.mark(1, [resource, *statuses], "done", T0)

    await asyncio.gather(study("a"), study("b"))
    assert sorted(store.progress) == [(1, "a"), (1, "b")]
    assert store.committed == 3
