"""Sending the map picture: a new photo, or the chat's last one edited in place."""

from __future__ import annotations

import logging

from telegram import InputMediaPhoto, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.handlers.common import CANNOT_EDIT, NOT_MODIFIED
from bot.map.picture import MapPicture
from bot.services.maps import Image, MapPhoto, showing

log = logging.getLogger(__name__)


def _media(image: Image) -> str | bytes:
    """Telegram's ``file_id`` once it holds the image (no upload), else the PNG."""
    media = image.file_id or image.png
    assert media is not None, "an image has its PNG until Telegram holds it"
    return media


async def show_map(
    context: BotContext, picture: MapPicture, caption: str, photo: MapPhoto | None
) -> bool:
    """Show the learner their map; True if it changed the photo they have (edited in place).

    ``photo`` is the map photo the chat has (as stored). An unchanged map is sent again
    without being drawn or uploaded again (its ``file_id``); a changed caption alone
    (counts of extras) edits the caption, without drawing.
    """
    chat_id = context.who.chat_id
    image = await context.services.maps.image(picture)
    shows = showing(image.key, caption)
    try:
        if photo is not None and photo.shows != shows:
            edited = await _edit(context, photo.message_id, image, caption)
            if edited is not None:
                await _remember(context, edited, image, shows)
                return True
        sent = await context.bot.send_photo(
            chat_id, _media(image), caption=caption, parse_mode=ParseMode.HTML
        )
    except Forbidden:
        await context.learning.mark_blocked(chat_id)
        return False
    await _remember(context, sent, image, shows)
    return False


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
        return None
    return edited if isinstance(edited, Message) else None


async def _remember(context: BotContext, message: Message, image: Image, shows: str) -> None:
    if message.photo:
        context.services.maps.uploaded(image.key, message.photo[-1].file_id)
    await context.learning.remember_map(context.who, MapPhoto(message.message_id, shows))
