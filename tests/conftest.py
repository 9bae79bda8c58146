"""Fixtures shared by every tier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.roadmap.models import Roadmap
from tests.databases import temporary_database

#: A token with BotFather's shape; the fake Bot API accepts it, Telegram never sees it.
TEST_TOKEN = "123456789:AAH" + "x" * 32


@pytest.fixture(scope="session")
def roadmap() -> Roadmap:
    return load_roadmap(default_roadmap_path())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database: a SQLite file, and PostgreSQL when the server is reachable."""
    async with temporary_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> AsyncIterator[str]:
    async with temporary_database("sqlite", tmp_path) as url:
        yield url
