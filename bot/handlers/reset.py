"""/reset: start over, only after a confirmation."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.views.onboarding import choose_start
from bot.views.settings import reset_confirm
from bot.views.study import study_screen


async def reset_command(update: Update, context: BotContext) -> None:
    """Ask for confirmation before wiping the learner's progress."""
    snap = await context.learning.open(context.who)
    await send(context, reset_confirm(context.text(snap.ui_language), snap))


async def reset_button(context: BotContext, data: CallbackData) -> Reply:
    """Reset on "yes" (then ask where to start), keep everything on "no"."""
    if data.arg == "yes":
        snap = await context.learning.reset(context.who)
        t = context.text(snap.ui_language)
        return Reply(choose_start(t, snap, notice=t("reset-done")), t.plain("toast-reset"))
    snap = await context.learning.open(context.who)
    t = context.text(snap.ui_language)
    return Reply(study_screen(t, snap, notice=t("reset-cancelled")))
