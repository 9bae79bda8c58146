"""/roadmap: the whole map with progress, and one step opened."""

from __future__ import annotations

from bot.callback_data import Action
from bot.i18n import Markup, Text, escape, link
from bot.keyboards import button, columns, keyboard
from bot.roadmap.models import Step, StepMode
from bot.services import path
from bot.services.path import LanguageGap, NextResource, Status
from bot.services.snapshot import Snapshot
from bot.views.screen import Screen, join, lines, step_label, step_title

STATUS_ICONS = {Status.DONE: "✅", Status.SKIPPED: "⏭"}


def _status_icon(snap: Snapshot, resource_id: str) -> str:
    status = snap.state.statuses.get(resource_id)
    return STATUS_ICONS[status] if status else "▫️"


def _current_step(snap: Snapshot) -> Step | None:
    item = snap.next
    return (
        item.step if isinstance(item, NextResource | LanguageGap) else getattr(item, "step", None)
    )


def roadmap_screen(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    current = _current_step(snap)
    rows = []
    for entry in snap.progress.steps:
        step, tally = entry.step, entry.tally
        if not entry.on_path:
            icon, status = "⤵️", t("roadmap-before-start")
        else:
            icon = (
                "▶️"
                if step == current
                else ("✅" if tally.total and tally.resolved == tally.total else "▫️")
            )
            status = t("roadmap-tally", resolved=tally.resolved, total=tally.total)
        extra = ""
        if step.mode is StepMode.CHOOSE_ONE:
            framework = path.chosen_framework(snap.roadmap, snap.state)
            extra = t(
                "roadmap-framework",
                name=framework.title.get(t.locale)
                if framework
                else t.plain("roadmap-no-framework"),
            )
        elif step.mode is StepMode.ELECTIVES:
            extra = t("roadmap-electives")
        rows.append(
            Markup(
                f"{icon} <b>{step_title(t, step)}</b> — {status}{' · ' + extra if extra else ''}"
            )
        )
    header = t("roadmap-title", title=snap.roadmap.title.get(t.locale))
    where = (
        t("roadmap-position", step=step_title(t, current))
        if current
        else t("roadmap-position-done")
    )
    text = join(notice, header, where, lines(*rows))
    step_buttons = [button(step_label(t, s), Action.OPEN_STEP, s.id) for s in snap.roadmap.steps]
    markup = keyboard(
        *columns(step_buttons, 2),
        [
            button(t.plain("button-change-framework"), Action.FRAMEWORK_MENU),
            button(t.plain("button-pick-elective"), Action.ELECTIVE_MENU),
        ],
        [button(t.plain("button-continue"), Action.NEXT)],
    )
    return Screen(text, markup)


def step_screen(t: Text, snap: Snapshot, step: Step) -> Screen:
    """One step opened: its topics with each resource's status."""
    blocks = [f"<b>{step_title(t, step)}</b>"]
    if step.intro:
        blocks.append(f"<i>{escape(step.intro.get(t.locale))}</i>")
    for topic in step.topics:
        shown = path.visible(topic, snap.state)
        heading = f"<b>{escape(topic.title.get(t.locale))}</b>"
        if step.mode is StepMode.CHOOSE_ONE and topic.id == snap.state.framework:
            heading = t("chosen", label=Markup(heading))
        items = [Markup(f"{_status_icon(snap, r.id)} {link(str(r.url), r.title)}") for r in shown]
        if not shown:
            items = [t("step-no-material", language=t(f"language-{snap.material.value}"))]
        blocks.append(lines(heading, *items))
    rows = []
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
    return Screen(join(*blocks), keyboard(*rows))
