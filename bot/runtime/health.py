"""Health: is the database answering? Used by ``/healthz`` and ``python -m bot health``."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine, is_sqlite, ping

log = logging.getLogger(__name__)

#: How long ``SELECT 1`` may take before the database counts as unavailable (seconds).
DATABASE_TIMEOUT = 3.0


async def check_database(engine: AsyncEngine, seconds: float = DATABASE_TIMEOUT) -> str | None:
    """Run ``SELECT 1``; return None when it works, else a short reason without secrets."""
    try:
        async with asyncio.timeout(seconds):
            await ping(engine)
    except TimeoutError:
        log.warning("health: the database did not answer within %.1f s", seconds)
        return "timeout"
    except Exception as exc:  # any driver error means "unavailable"; details go to the log only
        log.warning("health: the database is unavailable: %s: %s", type(exc).__name__, exc)
        return f"error ({type(exc).__name__})"
    return None


async def check_database_url(url: str, seconds: float = DATABASE_TIMEOUT) -> str | None:
    """``check_database`` on a short-lived engine; a missing SQLite file is not created."""
    if is_sqlite(url):
        name = make_url(url).database
        if name and name != ":memory:" and not await asyncio.to_thread(Path(name).is_file):
            return "SQLite file not found"
    engine = create_engine(url)
    try:
        return await check_database(engine, seconds)
    finally:
        await engine.dispose()
