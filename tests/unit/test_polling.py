"""Long polling watched: a 409 said once a minute at most, a refusal noticed, the status file."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from telegram.error import Conflict, NetworkError

from bot.cli import health
from bot.runtime.polling import (
    CONFLICT_REPEAT,
    STALE_AFTER,
    PollingStatus,
    PollingWatch,
    polling_problem,
    read_status,
)
from tests.conftest import TEST_TOKEN


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_conflict_that_goes_on_is_said_once_a_minute_with_its_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    watch = PollingWatch(clock=clock, wall=clock)
    for _ in range(5):
        watch.failed(Conflict("terminated by other getUpdates request"))
        clock.now += 1
    assert len(warnings(caplog)) == 1
    clock.now += CONFLICT_REPEAT
    watch.failed(Conflict("terminated by other getUpdates request"))
    said = warnings(caplog)
    assert len(said) == 2 and "(6 conflicts so far)" in said[1]
    assert all(r.exc_info is None for r in caplog.records)
    watch.answered(200)  # the other instance stopped: the count starts again
    watch.failed(Conflict("terminated by other getUpdates request"))
    assert len(warnings(caplog)) == 3 and "so far" not in warnings(caplog)[2]


def test_another_polling_error_is_one_warning_the_traceback_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    PollingWatch().failed(NetworkError("Bad Gateway (502)"))
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert "long polling" in warning.getMessage() and "Bad Gateway" in warning.getMessage()
    assert any(r.levelno == logging.DEBUG and r.exc_info for r in caplog.records)


@pytest.mark.parametrize(("status", "words"), [(401, "token revoked?"), (404, "deploy")])
def test_a_refused_getupdates_is_noticed_and_written_down(
    tmp_path: Path, status: int, words: str
) -> None:
    clock = Clock()
    path = tmp_path / "health.json"
    watch = PollingWatch(path, clock=clock, wall=clock)
    refused: list[bool] = []
    watch.on_refused = lambda: refused.append(True)
    watch.started()
    watch.answered(200)
    assert polling_problem(read_status(path) or pytest.fail("no file"), clock.now) is None
    watch.answered(status)
    assert refused == [True] and watch.refused is not None and words in str(watch.refused)
    watch.stopped(str(watch.refused))
    problem = polling_problem(read_status(path) or pytest.fail("no file"), clock.now)
    assert problem is not None and problem.startswith("long polling stopped: ")
    assert words in problem


def test_a_heartbeat_that_stopped_is_a_stalled_poller() -> None:
    status = PollingStatus(pid=1, state="polling", since=0.0, last_poll=100.0)
    assert polling_problem(status, 100.0 + STALE_AFTER - 1) is None
    problem = polling_problem(status, 100.0 + STALE_AFTER + 1)
    assert problem is not None and "stalled" in problem


def test_the_heartbeat_is_written_now_and_then_not_on_every_poll(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "health.json"
    watch = PollingWatch(path, clock=clock, wall=clock)
    watch.started()
    watch.answered(200)
    first = read_status(path)
    clock.now += 1
    watch.answered(200)
    assert read_status(path) == first  # one second later: not written again
    clock.now += 60
    watch.answered(200)
    status = read_status(path)
    assert status is not None and status.last_poll == clock.now


def test_no_or_a_broken_status_file_reads_as_none(tmp_path: Path) -> None:
    assert read_status(tmp_path / "absent.json") is None
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert read_status(tmp_path / "broken.json") is None


def test_health_says_whether_polling_started_and_why_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).close()
    path = tmp_path / "health.json"
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setattr(health, "setup_logging", lambda *_, **__: None)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("HEALTH_FILE", str(path))
    monkeypatch.delenv("WEBHOOK_URL", raising=False)

    assert health.main([]) == 0  # not started yet: the database alone decides
    assert capsys.readouterr().out == f"health: ok (long polling has not started yet: no {path})\n"

    watch = PollingWatch(path)
    watch.started()
    assert health.main([]) == 0
    assert capsys.readouterr().out == "health: ok\n"

    watch.answered(404)
    watch.stopped(str(watch.refused))
    assert health.main([]) == 1
    assert capsys.readouterr().err.startswith("health: unavailable: long polling stopped: ")
