"""``python -m bot`` as an operator runs it: errors are one line, the token never leaks."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fake_bot_api import FakeTelegram
from fake_bot_api.errors import GETUPDATES_CONFLICT
from tests.conftest import TEST_TOKEN
from tests.databases import POSTGRES_ADMIN_URL, postgres_reachable
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
        assert "@roadmap_test_bot is starting long polling; stop it with Ctrl+C" in log


def _help(*command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *command, "--help"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("command", ["", "run", "check", "health", "chat", "import-roadmap"])
def test_help_reads_as_plain_text(command: str) -> None:
    text = _help(*command.split())
    assert text.startswith("usage: python -m bot")
    assert "``" not in text and not re.search(r":[a-z]+:`", text), text


# --- failures at start: one `error:` line with a hint, the traceback only at DEBUG ---------


def _one_error(code: int, out: str) -> str:
    """The single `error:` line of a failed start (and no traceback anywhere)."""
    assert code != 0, out
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, out
    assert "Traceback" not in out, out
    assert TEST_TOKEN not in out
    return errors[0]


async def _start_against_fake(tmp_path: Path, database_url: str, **extra: str) -> tuple[int, str]:
    async with FakeTelegram() as fake:
        return await _run(tmp_path, bot_env(fake, database_url, **extra))


async def _fails_in_one_line(tmp_path: Path, database_url: str) -> str:
    """Start against the fake Bot API on ``database_url``; the error line (checked for DEBUG)."""
    line = _one_error(*await _start_against_fake(tmp_path, database_url))
    code, out = await _start_against_fake(tmp_path, database_url, LOG_LEVEL="DEBUG")
    assert code != 0 and "Traceback" in out, out
    return line


async def test_telegram_unreachable_at_start_is_one_line_with_a_hint(tmp_path: Path) -> None:
    env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TEST_TOKEN)
    env.update(
        TELEGRAM_API_BASE_URL="http://telegram.invalid",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    line = _one_error(*await _run(tmp_path, env))
    assert "cannot reach Telegram at http://telegram.invalid" in line
    assert "TELEGRAM_API_BASE_URL" in line and "network" in line
    code, out = await _run(tmp_path, {**env, "LOG_LEVEL": "DEBUG"})
    assert code != 0 and "Traceback" in out


async def test_a_missing_sqlite_directory_is_one_line_with_a_hint(tmp_path: Path) -> None:
    line = await _fails_in_one_line(tmp_path, "sqlite+aiosqlite:////nonexistent/dir/x.sqlite3")
    assert line.startswith("error: database: ")
    assert "/nonexistent/dir" in line and "does not exist" in line and "DATABASE_URL" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only directory")
async def test_a_read_only_sqlite_directory_is_one_line_with_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        line = await _fails_in_one_line(tmp_path, f"sqlite+aiosqlite:///{folder / 'x.sqlite3'}")
    finally:
        folder.chmod(0o755)
    assert str(folder) in line and "not writable" in line and "DATABASE_URL" in line


async def test_a_sqlite_path_under_a_file_is_one_line_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory", encoding="utf-8")
    line = await _fails_in_one_line(
        tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'file' / 'x.sqlite3'}"
    )
    assert "is not a directory" in line and "DATABASE_URL" in line


async def _postgres_base() -> str:
    if not await postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")


@pytest.mark.postgres
async def test_a_missing_postgres_database_is_one_line_with_a_hint(tmp_path: Path) -> None:
    base = await _postgres_base()
    line = await _fails_in_one_line(tmp_path, f"{base}/no_such_roadmap_db")
    assert 'no database "no_such_roadmap_db"' in line and "createdb" in line


async def test_no_postgres_server_is_one_line_with_a_hint(tmp_path: Path) -> None:
    line = await _fails_in_one_line(
        tmp_path, "postgresql+asyncpg://bot:s3cret-pw@127.0.0.1:9/roadmap"
    )
    assert "cannot connect to PostgreSQL at 127.0.0.1:9" in line and "running" in line
    assert "s3cret-pw" not in line


def test_a_reader_that_goes_away_ends_the_output_quietly() -> None:
    """``python -m bot check | head -1``: the pipe closes before the bot writes."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "check"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # no reader left: every write to stdout fails
    errors = proc.stderr.read().decode()
    code = proc.wait(WAIT)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert code in (0, 1, 2), errors


# --- long polling refused while running: a graceful stop, exit 1, health says why ---------


def _health(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


@pytest.mark.parametrize(
    ("status", "fault", "hint"),
    [
        (401, {"description": "Unauthorized"}, "token revoked?"),
        (404, {"description": "Not Found", "html": True}, "wrong TELEGRAM_API_BASE_URL"),
    ],
)
async def test_a_refused_getupdates_stops_the_bot_with_one_line_and_health_says_so(
    tmp_path: Path, status: int, fault: dict[str, object], hint: str
) -> None:
    async with FakeTelegram() as fake:
        database = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        env = bot_env(fake, database, HEALTH_FILE=str(tmp_path / "health.json"))
        bot = BotProcess(fake, env, tmp_path, "bot")
        await bot.start()
        try:
            user = fake.user(first_name="Ana")
            await user.send("/start")
            await user.wait_message(timeout=WAIT)
            healthy = _health(env, tmp_path)
            assert healthy.returncode == 0 and healthy.stdout == "health: ok\n", healthy
            fake.faults.add("getUpdates", status=status, times=None, **fault)  # type: ignore[arg-type]
            await user.send("/help")  # ends the long poll in progress; answered before the stop
            code = await bot.wait()
        finally:
            await bot.ensure_dead()
        log = bot.log
        assert code == 1, log
        line = _one_error(code, log)
        assert line.startswith("error: long polling stopped: ") and hint in line, line
        assert "supervisor will restart" in line
        assert " ERROR " not in log and "Aborting" not in log, log
        assert len(fake.messages(user.chat_id)) == 2  # the update in hand was answered
        health = _health(env, tmp_path)
        assert health.returncode == 1
        assert health.stderr.startswith("health: unavailable: long polling stopped: "), health
        assert hint in health.stderr


async def test_a_second_instance_is_one_warning_and_polling_recovers(tmp_path: Path) -> None:
    """409 Conflict on getUpdates (another instance polls): said once, no traceback."""
    async with FakeTelegram() as fake:
        database = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        env = bot_env(fake, database, HEALTH_FILE=str(tmp_path / "health.json"))
        bot = BotProcess(fake, env, tmp_path, "bot")
        await bot.start()
        try:
            user = fake.user(first_name="Ana")
            conflict = fake.faults.add(
                "getUpdates", status=409, description=GETUPDATES_CONFLICT, times=3
            )
            await user.send("/start")  # ends the long poll in progress; the next ones: 409
            await user.wait_message(timeout=WAIT)
            assert await fake.world.changed.wait_for(lambda: conflict.exhausted, WAIT)
            await user.send("/help")
            await user.wait_message(timeout=WAIT)  # polling goes on after the conflicts
            await settled(fake)
        finally:
            code = await bot.terminate()
        log = bot.log
        assert code == 0, log
        said = [line for line in log.splitlines() if "409 Conflict" in line]
        assert len(said) == 1 and " WARNING " in said[0], log
        assert "another instance is polling with this token" in said[0]
        assert "stop the other one, or use webhook mode" in said[0]
        assert "Traceback" not in log and " ERROR " not in log, log
        assert "long polling works again after 3 conflicts" in log
