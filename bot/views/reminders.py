"""/reminders settings, the onboarding question, and the weekly nudge itself (with its
review question)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton

from bot.callback_data import Action, review_argument
from bot.i18n import Markup, Text
from bot.keyboards import button, columns, keyboard
from bot.l10n import calendar_date, week, zone_key
from bot.services import path
from bot.services.path import Finished, LanguageGap, NextResource
from bot.services.reminders import ReminderView
from bot.services.review import Due
from bot.services.schedule import COMMON_ZONES
from bot.services.snapshot import Snapshot
from bot.views.plan import nudge_line
from bot.views.screen import Screen, join, some_titles, step_title
from bot.views.study import progress_line


def weekday_name(t: Text, weekday: int) -> str:
    return t.plain(f"weekday-{weekday}")


def when(t: Text, moment: datetime) -> Markup:
    """A local moment as "Mon 1 Dec, 18:00" (Persian: Solar Hijri, "شنبه ۱۴ آذر، ساعت ۱۸:۰۰")."""
    day = calendar_date(t.locale, moment.date())
    return t(
        "reminder-when",
        weekday=weekday_name(t, moment.weekday()),
        day=day.day,
        month=t.plain(day.month_key),
        time=t.clock(moment.hour, moment.minute),
    )


def zone_name(t: Text, zone: str) -> str:
    """A zone's name on a button: the catalogue's (Persian: the city), else the IANA name."""
    key = zone_key(zone)
    return t.plain(key) if key in t.translator.keys(t.locale) else zone


def _status(t: Text, view: ReminderView) -> Markup:
    schedule_line = t(
        "reminder-schedule",
        weekday=weekday_name(t, view.weekday),
        time=t.clock(view.hour),
        zone=view.timezone,
    )
    review = t("reminder-review-on" if view.review else "reminder-review-off")
    if not view.enabled or view.next_local is None:
        return join(t("reminder-off"), schedule_line, review)
    next_line = t("reminder-next", when=when(t, view.next_local))
    return join(t("reminder-on"), schedule_line, next_line, review)


def reminders_screen(t: Text, view: ReminderView, *, notice: str = "") -> Screen:
    toggle = (
        button(t.plain("button-reminders-off"), Action.REMINDER_SET, "off")
        if view.enabled
        else button(t.plain("button-reminders-on"), Action.REMINDER_SET, "on")
    )
    rows = [
        [toggle],
        [
            button(t.plain("button-reminder-day"), Action.REMINDERS, "day"),
            button(t.plain("button-reminder-hour"), Action.REMINDERS, "hour"),
        ],
        [button(t.plain("button-reminder-zone"), Action.REMINDERS, "zone")],
    ]
    if view.enabled:
        rows.append([button(t.plain("button-snooze"), Action.REMINDER_SET, "snooze")])
    rows.append(
        [button(t.plain("button-review-off"), Action.REVIEW_SET, "off")]
        if view.review
        else [button(t.plain("button-review-on"), Action.REVIEW_SET, "on")]
    )
    rows.append([button(t.plain("button-continue"), Action.NEXT)])
    return t.screen(join(notice, t("reminders-title"), _status(t, view)), keyboard(*rows))


def _choices(
    t: Text, options: list[tuple[str, str]], current: str, width: int
) -> list[list[InlineKeyboardButton]]:
    """Buttons setting one reminder field ``(label, REMINDER_SET arg)``; the current one ticked."""
    buttons = [
        button(
            t.plain("chosen", label=label) if arg == current else label, Action.REMINDER_SET, arg
        )
        for label, arg in options
    ]
    return columns(buttons, width)


def day_menu(t: Text, view: ReminderView) -> Screen:
    days = [(weekday_name(t, day), f"d{day}") for day in week(t.locale)]
    rows = [
        *_choices(t, days, f"d{view.weekday}", 3),
        [button(t.plain("button-back"), Action.REMINDERS)],
    ]
    return t.screen(join(t("reminders-title"), t("reminder-pick-day")), keyboard(*rows))


def hour_menu(t: Text, view: ReminderView) -> Screen:
    hours = [(t.clock(hour), f"h{hour}") for hour in range(24)]
    rows = [
        *_choices(t, hours, f"h{view.hour}", 4),
        [button(t.plain("button-back"), Action.REMINDERS)],
    ]
    text = join(t("reminders-title"), t("reminder-pick-hour", zone=view.timezone))
    return t.screen(text, keyboard(*rows))


def zone_menu(t: Text, view: ReminderView, *, notice: str = "") -> Screen:
    zones = [(zone_name(t, zone), f"z{zone}") for zone in COMMON_ZONES]
    rows = [
        *_choices(t, zones, f"z{view.timezone}", 2),
        [button(t.plain("button-reminder-type-zone"), Action.REMINDERS, "type")],
        [button(t.plain("button-back"), Action.REMINDERS)],
    ]
    text = join(notice, t("reminders-title"), t("reminder-pick-zone", zone=view.timezone))
    return t.screen(text, keyboard(*rows))


def type_zone_prompt(t: Text, view: ReminderView) -> Screen:
    return t.screen(
        join(t("reminders-title"), t("reminder-type-zone")),
        keyboard([button(t.plain("button-back"), Action.REMINDERS, "zone")]),
    )


def onboarding_question(t: Text, view: ReminderView) -> Screen:
    """Step 3 of onboarding: a weekly reminder?"""
    offer = t.plain(
        "button-onboard-remind-yes",
        weekday=weekday_name(t, view.weekday),
        time=t.clock(view.hour),
    )
    return t.screen(
        join(t("onboarding-reminder", zone=view.timezone)),
        keyboard(
            [button(offer, Action.ONBOARD_REMIND, "yes")],
            [button(t.plain("button-onboard-remind-custom"), Action.ONBOARD_REMIND, "custom")],
            [button(t.plain("button-onboard-remind-no"), Action.ONBOARD_REMIND, "no")],
        ),
    )


def nudge_screen(t: Text, snap: Snapshot, review: Due | None = None) -> Screen:
    """The weekly message: where the learner is, what is next, progress; and ``review``,
    a finished topic to ask about, if one is due."""
    item = snap.next
    if isinstance(item, NextResource):
        where = t(
            "nudge-next",
            place=step_title(t, item.step),
            topic=item.topic.title.get(t.locale),
            title=item.resource.display_title,
        )
    elif isinstance(item, LanguageGap):
        where = t("nudge-at", place=step_title(t, item.step), topic=item.topic.title.get(t.locale))
    elif isinstance(item, Finished):
        where = t("nudge-finished-path" if item.behind else "nudge-finished")
    else:
        where = t("nudge-choice")
    started = [item.resource.display_title for item in path.started(snap.roadmap, snap.state)]
    text = join(
        t("nudge-title", name=snap.first_name or t.plain("friend")),
        where,
        t("nudge-in-progress", titles=some_titles(t, started)) if started else "",
        progress_line(t, snap.progress.path),
        nudge_line(t, snap.plan) if snap.plan is not None else "",
    )
    rows = [[button(t.plain("button-continue"), Action.NEXT)]]
    topic = snap.roadmap.topic(review.topic_id) if review else None
    if review and topic:
        text = join(text, t("review-question", topic=topic.title.get(t.locale)))
        yes, again = (review_argument(a, review.stage, topic.id) for a in ("yes", "open"))
        rows += [
            [
                button(t.plain("button-review-yes"), Action.REVIEW, yes),
                button(t.plain("button-review-open"), Action.REVIEW, again),
            ],
            [button(t.plain("button-review-stop"), Action.REVIEW_SET, "off")],
        ]
    rows.append(
        [
            button(t.plain("button-snooze"), Action.REMINDER_SET, "snooze"),
            button(t.plain("button-stop-reminders"), Action.REMINDER_SET, "off"),
        ]
    )
    return t.screen(text, keyboard(*rows))
