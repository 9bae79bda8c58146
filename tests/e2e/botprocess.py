"""``python -m bot`` as a child process against the fake Telegram: start, kill, stop."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from fake_bot_api import FakeTelegram
from tests.conftest import TEST_TOKEN
from tests.e2e.harness import WAIT

ROOT = Path(__file__).parents[2]


def bot_env(fake: FakeTelegram, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a bot process that talks only to ``fake`` (no developer .env)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "DATABASE_", "NUDGE_", "RATE_", "WEBHOOK_", "LOG_"))
    }
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=fake.base_url,
        DATABASE_URL=database_url,
        RATE_LIMIT_PER_SECOND="1000",
        NUDGE_RATE_PER_SECOND="1000",
        NUDGE_CHECK_SECONDS="0",
    )
    env.update(extra)
    return env


class BotProcess:
    """One run of the bot process; its output goes to a log file (read it with ``log``)."""

    def __init__(self, fake: FakeTelegram, env: dict[str, str], workdir: Path, name: str) -> None:
        self.fake = fake
        # the status file in the test's own directory, not the shared temporary one
        self.env = {"HEALTH_FILE": str(workdir / f"{name}.health.json"), **env}
        self.workdir = workdir
        self.log_path = workdir / f"{name}.log"
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self, *, ready: bool = True) -> BotProcess:
        """Start ``python -m bot``; with ``ready``, wait until it polls (or set its webhook)."""
        seen = len(self.fake.calls)
        with self.log_path.open("wb") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=self.workdir,
                env=self.env,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )
        if ready:
            await self.wait_ready(seen)
        return self

    async def wait_ready(self, seen: int = 0) -> None:
        def started() -> bool:  # polling (a long poll waits: it has begun) or webhook set
            calls = self.fake.calls[seen:]
            return any(
                c.method == "getUpdates" or (c.method == "setWebhook" and c.ok) for c in calls
            )

        if not await self.fake.world.changed.wait_for(started, WAIT):
            raise AssertionError(f"the bot did not start within {WAIT:.0f} s:\n{self.log}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def kill(self) -> None:
        """SIGKILL: the process dies at once, wherever it is."""
        assert self.proc is not None
        self.proc.kill()

    async def wait(self, timeout: float = WAIT) -> int:  # noqa: ASYNC109
        assert self.proc is not None
        return await asyncio.wait_for(self.proc.wait(), timeout)

    async def terminate(self, timeout: float = WAIT) -> int:  # noqa: ASYNC109
        """SIGTERM, then the exit code once it has stopped."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    async def ensure_dead(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")
