"""Nudge fan-out: N due learners, the real bot process, a fake Telegram enforcing a rate limit.

    python -m benchmarks.nudge_fanout --learners 10000            # 30 msg/s, as Telegram
    python -m benchmarks.nudge_fanout --learners 1000 --latency 0.05
    python -m benchmarks.nudge_fanout --learners 10000 --paid     # paid broadcast: 1,000/s

Reports achieved messages/s against the limit, the number of 429s, and the bot
process's memory (peak RSS), so runs with different N show whether memory is flat.
With ``--paid`` the bot runs with ``NUDGE_PAID_BROADCAST=true`` and the fake counts
messages carrying ``allow_paid_broadcast`` in their own window of ``--paid-limit``
(default 1,000) a second; the rate is reported against that limit. CPU seconds used
by the bot process and by this process (the fake server) show which side is busy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.population import add_learners
from benchmarks.process import bot_process, cpu_seconds, status_kib
from bot.db.migrate import upgrade_async
from fake_bot_api import FakeTelegram
from fake_bot_api.ratelimit import is_paid_broadcast

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAH" + "b" * 32


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def nudges(fake: FakeTelegram) -> list[float]:
    """Arrival times of the nudges the fake accepted."""
    return sorted(
        c.started_at
        for c in fake.calls_to("sendMessage")
        if c.ok and "Study time" in str(c.params.get("text"))
    )


class Progress:
    """Counts delivered nudges incrementally (the fake's loop must not stall on us)."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake, self.seen, self.count = fake, 0, 0

    def delivered(self) -> int:
        calls = self.fake.calls
        for call in calls[self.seen :]:
            if call.pending:
                break
            self.seen += 1
            self.count += call.method == "sendMessage" and call.ok
        return self.count


async def run(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await upgrade_async(url)
        now = datetime.now(UTC)
        ids = await add_learners(url, args.learners, now=now, due_at=now - timedelta(minutes=1))
        limit = args.paid_limit if args.paid else args.limit
        async with FakeTelegram(
            overall_rate_limit=args.limit,
            paid_broadcast_rate_limit=args.paid_limit,
            latency=args.latency,
        ) as fake:
            for learner_id in ids:
                fake.user(learner_id)
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": fake.base_url,
                "DATABASE_URL": url,
                "NUDGE_CHECK_SECONDS": "1",
                "LOG_LEVEL": "WARNING",
                **({"RATE_LIMIT_PER_SECOND": str(args.rate)} if args.rate else {}),
                **({"NUDGE_RATE_PER_SECOND": str(args.rate)} if args.rate else {}),
                **({"NUDGE_PAID_BROADCAST": "true"} if args.paid else {}),
            }
            started = time.monotonic()
            async with bot_process(env, tmp) as bot:
                print(f"bot process: pid {bot.pid}", file=sys.stderr, flush=True)  # for py-spy
                samples: list[int] = []
                progress = Progress(fake)
                cpu_first: tuple[float, float, float] | None = None
                deadline = started + args.learners / limit * 1.5 + 60
                while progress.delivered() < args.learners and time.monotonic() < deadline:
                    if bot.proc.returncode is not None:
                        break
                    if cpu_first is None and progress.count:
                        cpu_first = (time.monotonic(), cpu_seconds(bot.pid), own_cpu_seconds())
                    samples.append(status_kib(bot.pid))
                    await asyncio.sleep(0.5)
                peak = status_kib(bot.pid, "VmHWM")
                cpu_last = (time.monotonic(), cpu_seconds(bot.pid), own_cpu_seconds())
            stderr_tail = bot.stderr_tail() if bot.failed() else ""
            sent = nudges(fake)
            span = sent[-1] - sent[0] if len(sent) > 1 else float("nan")
            wall = cpu_last[0] - cpu_first[0] if cpu_first else 0.0
            paid = sum(
                1
                for c in fake.calls_to("sendMessage")
                if c.ok and is_paid_broadcast(c.params.get("allow_paid_broadcast"))
            )
            return {
                "learners": args.learners,
                "paid_broadcast": args.paid,
                "limit_per_s": limit,
                "latency_s": args.latency,
                "database": "postgresql" if args.database else "sqlite",
                "delivered": len(sent),
                "duplicates": len(sent)
                - len({c.chat_id for c in fake.calls_to("sendMessage") if c.ok}),
                "seconds": round(span, 1),
                "messages_per_s": round((len(sent) - 1) / span, 2) if len(sent) > 1 else 0,
                "of_limit_pct": round(100 * (len(sent) - 1) / span / limit, 1)
                if len(sent) > 1
                else 0,
                "paid_messages": paid,
                "http_429": sum(1 for c in fake.calls if c.error_code == 429),
                "bot_cpu_pct": round(100 * (cpu_last[1] - cpu_first[1]) / wall, 1)
                if cpu_first and wall
                else None,
                "fake_cpu_pct": round(100 * (cpu_last[2] - cpu_first[2]) / wall, 1)
                if cpu_first and wall
                else None,
                "rss_first_mib": round(samples[0] / 1024, 1) if samples else None,
                "rss_peak_mib": round(peak / 1024, 1),
                "problems": fake.check_problems()[:5],
                "bot_stderr_tail": stderr_tail,
            }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0, help="the fake's messages/s limit")
    parser.add_argument(
        "--paid",
        action="store_true",
        help="NUDGE_PAID_BROADCAST=true: nudges use Telegram's paid 1,000/s allowance",
    )
    parser.add_argument(
        "--paid-limit",
        type=float,
        default=1000.0,
        help="the fake's messages/s limit for paid broadcasts",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each API call")
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="RATE_LIMIT_PER_SECOND and NUDGE_RATE_PER_SECOND for the bot",
    )
    parser.add_argument(
        "--database", default=None, help="a database URL (default: a temporary SQLite file)"
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
