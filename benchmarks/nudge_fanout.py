"""Nudge fan-out: N due learners, the real bot process, a fake Telegram enforcing a rate limit.

    python -m benchmarks.nudge_fanout --learners 10000            # 30 msg/s, as Telegram
    python -m benchmarks.nudge_fanout --learners 1000 --latency 0.05

Reports achieved messages/s against the limit, the number of 429s, and the bot
process's memory (peak RSS), so runs with different N show whether memory is flat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.population import add_learners
from bot.db.migrate import upgrade_async
from bot.fakeapi import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456789:AAH" + "b" * 32


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


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
        async with FakeTelegram(overall_rate_limit=args.limit, latency=args.latency) as fake:
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
            }
            started = time.monotonic()
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=tmp,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            samples: list[int] = []
            progress = Progress(fake)
            try:
                deadline = started + args.learners / args.limit * 1.5 + 60
                while progress.delivered() < args.learners and time.monotonic() < deadline:
                    if proc.returncode is not None:
                        break
                    samples.append(rss_kib(proc.pid))
                    await asyncio.sleep(0.5)
                peak = rss_kib(proc.pid, "VmHWM")
            finally:
                proc.send_signal(signal.SIGTERM)
                _, err = await proc.communicate()
            sent = nudges(fake)
            span = sent[-1] - sent[0] if len(sent) > 1 else float("nan")
            return {
                "learners": args.learners,
                "limit_per_s": args.limit,
                "latency_s": args.latency,
                "delivered": len(sent),
                "duplicates": len(sent)
                - len({c.chat_id for c in fake.calls_to("sendMessage") if c.ok}),
                "seconds": round(span, 1),
                "messages_per_s": round((len(sent) - 1) / span, 2) if len(sent) > 1 else 0,
                "of_limit_pct": round(100 * (len(sent) - 1) / span / args.limit, 1)
                if len(sent) > 1
                else 0,
                "http_429": sum(1 for c in fake.calls if c.error_code == 429),
                "rss_first_mib": round(samples[0] / 1024, 1) if samples else None,
                "rss_peak_mib": round(peak / 1024, 1),
                "problems": fake.check_problems()[:5],
                "bot_stderr_tail": err.decode()[-500:] if proc.returncode not in (0, -15) else "",
            }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0, help="the fake's messages/s limit")
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
