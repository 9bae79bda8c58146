"""/forget: delete everything the bot stores about the learner, after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callback_data import Action, CallbackData, pattern
from bot.context import BotApplication, BotContext
from bot.handlers.common import Reply, on_button, send
from bot.views.privacy import forget_confirm, forget_done, forget_kept, forget_nothing


async def forget_command(update: Update, context: BotContext) -> None:
    """Ask for confirmation before deleting the learner's data (registering nobody)."""
    locale = await context.services.privacy.stored(context.who)
    if locale is None:
        await send(context, forget_nothing(context.text(context.telegram_locale())))
        return
    await send(context, forget_confirm(context.text(locale)))


async def forget_button(context: BotContext, data: CallbackData) -> Reply:
    """Delete everything on "yes"; keep everything on "no"."""
    if data.arg != "yes":
        locale = await context.services.privacy.stored(context.who)
        return Reply(forget_kept(context.text(locale or context.telegram_locale())))
    t = context.text(await context.services.privacy.forget(context.who))
    return Reply(forget_done(t), t.plain("forget-toast"))


def register(app: BotApplication) -> None:
    """Add /forget and its buttons; call before the catch-all handlers are added."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("forget", forget_command, filters=private))
    app.add_handler(CallbackQueryHandler(on_button(forget_button), pattern=pattern(Action.FORGET)))
