"""The schema's rules, read from ``bot.db.models``, applied to the fake's writes.

The fake refuses what PostgreSQL refuses (SQLite is laxer about lengths and types) and
raises the errors SQLAlchemy raises, so a unit test cannot pass on a write the database
would reject.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Boolean, CheckConstraint, Column, String, Table
from sqlalchemy.exc import CompileError, DataError, IntegrityError, ProgrammingError, StatementError

from bot.db.models import Base, UTCDateTime
from tests.fakes.store import Tables

K = TypeVar("K")
R = TypeVar("R")

TABLES: dict[str, Table] = dict(Base.metadata.tables)


def _rule(text: str) -> tuple[str, Callable[[Any], bool]]:
    if found := re.fullmatch(r"(\w+) IN \((.*)\)", text):
        allowed = frozenset(re.findall(r"'([^']*)'", found[2]))
        return found[1], allowed.__contains__
    if found := re.fullmatch(r"(\w+) BETWEEN (-?\d+) AND (-?\d+)", text):
        low, high = int(found[2]), int(found[3])
        return found[1], lambda value: bool(low <= value <= high)
    raise NotImplementedError(f"teach tests/fakes/schema.py the check {text!r}")


#: table -> column -> (constraint name, test) for the CHECK constraints.
CHECKS: dict[str, dict[str, tuple[str, Callable[[Any], bool]]]] = {
    name: {
        column: (str(check.name), test)
        for check in table.constraints
        if isinstance(check, CheckConstraint)
        for column, test in [_rule(str(check.sqltext))]
    }
    for name, table in TABLES.items()
}
for _table in TABLES.values():
    for _fk in _table.foreign_keys:  # the fake checks references against learners only
        assert _fk.target_fullname == "learners.id", _fk.target_fullname


def _integrity(message: str) -> IntegrityError:
    return IntegrityError("(in-memory)", None, Exception(message))


def _data(message: str) -> DataError:
    return DataError("(in-memory)", None, Exception(message))


def utc(value: datetime) -> datetime:
    """A datetime parameter as ``UTCDateTime`` binds it: aware, in UTC."""
    if value.tzinfo is None:
        raise StatementError(
            "naive datetime",
            "(in-memory)",
            None,
            ValueError("naive datetimes are not stored; pass an aware UTC datetime"),
        )
    return value.astimezone(UTC)


def row_limit(value: int) -> int:
    if value < 0:
        raise _data("LIMIT must not be negative")  # PostgreSQL; SQLite reads -1 as "all"
    return value


def bind(column: Column[Any], value: Any) -> Any:
    """``value`` as a parameter for ``column``: PostgreSQL's type checks, UTC datetimes."""
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        if not isinstance(value, datetime):
            raise _data(f"invalid input for {column}: {value!r}")
        return utc(value)
    if isinstance(column.type, Boolean):
        if value not in (0, 1):
            raise _data(f"invalid input for {column}: {value!r}")
        return bool(value)
    if not isinstance(value, column.type.python_type):
        raise _data(f"invalid input for {column}: {value!r}")
    return value


def checked(table_name: str, record: R, tables: Tables) -> R:
    """``record`` as the table stores it; raises what the database would refuse."""
    table = TABLES[table_name]
    for column in table.columns:
        value = bind(column, getattr(record, column.name))
        if value is None and not column.nullable:
            raise _integrity(f"NOT NULL constraint failed: {column}")
        size = column.type.length if isinstance(column.type, String) else None
        if size is not None and value is not None and len(value) > size:
            raise _data(f"value too long for type character varying({size})")
        check = CHECKS[table_name].get(column.name)
        if check is not None and value is not None and not check[1](value):
            raise _integrity(f"CHECK constraint failed: {check[0]}")
        if column.foreign_keys and value not in tables.learners:
            raise _integrity(f"FOREIGN KEY constraint failed: {column}")
        setattr(record, column.name, value)
    return record


def update(
    table_name: str,
    rows: dict[K, R],
    keys: Iterable[K],
    values: Mapping[str, Any],
    tables: Tables,
) -> list[K]:
    """``UPDATE table SET values WHERE key IN keys``: the keys of the rows updated.

    Like one statement: every row is checked before any is changed.
    """
    table = TABLES[table_name]
    if not values:
        raise ProgrammingError("(in-memory)", None, Exception("UPDATE with no SET clause"))
    unknown = sorted(set(values) - set(table.columns.keys()))
    if unknown:
        raise CompileError(f"Unconsumed column names: {', '.join(unknown)}")
    if any(table.columns[name].primary_key for name in values):
        raise NotImplementedError("the fake does not change primary keys")
    bound = {name: bind(table.columns[name], value) for name, value in values.items()}
    changed: dict[K, R] = {}
    for key in keys:
        if key in rows:
            row = copy.copy(rows[key])
            for name, value in bound.items():
                setattr(row, name, value)
            changed[key] = checked(table_name, row, tables)
    rows.update(changed)
    return list(changed)
