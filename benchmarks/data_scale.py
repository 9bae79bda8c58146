"""Scale of the data: hot-path query times, size per learner and query plans at N learners.

    python -m benchmarks.data_scale --learners 100000                      # temporary SQLite
    python -m benchmarks.data_scale --learners 1000000
    python -m benchmarks.data_scale --learners 100000 \\
        --database postgresql+asyncpg://postgres@127.0.0.1:5432/bench_scale

Creates the schema with the project's migrations, fills N learners (settings, a weekly
reminder for 80% spread uniformly over one week, 0-20 progress rows each, a few
other-language topics), runs ANALYZE, then measures in-process with the real code:
the dispatcher's claim of one minute's due reminders (rolled back, so every repetition
sees the same rows), ``/next`` (``LearningService.open``) and a Done press
(``LearningService.resolve``) for random learners, the size per learner, and the plan
of every statement those calls issue. Last, it starts ``python -m bot`` against the
fake Bot API and reports start-up time to the first getUpdates and idle memory.
A PostgreSQL database must be named ``bench*``: it is dropped and created again.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.population import COLUMNS, FIRST_ID, add_population, language_code
from benchmarks.process import bot_process, status_kib
from bot.db.engine import create_engine, is_sqlite
from bot.db.migrate import upgrade_async
from bot.db.models import Reminder
from bot.db.reminders import ReminderRepository
from bot.db.uow import units_of_work
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.services.learning import LearningService
from bot.services.nudges import NudgeService
from bot.services.path import NextResource, Status
from bot.services.who import Who
from fake_bot_api import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAH" + "d" * 32
#: The dispatcher's defaults (NUDGE_BATCH_SIZE, NUDGE_LEASE_SECONDS).
BATCH, LEASE = 200, timedelta(minutes=5)
#: A sequential scan of a PostgreSQL table with at least this many rows is flagged.
BIG_TABLE = 10_000
IDLE_SECONDS = 5.0
HOUR = timedelta(hours=1)


def percentile(values: list[float], p: float) -> float:
    """The value below which ``p`` percent of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def summary(seconds: list[float]) -> dict[str, float]:
    """Median, p95 and maximum in milliseconds."""
    return {
        "n": len(seconds),
        "p50_ms": round(1000 * percentile(seconds, 50), 2),
        "p95_ms": round(1000 * percentile(seconds, 95), 2),
        "max_ms": round(1000 * max(seconds), 2),
    }


async def timed(repeat: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    """Durations of ``call(i)`` for i in range(repeat), after a few untimed warm-up calls."""
    for i in range(min(10, repeat)):
        await call(-1 - i)
    durations = []
    for i in range(repeat):
        started = time.perf_counter()
        await call(i)
        durations.append(time.perf_counter() - started)
    return durations


# -- the database ------------------------------------------------------------------------
def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    assert database, "an SQLite benchmark needs a file"
    return Path(database)


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def recreate(url: str) -> None:
    """Start from nothing: remove the SQLite file, or drop and create the PG database."""
    if is_sqlite(url):
        remove_sqlite(sqlite_path(url))
    else:
        await _drop_pg(url, create=True)


async def _drop_pg(url: str, *, create: bool = False) -> None:
    """Drop (and maybe create) the benchmark's PostgreSQL database."""
    name = make_url(url).database
    if not name or not name.startswith("bench"):
        raise SystemExit(f"refusing to drop database {name!r}: its name must start with 'bench'")
    admin = create_engine(
        make_url(url).set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if create:
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        await admin.dispose()


def sqlite_maintain(path: Path) -> dict[str, Any]:
    """ANALYZE, checkpoint the WAL into the file and measure both files and each table."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            tables = dict(conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
        except sqlite3.OperationalError:  # no dbstat in this build
            tables = {}
    finally:
        conn.close()
    wal = Path(f"{path}-wal")
    return {
        "file_bytes": path.stat().st_size,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
        "objects_bytes": tables,
    }


async def pg_maintain(engine: AsyncEngine) -> dict[str, Any]:
    """VACUUM ANALYZE (the steady state autovacuum reaches), then database and table sizes."""
    async with engine.connect() as conn:
        auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await auto.exec_driver_sql("VACUUM ANALYZE")
        size = await auto.scalar(text("SELECT pg_database_size(current_database())"))
        tables = {
            table: await auto.scalar(text(f"SELECT pg_total_relation_size('{table}')"))
            for table in COLUMNS
        }
    return {"database_bytes": size, "objects_bytes": tables}


async def maintain(url: str, engine: AsyncEngine, learners: int) -> dict[str, Any]:
    """ANALYZE and the size figures, with bytes per learner."""
    if is_sqlite(url):
        sizes = await asyncio.to_thread(sqlite_maintain, sqlite_path(url))
        total = sizes["file_bytes"] + sizes["wal_bytes"]
    else:
        sizes = await pg_maintain(engine)
        total = sizes["database_bytes"]
    objects = sum(sizes["objects_bytes"].values())
    return {
        **sizes,
        "total_bytes": total,
        "bytes_per_learner": round(total / learners, 1),
        "objects_bytes_per_learner": round(objects / learners, 1),
    }


# -- query plans --------------------------------------------------------------------------
@dataclass
class Statement:
    call: str
    sql: str
    parameters: Any


@asynccontextmanager
async def captured(engine: AsyncEngine, call: str, into: list[Statement]) -> AsyncIterator[None]:
    """Record every data statement the engine sends while the block runs."""

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        if sql.lstrip().split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            into.append(Statement(call, sql, params[0] if many else params))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def capture_hot_path(
    engine: AsyncEngine, learning: LearningService, minute: datetime
) -> list[Statement]:
    """The statements of claims, /next, Done and a nudge batch, as the real code sends them."""
    statements: list[Statement] = []
    for call, at in (("claim_due", minute), ("claim_due, an hour due", minute + HOUR)):
        async with captured(engine, call, statements), engine.connect() as conn:
            await ReminderRepository(conn).claim_due(at, BATCH, LEASE)
            await conn.rollback()
    who = populated_who(FIRST_ID + 7)
    async with captured(engine, "/next (open)", statements):
        snapshot = await learning.open(who)
    resource = next_resource(snapshot.next, learning)
    async with captured(engine, "Done (resolve)", statements):
        await learning.resolve(who, resource, Status.DONE)
    await capture_nudge_batch(engine, learning, minute + HOUR, statements)
    return statements


async def capture_nudge_batch(
    engine: AsyncEngine,
    learning: LearningService,
    at: datetime,
    into: list[Statement],
) -> None:
    """The dispatcher's claim and prepare of one batch (an API still changing: errors noted)."""
    nudges = NudgeService(units_of_work(engine), learning.roadmap, lambda: at, lease=LEASE)
    try:
        async with captured(engine, "nudge batch (claim, prepare)", into):
            await nudges.prepare(await nudges.claim(BATCH))
    except (AttributeError, TypeError) as exc:
        into.append(Statement("nudge batch (claim, prepare)", f"-- not captured: {exc!r}", None))


def plan_flags(lines: list[str], sqlite_db: bool, rows: dict[str, float]) -> dict[str, list[str]]:
    """Full scans of the bot's tables; whole-index walks (SQLite ``SCAN ... USING INDEX``)."""
    full: list[str] = []
    index_walks: list[str] = []
    for line in lines:
        if sqlite_db:
            match = re.search(r"\bSCAN (\w+)", line)
            if match and match.group(1) in COLUMNS:
                (index_walks if "INDEX" in line else full).append(line.strip())
        else:
            match = re.search(r"Seq Scan on (\w+)", line)
            if match and rows.get(match.group(1), 0) >= BIG_TABLE:
                full.append(line.strip())
    return {"full_scans": full, "whole_index_scans": index_walks}


async def explain(engine: AsyncEngine, statement: Statement, sqlite_db: bool) -> list[str]:
    """The plan as text lines (SQLite: EXPLAIN QUERY PLAN as a tree; PostgreSQL: EXPLAIN)."""
    async with engine.connect() as conn:
        if not sqlite_db:
            result = await conn.exec_driver_sql("EXPLAIN " + statement.sql, statement.parameters)
            lines = [row[0] for row in result]
        else:
            result = await conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement.sql, statement.parameters
            )
            depth: dict[int, int] = {0: -1}
            lines = []
            for node, parent, _, detail in cast("list[tuple[int, int, int, str]]", result.all()):
                depth[node] = depth.get(parent, -1) + 1
                lines.append("  " * depth[node] + detail)
        await conn.rollback()
    return lines


async def table_rows(engine: AsyncEngine, sqlite_db: bool) -> dict[str, float]:
    """The planner's row estimate per table (PostgreSQL only; SQLite needs none)."""
    if sqlite_db:
        return {}
    async with engine.connect() as conn:
        result = await conn.execute(
            text("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(:names)"),
            {"names": list(COLUMNS)},
        )
        return {name: float(rows) for name, rows in result}


async def plans(
    engine: AsyncEngine, learning: LearningService, minute: datetime
) -> list[dict[str, Any]]:
    """Plan and flags of every hot-path statement."""
    sqlite_db = engine.dialect.name == "sqlite"
    rows = await table_rows(engine, sqlite_db)
    out = []
    for statement in await capture_hot_path(engine, learning, minute):
        is_sql = not statement.sql.startswith("--")
        lines = await explain(engine, statement, sqlite_db) if is_sql else []
        out.append(
            {
                "call": statement.call,
                "sql": " ".join(statement.sql.split()),
                "plan": lines,
                **plan_flags(lines, sqlite_db, rows),
            }
        )
    return out


# -- timings ------------------------------------------------------------------------------
def populated_who(learner_id: int) -> Who:
    """The Telegram user behind a populated learner, as their updates would name them."""
    return Who(learner_id, learner_id, f"L{learner_id}", language_code(learner_id))


def next_resource(item: object, learning: LearningService) -> str:
    """The resource a Done press would name: the card's, else the roadmap's first."""
    if isinstance(item, NextResource):
        return item.resource.id
    return next(learning.roadmap.current.resources()).id


async def time_claims(engine: AsyncEngine, minute: datetime, repeat: int) -> list[float]:
    """``claim_due`` as the dispatcher runs it, with a rollback in place of the commit."""

    async def claim(_: int) -> None:
        async with engine.connect() as conn:
            await ReminderRepository(conn).claim_due(minute, BATCH, LEASE)
            await conn.rollback()

    return await timed(repeat, claim)


async def count_claimed(engine: AsyncEngine, at: datetime) -> int:
    """How many ids one claim at ``at`` returns."""
    async with engine.connect() as conn:
        ids = await ReminderRepository(conn).claim_due(at, BATCH, LEASE)
        await conn.rollback()
    return len(ids)


async def time_window(engine: AsyncEngine, start: datetime, repeat: int) -> list[float]:
    """A plain SELECT of the ids due within one minute (no lease, no lock)."""
    window = (
        select(Reminder.learner_id)
        .where(Reminder.next_at > start, Reminder.next_at <= start + timedelta(minutes=1))
        .order_by(Reminder.next_at)
    )

    async def select_due(_: int) -> None:
        async with engine.connect() as conn:
            (await conn.scalars(window)).all()
            await conn.rollback()

    return await timed(repeat, select_due)


async def time_learning(
    learning: LearningService, learners: int, repeat: int, rng: random.Random
) -> dict[str, list[float]]:
    """/next then Done on the card, each for ``repeat`` random learners (timed separately)."""
    ids = rng.sample(range(FIRST_ID, FIRST_ID + learners), min(learners, repeat + 10))
    opened: list[float] = []
    done: list[float] = []
    for i, learner_id in enumerate(ids):
        who = populated_who(learner_id)
        started = time.perf_counter()
        snapshot = await learning.open(who)
        middle = time.perf_counter()
        await learning.resolve(who, next_resource(snapshot.next, learning), Status.DONE)
        if i >= 10:  # the first ten warm up
            opened.append(middle - started)
            done.append(time.perf_counter() - middle)
    return {"next": opened, "done": done}


# -- the bot process ----------------------------------------------------------------------
async def bot_idle(url: str, cwd: str) -> dict[str, Any]:
    """Start ``python -m bot``: seconds to the first getUpdates, then memory after idling."""
    async with FakeTelegram() as fake:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING",
            "NUDGE_CHECK_SECONDS": "0",
        }
        async with bot_process(env, cwd) as bot:
            startup = await bot.first_poll(fake)
            await asyncio.sleep(IDLE_SECONDS)
            rss, hwm = status_kib(bot.pid, "VmRSS"), status_kib(bot.pid, "VmHWM")
        return {
            "startup_s": round(startup, 2),
            "idle_rss_mib": round(rss / 1024, 1),
            "idle_hwm_mib": round(hwm / 1024, 1),
            "problems": fake.check_problems()[:5],
            "bot_stderr_tail": bot.stderr_tail() if bot.failed() else "",
        }


async def bot_starts(url: str, cwd: str, starts: int) -> dict[str, Any]:
    """``bot_idle`` ``starts`` times in a row; medians of start-up time and idle memory."""
    runs = [await bot_idle(url, cwd) for _ in range(starts)]
    return {
        "startup_to_first_getUpdates_s": statistics.median(r["startup_s"] for r in runs),
        "idle_rss_mib": statistics.median(r["idle_rss_mib"] for r in runs),
        "idle_hwm_mib": statistics.median(r["idle_hwm_mib"] for r in runs),
        "runs": runs,
    }


def code_version() -> dict[str, str]:
    """The commit and a digest of ``bot/`` as measured (the checkout may hold uncommitted work)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "bot").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {"commit": head.stdout.strip(), "bot_sources_sha256": digest.hexdigest()[:12]}


# -- the run ------------------------------------------------------------------------------
async def fill(url: str, learners: int, holder: RoadmapHolder, week: datetime) -> dict[str, Any]:
    """Migrations, then the population; seconds and rows by table."""
    await recreate(url)
    started = time.perf_counter()
    await upgrade_async(url)
    migrated = time.perf_counter()
    rows = await add_population(
        url, learners, roadmap=holder.current, now=week, week_start=week, seed=learners
    )
    return {
        "migrate_s": round(migrated - started, 2),
        "fill_s": round(time.perf_counter() - migrated, 1),
        "rows": dict(rows),
    }


async def measure(
    url: str, args: argparse.Namespace, holder: RoadmapHolder, week: datetime
) -> dict[str, Any]:
    """Size, plans and timings against the filled database."""
    engine = create_engine(url)
    learning = LearningService(units_of_work(engine), holder)  # as in bot/app.py
    minute, hour = week + timedelta(minutes=1), week + HOUR
    try:
        size = await maintain(url, engine, args.learners)
        claim = summary(await time_claims(engine, minute, args.claims))
        claim_hour = summary(await time_claims(engine, hour, args.claims))
        window = summary(await time_window(engine, week, args.claims))
        learning_times = await time_learning(
            learning, args.learners, args.repeat, random.Random(args.learners)
        )
        return {
            "size": size,
            "due_per_minute": await count_claimed(engine, minute),
            "claim_due_minute": claim,
            "claim_due_hour_backlog": {
                **claim_hour,
                "claimed": await count_claimed(engine, hour),
            },
            "select_due_window": window,
            "next": summary(learning_times["next"]),
            "done": summary(learning_times["done"]),
            "plans": await plans(engine, learning, minute),
        }
    finally:
        await engine.dispose()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    holder = RoadmapHolder(load_roadmap(default_roadmap_path()))
    code = code_version()
    week = datetime.now(UTC).replace(second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        try:
            filled = await fill(url, args.learners, holder, week)
            measured = await measure(url, args, holder, week)
            idle = await bot_starts(url, tmp, args.starts)
        finally:
            if not is_sqlite(url) and not args.keep:
                await _drop_pg(url)
    return {
        "learners": args.learners,
        "database": make_url(url).get_backend_name(),
        "code": code,
        **filled,
        **measured,
        "bot": idle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1000, help="/next and Done presses timed")
    parser.add_argument("--claims", type=int, default=300, help="due-query repetitions")
    parser.add_argument(
        "--database", default=None, help="a database URL (default: a temporary SQLite file)"
    )
    parser.add_argument("--starts", type=int, default=3, help="bot starts for start-up/memory")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
