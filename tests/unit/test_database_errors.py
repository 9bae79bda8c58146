"""Which failures count as the database's: what the error handler names in one line."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from telegram.error import NetworkError

from bot.db.engine import create_engine
from bot.db.errors import is_database_error
from bot.services.errors import database_failure


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _failure(url: str) -> BaseException:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        return exc
    finally:
        await engine.dispose()
    raise AssertionError("the statement ran")


async def test_a_database_server_that_is_down_is_a_database_failure() -> None:
    """asyncpg raises the refused connection as a bare OSError; it came through SQLAlchemy."""
    exc = await _failure(f"postgresql+asyncpg://postgres@127.0.0.1:{_closed_port()}/test")
    assert isinstance(exc, OSError)
    assert is_database_error(exc)
    line = database_failure(exc)
    assert line is not None and line.startswith("ConnectionRefusedError: ")
    assert "\n" not in line


async def test_an_unopenable_sqlite_file_is_a_database_failure() -> None:
    exc = await _failure("sqlite+aiosqlite:////nonexistent-dir/x.sqlite3")
    assert database_failure(exc) == (
        "OperationalError: (sqlite3.OperationalError) unable to open database file"
    )


def test_a_database_error_behind_another_is_one_too() -> None:
    try:
        try:
            raise sqlite3.OperationalError("disk I/O error")
        except sqlite3.Error as inner:
            raise RuntimeError("while saving") from inner
    except RuntimeError as outer:
        assert is_database_error(outer)
        assert database_failure(outer) == "RuntimeError: while saving"


@pytest.mark.parametrize(
    "exc",
    [
        NetworkError("Bad Gateway (502)"),
        ValueError("not a number"),
        None,
    ],
)
def test_other_failures_are_not_the_databases(exc: BaseException | None) -> None:
    assert not is_database_error(exc)
    assert database_failure(exc) is None


def test_a_network_error_raised_outside_sqlalchemy_is_not_the_databases() -> None:
    try:
        socket.create_connection(("127.0.0.1", _closed_port()), timeout=5)
    except OSError as exc:
        assert not is_database_error(exc)
    else:
        raise AssertionError("connected to a closed port")


def test_sqlalchemy_errors_are_the_databases() -> None:
    exc = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert is_database_error(exc)
