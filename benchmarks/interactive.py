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
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.population import add_learners
from benchmarks.process import bot_process, cpu_seconds
from bot.db.migrate import upgrade_async
from fake_bot_api import FakeTelegram, SimUser

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAH" + "c" * 32
ECHO = "benchmarks.echo_bot"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def learner(user: SimUser, rounds: int, latencies: list[float]) -> None:
    """Send /next, press Done on the answer (or choose, at a choice); ``rounds`` times."""
    for _ in range(rounds):
        started = time.perf_counter()
        await user.send("/next")
        card = await user.wait_message(timeout=60)
        latencies.append(time.perf_counter() - started)
        started = time.perf_counter()
        # Done on a resource; on a choice (the framework step), its first option.
        texts = card.button_texts()
        query = await user.press("✅ Done" if "✅ Done" in texts else texts[0], message=card)
        await user.wait_answer(query, timeout=60)
        await user.wait_message(timeout=60)
        latencies.append(time.perf_counter() - started)


async def profiler(pid: int, output: str) -> asyncio.subprocess.Process:
    """py-spy sampling the thread that holds the GIL (where the CPU goes), 200 times a second."""
    return await asyncio.create_subprocess_exec(
        shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy")),
        *("record", "--pid", str(pid), "--format", "raw", "--output", output),
        *("--rate", "200", "--nonblocking", "--gil"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def measure(
    module: str, args: argparse.Namespace, env: dict[str, str], ids: list[int]
) -> dict[str, Any]:
    async with FakeTelegram(latency=args.latency) as fake:
        users = [fake.user(i, first_name=f"L{i}") for i in ids]
        env = {**env, "TELEGRAM_API_BASE_URL": fake.base_url}
        async with bot_process(env, env["BENCH_CWD"], module) as bot:
            startup = await bot.first_poll(fake)
            await learner(users[0], 1, [])  # warm-up: imports, first queries
            spy = None
            if args.profile:
                output = args.profile if module == "bot" else f"{args.profile}.echo"
                spy = await profiler(bot.pid, output)
            latencies: list[float] = []
            cpu_before = cpu_seconds(bot.pid)
            started = time.perf_counter()
            await asyncio.gather(*(learner(u, args.rounds, latencies) for u in users))
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(bot.pid) - cpu_before
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                await spy.wait()
        problems = fake.check_problems()
        calls = Counter(c.method for c in fake.calls)
        if problems:
            raise RuntimeError(f"{module}: {problems[:3]} {bot.stderr_tail(300)}")
    return {
        "updates_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p95_ms": round(1000 * percentile(latencies, 95), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
        "bot_cpu_ms_per_update": round(1000 * cpu / len(latencies), 2),
        "startup_to_first_getUpdates_s": round(startup, 2),
        "api_calls": dict(calls.most_common()),
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
        runs = []
        for _ in range(args.repeat):  # alternate, so a busy spell hits both alike
            runs.append((await measure("bot", args, env, ids), await measure(ECHO, args, env, ids)))
    ratios = [ours["updates_per_s"] / echo["updates_per_s"] for ours, echo in runs]
    ours, echo = runs[ratios.index(statistics.median_low(ratios))]
    return {
        "learners": args.learners,
        "rounds": args.rounds,
        "latency_s": args.latency,
        "database": "postgresql" if args.database else "sqlite",
        "ours": ours,
        "echo": echo,
        "ratio": round(ours["updates_per_s"] / echo["updates_per_s"], 2),
        "ratios_of_all_runs": [round(r, 2) for r in ratios],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each API call")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run both bots this many times; report the median"
    )
    parser.add_argument(
        "--database", default=None, help="database URL (default: a temporary SQLite file)"
    )
    parser.add_argument(
        "--profile",
        default=None,
        help="write py-spy profiles here (ours) and to PROFILE.echo (the echo bot)",
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
