"""The bot (or the echo baseline) as a real process, for the benchmarks.

Its stderr goes to a file, never to a pipe nobody reads while it runs: a pipe fills
at 64 KiB, and a process writing its logs to a full pipe stops dead (it happened in a
100,000-learner run).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fake_bot_api import FakeTelegram


def status_kib(pid: int, field: str = "VmRSS") -> int:
    """A memory figure of the process from ``/proc/<pid>/status`` (VmRSS, VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class BotProcess:
    """A running ``python -m <module>``."""

    proc: asyncio.subprocess.Process
    stderr: Path
    spawned: float

    @property
    def pid(self) -> int:
        return self.proc.pid

    async def first_poll(self, fake: FakeTelegram) -> float:
        """Wait for the first ``getUpdates``; seconds since the process was spawned."""
        while not fake.calls_to("getUpdates"):
            if self.proc.returncode is not None:
                raise RuntimeError(f"the bot exited before polling: {self.stderr_tail()}")
            await asyncio.sleep(0.01)
        return time.perf_counter() - self.spawned

    def stderr_tail(self, size: int = 500) -> str:
        return self.stderr.read_text(errors="replace")[-size:]

    def failed(self) -> bool:
        """Exited other than by our SIGTERM (or still running)."""
        return self.proc.returncode not in (0, -signal.SIGTERM)


@asynccontextmanager
async def bot_process(
    env: dict[str, str], cwd: str | Path, module: str = "bot"
) -> AsyncIterator[BotProcess]:
    """Run ``python -m module`` with ``env`` in ``cwd``; SIGTERM and wait on the way out."""
    stderr = Path(cwd) / f"{module}.{time.monotonic_ns()}.stderr"
    with stderr.open("wb") as sink:
        spawned = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            module,
            cwd=cwd,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        yield BotProcess(proc, stderr, spawned)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        await proc.wait()
