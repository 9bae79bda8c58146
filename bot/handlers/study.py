"""/next and the study card's buttons: done, started, skip, undo, choices."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData, undo_target
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.errors import UnknownItem
from bot.services.learning import Outcome, Undo
from bot.services.path import Status
from bot.views.screen import join
from bot.views.study import (
    elective_menu,
    framework_menu,
    milestone_notice,
    study_screen,
    topic_screen,
)

#: What each marking button records, and the toast that says so.
MARKS = {
    Action.DONE: (Status.DONE, "toast-done"),
    Action.SKIP: (Status.SKIPPED, "toast-skipped"),
    Action.STARTED: (Status.STARTED, "toast-started"),
}


async def next_command(update: Update, context: BotContext) -> None:
    """Send the learner's next resource."""
    snap = await context.learning.open(context.who)
    await send(context, study_screen(context.text(snap.ui_language), snap))


async def mark_button(context: BotContext, data: CallbackData) -> Reply:
    """Done, Started or Skip: record it, say what it completed, offer Undo."""
    status, toast = MARKS[data.action]
    outcome: Outcome = await context.learning.mark(context.who, data.arg, status)
    snap = outcome.snapshot
    t = context.text(snap.ui_language)
    resource = snap.roadmap.resource(data.arg)
    notice = join(
        milestone_notice(t, outcome.milestones),
        t("started-notice", title=resource.display_title)
        if resource and status is Status.STARTED
        else "",
    )
    return Reply(study_screen(t, snap, notice=notice, undo=outcome.undo), t.plain(toast))


async def undo_button(context: BotContext, data: CallbackData) -> Reply:
    """Put a resource back as it was before the last Done, Started or Skip."""
    resource_id, previous = undo_target(data)
    snap = await context.learning.undo(
        context.who, Undo(resource_id, Status(previous) if previous else None)
    )
    t = context.text(snap.ui_language)
    return Reply(study_screen(t, snap), t.plain("toast-undone"))


async def revisit_button(context: BotContext, data: CallbackData) -> Reply:
    """Study a skipped resource now: its card, without the skip."""
    snap = await context.learning.revisit(context.who, data.arg)
    t = context.text(snap.ui_language)
    return Reply(study_screen(t, snap), t.plain("toast-revisit"))


async def know_topic_button(context: BotContext, data: CallbackData) -> Reply:
    """ "I know this topic": the rest of it is not needed; say what it completed, offer Undo."""
    outcome = await context.learning.know_topic(context.who, data.arg)
    snap = outcome.snapshot
    t = context.text(snap.ui_language)
    topic = snap.roadmap.topic(data.arg)
    notice = join(
        milestone_notice(t, outcome.milestones),
        t("known-notice", topic=topic.title.get(t.locale)) if topic else "",
    )
    return Reply(study_screen(t, snap, notice=notice, undo=outcome.undo), t.plain("toast-known"))


async def topic_button(context: BotContext, data: CallbackData) -> Reply:
    """Every resource of a topic (TOPIC), one of them opened (SHOW), or "I know" undone."""
    learning, learner = context.learning, context.who
    match data.action:
        case Action.TOPIC:
            snap = await learning.open(learner)
            topic = snap.roadmap.topic(data.arg)
            if topic is None:
                raise UnknownItem(data.arg)  # answered like every id that left the roadmap
            return Reply(topic_screen(context.text(snap.ui_language), snap, topic))
        case Action.SHOW:
            snap = await learning.show(learner, data.arg)
            return Reply(study_screen(context.text(snap.ui_language), snap))
        case _:  # Action.UNKNOW_TOPIC
            snap = await learning.unknow_topic(learner, data.arg)
            t = context.text(snap.ui_language)
            return Reply(study_screen(t, snap), t.plain("toast-undone"))


async def study_button(context: BotContext, data: CallbackData) -> Reply:
    """The card's other buttons and the choices: show what comes next in the same message."""
    learner, learning = context.who, context.learning
    toast_key: str | None = None
    match data.action:
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
