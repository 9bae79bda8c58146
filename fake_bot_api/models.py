"""Plain records the fake keeps: chats, the bot's messages, API calls and callback queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fake_bot_api.markup import Button, buttons_of

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class SimChat:
    """A chat the fake knows: a user's private chat or a group."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    username: str | None = None

    def to_api(self) -> JsonDict:
        """Return the Chat object as Telegram sends it."""
        chat: JsonDict = {"id": self.id, "type": self.type}
        if self.type == "private":
            chat["first_name"] = self.first_name or ""
        else:
            chat["title"] = self.title or ""
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass(frozen=True)
class Photo:
    """A photo Telegram holds: what a ``file_id`` stands for."""

    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int
    #: What the bot uploaded (tests look at the image).
    data: bytes = field(repr=False, default=b"")

    def to_api(self) -> JsonDict:
        """The PhotoSize object (the fake keeps one size: the original)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.file_size,
        }


@dataclass(frozen=True)
class BotMessage:
    """A snapshot of one message the bot sent (treat as read-only)."""

    message_id: int
    chat_id: int
    #: The text, or a photo's caption ("" for none).
    text: str
    date: int
    html: str | None = None  # the raw text as sent, when parse_mode was HTML
    parse_mode: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    reply_markup: JsonDict | None = None
    edits: int = 0
    edit_date: int | None = None
    link_preview_options: JsonDict | None = None
    reply_to_message_id: int | None = None
    photo: Photo | None = None

    @property
    def buttons(self) -> list[list[Button]]:
        """Return the inline keyboard rows (empty when there is none)."""
        return buttons_of(self.reply_markup)

    def button_texts(self) -> list[str]:
        """Return every inline button's text, row by row."""
        return [button.text for row in self.buttons for button in row]

    def find_button(self, text: str) -> Button:
        """Return the button labelled `text` exactly, else the only one containing it."""
        flat = [button for row in self.buttons for button in row]
        exact = [button for button in flat if button.text == text]
        if exact:
            return exact[0]
        partial = [button for button in flat if text in button.text]
        if len(partial) == 1:
            return partial[0]
        found = "several buttons contain it" if partial else "no button matches"
        raise AssertionError(
            f"{found}: {text!r} in message {self.message_id} (chat {self.chat_id}); "
            f"buttons: {self.button_texts()!r}; text: {self.text[:200]!r}"
        )


@dataclass
class ApiCall:
    """One Bot API request the bot made, and how the fake answered it."""

    method: str
    params: JsonDict
    chat_id: int | str | None
    started_at: float
    ok: bool = False
    error_code: int | None = None
    description: str | None = None
    result: Any = None
    injected: bool = False  # answered (or dropped) by a FaultRule
    finished_at: float | None = None

    @property
    def pending(self) -> bool:
        """Return True while the fake has not answered yet."""
        return self.finished_at is None


@dataclass
class CallbackRecord:
    """A callback query a simulated user created, and the bot's answer to it."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created_at: float
    answered: bool = False
    answer: JsonDict | None = None
    answered_at: float | None = None
    rejected_answers: int = 0


@dataclass(frozen=True)
class MessageEvent:
    """A new or edited bot message, in the order it happened."""

    seq: int
    kind: str  # "new" | "edit"
    message: BotMessage
