"""Interactive load: many learners sending /next and pressing Done at once.

Runs our bot (``python -m bot``) and, in the same run, a bare PTB bot doing the same
API calls (``benchmarks/echo_bot.py``), each as a real process against the fake Bot
API server, and reports updates/s, reply latency percentiles and our/echo ratio.

    python -m benchmarks.interactive --learners 50 --rounds 20 --latency 0.0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.population import add_learners
from bot.db.migrate import upgrade_async
from bot.fakeapi import FakeTelegram, SimUser

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAH" + "c" * 32


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def learner(user: SimUser, rounds: int, latencies: list[float]) -> None:
    """Send /next, press Done on the answer; ``rounds`` times."""
    for _ in range(rounds):
        started = time.perf_counter()
        await user.send("/next")
        card = await user.wait_message(timeout=60)
        latencies.append(time.perf_counter() - started)
        started = time.perf_counter()
        query = await user.press("✅ Done", message=card)
        await user.wait_answer(query, timeout=60)
        await user.wait_message(timeout=60)
        latencies.append(time.perf_counter() - started)


async def measure(
    module: str, args: argparse.Namespace, env: dict[str, str], ids: list[int]
) -> dict[str, float]:
    async with FakeTelegram(latency=args.latency) as fake:
        users = [fake.user(i, first_name=f"L{i}") for i in ids]
        spawned = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            env={**env, "TELEGRAM_API_BASE_URL": fake.base_url},
            cwd=env["BENCH_CWD"],
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            while not fake.calls_to("getUpdates"):
                if proc.returncode is not None:
                    raise RuntimeError(f"{module} exited early")
                await asyncio.sleep(0.01)
            startup = time.perf_counter() - spawned
            await learner(users[0], 1, [])  # warm-up: imports, first queries
            spy = None
            if args.profile and module == "bot":
                spy = await asyncio.create_subprocess_exec(
                    "py-spy",
                    "record",
                    "--pid",
                    str(proc.pid),
                    "--format",
                    "raw",
                    "--output",
                    args.profile,
                    "--rate",
                    "200",
                    "--nonblocking",
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
            latencies: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(*(learner(u, args.rounds, latencies) for u in users))
            elapsed = time.perf_counter() - started
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                await spy.wait()
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await proc.communicate()
        problems = fake.check_problems()
        if problems:
            raise RuntimeError(f"{module}: {problems[:3]} {err.decode()[-300:]}")
    return {
        "updates_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        "startup_to_first_getUpdates_s": round(startup, 2),
    }


async def run(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await upgrade_async(url)
        ids = await add_learners(url, args.learners, now=datetime.now(UTC), due_at=None)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "BENCH_CWD": tmp,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT_PER_SECOND": "1000",  # the framework's ceiling, not Telegram's limit
            "NUDGE_CHECK_SECONDS": "0",
        }
        ours = await measure("bot", args, env, ids)
        echo = await measure("benchmarks.echo_bot", args, env, ids)
    return {
        "learners": args.learners,
        "rounds": args.rounds,
        "latency_s": args.latency,
        "database": "postgresql" if args.database else "sqlite",
        "ours": ours,
        "echo": echo,
        "ratio": round(ours["updates_per_s"] / echo["updates_per_s"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each API call")
    parser.add_argument(
        "--database", default=None, help="database URL (default: a temporary SQLite file)"
    )
    parser.add_argument("--profile", default=None, help="write a py-spy profile of our bot here")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
