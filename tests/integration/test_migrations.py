"""Migrations: upgrade an empty database to head; the models and migrations agree."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.engine import create_engine
from bot.db.migrate import alembic_config, upgrade_async
from bot.db.models import Base


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _settings_columns(connection: Connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("learner_settings")}


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the test database (it connects when first used: after an upgrade)."""
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def _old_learner(
    conn: AsyncConnection,
    learner_id: int,
    settings: dict[str, object] | None = None,
) -> None:
    """A learner row as any revision has it, with ``settings`` (columns of that revision)."""
    await conn.execute(
        text(
            "INSERT INTO learners (id, chat_id, created_at, last_seen_at)"
            " VALUES (:id, :id, '2026-11-30 10:00:00', '2026-11-30 10:00:00')"
        ).bindparams(id=learner_id)
    )
    if settings is not None:
        columns = ", ".join(["learner_id", *settings])
        values = ", ".join(f":{name}" for name in ["learner_id", *settings])
        await conn.execute(
            text(f"INSERT INTO learner_settings ({columns}) VALUES ({values})").bindparams(
                learner_id=learner_id, **settings
            )
        )


async def test_upgrade_from_empty_and_models_match(database_url: str, engine: AsyncEngine) -> None:
    await upgrade_async(database_url)
    async with engine.connect() as conn:
        assert await conn.run_sync(_diff) == []
        tables = await conn.run_sync(_tables)
    assert {"learners", "learner_settings", "progress", "alembic_version"} <= tables


async def test_upgrade_is_idempotent_and_downgrade_works(
    database_url: str, engine: AsyncEngine
) -> None:
    await upgrade_async(database_url)
    await upgrade_async(database_url)  # a restart runs it again: nothing happens
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "base")
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) <= {"alembic_version"}
    await upgrade_async(database_url)


async def test_upgrade_keeps_old_progress_and_allows_started(
    database_url: str, engine: AsyncEngine
) -> None:
    await upgrade_async(database_url, "0002")
    async with engine.begin() as conn:
        await _old_learner(conn, 7)
        await conn.execute(
            text(
                "INSERT INTO progress (learner_id, resource_id, status, updated_at) VALUES"
                " (7, 'clrs', 'done', '2026-11-30 10:00:00'),"
                " (7, 'grokking', 'skipped', '2026-11-30 10:00:00')"
            )
        )
    await upgrade_async(database_url)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO progress (learner_id, resource_id, status, updated_at)"
                " VALUES (7, 'fluent-python', 'started', '2026-12-01 10:00:00')"
            )
        )
        rows = (await conn.execute(text("SELECT resource_id, status FROM progress"))).all()
    assert sorted(map(tuple, rows)) == [
        ("clrs", "done"),
        ("fluent-python", "started"),
        ("grokking", "skipped"),
    ]
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO progress (learner_id, resource_id, status, updated_at)"
                    " VALUES (7, 'other', 'maybe', '2026-12-01 10:00:00')"
                )
            )


async def test_learners_from_before_revisions_are_on_revision_one_and_may_know_topics(
    database_url: str,
    engine: AsyncEngine,
) -> None:
    await upgrade_async(database_url, "0003")
    async with engine.begin() as conn:
        await _old_learner(conn, 7, {"ui_language": "en", "material_language": "en"})
        await conn.execute(
            text(
                "INSERT INTO progress (learner_id, resource_id, status, updated_at)"
                " VALUES (7, 'leetcode', 'done', '2026-11-30 10:00:00')"
            )
        )
    await upgrade_async(database_url)
    async with engine.begin() as conn:
        settings = (
            await conn.execute(text("SELECT free_only, roadmap_revision FROM learner_settings"))
        ).one()
        await conn.execute(
            text(
                "INSERT INTO progress (learner_id, resource_id, status, updated_at)"
                " VALUES (7, 'hackerrank', 'unneeded', '2026-12-02 10:00:00')"
            )
        )
        rows = (await conn.execute(text("SELECT resource_id, status FROM progress"))).all()
    assert (bool(settings[0]), settings[1]) == (False, 1)
    assert sorted(map(tuple, rows)) == [("hackerrank", "unneeded"), ("leetcode", "done")]


async def test_notes_cascade_and_a_note_prompt_survives_a_downgrade(
    database_url: str, engine: AsyncEngine
) -> None:
    await upgrade_async(database_url, "0005")
    async with engine.begin() as conn:
        await _old_learner(
            conn, 7, {"ui_language": "en", "material_language": "en", "awaiting": "timezone"}
        )
        await _old_learner(conn, 8, {"ui_language": "fa", "material_language": "fa"})
    await upgrade_async(database_url)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE learner_settings SET awaiting = :awaiting WHERE learner_id = 8"
            ).bindparams(awaiting="note:" + "r" * 32)
        )
        await conn.execute(
            text(
                "INSERT INTO notes (learner_id, resource_id, text, created_at, updated_at)"
                " VALUES (7, 'clrs', 'a', '2026-12-01 10:00:00', '2026-12-01 10:00:00'),"
                " (8, 'clrs', 'b', '2026-12-01 10:00:00', '2026-12-01 10:00:00')"
            )
        )
        await conn.execute(text("DELETE FROM learners WHERE id = 7"))
        notes = (await conn.execute(text("SELECT learner_id, text FROM notes"))).all()
    assert [tuple(row) for row in notes] == [(8, "b")]
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0005")
    async with engine.connect() as conn:
        assert "notes" not in await conn.run_sync(_tables)
        awaiting = (await conn.execute(text("SELECT awaiting FROM learner_settings"))).all()
    assert [tuple(row) for row in awaiting] == [(None,)]  # the note prompt did not fit


async def test_study_plan_columns_keep_settings_refuse_bad_hours_and_downgrade(
    database_url: str,
    engine: AsyncEngine,
) -> None:
    await upgrade_async(database_url, "0006")
    async with engine.begin() as conn:
        await _old_learner(conn, 7, {"ui_language": "fa", "material_language": "fa"})
    await upgrade_async(database_url, "0007")
    async with engine.begin() as conn:
        plan = (
            await conn.execute(
                text("SELECT ui_language, plan_hours, plan_set_at FROM learner_settings")
            )
        ).all()
        assert [tuple(row) for row in plan] == [("fa", None, None)]
        await conn.execute(
            text(
                "UPDATE learner_settings SET plan_hours = 5, plan_done_hours = 12,"
                " plan_set_at = '2026-12-01 10:00:00'"
            )
        )
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE learner_settings SET plan_hours = 81"))
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0006")
    async with engine.connect() as conn:
        columns = await conn.run_sync(_settings_columns)
    assert "plan_hours" not in columns and "ui_language" in columns


async def test_reviews_default_on_cascade_and_downgrade(
    database_url: str, engine: AsyncEngine
) -> None:
    await upgrade_async(database_url, "0007")
    async with engine.begin() as conn:
        await _old_learner(conn, 7, {"ui_language": "en", "material_language": "en"})
        await _old_learner(conn, 8, {"ui_language": "fa", "material_language": "fa"})
    await upgrade_async(database_url)
    async with engine.begin() as conn:
        review = (await conn.execute(text("SELECT review FROM learner_settings"))).all()
        assert [bool(row[0]) for row in review] == [True, True]  # on for everyone
        await conn.execute(
            text(
                "INSERT INTO reviews (learner_id, topic_id, stage, asked, asked_at)"
                " VALUES (7, 'git', 1, 1, '2026-12-01 10:00:00'),"
                " (8, 'git', 3, 2, '2026-12-01 10:00:00')"
            )
        )
        await conn.execute(text("DELETE FROM learners WHERE id = 7"))
        left = (await conn.execute(text("SELECT learner_id, stage FROM reviews"))).all()
    assert [tuple(row) for row in left] == [(8, 3)]
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO reviews (learner_id, topic_id, stage, asked_at)"
                    " VALUES (8, 'sql', 4, '2026-12-01 10:00:00')"
                )
            )
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0007")
    async with engine.connect() as conn:
        assert "reviews" not in await conn.run_sync(_tables)
        columns = await conn.run_sync(_settings_columns)
    assert "review" not in columns


async def test_the_map_photo_columns_start_empty_and_downgrade(
    database_url: str, engine: AsyncEngine
) -> None:
    await upgrade_async(database_url, "0008")
    async with engine.begin() as conn:
        await _old_learner(
            conn, 7, {"ui_language": "fa", "material_language": "both", "review": False}
        )
    await upgrade_async(database_url)
    async with engine.begin() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT ui_language, material_language, review, map_message_id,"
                    " map_shown FROM learner_settings"
                )
            )
        ).one()
        assert (row[0], row[1], bool(row[2]), row[3], row[4]) == (
            "fa",
            "both",
            False,
            None,
            None,
        )
        await conn.execute(
            text("UPDATE learner_settings SET map_message_id = 5000000000, map_shown = 'a'")
        )
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0008")
    async with engine.connect() as conn:
        columns = await conn.run_sync(_settings_columns)
    assert not {"map_message_id", "map_shown"} & columns and "review" in columns
