"""Everything no other handler took: unknown commands, free text, media, groups, bad buttons."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType, ParseMode

from bot.context import BotContext
from bot.handlers import notes, plan
from bot.handlers.common import send, serving
from bot.i18n import Markup
from bot.services.reminders import NotAsked
from bot.views import reminders as reminder_views
from bot.views.notes import note_not_text

log = logging.getLogger(__name__)

#: How much of an unknown command we echo back.
MAX_ECHO = 32
#: How much of a mistyped time zone we echo back.
MAX_ZONE_ECHO = 64


async def unknown_command(update: Update, context: BotContext) -> None:
    """Tell the learner the command does not exist and where to look."""
    message = update.effective_message
    text = message.text if message is not None else None
    command = (text or "/").split()[0].split("@")[0][: MAX_ECHO + 1]
    t = context.text(await context.attend())  # a command: ends any question asked
    await send(context, t.screen(t("unknown-command", command=command)))


async def free_text(update: Update, context: BotContext) -> None:
    """Take a note (a reply to a card, or asked for), the plan's hours or a time zone the
    bot asked for; otherwise point to the commands."""
    message = update.effective_message
    text = message.text if message is not None else None
    if await notes.reply_note(update, context):
        return
    note = await context.services.notes.typed(context.who, text or "")
    if not isinstance(note, NotAsked):
        await notes.answer_note(context, note)
        return
    hours = await context.services.plans.typed(context.who, text or "")
    if not isinstance(hours, NotAsked):
        await plan.answer_hours(context, hours, text or "")
        return
    typed = await context.services.reminders.typed(context.who, (text or "")[:200])
    if isinstance(typed, NotAsked):
        t = context.text(typed.ui_language)
        await send(context, t.screen(t("free-text")))
        return
    t = context.text(typed.view.ui_language)
    if typed.accepted:
        key = "reminder-zone-set" if typed.view.enabled else "reminder-zone-set-off"
        screen = reminder_views.reminders_screen(t, typed.view, notice=t(key, zone=typed.typed))
    else:
        notice = t("reminder-zone-unknown", typed=typed.typed[:MAX_ZONE_ECHO])
        screen = reminder_views.zone_menu(t, typed.view, notice=notice)
    await send(context, screen)


async def unsupported_message(update: Update, context: BotContext) -> None:
    """Answer stickers, photos and anything else that is not text (a note must be text)."""
    locale, asked = await context.services.notes.waiting(context.who)
    t = context.text(locale)
    await send(context, note_not_text(t) if asked else t.screen(t("unsupported-message")))


async def group_message(update: Update, context: BotContext) -> None:
    """In a group, point people to a private chat (the bot is a personal study guide)."""
    message = update.effective_message
    if message is None:
        return
    t = context.text(await context.locale())
    screen = t.screen(t("group-only-private", bot=Markup(f"@{context.bot.username}")))
    await message.reply_text(screen.text, parse_mode=ParseMode.HTML)


async def invalid_button(update: Update, context: BotContext) -> None:
    """A button whose data no handler recognised: forged, or from an old version."""
    query = update.callback_query
    if query is None:
        return
    log.info("unrecognised button data %r", query.data)
    chat = update.effective_chat
    async with serving(query, context) as press:
        if not context.has_learner or chat is None or chat.type != ChatType.PRIVATE:
            return  # answered without a word
        await press.answer(context.text(await context.locale()).plain("button-invalid"), alert=True)
