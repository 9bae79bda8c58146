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
    """Whether ``exc``, or an exception it was raised from, is a database error."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__
    return False
