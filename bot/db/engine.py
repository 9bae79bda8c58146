"""Engine and session factory, with SQLite tuned for concurrent writers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.db.sqlite_driver import connector

#: How long a SQLite writer waits for another process's lock before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; SQLite gets WAL, a busy timeout and IMMEDIATE transactions."""
    # Errors quote the statement but never its values (learners' names, notes, texts).
    kwargs.setdefault("hide_parameters", True)
    if not is_sqlite(url):
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **kwargs)
    # One connection serialises this process's writes without lock contention; WAL
    # keeps readers in other processes unblocked; BEGIN IMMEDIATE takes the write lock
    # up front so a reader never has to upgrade (the classic "database is locked").
    kwargs.setdefault("pool_size", 1)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_timeout", 60)
    args, connect_args = SQLiteDialect_aiosqlite().create_connect_args(make_url(url))
    connect_args.update(kwargs.pop("connect_args", {}))
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    # aiosqlite, with one thread hop per statement (bot/db/sqlite_driver.py).
    kwargs.setdefault("async_creator", connector(*args, **connect_args))
    engine = create_async_engine(url, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if make_url(url).database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


async def ping(engine: AsyncEngine) -> None:
    """``SELECT 1`` on a connection of ``engine``: raises whatever the driver raises."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
