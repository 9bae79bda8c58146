"""/reminders, the onboarding reminder question, and the nudge's snooze / stop buttons."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData, reminder_setting
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.errors import UnknownItem
from bot.services.reminders import ReminderService, ReminderView
from bot.services.schedule import UnknownTimeZone
from bot.services.who import Who
from bot.views import reminders as views
from bot.views.study import study_screen


async def reminders_command(update: Update, context: BotContext) -> None:
    """Show the weekly reminder settings."""
    view = await context.services.reminders.view(context.who)
    await send(context, views.reminders_screen(context.text(view.ui_language), view))


async def reminders_button(context: BotContext, data: CallbackData) -> Reply:
    """Open a settings screen or change a setting (also the nudge's snooze / stop, and its
    review questions off)."""
    service, learner = context.services.reminders, context.who
    if data.action is Action.REMINDERS:
        if data.arg in ("zone", "type"):  # both invite the learner to type a zone's name
            view = await service.await_zone(learner)
            t = context.text(view.ui_language)
            menu = views.zone_menu if data.arg == "zone" else views.type_zone_prompt
            return Reply(menu(t, view))
        view = await service.view(learner)
        t = context.text(view.ui_language)
        menus = {"day": views.day_menu, "hour": views.hour_menu}
        return Reply(menus.get(data.arg, views.reminders_screen)(t, view))
    if data.action is Action.REVIEW_SET:
        view = await service.set_review(learner, data.arg == "on")
        t = context.text(view.ui_language)
        notice = t("review-started" if view.review else "review-stopped")
        return Reply(views.reminders_screen(t, view, notice=notice), t.plain("toast-saved"))
    view, notice_key, toast_key = await _change(service, learner, data)
    t = context.text(view.ui_language)
    notice = (
        t(notice_key, when=views.when(t, view.next_local)) if view.next_local else t(notice_key)
    )
    return Reply(views.reminders_screen(t, view, notice=notice), t.plain(toast_key))


async def _change(
    service: ReminderService, learner: Who, data: CallbackData
) -> tuple[ReminderView, str, str]:
    """Apply a REMINDER_SET button; the new view, the notice to show and the toast.

    A setting changes only itself: reminders that are off stay off (and the notice says so).
    """
    setting = reminder_setting(data)
    try:
        match setting.name, setting.value:
            case "on", _:
                return await service.set_enabled(learner, True), "reminder-saved", "toast-saved"
            case "off", _:
                view = await service.set_enabled(learner, False)
                return view, "reminder-stopped", "toast-saved"
            case "snooze", _:
                snoozed = await service.snooze(learner)
                if snoozed.changed:
                    return snoozed.view, "reminder-snoozed", "toast-snoozed"
                if snoozed.view.enabled:
                    return snoozed.view, "reminder-already-snoozed", "toast-already-snoozed"
                return snoozed.view, "reminder-snooze-off", "toast-reminders-off"
            case "weekday", int(weekday):
                return _saved(await service.set_weekday(learner, weekday))
            case "hour", int(hour):
                return _saved(await service.set_hour(learner, hour))
            case "zone", str(zone):
                return _saved(await service.set_zone(learner, zone))
    except (UnknownTimeZone, ValueError):
        pass
    raise UnknownItem(data.arg)


def _saved(view: ReminderView) -> tuple[ReminderView, str, str]:
    return view, "reminder-saved" if view.enabled else "reminder-saved-off", "toast-saved"


async def onboarding_reminder(context: BotContext, data: CallbackData) -> Reply:
    """The last onboarding question: a weekly reminder, then the first resource."""
    onboarding = context.services.onboarding
    snap, view = await onboarding.answer_reminder(
        context.who, enabled=data.arg != "no", finish=data.arg != "custom"
    )
    t = context.text(snap.ui_language)
    if data.arg == "no":
        return Reply(study_screen(t, snap, notice=t("onboarding-done")))
    if data.arg == "custom" or view.next_local is None:
        return Reply(views.reminders_screen(t, view, notice=t("onboarding-reminder-custom")))
    notice = t("onboarding-done-reminder", when=views.when(t, view.next_local), zone=view.timezone)
    return Reply(study_screen(t, snap, notice=notice))
