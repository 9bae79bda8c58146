"""aiosqlite with one thread hop per statement instead of four.

SQLAlchemy drives an aiosqlite cursor as: open it, execute, fetch the rows, close it,
and aiosqlite sends each of those to its SQLite thread and back (a queue put, a
thread wake-up, a loop wake-up). This connection's cursors do all four in one hop and
keep the rows, which is the largest share of the database's cost per update
(docs/benchmarks.md). Everything else is aiosqlite's own connection.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
from typing import Any

import aiosqlite

#: How long a connection that failed to open may take to stop its thread (seconds).
STOP_TIMEOUT = 5.0

Rows = deque[Any]
Outcome = tuple[Any, int, int | None, Rows]


def _run(conn: sqlite3.Connection, sql: str, parameters: Any, many: bool = False) -> Outcome:
    """Execute (``many``: for each parameter set), fetch every row and close: one hop."""
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        rows: Rows = deque(cursor.fetchall()) if cursor.description else deque()
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneHopCursor:
    """The part of aiosqlite's cursor that SQLAlchemy uses; results are buffered."""

    arraysize = 1

    def __init__(self, connection: OneHopConnection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: Rows = deque()

    async def __aenter__(self) -> OneHopCursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def _hop(self, sql: str, parameters: Any, many: bool) -> None:
        outcome = await self._connection.run(sql, parameters, many)
        self.description, self.rowcount, self.lastrowid, self._rows = outcome

    async def execute(self, sql: str, parameters: Any = ()) -> OneHopCursor:
        await self._hop(sql, () if parameters is None else parameters, many=False)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> OneHopCursor:
        await self._hop(sql, parameters, many=True)
        return self

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = min(len(self._rows), self.arraysize if size is None else size)
        return [self._rows.popleft() for _ in range(count)]

    async def fetchall(self) -> list[Any]:
        rows, self._rows = list(self._rows), deque()
        return rows

    async def nextset(self) -> None:
        return None

    async def setinputsizes(self, *_: Sequence[Any]) -> None:
        return None

    async def close(self) -> None:
        self._rows = deque()


class OneHopConnection(aiosqlite.Connection):
    """An aiosqlite connection whose cursors take one hop per statement."""

    def cursor(self) -> OneHopCursor:  # type: ignore[override]
        return OneHopCursor(self)

    async def run(self, sql: str, parameters: Any, many: bool) -> Outcome:
        """Run one statement on the SQLite thread; its rows come back with it."""
        call = partial(_run, self._conn, sql, parameters, many)
        return await self._execute(call)  # type: ignore[no-untyped-call,no-any-return]


def connector(database: str, **kwargs: Any) -> Callable[[], Awaitable[aiosqlite.Connection]]:
    """An ``async_creator`` for SQLAlchemy: opens ``database`` with ``sqlite3.connect`` kwargs."""

    async def connect() -> aiosqlite.Connection:
        connection = OneHopConnection(partial(sqlite3.connect, database, **kwargs), 64)
        connection._thread.daemon = True  # as SQLAlchemy does for plain aiosqlite
        try:
            return await connection
        except BaseException:
            # aiosqlite stops its thread without waiting; wait here, or the thread answers
            # after this event loop has closed and dies with a traceback of its own.
            await asyncio.to_thread(connection._thread.join, STOP_TIMEOUT)
            raise

    return connect
