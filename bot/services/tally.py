"""Progress on a learner's path: done, skipped and in progress counted apart.

The rule every screen follows (``/help`` states it too): an item is a resource on the
learner's path, one work in two languages being one item; the percentage is the items
done, skipped or not needed (the learner knows their topic) out of all items, rounded down,
so 100% means nothing is left and no choice is open. Hands-on electives, and resources that
joined a step after the learner had passed it (extras), are counted apart from the path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.roadmap.models import Resource, Roadmap, Step, StepMode, Topic
from bot.services.path import (
    LearnerState,
    Status,
    chosen_framework,
    extra_items,
    items,
    path_topics,
    start_step,
)


@dataclass(frozen=True)
class Tally:
    done: int = 0
    skipped: int = 0
    started: int = 0
    total: int = 0
    #: Choices still open here (a framework to choose): the part is not complete.
    open_choices: int = 0
    #: Alternatives in topics the learner knows: neither done nor skipped, but behind them.
    unneeded: int = 0

    @property
    def resolved(self) -> int:
        return self.done + self.skipped + self.unneeded

    @property
    def left(self) -> int:
        return self.total - self.resolved

    @property
    def complete(self) -> bool:
        """Something was here, and nothing is left of it."""
        return self.total > 0 and self.left == 0 and not self.open_choices

    @property
    def percent(self) -> int:
        """Items done, skipped or not needed out of all, rounded down: 100 only when complete."""
        if not self.total:
            return 0
        share = 100 * self.resolved // self.total
        return min(share, 99) if share == 100 and not self.complete else share

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.done + other.done,
            self.skipped + other.skipped,
            self.started + other.started,
            self.total + other.total,
            self.open_choices + other.open_choices,
            self.unneeded + other.unneeded,
        )


def tally(resources: list[Resource], state: LearnerState) -> Tally:
    statuses = [state.statuses.get(r.id) for r in resources]
    return Tally(
        done=statuses.count(Status.DONE),
        skipped=statuses.count(Status.SKIPPED),
        started=statuses.count(Status.STARTED),
        total=len(resources),
        unneeded=statuses.count(Status.UNNEEDED),
    )


@dataclass(frozen=True)
class StepProgress:
    step: Step
    #: On the path: what is counted; before the starting point: that step as the path from
    #: the beginning would have it.
    tally: Tally
    on_path: bool  # False for steps before the learner's starting point


@dataclass(frozen=True)
class Progress:
    path: Tally  # the ordered path from the learner's start
    steps: tuple[StepProgress, ...]
    electives: tuple[tuple[Topic, Tally], ...]
    #: Resources that joined steps the learner had passed, per step: counted apart.
    extras: tuple[tuple[Step, Tally], ...] = ()

    @property
    def extras_total(self) -> Tally:
        return sum((tally for _, tally in self.extras), Tally())

    @property
    def everything(self) -> Tally:
        """Every step from the beginning, its extras and every elective."""
        return sum((entry.tally for entry in self.steps), self.extras_total)

    @property
    def path_and_electives(self) -> Tally:
        """The path, its extras and every elective."""
        return sum((tally for _, tally in self.electives), self.path + self.extras_total)

    def step(self, step: Step) -> StepProgress:
        return next(entry for entry in self.steps if entry.step == step)


def progress(roadmap: Roadmap, state: LearnerState) -> Progress:
    """Done / skipped / started / total on the learner's path, per step and per elective.

    A step before the learner's starting point is counted as the path from the beginning
    would have it (with their framework), apart from the path's own tally.
    """
    on_path = _per_step(roadmap, state)
    first = start_step(roadmap, state)
    # Only a learner who started later has steps before their start (every update's path).
    before_start = _per_step(roadmap, replace(state, start_at=None)) if first else on_path
    framework = chosen_framework(roadmap, state)
    steps, electives = [], []
    path = Tally()
    for index, step in enumerate(roadmap.steps):
        if step.mode is StepMode.ELECTIVES:
            step_tally = Tally()
            for topic in step.topics:
                topic_tally = tally(items(topic, state), state)
                electives.append((topic, topic_tally))
                step_tally += topic_tally
            steps.append(StepProgress(step, step_tally, True))
        elif index >= first:
            step_tally = on_path.get(step.id, Tally())
            if step.mode is StepMode.CHOOSE_ONE and framework is None:
                step_tally += Tally(open_choices=1)
            path += step_tally
            steps.append(StepProgress(step, step_tally, True))
        else:
            steps.append(StepProgress(step, before_start.get(step.id, Tally()), False))
    return Progress(path, tuple(steps), tuple(electives), _extras(roadmap, state))


def _extras(roadmap: Roadmap, state: LearnerState) -> tuple[tuple[Step, Tally], ...]:
    if not state.extras:
        return ()
    found: dict[str, Tally] = {}
    for step, topic in path_topics(roadmap, state):
        if extra := extra_items(topic, state):
            found[step.id] = found.get(step.id, Tally()) + tally(extra, state)
    return tuple((step, found[step.id]) for step in roadmap.steps if step.id in found)


def _per_step(roadmap: Roadmap, state: LearnerState) -> dict[str, Tally]:
    """The tally of each step's topics on the learner's path."""
    found: dict[str, Tally] = {}
    for step, topic in path_topics(roadmap, state):
        found[step.id] = found.get(step.id, Tally()) + tally(items(topic, state), state)
    return found


def milestones(before: Progress, after: Progress) -> tuple[Step | Topic, ...]:
    """Steps on the path and electives that the last change completed."""
    finished: list[Step | Topic] = [
        new.step
        for old, new in zip(before.steps, after.steps, strict=True)
        if new.on_path
        and new.step.mode is not StepMode.ELECTIVES
        and new.tally.complete
        and not old.tally.complete
    ]
    finished += [
        topic
        for (topic, old), (_, new) in zip(before.electives, after.electives, strict=True)
        if new.complete and not old.complete
    ]
    return tuple(finished)
