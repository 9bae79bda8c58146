"""Bot API methods about messages, callback queries, commands and the bot's profile."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Callable
from typing import Any

from fake_bot_api.entities import Entity, EntityError, check_input_entities, normalize, utf16_len
from fake_bot_api.errors import BLOCKED, NOT_MODIFIED, QUERY_TOO_OLD, ApiError, bad_request
from fake_bot_api.html import HtmlParseError, parse_html
from fake_bot_api.markup import check_reply_markup
from fake_bot_api.models import BotMessage, JsonDict, SimChat
from fake_bot_api.params import Params
from fake_bot_api.state import World

MAX_TEXT_UTF16 = 4096
MAX_ANSWER_TEXT = 200
MAX_COMMANDS = 100
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE_RE = re.compile(r"[a-z]{2}")
_BAD_MARKUP = "can't parse reply keyboard markup JSON object"

Method = Callable[[Params], Any]


@dataclasses.dataclass(frozen=True)
class FormattedText:
    """Message text after parsing, plus how it was sent."""

    text: str
    entities: list[Entity]
    parse_mode: str | None
    html: str | None


def _inline_part(markup: JsonDict | None) -> JsonDict | None:
    return markup if markup and "inline_keyboard" in markup else None


class BotApiMethods:
    """Implements the synchronous Bot API methods on top of the World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.table: dict[str, Method] = {
            "getMe": self.get_me,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setMyDescription": self.set_my_description,
            "getMyDescription": self.get_my_description,
            "setMyShortDescription": self.set_my_short_description,
            "getMyShortDescription": self.get_my_short_description,
            "logOut": self.log_out,
            "close": self.close,
        }

    # shared checks -------------------------------------------------------------------------

    def _formatted(self, p: Params) -> FormattedText:
        raw = p.required_string("text", "message text is empty")
        parse_mode = (p.string("parse_mode") or "").strip()
        explicit = p.json("entities", error="can't parse entities JSON object")
        html: str | None = None
        if explicit is not None:
            try:
                text, entities = raw, check_input_entities(explicit, raw)
            except EntityError as exc:
                raise bad_request(str(exc)) from None
            parse_mode = ""
        elif parse_mode.lower() == "html":
            try:
                text, entities = parse_html(raw)
            except HtmlParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
            parse_mode, html = "HTML", raw
        elif parse_mode.lower() in {"markdown", "markdownv2"}:
            raise bad_request(f"parse_mode {parse_mode} is not supported by this fake; use HTML")
        elif parse_mode and parse_mode.lower() != "none":
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        else:
            text, entities, parse_mode = raw, [], ""
        text, entities = normalize(text, entities)
        if not text:
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT_UTF16:
            raise bad_request("message is too long")
        return FormattedText(text, entities, parse_mode or None, html)

    @staticmethod
    def _link_preview(p: Params) -> JsonDict | None:
        error = "can't parse link preview options"
        options: JsonDict | None = p.json("link_preview_options", error=error)
        if options is not None and not isinstance(options, dict):
            raise bad_request(error)
        if p.boolean("disable_web_page_preview"):
            options = {**(options or {}), "is_disabled": True}
        return options

    def _check_not_blocked(self, chat: SimChat) -> None:
        if chat.type == "private" and chat.id in self.world.blocked:
            raise ApiError(403, BLOCKED, problem=False)

    def _reply_target(self, p: Params, chat: SimChat) -> int | None:
        reply = p.json("reply_parameters", error="can't parse reply parameters JSON object")
        if reply is not None:
            if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
                raise bad_request("can't parse reply parameters JSON object")
            message_id: int | None = reply["message_id"]
            allow_missing = bool(reply.get("allow_sending_without_reply"))
        else:
            message_id = p.integer("reply_to_message_id")
            allow_missing = p.boolean("allow_sending_without_reply")
        if message_id is None:
            return None
        if self.world.any_message_to_api(chat.id, message_id) is None:
            if allow_missing:
                return None
            raise bad_request("message to be replied not found")
        return message_id

    def _message_to_edit(self, p: Params) -> BotMessage:
        if p.has("inline_message_id"):
            raise bad_request("inline messages are not supported by this fake")
        chat_id = p.optional_chat_id()
        message_id = p.integer("message_id")
        if chat_id is None or message_id is None:
            raise bad_request("message identifier is not specified")
        chat = self.world.resolve_chat(chat_id)
        message = self.world.bot_message(chat.id, message_id)
        if message is None:
            if self.world.user_message(chat.id, message_id) is not None:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    # messages ------------------------------------------------------------------------------

    def get_me(self, p: Params) -> JsonDict:
        """getMe: the bot's User object."""
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def send_message(self, p: Params) -> JsonDict:
        """sendMessage."""
        chat = self.world.resolve_chat(p.chat_id())
        formatted = self._formatted(p)
        markup = check_reply_markup(p.json("reply_markup", error=_BAD_MARKUP))
        reply_to = self._reply_target(p, chat)
        link_preview = self._link_preview(p)
        self._check_not_blocked(chat)
        message = BotMessage(
            message_id=self.world.next_message_id(chat.id),
            chat_id=chat.id,
            text=formatted.text,
            date=self.world.now(),
            html=formatted.html,
            parse_mode=formatted.parse_mode,
            entities=formatted.entities,
            reply_markup=markup,
            link_preview_options=link_preview,
            reply_to_message_id=reply_to,
        )
        self.world.add_bot_message(message)
        return self.world.message_to_api(message)

    def edit_message_text(self, p: Params) -> JsonDict:
        """editMessageText; omitting reply_markup removes the keyboard, as on Telegram."""
        message = self._message_to_edit(p)
        if message.photo is not None:
            raise bad_request("there is no text in the message to edit")
        formatted = self._formatted(p)
        markup = check_reply_markup(p.json("reply_markup", error=_BAD_MARKUP), inline_only=True)
        current = (message.text, message.entities, _inline_part(message.reply_markup))
        if (formatted.text, formatted.entities, markup) == current:
            raise bad_request(NOT_MODIFIED)
        edited = dataclasses.replace(
            message,
            text=formatted.text,
            entities=formatted.entities,
            html=formatted.html,
            parse_mode=formatted.parse_mode,
            reply_markup=markup,
            link_preview_options=self._link_preview(p),
            edits=message.edits + 1,
            edit_date=self.world.now(),
        )
        self.world.replace_bot_message(edited)
        return self.world.message_to_api(edited)

    def edit_message_reply_markup(self, p: Params) -> JsonDict:
        """editMessageReplyMarkup; omitting reply_markup removes the keyboard."""
        message = self._message_to_edit(p)
        markup = check_reply_markup(p.json("reply_markup", error=_BAD_MARKUP), inline_only=True)
        if markup == _inline_part(message.reply_markup):
            raise bad_request(NOT_MODIFIED)
        edited = dataclasses.replace(
            message, reply_markup=markup, edits=message.edits + 1, edit_date=self.world.now()
        )
        self.world.replace_bot_message(edited)
        return self.world.message_to_api(edited)

    def delete_message(self, p: Params) -> bool:
        """deleteMessage (bot messages and users' messages alike)."""
        chat = self.world.resolve_chat(p.chat_id())
        message_id = p.required_integer("message_id", "message identifier is not specified")
        if not self.world.delete_message(chat.id, message_id):
            raise bad_request("message to delete not found")
        return True

    def send_chat_action(self, p: Params) -> bool:
        """sendChatAction."""
        chat = self.world.resolve_chat(p.chat_id())
        if p.string("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._check_not_blocked(chat)
        return True

    # callback queries ----------------------------------------------------------------------

    def answer_callback_query(self, p: Params) -> bool:
        """answerCallbackQuery: once per query, within the answer timeout."""
        query_id = p.required_string("callback_query_id", "query_id is empty")
        record = self.world.callback_queries.get(query_id)
        text = p.string("text")
        age = time.monotonic() - record.created_at if record else 0.0
        if record is None or record.answered or age > self.world.callback_answer_timeout:
            if record is not None:
                record.rejected_answers += 1
            raise bad_request(QUERY_TOO_OLD)
        if text is not None and utf16_len(text) > MAX_ANSWER_TEXT:
            record.rejected_answers += 1
            raise bad_request("MESSAGE_TOO_LONG")
        record.answered = True
        record.answered_at = time.monotonic()
        record.answer = {
            "text": text,
            "show_alert": p.boolean("show_alert"),
            "url": p.string("url"),
            "cache_time": p.integer("cache_time"),
        }
        self.world.changed.notify()
        return True

    # commands and descriptions -------------------------------------------------------------

    @staticmethod
    def _language(p: Params) -> str:
        language = p.string("language_code") or ""
        if language and not _LANGUAGE_RE.fullmatch(language):
            raise bad_request("LANG_CODE_INVALID")
        return language

    def _scope_key(self, p: Params) -> str:
        scope = p.json("scope", error="can't parse BotCommandScope JSON object")
        if scope is None:
            return "default"
        if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
            raise bad_request("wrong BotCommandScope type specified")
        if scope["type"] in {"chat", "chat_administrators", "chat_member"}:
            chat_id = scope.get("chat_id")
            if not isinstance(chat_id, int | str) or isinstance(chat_id, bool):
                raise bad_request("chat_id is empty")
            self.world.resolve_chat(chat_id)
        if scope["type"] == "chat_member" and not isinstance(scope.get("user_id"), int):
            raise bad_request("user_id is empty")
        if len(scope) == 1:
            return str(scope["type"])
        return json.dumps(scope, sort_keys=True, separators=(",", ":"))

    def set_my_commands(self, p: Params) -> bool:
        """setMyCommands; an empty list deletes the commands of that scope and language."""
        commands = p.json("commands", error="can't parse commands JSON object")
        if not isinstance(commands, list):
            raise bad_request("commands must be an Array of BotCommand")
        if len(commands) > MAX_COMMANDS:
            raise bad_request("too many commands specified")
        checked = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            checked.append({"command": name, "description": description})
        key = (self._scope_key(p), self._language(p))
        if checked:
            self.world.commands[key] = checked
        else:
            self.world.commands.pop(key, None)
        return True

    def get_my_commands(self, p: Params) -> list[JsonDict]:
        """getMyCommands for exactly that scope and language."""
        key = (self._scope_key(p), self._language(p))
        return [dict(command) for command in self.world.commands.get(key, [])]

    def delete_my_commands(self, p: Params) -> bool:
        """deleteMyCommands."""
        self.world.commands.pop((self._scope_key(p), self._language(p)), None)
        return True

    def _set_text(self, store: dict[str, str], p: Params, name: str, limit: int) -> bool:
        text = p.string(name) or ""
        if utf16_len(text) > limit:
            raise bad_request(f"{name.replace('_', ' ')} is too long")
        language = self._language(p)
        if text:
            store[language] = text
        else:
            store.pop(language, None)
        return True

    def set_my_description(self, p: Params) -> bool:
        """setMyDescription; empty text removes it for that language."""
        return self._set_text(self.world.descriptions, p, "description", MAX_DESCRIPTION)

    def get_my_description(self, p: Params) -> JsonDict:
        """getMyDescription, falling back to the default-language description."""
        store, language = self.world.descriptions, self._language(p)
        return {"description": store.get(language, store.get("", ""))}

    def set_my_short_description(self, p: Params) -> bool:
        """setMyShortDescription; empty text removes it for that language."""
        store = self.world.short_descriptions
        return self._set_text(store, p, "short_description", MAX_SHORT_DESCRIPTION)

    def get_my_short_description(self, p: Params) -> JsonDict:
        """getMyShortDescription, falling back to the default-language one."""
        store, language = self.world.short_descriptions, self._language(p)
        return {"short_description": store.get(language, store.get("", ""))}

    def log_out(self, p: Params) -> bool:
        """logOut (accepted, no effect)."""
        return True

    def close(self, p: Params) -> bool:
        """close (accepted, no effect)."""
        return True
