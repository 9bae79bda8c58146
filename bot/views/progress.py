"""/progress: what is done, skipped and left, per step, and the streak."""

from __future__ import annotations

from bot.callback_data import Action
from bot.i18n import Markup, Text
from bot.keyboards import button, keyboard
from bot.roadmap.models import StepMode
from bot.services import path
from bot.services.snapshot import Snapshot
from bot.views.screen import Screen, bar, join, language_name, lines, step_title


def progress_screen(t: Text, snap: Snapshot) -> Screen:
    total = snap.progress.path
    summary = lines(
        t(
            "progress-summary",
            done=total.done,
            skipped=total.skipped,
            left=total.total - total.resolved,
            percent=total.percent,
        ),
        bar(total),
    )
    rows = []
    for entry in snap.progress.steps:
        if entry.step.mode is StepMode.ELECTIVES:
            continue
        tally = entry.tally
        if entry.on_path:
            rows.append(
                Markup(f"{step_title(t, entry.step)}: ")
                + t("progress-step", done=tally.done, skipped=tally.skipped, total=tally.total)
            )
        else:
            rows.append(Markup(f"{step_title(t, entry.step)}: ") + t("roadmap-before-start"))
    electives = [
        t(
            "progress-elective",
            name=topic.title.get(t.locale),
            resolved=tally.resolved,
            total=tally.total,
        )
        for topic, tally in snap.progress.electives
    ]
    framework = path.chosen_framework(snap.roadmap, snap.state)
    settings = t(
        "progress-settings",
        material=language_name(t, snap.material),
        framework=framework.title.get(t.locale) if framework else t.plain("roadmap-no-framework"),
    )
    text = join(
        t("progress-title"),
        summary,
        lines(*rows),
        lines(t("progress-electives"), *electives) if electives else "",
        t("progress-streak", weeks=snap.streak_weeks),
        settings,
    )
    return Screen(
        text,
        keyboard(
            [
                button(t.plain("button-continue"), Action.NEXT),
                button(t.plain("button-roadmap"), Action.ROADMAP),
            ]
        ),
    )
