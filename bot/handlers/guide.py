"""/help: what the bot does and its commands."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import send
from bot.views.settings import help_screen


async def help_command(update: Update, context: BotContext) -> None:
    """Explain the bot and list its commands."""
    await send(context, help_screen(context.text(await context.attend())))
