"""/progress: done, skipped and left, per step, and the weekly streak."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import send
from bot.views.progress import progress_screen


async def progress_command(update: Update, context: BotContext) -> None:
    """Show the learner's progress report."""
    snap = await context.learning.report(context.who)
    await send(context, progress_screen(context.text(snap.ui_language), snap))
