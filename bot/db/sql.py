"""Statement helpers the repositories share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def insert_for(conn: AsyncConnection, table: Table) -> Any:
    """An INSERT that knows ``ON CONFLICT`` for the database behind ``conn``."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    return module.insert(table)
