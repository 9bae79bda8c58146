"""/roadmap: the whole map with progress, one step opened, and "study from here"."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardButton

from bot.callback_data import Action
from bot.i18n import Markup, Text, escape, link
from bot.keyboards import button, columns, keyboard
from bot.roadmap.models import Step, StepMode
from bot.services import path
from bot.services.path import LanguageGap, NextResource, Status
from bot.services.snapshot import Snapshot
from bot.services.tally import StepProgress
from bot.views.screen import (
    STATUS_ICONS,
    Screen,
    join,
    lines,
    short_title,
    step_label,
    step_status,
    step_title,
)
from bot.views.study import electives_intro, study_screen

#: At most this many "study now" buttons under one step (the text lists every item).
MAX_REVISIT_BUTTONS = 6


def _status_icon(snap: Snapshot, resource_id: str) -> str:
    status = snap.state.statuses.get(resource_id)
    return STATUS_ICONS[status] if status else "▫️"


def _current_step(snap: Snapshot) -> Step | None:
    item = snap.next
    return (
        item.step if isinstance(item, NextResource | LanguageGap) else getattr(item, "step", None)
    )


def _step_status(t: Text, snap: Snapshot, entry: StepProgress, current: Step | None) -> str:
    """The icon and the counts of one step's row on the map."""
    status = step_status(t, entry)
    if not entry.on_path:
        return f"⤵️ <b>{step_title(t, entry.step)}</b> — {status}"
    icon = "▶️" if entry.step == current else ("✅" if entry.tally.complete else "▫️")
    extra = ""
    if entry.step.mode is StepMode.CHOOSE_ONE:
        framework = path.chosen_framework(snap.roadmap, snap.state)
        if framework:
            extra = t("roadmap-framework", name=framework.title.get(t.locale))
    elif entry.step.mode is StepMode.ELECTIVES:
        extra = t("roadmap-electives")
    return f"{icon} <b>{step_title(t, entry.step)}</b> — {status}{' · ' + extra if extra else ''}"


def roadmap_screen(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    current = _current_step(snap)
    rows = [Markup(_step_status(t, snap, entry, current)) for entry in snap.progress.steps]
    header = t("roadmap-title", title=snap.roadmap.title.get(t.locale))
    where = (
        t("roadmap-position", step=step_title(t, current))
        if current
        else t("roadmap-position-done")
    )
    text = join(notice, header, where, lines(*rows), t("progress-rule"))
    step_buttons = [button(step_label(t, s), Action.OPEN_STEP, s.id) for s in snap.roadmap.steps]
    markup = keyboard(
        *columns(step_buttons, 2),
        [
            button(t.plain("button-change-framework"), Action.FRAMEWORK_MENU),
            button(t.plain("button-pick-elective"), Action.ELECTIVE_MENU),
        ],
        [button(t.plain("button-continue"), Action.NEXT)],
    )
    return t.screen(text, markup)


def step_screen(t: Text, snap: Snapshot, step: Step) -> Screen:
    """One step opened: its topics with each resource's status; skipped ones can come back."""
    blocks = [f"<b>{step_title(t, step)}</b>"]
    if step.mode is StepMode.ELECTIVES:
        blocks.append(f"<i>{electives_intro(t, snap, step)}</i>")
    elif step.intro:
        blocks.append(f"<i>{escape(step.intro.get(t.locale))}</i>")
    revisit: list[InlineKeyboardButton] = []
    for topic in step.topics:
        shown = path.offered(topic, snap.state)
        heading = f"<b>{escape(topic.title.get(t.locale))}</b>"
        if step.mode is StepMode.CHOOSE_ONE and topic.id == snap.state.framework:
            heading = t("chosen", label=Markup(heading))
        items = [
            Markup(f"{_status_icon(snap, r.id)} {link(str(r.url), r.display_title)}")
            + (t("roadmap-extra") if r.id in snap.state.extras else "")
            for r in shown
        ]
        paid = len(topic.resources) - len(path.affordable(topic.resources, snap.state))
        if not shown and paid and not path.every_item(topic, snap.state):
            items = [t("topic-paid-hidden", count=paid)]
        elif not shown:
            items = [t("step-no-material", language=t(f"language-{snap.material.value}"))]
        blocks.append(lines(heading, *items))
        revisit += [
            button(
                t.plain("button-revisit", title=short_title(r.display_title)), Action.REVISIT, r.id
            )
            for r in shown
            if snap.state.statuses.get(r.id) is Status.SKIPPED
        ]
    rows = [[b] for b in revisit[:MAX_REVISIT_BUTTONS]]
    if step.mode is StepMode.ELECTIVES:
        options = [
            button(topic.title.get(t.locale), Action.ELECTIVE, topic.id) for topic in step.topics
        ]
        rows.extend(columns(options, 2))
    else:
        rows.append([button(t.plain("button-start-here"), Action.START_HERE, step.id)])
    if step.mode is StepMode.CHOOSE_ONE:
        rows.append([button(t.plain("button-change-framework"), Action.FRAMEWORK_MENU)])
    rows.append(
        [
            button(t.plain("button-back-roadmap"), Action.ROADMAP),
            button(t.plain("button-continue"), Action.NEXT),
        ]
    )
    return t.screen(join(*blocks), keyboard(*rows))


def start_here_screen(t: Text, snap: Snapshot, step_id: str) -> Screen:
    """The path now starts at ``step_id``: the next resource, and skipped items on request."""
    step = snap.roadmap.step(step_id) or snap.roadmap.step_of(step_id)
    skipped = path.skipped_from(snap.roadmap, snap.state, step)
    if not skipped:
        return study_screen(t, snap)
    screen = study_screen(t, snap, notice=t("start-here-skipped", count=len(skipped)))
    offer = button(t.plain("button-unskip", count=len(skipped)), Action.UNSKIP_FROM, step.id)
    rows = [list(row) for row in (screen.keyboard.inline_keyboard if screen.keyboard else ())]
    return replace(screen, keyboard=keyboard([offer], *rows))
