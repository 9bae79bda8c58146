"""/next and the study card's buttons: done, skip, skip topic, other language, choices."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.path import Status
from bot.services.snapshot import Snapshot
from bot.views.study import elective_menu, framework_menu, study_screen


async def next_command(update: Update, context: BotContext) -> None:
    """Send the learner's next resource."""
    snap = await context.learning.open(context.who)
    await send(context, study_screen(context.text(snap.ui_language), snap))


async def study_button(context: BotContext, data: CallbackData) -> Reply:
    """Act on a study-card button and show what comes next in the same message."""
    learner, learning = context.who, context.learning
    toast_key: str | None = None
    snap: Snapshot
    match data.action:
        case Action.DONE:
            snap, toast_key = await learning.resolve(learner, data.arg, Status.DONE), "toast-done"
        case Action.SKIP:
            snap, toast_key = (
                await learning.resolve(learner, data.arg, Status.SKIPPED),
                "toast-skipped",
            )
        case Action.SKIP_TOPIC:
            snap, toast_key = await learning.skip_topic(learner, data.arg), "toast-topic-skipped"
        case Action.OTHER_LANGUAGE:
            snap = await learning.accept_other_language(learner, data.arg)
        case Action.FRAMEWORK:
            snap, toast_key = await learning.choose_framework(learner, data.arg), "toast-framework"
        case Action.ELECTIVE:
            snap = await learning.choose_elective(learner, data.arg)
        case _:
            snap = await learning.open(learner)
    t = context.text(snap.ui_language)
    return Reply(study_screen(t, snap), t.plain(toast_key) if toast_key else None)


async def menu_button(context: BotContext, data: CallbackData) -> Reply:
    """Open the framework or elective menu."""
    snap = await context.learning.open(context.who)
    t = context.text(snap.ui_language)
    if data.action is Action.FRAMEWORK_MENU:
        return Reply(framework_menu(t, snap))
    return Reply(elective_menu(t, snap))
