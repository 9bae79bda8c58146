"""A learner's walk through the roadmap: pure functions over the roadmap and their state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from bot.roadmap.models import Language, Price, Resource, Roadmap, Step, StepMode, Topic


class Material(StrEnum):
    """Which material a learner wants: one language or both."""

    EN = "en"
    FA = "fa"
    BOTH = "both"


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    #: In progress: not resolved, but the walk moves on and comes back to it at the end.
    STARTED = "started"
    #: The learner knows the topic: its other alternatives are neither done nor skipped.
    UNNEEDED = "unneeded"


#: Statuses that put a resource behind the learner.
RESOLVED = frozenset({Status.DONE, Status.SKIPPED, Status.UNNEEDED})


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
    #: Where a topic has nothing in their language: show its other-language material
    #: (True) or leave the topic out of the path (False); ``None``: ask (a language gap).
    other_language: bool | None = None
    #: Paid resources are left out of the path.
    free_only: bool = False
    #: The roadmap revision the learner's path was built on (``None``: the current one).
    revision: int | None = None
    #: Resources that joined steps the learner had passed: offered, counted apart.
    extras: frozenset[str] = frozenset()


# -- what comes next -----------------------------------------------------------------
@dataclass(frozen=True)
class NextResource:
    step: Step
    topic: Topic
    resource: Resource
    #: Its translations (or original) the learner's material also shows: one item.
    also: tuple[Resource, ...] = ()


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
    """Nothing is left on the learner's path: every item and every elective is resolved.

    ``behind`` lists the steps before the learner's starting point that still have
    something for them (or a framework to choose): the roadmap is not finished then.
    """

    behind: tuple[Step, ...] = ()


NextItem = NextResource | LanguageGap | ChooseFramework | ChooseElective | Finished


def languages_for(material: Material) -> frozenset[Language | None]:
    """Resource languages shown for a material choice (untagged material is for everyone)."""
    if material is Material.BOTH:
        return frozenset({Language.EN, Language.FA, None})
    return frozenset({Language(material.value), None})


def affordable(
    resources: list[Resource] | tuple[Resource, ...], state: LearnerState
) -> list[Resource]:
    """The resources the learner's price choice keeps (unknown prices stay)."""
    if not state.free_only:
        return list(resources)
    return [r for r in resources if r.price is not Price.PAID]


def in_language(topic: Topic, state: LearnerState) -> list[Resource]:
    """The topic's resources in the learner's material language (and price choice)."""
    wanted = languages_for(state.material)
    return [r for r in affordable(topic.resources, state) if r.language in wanted]


def _one_per_work(resources: list[Resource]) -> list[Resource]:
    """Drop translations whose original is in the list: one work is one item."""
    ids = {r.id for r in resources}
    return [r for r in resources if r.translation_of not in ids]


def takes_other_language(topic: Topic, state: LearnerState) -> bool:
    """The learner sees this topic's other-language material (it has none in theirs)."""
    return state.other_language is True or topic.id in state.other_language_topics


def every_item(topic: Topic, state: LearnerState) -> list[Resource]:
    """The topic's items for the learner, extras included, in roadmap order.

    A topic with nothing in the learner's language counts its other-language material
    from the start, so accepting it never changes the total; a learner who said to leave
    such topics out has none of it on their path (unless they took this topic before).
    """
    mine = in_language(topic, state)
    if mine:
        return _one_per_work(mine)
    if state.other_language is False and topic.id not in state.other_language_topics:
        return []
    return _one_per_work(affordable(topic.resources, state))


def items(topic: Topic, state: LearnerState) -> list[Resource]:
    """The topic's items on the learner's path: what the path's percentage counts."""
    return [r for r in every_item(topic, state) if r.id not in state.extras]


def extra_items(topic: Topic, state: LearnerState) -> list[Resource]:
    """The topic's resources that joined it after the learner had passed its step."""
    return [r for r in every_item(topic, state) if r.id in state.extras]


def visible(topic: Topic, state: LearnerState, *, extras: bool = False) -> list[Resource]:
    """The topic's items the learner is offered now (a language gap not yet accepted: none)."""
    if in_language(topic, state) or takes_other_language(topic, state):
        return extra_items(topic, state) if extras else items(topic, state)
    return []


def offered(topic: Topic, state: LearnerState) -> list[Resource]:
    """Everything the topic offers the learner now, extras included, in roadmap order."""
    if in_language(topic, state) or takes_other_language(topic, state):
        return every_item(topic, state)
    return []


def translations(roadmap: Roadmap, resource: Resource, state: LearnerState) -> tuple[Resource, ...]:
    """The other-language versions of ``resource`` that the learner's material shows."""
    wanted = languages_for(state.material)
    found = (roadmap.resource(rid) for rid in roadmap.same_work(resource.id))
    return tuple(
        r
        for r in affordable([r for r in found if r is not None], state)
        if r != resource and r.language in wanted
    )


def is_resolved(state: LearnerState, resource: Resource) -> bool:
    return state.statuses.get(resource.id) in RESOLVED


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


def start_step(roadmap: Roadmap, state: LearnerState) -> int:
    """The index of the step where the learner's path begins."""
    return _start_key(roadmap, state.start_at)[0]


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


def _topic_next(
    step: Step, topic: Topic, state: LearnerState, *, started: bool = False, extras: bool = False
) -> NextItem | None:
    """The topic's first fresh item (``started``: its first item in progress), or its gap.

    ``extras``: among the resources that joined the topic after the learner passed its step.
    """
    if not in_language(topic, state) and not takes_other_language(topic, state):
        pool = extra_items(topic, state) if extras else items(topic, state)
        if any(not is_resolved(state, r) for r in pool):
            offered = tuple(sorted(topic.languages(), key=lambda lang: lang.value))
            return LanguageGap(step, topic, offered)
        return None
    wanted = Status.STARTED if started else None
    for resource in visible(topic, state, extras=extras):
        if state.statuses.get(resource.id) == wanted:
            return NextResource(step, topic, resource)
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
    """What the learner should do next: fresh items first, then what they started."""
    item = _next_fresh(roadmap, state)
    if isinstance(item, Finished):
        started = _first_started(roadmap, state)
        if started is not None:
            return started
        return Finished(behind_start(roadmap, state))
    return _with_translations(roadmap, state, item)


def _with_translations(roadmap: Roadmap, state: LearnerState, item: NextItem) -> NextItem:
    if isinstance(item, NextResource):
        also = translations(roadmap, item.resource, state)
        if also:
            return NextResource(item.step, item.topic, item.resource, also)
    return item


def _next_fresh(roadmap: Roadmap, state: LearnerState) -> NextItem:
    """The walk over items the learner has not touched."""
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
        # Everything before the framework choice comes first.
        for step, topic in path_topics(roadmap, state):
            if roadmap.steps.index(step) >= roadmap.steps.index(choice):
                break
            if item := _topic_next(step, topic, state):
                return item
        return ChooseFramework(choice, tuple(choice.options))
    for step, topic in path_topics(roadmap, state):
        if item := _topic_next(step, topic, state):
            return item
    for step, topic in path_topics(roadmap, state):
        if item := _topic_next(step, topic, state, extras=True):
            return item
    electives = elective_options(roadmap, state)
    if electives:
        return ChooseElective(electives[0][0], tuple(topic for _, topic in electives))
    return Finished()


def _first_started(roadmap: Roadmap, state: LearnerState) -> NextItem | None:
    """The first item in progress, on the path or in an elective, once nothing fresh is left."""
    topics = [*path_topics(roadmap, state)]
    topics += [(step, topic) for step in roadmap.elective_steps for topic in step.topics]
    for step, topic in topics:
        for extras in (False, True):
            if item := _topic_next(step, topic, state, started=True, extras=extras):
                return _with_translations(roadmap, state, item)
    return None


def started(roadmap: Roadmap, state: LearnerState) -> list[NextResource]:
    """Every item in progress, in roadmap order."""
    return [
        NextResource(step, topic, resource)
        for step in roadmap.steps
        for topic in step.topics
        if any(state.statuses.get(r.id) is Status.STARTED for r in topic.resources)
        for resource in every_item(topic, state)
        if state.statuses.get(resource.id) is Status.STARTED
    ]


def skipped_from(roadmap: Roadmap, state: LearnerState, step: Step) -> list[Resource]:
    """Items the learner skipped on their path from ``step`` on (the ordered steps)."""
    first = roadmap.steps.index(step)
    return [
        resource
        for s, topic in path_topics(roadmap, state)
        if roadmap.steps.index(s) >= first
        for resource in every_item(topic, state)
        if state.statuses.get(resource.id) is Status.SKIPPED
    ]


def behind_start(roadmap: Roadmap, state: LearnerState) -> tuple[Step, ...]:
    """Steps before the learner's starting point with something left for them."""
    start = _start_key(roadmap, state.start_at)
    if start == (0, 0):
        return ()
    whole = replace(state, start_at=None, elective=None)
    left: list[Step] = []
    for index, step in enumerate(roadmap.steps[: start[0] + 1]):
        if step.mode is StepMode.ELECTIVES:
            continue
        undecided = (
            index < start[0]
            and step.mode is StepMode.CHOOSE_ONE
            and chosen_framework(roadmap, state) is None
        )
        topics = [
            topic
            for s, topic in path_topics(roadmap, whole)
            if s == step and (index < start[0] or step.topics.index(topic) < start[1])
        ]
        if undecided or any(
            not is_resolved(state, r) for topic in topics for r in items(topic, state)
        ):
            left.append(step)
    return tuple(left)


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
