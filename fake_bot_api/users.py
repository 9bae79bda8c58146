"""Simulated Telegram users: they send messages, press buttons and wait for the bot."""

from __future__ import annotations

import copy
import re
import time

from fake_bot_api.entities import Entity
from fake_bot_api.models import BotMessage, CallbackRecord, JsonDict, MessageEvent, SimChat
from fake_bot_api.state import World

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>@])")


def command_entities(text: str) -> list[Entity]:
    """Return the bot_command entity Telegram adds for a leading "/cmd" or "/cmd@bot"."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": len(match.group())}]


def chat_instance(chat_id: int) -> str:
    """Return a stable opaque chat_instance string for a chat."""
    return str((chat_id * 2_654_435_761) % (1 << 63))


class SimUser:
    """A person chatting with the bot; every action becomes an update for the bot."""

    def __init__(
        self,
        world: World,
        *,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> None:
        self._world = world
        self.id = user_id
        self.first_name = first_name
        self.username = username
        self.language_code = language_code
        self.chat = SimChat(id=user_id, type="private", first_name=first_name, username=username)
        self._cursor = world.event_seq

    def __repr__(self) -> str:
        return f"SimUser(id={self.id}, first_name={self.first_name!r})"

    @property
    def chat_id(self) -> int:
        """Return the id of the user's private chat with the bot (== user id)."""
        return self.id

    def to_api(self) -> JsonDict:
        """Return the User object Telegram sends for this user."""
        user: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    # sending -------------------------------------------------------------------------------

    def _new_message(self, chat: SimChat | None, content: JsonDict) -> JsonDict:
        target = chat or self.chat
        if target.id not in self._world.chats:
            raise AssertionError(f"chat {target.id} is not known to the fake")
        message: JsonDict = {
            "message_id": self._world.next_message_id(target.id),
            "from": self.to_api(),
            "chat": target.to_api(),
            "date": self._world.now(),
            **content,
        }
        self._world.add_user_message(message)
        return message

    def _push(self, update: JsonDict) -> int:
        self._cursor = self._world.event_seq
        return self._world.updates.push(update)

    async def send(
        self, text: str, *, chat: SimChat | None = None, reply_to: int | None = None
    ) -> int:
        """Send a text message (in `chat` if given; a reply to message `reply_to` if
        given); return the update_id."""
        content: JsonDict = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        if reply_to is not None:
            replied = self._world.any_message_to_api((chat or self.chat).id, reply_to)
            if replied is None:
                raise AssertionError(f"no message {reply_to} to reply to")
            content["reply_to_message"] = replied
        return self._push({"message": self._new_message(chat, content)})

    async def send_sticker(self, *, chat: SimChat | None = None) -> int:
        """Send a sticker; return the update_id."""
        sticker = {
            "file_id": "CAACAgIAAxkBAAEBsticker",
            "file_unique_id": "AgADsticker",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self._push({"message": self._new_message(chat, {"sticker": sticker})})

    async def send_photo(self, caption: str | None = None, *, chat: SimChat | None = None) -> int:
        """Send a photo, optionally captioned; return the update_id."""
        sizes = [
            {
                "file_id": f"AgACAgIAAxkBphoto{width}",
                "file_unique_id": f"AQADphoto{width}",
                "width": width,
                "height": width * 3 // 4,
                "file_size": width * 40,
            }
            for width in (90, 320, 800)
        ]
        content: JsonDict = {"photo": sizes}
        if caption is not None:
            content["caption"] = caption
        return self._push({"message": self._new_message(chat, content)})

    async def edit(self, message_id: int, new_text: str, *, chat: SimChat | None = None) -> int:
        """Edit one of this user's text messages; return the edited_message update_id."""
        chat_id = (chat or self.chat).id
        message = self._world.user_message(chat_id, message_id)
        if message is None or message["from"]["id"] != self.id or "text" not in message:
            raise AssertionError(f"user {self.id} has no text message {message_id} in {chat_id}")
        message["text"] = new_text
        message["edit_date"] = self._world.now()
        message.pop("entities", None)
        if entities := command_entities(new_text):
            message["entities"] = entities
        return self._push({"edited_message": copy.deepcopy(message)})

    # buttons -------------------------------------------------------------------------------

    def _current(self, message: BotMessage) -> BotMessage:
        current = self._world.bot_message(message.chat_id, message.message_id)
        if current is None:
            raise AssertionError(f"bot message {message.message_id} no longer exists")
        return current

    def _newest_with_keyboard(self) -> BotMessage | None:
        return next((m for m in reversed(self.messages) if m.buttons), None)

    def _recent_texts(self) -> list[str]:
        return [m.text[:80] for m in self.messages[-5:]]

    def _query(self, message: BotMessage, data: str) -> str:
        query_id = self._world.new_query_id()
        self._world.add_query(
            CallbackRecord(
                id=query_id,
                user_id=self.id,
                chat_id=message.chat_id,
                message_id=message.message_id,
                data=data,
                created_at=time.monotonic(),
            )
        )
        query = {
            "id": query_id,
            "from": self.to_api(),
            "message": self._world.message_to_api(message),
            "chat_instance": chat_instance(message.chat_id),
            "data": data,
        }
        self._push({"callback_query": query})
        return query_id

    async def press(self, button_text: str, *, message: BotMessage | None = None) -> str:
        """Press a callback button (exact text, else the unique one containing it)."""
        target = self._current(message) if message else self._newest_with_keyboard()
        if target is None:
            raise AssertionError(
                f"no bot message with an inline keyboard in chat {self.chat_id}; "
                f"latest bot messages: {self._recent_texts()!r}"
            )
        button = target.find_button(button_text)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} is not a callback button ({button})")
        return self._query(target, button.callback_data)

    async def press_data(self, data: str, *, message: BotMessage | None = None) -> str:
        """Send a callback query with arbitrary (possibly forged) data on a bot message."""
        target = self._current(message) if message else self.last
        if target is None:
            raise AssertionError(f"the bot has sent no message to chat {self.chat_id}")
        return self._query(target, data)

    def buttons(self, message: BotMessage | None = None) -> list[str]:
        """Return the button texts of `message`, else of the newest message with a keyboard."""
        target = self._current(message) if message else self._newest_with_keyboard()
        return target.button_texts() if target else []

    # observing -----------------------------------------------------------------------------

    @property
    def messages(self) -> list[BotMessage]:
        """Return the bot's current messages in the private chat, oldest first."""
        return self._world.bot_messages(self.chat_id)

    @property
    def last(self) -> BotMessage | None:
        """Return the bot's newest message in the private chat."""
        messages = self.messages
        return messages[-1] if messages else None

    def _next_event(self) -> MessageEvent | None:
        events = self._world.events[self._cursor :]
        return next((e for e in events if e.message.chat_id == self.chat_id), None)

    async def wait_message(self, *, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """Wait for the next new or edited bot message since this user's last action."""
        await self._world.changed.wait_for(lambda: self._next_event() is not None, timeout)
        event = self._next_event()
        if event is None:
            raise TimeoutError(
                f"{self!r}: no new or edited bot message within {timeout}s of the "
                f"user's last action.\n{self._diagnostics()}"
            )
        self._cursor = event.seq
        current = self._world.bot_message(self.chat_id, event.message.message_id)
        return current or event.message

    async def wait_answer(
        self,
        query_id: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackRecord:
        """Wait until the bot answers callback query `query_id`."""
        record = self._world.callback_queries.get(query_id)
        if record is None:
            raise AssertionError(f"unknown callback query {query_id!r}")
        if not await self._world.changed.wait_for(lambda: record.answered, timeout):
            raise TimeoutError(
                f"{self!r}: callback query {query_id} (data {record.data!r}) not answered "
                f"within {timeout}s.\n{self._diagnostics()}"
            )
        return record

    def _diagnostics(self) -> str:
        calls = [
            f"  {c.method} -> {'ok' if c.ok else f'{c.error_code} {c.description}'}"
            for c in self._world.calls[-8:]
            if c.method != "getUpdates"
        ]
        problems = [f"  {p}" for p in self._world.problems[-5:]]
        lines = ["Recent Bot API calls:", *(calls or ["  (none)"])]
        if problems:
            lines += ["Problems so far:", *problems]
        return "\n".join(lines)
