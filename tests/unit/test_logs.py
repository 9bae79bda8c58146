"""Logs: readable text or one JSON object per line, and never the token."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Callable, Iterator

import pytest

from bot.runtime.logs import REDACTED, setup_logging
from tests.conftest import TEST_TOKEN

log = logging.getLogger("bot.test_logs")


Setup = Callable[[str, str], io.StringIO]


@pytest.fixture
def setup(monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    """``setup(level, format)`` sets logging up and returns what it writes to stderr.

    The root logger is restored afterwards. (sys.stderr is replaced inside the test
    itself: pytest swaps its own capture in between fixtures and the test.)
    """
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def start(level: str, fmt: str) -> io.StringIO:
        buffer = io.StringIO()
        monkeypatch.setattr(sys, "stderr", buffer)
        setup_logging(level, fmt, secrets=[TEST_TOKEN])
        return buffer

    yield start
    root.handlers[:] = handlers
    root.setLevel(level)


def _leak_token() -> None:
    log.info("calling https://api.telegram.org/bot%s/getMe", TEST_TOKEN)
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TEST_TOKEN}/getUpdates failed")
    except RuntimeError:
        log.exception("request failed")


def test_json_format_is_one_object_per_line(setup: Setup) -> None:
    stderr = setup("INFO", "json")
    log.info("hello %s", "world")
    log.warning("سلام\nsecond line")
    log.debug("not shown at INFO")
    entries = [json.loads(line) for line in stderr.getvalue().splitlines()]
    assert [(e["level"], e["logger"], e["message"]) for e in entries] == [
        ("INFO", "bot.test_logs", "hello world"),
        ("WARNING", "bot.test_logs", "سلام\nsecond line"),
    ]
    assert all(e["time"].endswith("+00:00") for e in entries)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_token_is_scrubbed_from_messages_and_tracebacks(setup: Setup, fmt: str) -> None:
    stderr = setup("INFO", fmt)
    _leak_token()
    output = stderr.getvalue()
    assert TEST_TOKEN not in output and TEST_TOKEN.split(":")[1] not in output
    if fmt == "json":
        message, failure = (json.loads(line) for line in output.splitlines())
        assert message["message"] == f"calling https://api.telegram.org/bot{REDACTED}/getMe"
        assert "Traceback" in failure["exception"]
        assert f"bot{REDACTED}/getUpdates failed" in failure["exception"]
    else:
        assert f"bot.test_logs: calling https://api.telegram.org/bot{REDACTED}/getMe" in output
        assert "Traceback" in output and f"bot{REDACTED}/getUpdates failed" in output


def test_text_format_is_readable(setup: Setup) -> None:
    stderr = setup("WARNING", "text")
    log.info("hidden")
    log.warning("visible")
    (line,) = stderr.getvalue().splitlines()
    assert line.endswith("WARNING bot.test_logs: visible")
