"""/reminders, the onboarding reminder question, and the nudge's snooze / stop buttons."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send, who
from bot.services.learning import UnknownItem, Who
from bot.services.reminders import ReminderService, ReminderView
from bot.services.schedule import UnknownTimeZone
from bot.views import reminders as views
from bot.views.study import study_screen


async def reminders_command(update: Update, context: BotContext) -> None:
    """Show the weekly reminder settings."""
    view = await context.services.reminders.view(who(update))
    await send(update, context, views.reminders_screen(context.text(view.ui_language), view))


async def reminders_button(update: Update, context: BotContext, data: CallbackData) -> Reply:
    """Open a settings screen or change a setting (also the nudge's snooze / stop)."""
    service, learner = context.services.reminders, who(update)
    if data.action is Action.REMINDERS:
        if data.arg == "type":
            view = await service.await_zone(learner)
            return Reply(views.type_zone_prompt(context.text(view.ui_language), view))
        view = await service.view(learner)
        t = context.text(view.ui_language)
        menus = {"day": views.day_menu, "hour": views.hour_menu, "zone": views.zone_menu}
        return Reply(menus.get(data.arg, views.reminders_screen)(t, view))
    view, notice_key = await _change(service, learner, data.arg)
    t = context.text(view.ui_language)
    notice = (
        t(notice_key, when=views.when(t, view.next_local)) if view.next_local else t(notice_key)
    )
    return Reply(views.reminders_screen(t, view, notice=notice), t.plain("toast-saved"))


async def _change(service: ReminderService, learner: Who, arg: str) -> tuple[ReminderView, str]:
    """Apply a REMINDER_SET argument; return the new view and the notice to show."""
    try:
        if arg == "on":
            return await service.set_enabled(learner, True), "reminder-saved"
        if arg == "off":
            return await service.set_enabled(learner, False), "reminder-stopped"
        if arg == "snooze":
            return await service.snooze(learner), "reminder-snoozed"
        kind, value = arg[0], arg[1:]
        if kind == "d":
            return await service.set_weekday(learner, int(value)), "reminder-saved"
        if kind == "h":
            return await service.set_hour(learner, int(value)), "reminder-saved"
        return await service.set_zone(learner, value), "reminder-saved"
    except (UnknownTimeZone, ValueError):
        raise UnknownItem(arg) from None


async def onboarding_reminder(update: Update, context: BotContext, data: CallbackData) -> Reply:
    """The last onboarding question: a weekly reminder, then the first resource."""
    learner = who(update)
    if data.arg == "no":
        await context.services.reminders.set_enabled(learner, False)  # remember the answer
        snap = await context.learning.finish_onboarding(learner)
        t = context.text(snap.ui_language)
        return Reply(study_screen(t, snap, notice=t("onboarding-done")))
    view = await context.services.reminders.set_enabled(learner, True)
    t = context.text(view.ui_language)
    if data.arg == "custom":
        return Reply(views.reminders_screen(t, view, notice=t("onboarding-reminder-custom")))
    snap = await context.learning.finish_onboarding(learner)
    assert view.next_local is not None
    notice = t("onboarding-done-reminder", when=views.when(t, view.next_local), zone=view.timezone)
    return Reply(study_screen(t, snap, notice=notice))
