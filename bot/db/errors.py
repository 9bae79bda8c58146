"""Which exceptions came from the database: SQLAlchemy's own, or its drivers'."""

from __future__ import annotations

import sqlite3

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError

#: What SQLAlchemy and the drivers raise (SQLAlchemy wraps most driver errors; not all).
DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    SQLAlchemyError,
    sqlite3.Error,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)


def is_database_error(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an exception it was raised from, is a database error: one of
    SQLAlchemy's or a driver's, or a network error raised inside SQLAlchemy (its pool
    connecting to a server that is down or unreachable: asyncpg raises the ``OSError``
    unwrapped, and SQLAlchemy passes it on)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        if isinstance(exc, OSError) and _raised_through_sqlalchemy(exc):
            return True
        seen.add(id(exc))
        exc = exc.__cause__
    return False


def _raised_through_sqlalchemy(exc: BaseException) -> bool:
    """Whether SQLAlchemy's code is on the way from where ``exc`` was raised to where it
    was caught (SQLAlchemy makes no network calls but the database's)."""
    frame = exc.__traceback__
    while frame is not None:
        if str(frame.tb_frame.f_globals.get("__name__", "")).startswith("sqlalchemy."):
            return True
        frame = frame.tb_next
    return False
