"""The study plan: its screen from /progress, hours by button or typed, removing it."""

from __future__ import annotations

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.study_plan import TypedHours
from bot.views.plan import plan_prompt, plan_screen


async def plan_button(context: BotContext, data: CallbackData) -> Reply:
    """Open the plan, ask for typed hours, set the hours or remove the plan."""
    plans, learner = context.services.plans, context.who
    if data.action is Action.PLAN_SET:
        snap = await plans.set_hours(learner, int(data.arg))
        t = context.text(snap.ui_language)
        notice = t("plan-saved", hours=int(data.arg))
        return Reply(plan_screen(t, snap, notice=notice), t.plain("toast-saved"))
    if data.arg == "type":
        snap = await plans.ask(learner)
        return Reply(plan_prompt(context.text(snap.ui_language)))
    if data.arg == "off":
        snap = await plans.remove(learner)
        t = context.text(snap.ui_language)
        return Reply(plan_screen(t, snap, notice=t("plan-removed")), t.plain("toast-saved"))
    snap = await plans.view(learner)
    return Reply(plan_screen(context.text(snap.ui_language), snap))


async def answer_hours(context: BotContext, typed: TypedHours, text: str) -> None:
    """Reply to hours typed at the prompt: the plan saved, or the prompt again."""
    t = context.text(typed.snapshot.ui_language)
    if typed.hours is None:
        await send(context, plan_prompt(t, typed=text))
        return
    notice = t("plan-saved", hours=typed.hours)
    await send(context, plan_screen(t, typed.snapshot, notice=notice))
