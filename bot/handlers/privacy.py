"""/forget: delete everything the bot stores about the learner, after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callback_data import Action, CallbackData, pattern
from bot.context import BotApplication, BotContext
from bot.handlers.common import Reply, on_button, send, who
from bot.services.privacy import PrivacyService
from bot.views.privacy import (
    forget_confirm,
    forget_done,
    forget_kept,
    forget_nothing,
)


def _privacy(context: BotContext) -> PrivacyService:
    return PrivacyService(context.services.sessions)


async def forget_command(update: Update, context: BotContext) -> None:
    """Ask for confirmation before deleting the learner's data (registering nobody)."""
    user = who(update)
    t = context.text(await context.learning.locale_for(user))
    stored = await _privacy(context).stored(user.user_id)
    await send(update, context, forget_confirm(t) if stored else forget_nothing(t))


async def forget_answer(update: Update, context: BotContext, answer: str) -> Reply:
    """Delete everything on "yes"; keep everything on "no"."""
    user = who(update)
    t = context.text(await context.learning.locale_for(user))
    if answer != "yes":
        return Reply(forget_kept(t))
    await _privacy(context).forget(user.user_id)
    return Reply(forget_done(t), t.plain("forget-toast"))


async def forget_button(update: Update, context: BotContext, data: CallbackData) -> Reply:
    """The confirmation's yes / no."""
    return await forget_answer(update, context, data.arg)


def register(app: BotApplication) -> None:
    """Add /forget and its buttons; call before the catch-all handlers are added."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("forget", forget_command, filters=private))
    app.add_handler(CallbackQueryHandler(on_button(forget_button), pattern=pattern(Action.FORGET)))
