"""/reset: start over, only after a confirmation (which asks whether notes go too)."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.views.onboarding import choose_start
from bot.views.settings import reset_confirm, reset_done
from bot.views.study import study_screen


async def reset_command(update: Update, context: BotContext) -> None:
    """Ask for confirmation before wiping the learner's progress."""
    snap, notes = await context.learning.reset_preview(context.who)
    await send(context, reset_confirm(context.text(snap.ui_language), snap, notes))


async def reset_button(context: BotContext, data: CallbackData) -> Reply:
    """Reset on "keep" (notes stay) or "all" (notes go too), then ask where to start;
    keep everything on "no"."""
    if data.arg != "no":
        reset = await context.learning.reset(context.who, keep_notes=data.arg != "all")
        t = context.text(reset.snapshot.ui_language)
        notice = reset_done(t, reset)
        return Reply(choose_start(t, reset.snapshot, notice=notice), t.plain("toast-reset"))
    snap = await context.learning.open(context.who)
    t = context.text(snap.ui_language)
    return Reply(study_screen(t, snap, notice=t("reset-cancelled")))
