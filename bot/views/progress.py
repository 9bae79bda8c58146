"""/progress: what is done, skipped, in progress and left, per step, and the streak."""

from __future__ import annotations

from bot.callback_data import Action
from bot.i18n import Markup, Text, link
from bot.keyboards import button, keyboard
from bot.roadmap.models import StepMode
from bot.services import path
from bot.services.extras import newer_items
from bot.services.snapshot import Snapshot
from bot.services.tally import StepProgress
from bot.views.plan import plan_lines
from bot.views.screen import (
    Screen,
    bar,
    counts,
    join,
    language_name,
    lines,
    short_title,
    step_status,
    step_title,
)

#: At most this many "done" buttons for resources in progress.
MAX_STARTED_BUTTONS = 5
#: At most this many resources in progress listed by title; the rest are counted.
MAX_STARTED_LISTED = 10


def _step_row(t: Text, entry: StepProgress) -> Markup:
    return Markup(f"{step_title(t, entry.step)}: {step_status(t, entry)}")


def progress_screen(t: Text, snap: Snapshot) -> Screen:
    total = snap.progress.path
    summary = lines(
        t(
            "progress-summary",
            done=total.done,
            skipped=total.skipped,
            unneeded=total.unneeded,
            left=total.left,
            percent=total.percent,
        ),
        t("progress-open-choice") if total.open_choices else "",
        bar(total),
    )
    rows = [
        _step_row(t, entry)
        for entry in snap.progress.steps
        if entry.step.mode is not StepMode.ELECTIVES
    ]
    electives = [
        t(
            "progress-elective",
            name=topic.title.get(t.locale),
            counts=counts(t, tally),
            total=tally.total,
        )
        for topic, tally in snap.progress.electives
    ]
    extras = [
        t(
            "progress-extra",
            step=step_title(t, step),
            counts=counts(t, tally),
            total=tally.total,
        )
        for step, tally in snap.progress.extras
    ]
    newer = newer_items(snap.roadmap, snap.state)
    started = path.started(snap.roadmap, snap.state)
    in_progress = [
        Markup(f"⏳ {link(str(item.resource.url), item.resource.display_title)}")
        for item in started[:MAX_STARTED_LISTED]
    ]
    if len(started) > MAX_STARTED_LISTED:
        in_progress.append(t("and-more", count=len(started) - MAX_STARTED_LISTED))
    framework = path.chosen_framework(snap.roadmap, snap.state)
    settings = t(
        "progress-settings",
        material=language_name(t, snap.material),
        framework=framework.title.get(t.locale) if framework else t.plain("roadmap-no-framework"),
        price=t.plain("price-choice-free" if snap.state.free_only else "price-choice-all"),
    )
    text = join(
        t("progress-title"),
        summary,
        lines(t("progress-in-progress"), *in_progress) if in_progress else "",
        lines(*rows),
        lines(t("progress-extras"), *extras) if extras else "",
        t("progress-grown", count=newer, extras=snap.progress.extras_total.total) if newer else "",
        lines(t("progress-electives"), *electives) if electives else "",
        t("progress-streak", weeks=snap.streak_weeks),
        plan_lines(t, snap.plan) if snap.plan is not None else "",
        settings,
        t("progress-rule"),
    )
    finish = [
        [
            button(
                t.plain("button-finish-started", title=short_title(item.resource.display_title)),
                Action.DONE,
                item.resource.id,
            )
        ]
        for item in started[:MAX_STARTED_BUTTONS]
    ]
    return t.screen(
        text,
        keyboard(
            *finish,
            [
                button(t.plain("button-continue"), Action.NEXT),
                button(t.plain("button-roadmap"), Action.ROADMAP),
            ],
            [
                button(t.plain("button-map"), Action.MAP),
                button(t.plain("button-plan"), Action.PLAN),
            ],
        ),
    )
