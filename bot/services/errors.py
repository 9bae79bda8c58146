"""Errors the services raise for the handlers to answer."""

from __future__ import annotations

from bot.db.errors import is_database_error


class UnknownItem(LookupError):
    """A button named a resource, topic or step that is not (or no longer) in the roadmap."""


def database_failure(exc: BaseException | None) -> str | None:
    """One line naming a database failure (its type and first line: never the statement
    or its values); None when ``exc`` is not a database error."""
    if exc is None or not is_database_error(exc):
        return None
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
