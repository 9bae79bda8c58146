"""/progress: done, skipped and left, per step, and the weekly streak; its map picture."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.handlers.pictures import show_map
from bot.views.map import map_caption, map_picture
from bot.views.progress import progress_screen


async def progress_command(update: Update, context: BotContext) -> None:
    """Show the learner's progress report."""
    snap = await context.learning.report(context.who)
    await send(context, progress_screen(context.text(snap.ui_language), snap))


async def map_button(context: BotContext, data: CallbackData) -> Reply:
    """Send the picture of the learner's map, or update the one they have."""
    snap = await context.learning.open(context.who)
    t = context.text(snap.ui_language)
    updated = await show_map(context, map_picture(t, snap), map_caption(t, snap), snap.map_photo)
    return Reply(None, t.plain("map-updated") if updated else None)
