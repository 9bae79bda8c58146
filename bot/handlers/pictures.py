"""Sending the map picture: a new photo, or the chat's last one edited in place."""

from __future__ import annotations

import hashlib
import logging

from telegram import InputMediaPhoto, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.handlers.common import CANNOT_EDIT, NOT_MODIFIED
from bot.map.picture import MapPicture
from bot.services.maps import Image

log = logging.getLogger(__name__)


def _media(image: Image) -> str | bytes:
    """Telegram's ``file_id`` once it holds the image (no upload), else the PNG."""
    media = image.file_id or image.png
    assert media is not None, "an image has its PNG until Telegram holds it"
    return media


async def show_map(context: BotContext, picture: MapPicture, caption: str) -> bool:
    """Show the learner their map; True if it changed the photo they have (edited in place).

    An unchanged map is sent again without being drawn or uploaded again (its ``file_id``);
    a changed caption alone (counts of extras) edits the caption, without drawing.
    """
    maps, chat_id = context.services.maps, context.who.chat_id
    image = await maps.image(picture)
    shown, showing = maps.shown(chat_id), f"{image.key}:{caption_key(caption)}"
    try:
        if shown is not None and shown.key != showing:
            edited = await _edit(context, shown.message_id, image, caption)
            if edited is not None:
                _remember(context, edited, image, showing)
                return True
        sent = await context.bot.send_photo(
            chat_id, _media(image), caption=caption, parse_mode=ParseMode.HTML
        )
    except Forbidden:
        await context.learning.mark_blocked(chat_id)
        return False
    _remember(context, sent, image, showing)
    return False


def caption_key(caption: str) -> str:
    return hashlib.blake2b(caption.encode(), digest_size=8).hexdigest()


async def _edit(context: BotContext, message_id: int, image: Image, caption: str) -> Message | None:
    """The chat's map photo edited to ``image``; None if Telegram cannot edit it."""
    media = InputMediaPhoto(_media(image), caption=caption, parse_mode=ParseMode.HTML)
    try:
        edited = await context.bot.edit_message_media(
            media, chat_id=context.who.chat_id, message_id=message_id
        )
    except BadRequest as exc:
        text = exc.message.lower()
        if NOT_MODIFIED in text:  # another instance showed this already
            return None
        if not any(reason in text for reason in CANNOT_EDIT):
            raise
        log.info(
            "map photo %s of chat %s cannot be edited: %s", message_id, context.who.chat_id, exc
        )
        context.services.maps.forget(context.who.chat_id)
        return None
    return edited if isinstance(edited, Message) else None


def _remember(context: BotContext, message: Message, image: Image, showing: str) -> None:
    maps = context.services.maps
    if message.photo:
        maps.uploaded(image.key, message.photo[-1].file_id)
    maps.show(context.who.chat_id, message.message_id, showing)
