"""Everything no other handler took: unknown commands, free text, media, groups, bad buttons."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType, ParseMode

from bot.context import BotContext
from bot.handlers.common import send, who
from bot.i18n import Markup
from bot.views import Screen
from bot.views import reminders as reminder_views

log = logging.getLogger(__name__)

#: How much of an unknown command we echo back.
MAX_ECHO = 32


async def _say(update: Update, context: BotContext, key: str, **args: object) -> None:
    locale = await context.learning.locale_for(who(update))
    await send(update, context, Screen(context.text(locale)(key, **args)))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Tell the learner the command does not exist and where to look."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split()[0].split("@")[0][: MAX_ECHO + 1]
    await _say(update, context, "unknown-command", command=command)


#: How much of a mistyped time zone we echo back.
MAX_ZONE_ECHO = 64


async def free_text(update: Update, context: BotContext) -> None:
    """Take a time zone the bot asked for; otherwise point to the commands."""
    message = update.effective_message
    assert message is not None and message.text is not None
    typed = await context.services.reminders.typed(who(update), message.text[:200])
    if typed is None:
        await _say(update, context, "free-text")
        return
    t = context.text(typed.view.ui_language)
    if typed.accepted:
        screen = reminder_views.reminders_screen(
            t, typed.view, notice=t("reminder-zone-set", zone=typed.typed)
        )
    else:
        notice = t("reminder-zone-unknown", typed=typed.typed[:MAX_ZONE_ECHO])
        screen = reminder_views.zone_menu(t, typed.view, notice=notice)
    await send(update, context, screen)


async def unsupported_message(update: Update, context: BotContext) -> None:
    """Answer stickers, photos and anything else that is not text."""
    await _say(update, context, "unsupported-message")


async def group_message(update: Update, context: BotContext) -> None:
    """In a group, point people to a private chat (the bot is a personal study guide)."""
    message = update.effective_message
    assert message is not None
    locale = await context.learning.locale_for(who(update))
    text = context.text(locale)("group-only-private", bot=Markup(f"@{context.bot.username}"))
    await message.reply_text(text, parse_mode=ParseMode.HTML)


async def invalid_button(update: Update, context: BotContext) -> None:
    """A button whose data no handler recognised: forged, or from an old version."""
    query = update.callback_query
    assert query is not None
    log.info("unrecognised button data %r", query.data)
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        await query.answer()
        return
    locale = await context.learning.locale_for(who(update))
    await query.answer(context.text(locale).plain("button-invalid"), show_alert=True)
