"""The learner's map picture and its caption, from the same snapshot /progress reads."""

from __future__ import annotations

from typing import Any

from bot.i18n import Markup, Text
from bot.map.picture import Box, MapPicture, Mark, Section
from bot.roadmap.models import Step, StepMode, Topic
from bot.services import path
from bot.services.path import LearnerState, Status
from bot.services.snapshot import Snapshot

#: The legend's order.
LEGEND = (Mark.DONE, Mark.STARTED, Mark.SKIPPED, Mark.UNNEEDED, Mark.LEFT)


def _plain(t: Text, key: str, **args: Any) -> str:
    """A catalogue text as it is drawn: no HTML, no direction marks (raqm lays it out)."""
    return t.translator.format(t.locale, key, args)


def topic_mark(topic: Topic, state: LearnerState) -> Mark | None:
    """The topic's mark from its items' statuses; ``None``: nothing of it is on the path."""
    found = [state.statuses.get(r.id) for r in path.items(topic, state)]
    if not found:
        return None
    if all(status is None for status in found):
        return Mark.LEFT
    if not all(status in path.RESOLVED for status in found):
        return Mark.STARTED
    if Status.DONE in found:
        return Mark.DONE
    return Mark.UNNEEDED if Status.UNNEEDED in found else Mark.SKIPPED


def _shown_topics(step: Step, snap: Snapshot) -> list[Topic]:
    """A framework step shows the shared topics and the chosen framework (all, undecided)."""
    framework = path.chosen_framework(snap.roadmap, snap.state)
    if step.mode is not StepMode.CHOOSE_ONE or framework is None:
        return list(step.topics)
    return [topic for topic in step.topics if topic.shared or topic == framework]


def _position(snap: Snapshot) -> tuple[str | None, str | None]:
    """(topic id, step id) where the learner is: a topic to study or a step's choice."""
    item = snap.next
    if isinstance(item, path.NextResource | path.LanguageGap):
        return item.topic.id, None
    if isinstance(item, path.ChooseFramework | path.ChooseElective):
        return None, item.step.id
    return None, None


def _heading(t: Text, step: Step) -> str:
    title = step.title.get(t.locale)
    if step.number is None:
        return _plain(t, "step-title-unnumbered", title=title)
    return _plain(t, "step-title", number=step.number, title=title)


def map_picture(t: Text, snap: Snapshot) -> MapPicture:
    """Every step's topics with their marks, the electives last, and the learner's place."""
    here_topic, here_step = _position(snap)
    sections: list[Section] = []
    steps = sorted(snap.roadmap.steps, key=lambda s: s.mode is StepMode.ELECTIVES)
    for step in steps:
        boxes = tuple(
            Box(topic.title.get(t.locale), mark, topic.id == here_topic)
            for topic in _shown_topics(step, snap)
            if (mark := topic_mark(topic, snap.state)) is not None
        )
        if boxes:
            sections.append(Section(_heading(t, step), boxes, step.id == here_step))
    return MapPicture(
        title=snap.roadmap.title.get(t.locale),
        sections=tuple(sections),
        legend=tuple((mark, _plain(t, f"map-{mark.value}")) for mark in LEGEND),
        here=_plain(t, "map-here"),
        rtl=t.rtl,
    )


def map_caption(t: Text, snap: Snapshot) -> Markup:
    """One line: the path's counts, the same tally /progress shows."""
    total = snap.progress.path
    return t.directed(
        t(
            "map-caption",
            done=total.done,
            started=total.started,
            skipped=total.skipped,
            unneeded=total.unneeded,
            left=total.left,
            percent=total.percent,
        )
    )
