"""Why the database cannot be used, in one line an operator can act on.

``explain`` turns what the start-up raised (SQLite, asyncpg, network errors, however
SQLAlchemy or Alembic wrapped them) into such a line; ``probe`` finds the same problems
without starting the bot and without writing anything (``python -m bot check``).
"""

from __future__ import annotations

import asyncio
import errno
import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.db.engine import create_engine, is_sqlite, ping

#: How long ``probe`` waits for the database to answer (seconds).
PROBE_TIMEOUT = 5.0
#: Connection errors that mean "no server there" (beside ``ConnectionError``).
_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT, errno.EADDRNOTAVAIL}
_ELSEWHERE = "or point DATABASE_URL elsewhere"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it wraps: ``__cause__``, ``__context__`` and SQLAlchemy's ``orig``."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        todo += [
            orig if isinstance(orig, BaseException) else None,
            current.__cause__,
            current.__context__,
        ]


def sqlite_problem(database: str | None) -> str | None:
    """What keeps SQLite from creating or writing ``database`` (None: nothing seen).

    Only looks (``os.access``): nothing is created. SQLite in WAL mode writes files
    beside the database, so its directory must be writable too.
    """
    if not database or database == ":memory:":
        return None
    path = Path(database)
    folder = path.parent
    where = f"cannot use the SQLite file {path}:"
    if path.is_dir():
        return f"{where} it is a directory (name a file, {_ELSEWHERE})"
    if not folder.exists():
        return f"{where} the directory {folder} does not exist (create it, {_ELSEWHERE})"
    if not folder.is_dir():
        return f"{where} {folder} is not a directory ({_ELSEWHERE})"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{where} the directory {folder} is not writable by this user "
            f"(make it writable, {_ELSEWHERE})"
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return f"{where} the file is not writable by this user (make it writable, {_ELSEWHERE})"
    return None


def _server(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def explain(exc: BaseException, database_url: str) -> str | None:
    """One line, with a hint, for a database failure; None when ``exc`` is not one.

    The password is never part of the line.
    """
    url = make_url(database_url)
    causes = list(_causes(exc))
    if is_sqlite(database_url):
        for cause in causes:
            if isinstance(cause, sqlite3.Error):
                found = sqlite_problem(url.database)
                if found is not None:
                    return found
                return f"cannot use the SQLite file {url.database}: {cause} ({_ELSEWHERE})"
        return None
    try:
        import asyncpg  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        return None
    server = _server(url)
    for cause in causes:
        if isinstance(cause, asyncpg.InvalidCatalogNameError):
            return (
                f'PostgreSQL at {server} has no database "{url.database}" '
                f"(create it: createdb -h {url.host or 'localhost'} -U {url.username} "
                f"{url.database}; or fix DATABASE_URL)"
            )
        if isinstance(
            cause, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError
        ):
            return (
                f"PostgreSQL at {server} refused user {url.username}: {cause} "
                "(check the user and password in DATABASE_URL; write @ : / % in them "
                "as %40 %3A %2F %25)"
            )
        if isinstance(cause, asyncpg.PostgresError):
            return f"PostgreSQL at {server}: {cause} (check DATABASE_URL and the server)"
    for cause in causes:
        if isinstance(cause, TimeoutError):
            return f"PostgreSQL at {server} did not answer in time (is it up and reachable?)"
        if isinstance(cause, ConnectionError | socket.gaierror) or (
            isinstance(cause, OSError) and cause.errno in _UNREACHABLE
        ):
            reason = cause.strerror or str(cause) or type(cause).__name__
            return (
                f"cannot connect to PostgreSQL at {server}: {reason} "
                "(is it running there, and is the host in DATABASE_URL right?)"
            )
    return None


async def probe(database_url: str, seconds: float = PROBE_TIMEOUT) -> str | None:
    """Whether the bot could open the database: None, else ``explain``'s line.

    A SQLite file is not created (only its directory is looked at); a server database
    gets a ``SELECT 1``.
    """
    if is_sqlite(database_url):
        return await asyncio.to_thread(sqlite_problem, make_url(database_url).database)
    engine = create_engine(database_url)
    try:
        async with asyncio.timeout(seconds):
            await ping(engine)
    except Exception as exc:
        return explain(exc, database_url) or f"{type(exc).__name__}: {exc}"
    finally:
        await engine.dispose()
    return None
