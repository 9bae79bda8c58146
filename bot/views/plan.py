"""The study plan screens, and the plan's lines on /progress and in the weekly nudge."""

from __future__ import annotations

from datetime import date

from bot.callback_data import Action
from bot.i18n import Markup, Text
from bot.keyboards import button, keyboard
from bot.l10n import calendar_date
from bot.services.plan import CHOICES, Pace, PlanStatus
from bot.services.snapshot import Snapshot
from bot.views.screen import Screen, join, lines, step_title

#: The most of a typed answer echoed back when it was not a number of hours.
MAX_TYPED_ECHO = 32

_PACE_KEYS = {Pace.AHEAD: "plan-ahead", Pace.ON_TRACK: "plan-on-track", Pace.BEHIND: "plan-behind"}


def day(t: Text, when: date) -> str:
    """A day in the learner's calendar: "14 January 2027" (Persian: Solar Hijri)."""
    found = calendar_date(t.locale, when)
    return t.plain(
        "plan-date",
        day=t.number(found.day),
        month=t.plain(found.month_key),
        year=t.number(found.year),
    )


def plan_lines(t: Text, status: PlanStatus) -> Markup:
    """Hours a week, hours left, the finish dates and the pace: /progress and the plan screen."""
    hours, plan = status.hours, status.plan
    head = t("plan-hours", hours=plan.hours_per_week, since=day(t, status.since))
    if status.finish is None:
        return lines(head, t("plan-finished"))
    if hours.step is None:  # a hands-on elective to choose: no current step
        left, step_finish = t("plan-left-path", left=hours.left), ""
    else:
        place = step_title(t, hours.step)
        left = t("plan-left", left=hours.left, step=hours.step_left, place=place)
        step_finish = (
            t("plan-step-finish", place=place, date=day(t, status.step_finish))
            if status.step_finish is not None
            else ""
        )
    return lines(
        head,
        left,
        step_finish,
        t("plan-finish", date=day(t, status.finish)),
        t(_PACE_KEYS[status.pace], done=status.done_since, expected=status.expected),
    )


def nudge_line(t: Text, status: PlanStatus) -> Markup:
    """The plan in one line of the weekly nudge."""
    if status.finish is None:
        return t("nudge-plan-finished")
    return t(
        "nudge-plan", pace=status.pace.value, left=status.hours.left, date=day(t, status.finish)
    )


def plan_screen(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """The plan: its figures (or the question), the hours buttons, type, remove."""
    status = snap.plan
    current = status.plan.hours_per_week if status is not None else None
    choices = [
        button(
            ("✓ " if hours == current else "") + t.plain("button-plan-hours", hours=hours),
            Action.PLAN_SET,
            str(hours),
        )
        for hours in CHOICES
    ]
    rows = [choices[:2], choices[2:], [button(t.plain("button-plan-type"), Action.PLAN, "type")]]
    if status is not None:
        rows.append([button(t.plain("button-plan-remove"), Action.PLAN, "off")])
    rows.append([button(t.plain("button-continue"), Action.NEXT)])
    body = plan_lines(t, status) if status is not None else t("plan-none")
    text = join(notice, t("plan-title"), body, t("plan-source"))
    return t.screen(text, keyboard(*rows))


def plan_prompt(t: Text, *, typed: str | None = None) -> Screen:
    """Asks for the hours a week as a number; again, after text that was not one."""
    notice = t("plan-type-invalid", typed=typed[:MAX_TYPED_ECHO]) if typed is not None else ""
    return t.screen(
        join(notice, t("plan-type-prompt")),
        keyboard([button(t.plain("button-back"), Action.PLAN)]),
    )
