"""``python -m bot`` as an operator runs it: errors are one line, the token never leaks."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from fake_bot_api import FakeTelegram
from tests.conftest import TEST_TOKEN
from tests.e2e.botprocess import BotProcess, bot_env
from tests.e2e.harness import WAIT, settled

ROOT = Path(__file__).parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


async def _run(tmp_path: Path, env: dict[str, str], wait: float = WAIT) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), wait)
    return proc.returncode or 0, out.decode()


async def test_missing_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out = await _run(tmp_path, _env(tmp_path))
    assert code == 2
    assert out.strip().splitlines() == [
        "error: configuration: TELEGRAM_BOT_TOKEN is not set (put it in the environment or in .env)"
    ]


async def test_malformed_token_is_one_line_without_the_token(tmp_path: Path) -> None:
    secret = "123:not-really-a-token-value"
    code, out = await _run(tmp_path, _env(tmp_path, TELEGRAM_BOT_TOKEN=secret))
    assert code == 2 and len(out.strip().splitlines()) == 1
    assert "Traceback" not in out and secret not in out


async def test_broken_roadmap_stops_the_bot_naming_file_and_place(tmp_path: Path) -> None:
    broken = tmp_path / "roadmap.yaml"
    text = (ROOT / "data" / "roadmap.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("kind: book", "kind: scroll", 1), encoding="utf-8")
    env = _env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        ROADMAP_PATH=str(broken),
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9",
    )
    code, out = await _run(tmp_path, env)
    assert code == 1 and "Traceback" not in out
    assert str(broken) in out and "kind" in out and "steps[0].topics[0].resources[0]" in out


async def test_the_bot_process_serves_a_learner_and_stops_cleanly(tmp_path: Path) -> None:
    async with FakeTelegram() as fake:
        database = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        env = bot_env(fake, database, LOG_LEVEL="DEBUG")
        bot = BotProcess(fake, env, tmp_path, "bot")
        await bot.start()
        try:
            user = fake.user(first_name="Ana")
            await user.send("/start")
            welcome = await user.wait_message(timeout=WAIT)
            assert "Python Backend Engineer Roadmap" in welcome.text
            await settled(fake)
        finally:
            code = await bot.terminate()
        log = bot.log
        assert code == 0, log
        assert fake.check_problems() == []
        assert TEST_TOKEN not in log and TEST_TOKEN.split(":")[1] not in log
        assert "Traceback" not in log
        assert (tmp_path / "bot.sqlite3").exists()  # migrations ran on start
