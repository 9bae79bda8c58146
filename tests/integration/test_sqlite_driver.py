"""The one-hop SQLite driver behaves like aiosqlite for everything SQLAlchemy asks of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.db.engine import create_engine


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'driver.sqlite3'}"


async def test_rows_counts_and_ids(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
            many = await conn.execute(
                text("INSERT INTO t (name) VALUES (:name)"), [{"name": f"n{i}"} for i in range(5)]
            )
            assert many.rowcount == 5
            one = await conn.execute(text("INSERT INTO t (name) VALUES ('x')"))
            assert one.lastrowid == 6
            ignored = await conn.execute(text("INSERT OR IGNORE INTO t (name) VALUES ('x')"))
            assert ignored.rowcount == 0
            changed = await conn.execute(text("UPDATE t SET name = name || '!' WHERE id <= 3"))
            assert changed.rowcount == 3
            rows = (await conn.execute(text("SELECT id, name FROM t ORDER BY id"))).all()
            assert [tuple(r) for r in rows[:2]] == [(1, "n0!"), (2, "n1!")] and len(rows) == 6
            returned = await conn.execute(text("DELETE FROM t WHERE id > 4 RETURNING id"))
            assert sorted(returned.scalars()) == [5, 6]
        async with engine.connect() as conn:
            streamed = await conn.stream(text("SELECT id FROM t ORDER BY id"))
            assert [row[0] async for row in streamed] == [1, 2, 3, 4]
            assert (await conn.execute(text("SELECT id FROM t WHERE id = 99"))).first() is None
    finally:
        await engine.dispose()


async def test_errors_surface_as_sqlalchemy_errors_and_roll_back(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
            await conn.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO t VALUES (2)"))
                await conn.execute(text("INSERT INTO t VALUES (1)"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 1
    finally:
        await engine.dispose()
