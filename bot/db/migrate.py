"""Apply Alembic migrations from code (the bot does this on start)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

import bot


def migrations_dir() -> Path:
    """The repo's ``migrations/`` folder: beside the package, else in the working directory."""
    for candidate in (
        Path(bot.__file__).resolve().parent.parent / "migrations",
        Path("migrations"),
    ):
        if (candidate / "env.py").is_file():
            return candidate.resolve()
    raise FileNotFoundError("cannot find the migrations/ folder (run from the project directory)")


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["database_url"] = database_url
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database up to ``revision``; safe to run on every start."""
    command.upgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str, revision: str = "head") -> None:
    """``upgrade`` from inside a running event loop (Alembic's async env runs its own loop)."""
    await asyncio.to_thread(upgrade, database_url, revision)
