"""/stats and /reload, for the Telegram ids in ADMIN_IDS only.

The commands are registered with a user filter, so for anyone else they do not exist:
the update falls through to the ordinary unknown-command reply.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.config import Settings
from bot.context import BotApplication, BotContext
from bot.handlers.common import send
from bot.views.admin import reload_screen, stats_screen


async def stats_command(update: Update, context: BotContext) -> None:
    """Show how many learners there are, how active, and where they are on the roadmap."""
    t = context.text(await context.attend())
    await send(context, stats_screen(t, await context.services.admin.stats()))


async def reload_command(update: Update, context: BotContext) -> None:
    """Re-read the roadmap file; on problems, list them and keep the current roadmap."""
    t = context.text(await context.attend())
    await send(context, reload_screen(t, await context.services.admin.reload()))


def register(app: BotApplication, settings: Settings) -> None:
    """Add the admin commands; call before the unknown-command handler is added."""
    admins = (
        filters.ChatType.PRIVATE
        & filters.UpdateType.MESSAGE
        & filters.User(user_id=settings.admin_ids)
    )
    app.add_handler(CommandHandler("stats", stats_command, filters=admins))
    app.add_handler(CommandHandler("reload", reload_command, filters=admins))
