"""Bot API methods with photos: sendPhoto and editMessageMedia, uploads as multipart.

A photo is an upload (a multipart file field; ``attach://<field>`` inside
``editMessageMedia``'s ``media``) or the ``file_id`` of a photo sent before. Refused as
Telegram refuses them: no image, over 10 MB, width + height over 10,000 or a side over
20 times the other, an unknown ``file_id``, a caption over 1,024 characters. Photos by
URL are not supported by this fake.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from typing import Any

from PIL import Image, UnidentifiedImageError

from fake_bot_api.entities import Entity, EntityError, check_input_entities, normalize, utf16_len
from fake_bot_api.errors import BLOCKED, NOT_MODIFIED, ApiError, bad_request
from fake_bot_api.html import HtmlParseError, parse_html
from fake_bot_api.markup import check_reply_markup
from fake_bot_api.models import BotMessage, JsonDict, Photo
from fake_bot_api.params import Params
from fake_bot_api.state import World

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SIDES = 10_000
MAX_RATIO = 20
MAX_CAPTION_UTF16 = 1024
_BAD_MARKUP = "can't parse reply keyboard markup JSON object"


def _caption(values: dict[str, Any]) -> tuple[str, list[Entity]]:
    """The caption's text and entities, from ``caption``/``parse_mode``/``caption_entities``."""
    raw = values.get("caption") or ""
    if not isinstance(raw, str):
        raise bad_request('field "caption" must be of type String')
    parse_mode = str(values.get("parse_mode") or "").strip().lower()
    explicit = values.get("caption_entities")
    try:
        if explicit is not None:
            text, entities = raw, check_input_entities(explicit, raw)
        elif parse_mode == "html":
            text, entities = parse_html(raw)
        elif parse_mode in {"", "none"}:
            text, entities = raw, []
        else:
            raise bad_request(f"unsupported parse_mode {parse_mode!r} in this fake; use HTML")
    except (EntityError, HtmlParseError) as exc:
        raise bad_request(f"can't parse caption entities: {exc}") from None
    text, entities = normalize(text, entities)
    if utf16_len(text) > MAX_CAPTION_UTF16:
        raise bad_request("message caption is too long")
    return text, entities


class MediaMethods:
    """sendPhoto and editMessageMedia on top of the World."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._ids = itertools.count(1)
        self.table = {"sendPhoto": self.send_photo, "editMessageMedia": self.edit_message_media}

    def _photo(self, value: Any, p: Params) -> Photo:
        """The photo a parameter names: an upload, ``attach://<field>`` or a ``file_id``."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.values.get(value.removeprefix("attach://"))
            if not isinstance(value, dict):
                raise bad_request("can't find the attached file")
        if isinstance(value, dict) and isinstance(value.get("data"), bytes):
            return self._upload(value["data"])
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            raise bad_request("photos by URL are not supported by this fake")
        if isinstance(value, str) and value in self.world.files:
            return self.world.files[value]
        if value is None or value == "":
            raise bad_request("there is no photo in the request")
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _upload(self, data: bytes) -> Photo:
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > MAX_PHOTO_BYTES:
            raise bad_request("PHOTO_SAVE_FILE_INVALID")
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise bad_request("IMAGE_PROCESS_FAILED") from None
        if width + height > MAX_SIDES or max(width, height) > MAX_RATIO * min(width, height):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        number = next(self._ids)
        photo = Photo(
            f"AgACAgIAAx-photo-{number}", f"AQAD-{number}", width, height, len(data), data
        )
        self.world.files[photo.file_id] = photo
        return photo

    def send_photo(self, p: Params) -> JsonDict:
        """sendPhoto."""
        chat = self.world.resolve_chat(p.chat_id())
        photo = self._photo(p.values.get("photo"), p)
        text, entities = _caption(p.values)
        markup = check_reply_markup(p.json("reply_markup", error=_BAD_MARKUP))
        if chat.type == "private" and chat.id in self.world.blocked:
            raise ApiError(403, BLOCKED, problem=False)
        message = BotMessage(
            message_id=self.world.next_message_id(chat.id),
            chat_id=chat.id,
            text=text,
            date=self.world.now(),
            parse_mode=(p.string("parse_mode") or None),
            entities=entities,
            reply_markup=markup,
            photo=photo,
        )
        self.world.add_bot_message(message)
        return self.world.message_to_api(message)

    def edit_message_media(self, p: Params) -> JsonDict:
        """editMessageMedia with a photo; omitting reply_markup removes the keyboard."""
        if p.has("inline_message_id"):
            raise bad_request("inline messages are not supported by this fake")
        chat_id, message_id = p.optional_chat_id(), p.integer("message_id")
        if chat_id is None or message_id is None:
            raise bad_request("message identifier is not specified")
        chat = self.world.resolve_chat(chat_id)
        message = self.world.bot_message(chat.id, message_id)
        if message is None:
            raise bad_request("message to edit not found")
        media = p.json("media", error="can't parse InputMedia JSON object")
        if not isinstance(media, dict) or media.get("type") != "photo":
            raise bad_request("can't parse InputMedia JSON object (this fake edits photos only)")
        if message.photo is None:
            raise bad_request("there is no media in the message to edit")
        photo = self._photo(media.get("media"), p)
        text, entities = _caption(media)
        markup = check_reply_markup(p.json("reply_markup", error=_BAD_MARKUP), inline_only=True)
        current = (message.photo.file_id, message.text, message.entities, message.reply_markup)
        if (photo.file_id, text, entities, markup) == current:
            raise bad_request(NOT_MODIFIED)
        edited = dataclasses.replace(
            message,
            photo=photo,
            text=text,
            entities=entities,
            reply_markup=markup,
            edits=message.edits + 1,
            edit_date=self.world.now(),
        )
        self.world.replace_bot_message(edited)
        return self.world.message_to_api(edited)
