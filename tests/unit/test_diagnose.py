"""Database failures explained in one line, with a hint and without the password."""

from __future__ import annotations

import asyncpg
import sqlalchemy.exc

from bot.db.diagnose import explain

URL = "postgresql+asyncpg://bot:s3cret-pw@db.example:5433/roadmap"


def test_a_wrong_password_names_the_user_and_how_to_write_the_password() -> None:
    refused = asyncpg.InvalidPasswordError('password authentication failed for user "bot"')
    line = explain(refused, URL)
    assert line is not None
    assert "db.example:5433" in line and "refused user bot" in line
    assert "%40" in line and "s3cret-pw" not in line


def test_a_wrapped_missing_database_is_found_under_sqlalchemys_wrapper() -> None:
    missing = asyncpg.InvalidCatalogNameError('database "roadmap" does not exist')
    wrapped = sqlalchemy.exc.ProgrammingError("connect", {}, missing)
    line = explain(wrapped, URL)
    assert line is not None and 'no database "roadmap"' in line and "createdb" in line


def test_other_errors_are_not_explained_as_database_failures() -> None:
    assert explain(ValueError("a bug"), URL) is None
    assert explain(OSError(98, "Address already in use"), URL) is None
