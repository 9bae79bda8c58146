"""A learner's walk through the roadmap: pure functions over the roadmap and their state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bot.roadmap.models import Language, Resource, Roadmap, Step, StepMode, Topic


class Material(StrEnum):
    """Which material a learner wants: one language or both."""

    EN = "en"
    FA = "fa"
    BOTH = "both"


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class LearnerState:
    """Everything about a learner that decides where they are on the roadmap."""

    material: Material = Material.EN
    framework: str | None = None
    start_at: str | None = None
    elective: str | None = None
    statuses: Mapping[str, Status] = field(default_factory=dict)
    #: Topics where the learner accepted material outside their chosen language.
    other_language_topics: frozenset[str] = frozenset()


# -- what comes next -----------------------------------------------------------------
@dataclass(frozen=True)
class NextResource:
    step: Step
    topic: Topic
    resource: Resource


@dataclass(frozen=True)
class LanguageGap:
    """The topic has nothing in the learner's language; other languages are offered."""

    step: Step
    topic: Topic
    offered: tuple[Language, ...]


@dataclass(frozen=True)
class ChooseFramework:
    step: Step
    options: tuple[Topic, ...]


@dataclass(frozen=True)
class ChooseElective:
    """The ordered path is finished; the learner picks a hands-on elective."""

    step: Step
    options: tuple[Topic, ...]


@dataclass(frozen=True)
class Finished:
    """Nothing is left: every step and every elective is done or skipped."""


NextItem = NextResource | LanguageGap | ChooseFramework | ChooseElective | Finished


def languages_for(material: Material) -> frozenset[Language | None]:
    """Resource languages shown for a material choice (untagged material is for everyone)."""
    if material is Material.BOTH:
        return frozenset({Language.EN, Language.FA, None})
    return frozenset({Language(material.value), None})


def visible(topic: Topic, state: LearnerState) -> list[Resource]:
    """The topic's resources this learner is offered, in roadmap order."""
    if topic.id in state.other_language_topics:
        return list(topic.resources)
    wanted = languages_for(state.material)
    return [r for r in topic.resources if r.language in wanted]


def _start_key(roadmap: Roadmap, start_at: str | None) -> tuple[int, int]:
    """(step index, topic index) where the learner's path begins."""
    if start_at is None:
        return (0, 0)
    for si, step in enumerate(roadmap.steps):
        if step.id == start_at:
            return (si, 0)
        for ti, topic in enumerate(step.topics):
            if topic.id == start_at:
                return (si, 0) if step.mode is StepMode.CHOOSE_ONE else (si, ti)
    return (0, 0)  # a start point that left the roadmap: from the beginning


def chosen_framework(roadmap: Roadmap, state: LearnerState) -> Topic | None:
    step = roadmap.choice_step
    if step is None or state.framework is None:
        return None
    return next((t for t in step.options if t.id == state.framework), None)


def path_topics(roadmap: Roadmap, state: LearnerState) -> Iterator[tuple[Step, Topic]]:
    """The ordered path's topics from the learner's start; undecided options are left out."""
    start = _start_key(roadmap, state.start_at)
    framework = chosen_framework(roadmap, state)
    for si, step in enumerate(roadmap.steps):
        if si < start[0] or step.mode is StepMode.ELECTIVES:
            continue
        for ti, topic in enumerate(step.topics):
            if si == start[0] and ti < start[1]:
                continue
            if step.mode is StepMode.CHOOSE_ONE and not topic.shared and topic != framework:
                continue
            yield step, topic


def _unresolved(resources: list[Resource], state: LearnerState) -> list[Resource]:
    return [r for r in resources if r.id not in state.statuses]


def _topic_next(step: Step, topic: Topic, state: LearnerState) -> NextItem | None:
    shown = visible(topic, state)
    pending = _unresolved(shown, state)
    if pending:
        return NextResource(step, topic, pending[0])
    if not shown and _unresolved(list(topic.resources), state):
        offered = tuple(sorted(topic.languages(), key=lambda lang: lang.value))
        return LanguageGap(step, topic, offered)
    return None


def elective_options(roadmap: Roadmap, state: LearnerState) -> list[tuple[Step, Topic]]:
    """Hands-on electives that still have something for the learner."""
    return [
        (step, topic)
        for step in roadmap.elective_steps
        for topic in step.topics
        if _topic_next(step, topic, state) is not None
    ]


def next_item(roadmap: Roadmap, state: LearnerState) -> NextItem:
    """What the learner should do next."""
    if state.elective is not None:
        for step in roadmap.elective_steps:
            for topic in step.topics:
                if topic.id == state.elective and (item := _topic_next(step, topic, state)):
                    return item
    choice = roadmap.choice_step
    start = _start_key(roadmap, state.start_at)
    if (
        choice is not None
        and chosen_framework(roadmap, state) is None
        and roadmap.steps.index(choice) >= start[0]
    ):
        # Everything before the framework choice must be resolved first.
        for step, topic in path_topics(roadmap, state):
            if roadmap.steps.index(step) >= roadmap.steps.index(choice):
                break
            if item := _topic_next(step, topic, state):
                return item
        return ChooseFramework(choice, tuple(choice.options))
    for step, topic in path_topics(roadmap, state):
        if item := _topic_next(step, topic, state):
            return item
    electives = elective_options(roadmap, state)
    if electives:
        return ChooseElective(electives[0][0], tuple(topic for _, topic in electives))
    return Finished()


# -- progress ------------------------------------------------------------------------
@dataclass(frozen=True)
class Tally:
    done: int = 0
    skipped: int = 0
    total: int = 0

    @property
    def resolved(self) -> int:
        return self.done + self.skipped

    @property
    def percent(self) -> int:
        return round(100 * self.resolved / self.total) if self.total else 100

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.done + other.done, self.skipped + other.skipped, self.total + other.total)


def tally(resources: list[Resource], state: LearnerState) -> Tally:
    done = sum(1 for r in resources if state.statuses.get(r.id) is Status.DONE)
    skipped = sum(1 for r in resources if state.statuses.get(r.id) is Status.SKIPPED)
    return Tally(done, skipped, len(resources))


@dataclass(frozen=True)
class StepProgress:
    step: Step
    tally: Tally
    on_path: bool  # False for steps before the learner's starting point


@dataclass(frozen=True)
class Progress:
    path: Tally  # the ordered path from the learner's start
    steps: tuple[StepProgress, ...]
    electives: tuple[tuple[Topic, Tally], ...]


def progress(roadmap: Roadmap, state: LearnerState) -> Progress:
    """Done / skipped / total on the learner's path, per step and per elective."""
    per_step: dict[str, Tally] = {step.id: Tally() for step in roadmap.steps}
    for step, topic in path_topics(roadmap, state):
        per_step[step.id] = per_step[step.id] + tally(visible(topic, state), state)
    path = sum((per_step[s.id] for s in roadmap.steps if s.mode is not StepMode.ELECTIVES), Tally())
    start_step = _start_key(roadmap, state.start_at)[0]
    steps = []
    electives = []
    for index, step in enumerate(roadmap.steps):
        if step.mode is StepMode.ELECTIVES:
            for topic in step.topics:
                shown = visible(topic, state) or list(topic.resources)
                topic_tally = tally(shown, state)
                electives.append((topic, topic_tally))
                per_step[step.id] = per_step[step.id] + topic_tally
        steps.append(StepProgress(step, per_step[step.id], index >= start_step))
    return Progress(path, tuple(steps), tuple(electives))


def start_points(roadmap: Roadmap) -> list[tuple[Step, Topic | None]]:
    """Where a learner may start: each ordered step, and each later level inside a step."""
    points: list[tuple[Step, Topic | None]] = []
    for step in roadmap.steps:
        if step.mode is StepMode.ELECTIVES:
            continue
        points.append((step, None))
        if step.mode is StepMode.ORDERED:
            points.extend((step, topic) for topic in step.topics[1:] if topic.level is not None)
    return points
