"""Handlers without HTTP: a real PTB ``Application`` whose requests never leave the process.

``RecordingRequest`` is the bot's ``telegram.request.BaseRequest`` (PTB's public seam for
its HTTP layer): it records each Bot API call and answers with canned Telegram JSON, so
everything above it (``ExtBot``, ``CallbackQuery.answer``, the handlers) runs as in
production. The services work on an ``InMemoryStore`` with a fixed clock.

    async def test_x(chat: Chat) -> None:
        await chat.send(study.next_command, "/next")
        assert "Grokking" in chat.only("sendMessage")["text"]
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

import pytest
from sqlalchemy.ext.asyncio import create_async_engine
from telegram import Update
from telegram.ext import Application, ContextTypes, ExtBot
from telegram.request import BaseRequest, RequestData

from bot.config import Settings
from bot.context import BotApplication, BotContext, Services
from bot.handlers.common import ButtonHandler, on_button
from bot.i18n import Translator
from bot.map.draw import render
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import load_roadmap
from bot.services.admin import AdminService
from bot.services.learning import LearningService
from bot.services.maps import MapPictures
from bot.services.notes import NoteService
from bot.services.nudges import NudgeService
from bot.services.onboarding import OnboardingService
from bot.services.presence import PresenceService
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.review import ReviewService
from bot.services.study_plan import PlanService
from tests.conftest import TEST_TOKEN
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import NOW, ROADMAP_FILE, FixedClock

BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Roadmap", "username": "roadmap_bot"}
ANA = {"id": 1001, "is_bot": False, "first_name": "Ana", "language_code": "en"}
#: Where the pressed buttons sit: the message the bot sent earlier.
CARD_ID = 42
DATE = int(NOW.timestamp())
ROADMAP = load_roadmap(ROADMAP_FILE)
TRANSLATOR = Translator()
Handler = Callable[[Update, BotContext], Awaitable[None]]


@dataclass(frozen=True)
class Call:
    """One Bot API request: the method and its parameters as PTB sent them."""

    endpoint: str
    params: dict[str, Any]


class RecordingRequest(BaseRequest):
    """The Bot API, answered in-process: records calls, returns canned results."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        #: endpoint -> (HTTP status, Telegram's description): answer that call with an error.
        self.errors: dict[str, tuple[int, str]] = {}
        self._ids = itertools.count(100)

    read_timeout = None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(endpoint, params))
        if endpoint in self.errors:
            status, description = self.errors[endpoint]
            body = {"ok": False, "error_code": status, "description": description}
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(endpoint, params)}).encode()

    def _result(self, endpoint: str, params: dict[str, Any]) -> Any:
        if endpoint == "getMe":
            return BOT_USER
        if endpoint in ("sendMessage", "editMessageText"):
            return {
                "message_id": params.get("message_id") or next(self._ids),
                "date": DATE,
                "chat": {"id": params["chat_id"], "type": "private"},
                "from": BOT_USER,
                "text": params["text"],
                **{k: v for k, v in params.items() if k == "reply_markup"},
            }
        return True


def buttons(params: dict[str, Any]) -> list[str]:
    """The callback data of a sent or edited message's inline keyboard, row by row."""
    rows = params.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


@dataclass
class Chat:
    """Ana's private chat with the bot: updates go in, recorded Bot API calls come out."""

    app: BotApplication
    api: RecordingRequest
    store: InMemoryStore
    clock: FixedClock
    user: dict[str, Any] = field(default_factory=lambda: dict(ANA))
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def services(self) -> Services:
        services: Services = self.app.bot_data["services"]
        return services

    @property
    def user_id(self) -> int:
        return int(self.user["id"])

    def message(self, text: str) -> Update:
        """A private-chat text message from Ana (a command if it starts with /)."""
        command = len(text.split()[0]) if text.startswith("/") else 0
        entities = [{"type": "bot_command", "offset": 0, "length": command}] if command else []
        n = next(self._update_ids)
        raw = {
            "update_id": n,
            "message": {
                "message_id": n,
                "date": DATE,
                "chat": {"id": self.user_id, "type": "private", "first_name": "Ana"},
                "from": self.user,
                "text": text,
                "entities": entities,
            },
        }
        return Update.de_json(raw, self.app.bot)

    def button(
        self, data: str, *, chat: dict[str, Any] | None = None, under: dict[str, Any] | None = None
    ) -> Update:
        """Ana pressing a button with ``data`` under a message the bot sent to ``chat``.

        ``under``: the parameters of the call that sent or edited that message, which
        Telegram then hands back as plain text (no tags) with its keyboard.
        """
        n = next(self._update_ids)
        shown: dict[str, Any] = {"text": "an earlier screen"}
        if under is not None:
            shown = {"text": html.unescape(re.sub(r"<[^>]*>", "", under["text"]))}
            shown["reply_markup"] = under["reply_markup"]
        raw = {
            "update_id": n,
            "callback_query": {
                "id": f"q{n}",
                "from": self.user,
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": CARD_ID,
                    "date": DATE,
                    "chat": chat or {"id": self.user_id, "type": "private"},
                    "from": BOT_USER,
                    **shown,
                },
            },
        }
        return Update.de_json(raw, self.app.bot)

    def context(self, update: Update) -> BotContext:
        return BotContext.from_update(update, self.app)

    async def send(self, handler: Handler, text: str) -> BotContext:
        """Run a message handler on Ana's ``text``; its context, for a second look."""
        update = self.message(text)
        context = self.context(update)
        await handler(update, context)
        return context

    async def press(self, handler: ButtonHandler, data: str, **kwargs: Any) -> BotContext:
        """Run a button handler as registered (through ``on_button``) on a press of ``data``."""
        update = self.button(data, **kwargs)
        context = self.context(update)
        await on_button(handler)(update, context)
        return context

    def requests(self, endpoint: str | None = None) -> list[dict[str, Any]]:
        return [c.params for c in self.api.calls if endpoint in (None, c.endpoint)]

    def endpoints(self) -> list[str]:
        return [c.endpoint for c in self.api.calls]

    def only(self, endpoint: str) -> dict[str, Any]:
        """The parameters of the one call to ``endpoint``."""
        found = self.requests(endpoint)
        assert len(found) == 1, (endpoint, self.endpoints())
        return found[0]

    def clear(self) -> None:
        self.api.calls.clear()


def services(store: InMemoryStore, clock: FixedClock) -> Services:
    """What ``bot.app``'s ``post_init`` builds, over the in-memory store."""
    units = fake_units(store)
    holder = RoadmapHolder(ROADMAP, ROADMAP_FILE)
    learning = LearningService(units, holder, clock)
    reminders = ReminderService(units, clock)
    return Services(
        settings=Settings(_env_file=None, telegram_bot_token=TEST_TOKEN),
        engine=create_async_engine("sqlite+aiosqlite://"),  # never connected
        roadmap=holder,
        presence=PresenceService(units, clock),
        learning=learning,
        reminders=reminders,
        onboarding=OnboardingService(units, learning, reminders),
        privacy=PrivacyService(units, clock),
        admin=AdminService(units, holder, clock),
        nudges=NudgeService(units, holder, clock, lease=timedelta(minutes=5)),
        notes=NoteService(units, holder, clock),
        plans=PlanService(units, holder, clock),
        review=ReviewService(units, holder, clock),
        i18n=TRANSLATOR,
        maps=MapPictures(render),
    )


@pytest.fixture
async def chat() -> AsyncIterator[Chat]:
    api = RecordingRequest()
    bot = ExtBot(TEST_TOKEN, request=api, get_updates_request=RecordingRequest())
    builder = Application.builder().bot(bot).context_types(ContextTypes(context=BotContext))
    app = cast(BotApplication, builder.updater(None).job_queue(None).build())
    store, clock = InMemoryStore(), FixedClock()
    app.bot_data["services"] = services(store, clock)
    await app.initialize()  # the bot asks getMe
    api.calls.clear()
    yield Chat(app, api, store, clock)
    await app.shutdown()
    await app.bot_data["services"].engine.dispose()
