"""/roadmap: the map, one step opened, and "study from here"."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.errors import UnknownItem
from bot.views.roadmap import roadmap_screen, start_here_screen, step_screen
from bot.views.study import study_screen


async def roadmap_command(update: Update, context: BotContext) -> None:
    """Show the whole roadmap with the learner's progress per step."""
    snap = await context.learning.open(context.who)
    await send(context, roadmap_screen(context.text(snap.ui_language), snap))


async def roadmap_button(context: BotContext, data: CallbackData) -> Reply:
    """Open the map or a step, or move the learner's starting point."""
    learning = context.learning
    if data.action is Action.START_HERE:
        snap = await learning.set_start(context.who, data.arg)
        t = context.text(snap.ui_language)
        return Reply(start_here_screen(t, snap, data.arg), t.plain("toast-start-here"))
    if data.action is Action.UNSKIP_FROM:
        snap = await learning.unskip_from(context.who, data.arg)
        t = context.text(snap.ui_language)
        return Reply(study_screen(t, snap), t.plain("toast-unskipped"))
    snap = await learning.open(context.who)
    t = context.text(snap.ui_language)
    if data.action is Action.OPEN_STEP:
        step = snap.roadmap.step(data.arg)
        if step is None:
            raise UnknownItem(data.arg)
        return Reply(step_screen(t, snap, step))
    return Reply(roadmap_screen(t, snap))
