"""The fake Telegram's memory: chats, the bot's messages, callback queries, settings, logs."""

from __future__ import annotations

import copy
import itertools
import time

from fake_bot_api.errors import bad_request
from fake_bot_api.models import (
    ApiCall,
    BotMessage,
    CallbackRecord,
    JsonDict,
    MessageEvent,
    Photo,
    SimChat,
)
from fake_bot_api.signal import Signal
from fake_bot_api.updates import UpdateQueue

BOT_FIRST_NAME = "Roadmap Test Bot"


class World:
    """Everything the fake knows; the HTTP layer and simulated users both work on it."""

    def __init__(self, *, bot_id: int, bot_username: str, callback_answer_timeout: float) -> None:
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": bot_username,
        }
        self.callback_answer_timeout = callback_answer_timeout
        self.changed = Signal()
        self.updates = UpdateQueue(self.changed)
        self.users: dict[int, JsonDict] = {}
        self.chats: dict[int, SimChat] = {}
        self.blocked: set[int] = set()
        self.callback_queries: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.events: list[MessageEvent] = []
        self.calls: list[ApiCall] = []
        self.problems: list[str] = []
        self.last_activity = time.monotonic()
        self._bot_messages: dict[int, dict[int, BotMessage]] = {}
        self._user_messages: dict[tuple[int, int], JsonDict] = {}
        self._last_message_id: dict[int, int] = {}
        self._query_ids = itertools.count(4_611_686_018_427_387_904)
        #: Photos the bot uploaded, by ``file_id``.
        self.files: dict[str, Photo] = {}

    @property
    def bot_username(self) -> str:
        """Return the bot's username (without "@")."""
        return str(self.bot_user["username"])

    # chats ---------------------------------------------------------------------------------

    def add_chat(self, chat: SimChat) -> None:
        """Register a chat the bot can talk to."""
        self.chats[chat.id] = chat
        self._bot_messages.setdefault(chat.id, {})

    def resolve_chat(self, chat_id: int | str) -> SimChat:
        """Return the chat named by an id or "@username"; 400 "chat not found" otherwise."""
        if isinstance(chat_id, str):
            wanted = chat_id.removeprefix("@").lower()
            for chat in self.chats.values():
                if chat.type != "private" and (chat.username or "").lower() == wanted:
                    return chat
            raise bad_request("chat not found")
        known = self.chats.get(chat_id)
        if known is None:
            raise bad_request("chat not found")
        return known

    def next_message_id(self, chat_id: int) -> int:
        """Allocate the next message id in a chat (shared by user and bot messages)."""
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        return message_id

    # messages ------------------------------------------------------------------------------

    def add_bot_message(self, message: BotMessage) -> None:
        """Store a message the bot just sent."""
        self._bot_messages.setdefault(message.chat_id, {})[message.message_id] = message
        self._record_event("new", message)

    def replace_bot_message(self, message: BotMessage) -> None:
        """Store the edited version of a bot message."""
        self._bot_messages[message.chat_id][message.message_id] = message
        self._record_event("edit", message)

    def bot_message(self, chat_id: int, message_id: int) -> BotMessage | None:
        """Return the current version of a bot message, if it exists."""
        return self._bot_messages.get(chat_id, {}).get(message_id)

    def bot_messages(self, chat_id: int) -> list[BotMessage]:
        """Return the bot's current messages in a chat, oldest first."""
        return list(self._bot_messages.get(chat_id, {}).values())

    def delete_message(self, chat_id: int, message_id: int) -> bool:
        """Delete a bot or user message; return False if there was none."""
        if self._bot_messages.get(chat_id, {}).pop(message_id, None) is not None:
            self.changed.notify()
            return True
        return self._user_messages.pop((chat_id, message_id), None) is not None

    def add_user_message(self, message: JsonDict) -> None:
        """Store a message a simulated user sent."""
        self._user_messages[(message["chat"]["id"], message["message_id"])] = message

    def user_message(self, chat_id: int, message_id: int) -> JsonDict | None:
        """Return a simulated user's message, if it exists."""
        return self._user_messages.get((chat_id, message_id))

    def message_to_api(self, message: BotMessage, *, with_reply: bool = True) -> JsonDict:
        """Return a bot message as the Message object Telegram sends."""
        result: JsonDict = {
            "message_id": message.message_id,
            "from": dict(self.bot_user),
            "chat": self.chats[message.chat_id].to_api(),
            "date": message.date,
        }
        text, entities = ("caption", "caption_entities") if message.photo else ("text", "entities")
        if message.photo is not None:
            result["photo"] = [message.photo.to_api()]
        if message.text or not message.photo:
            result[text] = message.text
        if message.entities:
            result[entities] = copy.deepcopy(message.entities)
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            result["reply_markup"] = copy.deepcopy(message.reply_markup)
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        if message.link_preview_options:
            result["link_preview_options"] = dict(message.link_preview_options)
        if with_reply and message.reply_to_message_id is not None:
            replied = self.any_message_to_api(message.chat_id, message.reply_to_message_id)
            if replied is not None:
                result["reply_to_message"] = replied
        return result

    def any_message_to_api(self, chat_id: int, message_id: int) -> JsonDict | None:
        """Return a bot or user message as a Message object (without nested replies)."""
        bot_message = self.bot_message(chat_id, message_id)
        if bot_message is not None:
            return self.message_to_api(bot_message, with_reply=False)
        user_message = self.user_message(chat_id, message_id)
        return copy.deepcopy(user_message) if user_message is not None else None

    # events and queries --------------------------------------------------------------------

    def _record_event(self, kind: str, message: BotMessage) -> None:
        self.events.append(MessageEvent(len(self.events) + 1, kind, message))
        self.changed.notify()

    @property
    def event_seq(self) -> int:
        """Return the sequence number of the latest message event (0 if none)."""
        return len(self.events)

    def new_query_id(self) -> str:
        """Return a fresh callback query id (a long numeric string, like Telegram's)."""
        return str(next(self._query_ids))

    def add_query(self, record: CallbackRecord) -> None:
        """Remember a callback query a simulated user created."""
        self.callback_queries[record.id] = record

    def touch(self) -> None:
        """Note bot activity (a request or a delivery) and wake waiters."""
        self.last_activity = time.monotonic()
        self.changed.notify()

    def now(self) -> int:
        """Return the current Unix time, as Telegram dates are."""
        return int(time.time())
