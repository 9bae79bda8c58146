"""/start: the guided onboarding, or a welcome back for a known learner."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.path import Material
from bot.views import onboarding
from bot.views import reminders as reminder_views


async def start_command(update: Update, context: BotContext) -> None:
    """Greet a new learner with the onboarding questions, or resume an existing one."""
    snap = await context.learning.open(context.who)
    t = context.text(snap.ui_language)
    screen = onboarding.welcome_back(t, snap) if snap.onboarded else onboarding.welcome(t, snap)
    await send(context, screen)


async def onboarding_button(context: BotContext, data: CallbackData) -> Reply:
    """Record an onboarding answer and ask the next question (or show the first resource)."""
    if data.action is Action.ONBOARD_MATERIAL:
        snap = await context.learning.set_material(context.who, Material(data.arg))
        return Reply(onboarding.choose_start(context.text(snap.ui_language), snap))
    start_at = None if data.arg == "begin" else data.arg
    snap, question = await context.services.onboarding.choose_start(context.who, start_at)
    t = context.text(snap.ui_language)
    if question is None:
        return Reply(onboarding.onboarding_done(t, snap))  # asked before (e.g. after /reset)
    return Reply(reminder_views.onboarding_question(t, question))
