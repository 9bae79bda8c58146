"""Metrics: what updates, Telegram calls and database errors count as; no secret in a label."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import httpx
import pytest
from sqlalchemy.exc import OperationalError
from telegram import (
    CallbackQuery,
    Chat,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberUpdated,
    Message,
    MessageEntity,
    Update,
    User,
)
from telegram.error import TelegramError

from bot.runtime.concurrency import PerUserUpdateProcessor
from bot.runtime.dispatcher import NudgeDispatcher
from bot.runtime.metrics import CountingRequest, Metrics, method_of, telegram_result, update_kind
from bot.services.nudges import NudgeService
from tests.conftest import TEST_TOKEN

ANA = User(7, "Ana", is_bot=False)
BOT = User(1, "Bot", is_bot=True)
CHAT = Chat(7, Chat.PRIVATE)
WHEN = datetime(2026, 11, 26, 12, tzinfo=UTC)
API = f"https://api.telegram.org/bot{TEST_TOKEN}"


def message(text: str | None, *entities: MessageEntity) -> Update:
    return Update(1, message=Message(1, WHEN, CHAT, from_user=ANA, text=text, entities=entities))


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    value = metrics.registry.get_sample_value(name, labels)
    return 0.0 if value is None else value


def label_values(metrics: Metrics) -> set[str]:
    return {
        value
        for family in metrics.registry.collect()
        for s in family.samples
        for value in s.labels.values()
    }


@pytest.mark.parametrize(
    ("update", "kind"),
    [
        (message("/next", MessageEntity(MessageEntity.BOT_COMMAND, 0, 5)), "command"),
        (message("/next"), "text"),  # no command entity: PTB's CommandHandler ignores it too
        (message("see /next", MessageEntity(MessageEntity.BOT_COMMAND, 4, 5)), "text"),
        (message("hello"), "text"),
        (message(None), "other"),  # a photo, a sticker
        (Update(2, callback_query=CallbackQuery("q", ANA, "chat", data="d")), "button"),
        (
            Update(
                3,
                my_chat_member=ChatMemberUpdated(
                    CHAT, ANA, WHEN, ChatMemberMember(BOT), ChatMemberLeft(BOT)
                ),
            ),
            "membership",
        ),
        (Update(4), "other"),
        (object(), "other"),
    ],
)
def test_update_kinds(update: object, kind: str) -> None:
    assert update_kind(update) == kind


@pytest.mark.parametrize(
    ("url", "method"),
    [
        (f"{API}/sendMessage", "sendMessage"),
        (f"{API}/getUpdates", "getUpdates"),
        (f"https://api.telegram.org/file/bot{TEST_TOKEN}/photos/file_0.jpg", "other"),
        (API, "other"),  # a base URL without a method: its last segment is the token
        (f"{API}/", "other"),
    ],
)
def test_the_method_is_the_last_path_segment_and_never_the_token(url: str, method: str) -> None:
    assert method_of(url) == method


@pytest.mark.parametrize(
    ("status", "result"),
    [
        (200, "ok"),
        (400, "bad_request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (409, "conflict"),
        (418, "client_error"),
        (429, "retry_after"),
        (500, "server_error"),
        (502, "server_error"),
    ],
)
def test_http_statuses(status: int, result: str) -> None:
    assert telegram_result(status) == result


async def test_telegram_calls_are_counted_by_method_and_result() -> None:
    answers: dict[str, httpx.Response | Exception] = {
        "getMe": httpx.Response(200, json={"ok": True, "result": {}}),
        "sendMessage": httpx.Response(
            429,
            json={
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            },
        ),
        "editMessageText": httpx.Response(
            400, json={"ok": False, "error_code": 400, "description": "Bad Request: no"}
        ),
        "sendPhoto": httpx.Response(
            403, json={"ok": False, "error_code": 403, "description": "Forbidden: blocked"}
        ),
        "getChat": httpx.Response(502, text="<html>Bad Gateway</html>"),
        "answerCallbackQuery": httpx.ReadTimeout("slow"),
        "getUpdates": httpx.ConnectError("refused"),
    }

    def answer(request: httpx.Request) -> httpx.Response:
        found = answers[request.url.path.rsplit("/", 1)[-1]]
        if isinstance(found, Exception):
            raise found
        return found

    metrics = Metrics()
    request = CountingRequest(metrics, httpx_kwargs={"transport": httpx.MockTransport(answer)})
    await request.initialize()
    try:
        for method in answers:
            with contextlib.suppress(TelegramError):  # all but getMe fail: counted all the same
                await request.post(f"{API}/{method}")
    finally:
        await request.shutdown()

    counted = {
        (s.labels["method"], s.labels["result"]): s.value
        for family in metrics.registry.collect()
        if family.name == "roadmap_bot_telegram_requests"
        for s in family.samples
        if s.name.endswith("_total")
    }
    assert counted == {
        ("getMe", "ok"): 1,
        ("sendMessage", "retry_after"): 1,
        ("editMessageText", "bad_request"): 1,
        ("sendPhoto", "forbidden"): 1,
        ("getChat", "server_error"): 1,
        ("answerCallbackQuery", "timeout"): 1,
        ("getUpdates", "network_error"): 1,
    }
    secret = TEST_TOKEN.split(":", 1)[1]
    assert not any(secret in value or "/" in value for value in label_values(metrics))
    assert secret not in metrics.render()[0].decode()


async def test_updates_are_counted_timed_and_failed_by_the_error_handlers_word() -> None:
    metrics = Metrics()
    processor = PerUserUpdateProcessor(4, metrics)
    command = message("/next", MessageEntity(MessageEntity.BOT_COMMAND, 0, 5))

    async def handled() -> None:
        await asyncio.sleep(0)

    async def failed() -> None:  # PTB catches the handler's error and calls the error handler
        metrics.update_failed(OperationalError("SELECT 1", None, ConnectionError("gone")))

    async def failed_outside_the_database() -> None:
        metrics.update_failed(ValueError("a bug"))

    await processor.process_update(command, handled())
    await processor.process_update(message("hi"), failed())
    await processor.process_update(Update(9), failed_outside_the_database())  # no learner
    metrics.update_failed(OperationalError("SELECT 1", None, ConnectionError("gone")))  # a job's

    assert sample(metrics, "roadmap_bot_updates_total", kind="command", outcome="ok") == 1
    assert sample(metrics, "roadmap_bot_updates_total", kind="text", outcome="error") == 1
    assert sample(metrics, "roadmap_bot_updates_total", kind="text", outcome="ok") == 0
    assert sample(metrics, "roadmap_bot_updates_total", kind="other", outcome="error") == 1
    assert sample(metrics, "roadmap_bot_update_seconds_count", kind="command") == 1
    assert sample(metrics, "roadmap_bot_update_seconds_count", kind="text") == 1
    assert sample(metrics, "roadmap_bot_database_errors_total", source="handler") == 2
    assert {"Ana", "hi", "/next", "7"}.isdisjoint(label_values(metrics))


class BrokenService:
    """A nudge service whose database is down."""

    lease = timedelta(minutes=5)

    async def backlog(self) -> int:
        raise OperationalError("SELECT count(*)", None, ConnectionError("gone"))

    async def claim(self, *_args: Any) -> Any:
        raise OperationalError("SELECT ... FOR UPDATE", None, ConnectionError("gone"))


async def test_the_dispatcher_counts_database_errors_and_keeps_the_last_backlog() -> None:
    metrics = Metrics()
    metrics.nudge_backlog.set(5)
    dispatcher = NudgeDispatcher(
        cast(NudgeService, BrokenService()),
        cast(Any, None),
        rate_per_second=None,
        batch_size=10,
        metrics=metrics,
    )
    with pytest.raises(OperationalError):
        await dispatcher.run_once(cast(Any, None))
    assert sample(metrics, "roadmap_bot_database_errors_total", source="dispatcher") == 2
    assert sample(metrics, "roadmap_bot_nudge_backlog") == 5
