"""Spaced review: which finished topic a weekly nudge asks about, and the answers."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap, Topic
from bot.services.clock import Clock, utcnow
from bot.services.errors import UnknownItem
from bot.services.path import LearnerState, items, path_topics
from bot.services.presence import present
from bot.services.snapshot import Snapshot, read_snapshot
from bot.services.tally import tally
from bot.services.uow import UnitsOfWork
from bot.services.who import Who

#: How long after a topic was finished each stage of its review comes due.
STAGES: dict[int, timedelta] = {
    1: timedelta(weeks=1),
    2: timedelta(weeks=4),
    3: timedelta(weeks=12),
}

Answer = Literal["yes", "open"]


@dataclass(frozen=True)
class Due:
    """A review stage of a finished topic that a nudge may ask about."""

    topic_id: str
    stage: int
    due_at: datetime


def finished_topics(
    roadmap: Roadmap, state: LearnerState, updated: Mapping[str, datetime]
) -> dict[str, datetime]:
    """The finished topics of the path and of the hands-on electives, and when: each
    counted as /progress counts it (every item resolved, at least one done), finished at
    the latest change among its stored rows."""
    found: dict[str, datetime] = {}
    electives = [(step, topic) for step in roadmap.elective_steps for topic in step.topics]
    for _, topic in [*path_topics(roadmap, state), *electives]:
        resources = items(topic, state)
        counted = tally(resources, state)
        if not counted.complete or not counted.done:
            continue
        times = [
            updated[member]
            for resource in resources
            for member in roadmap.same_work(resource.id)
            if member in updated
        ]
        if times:
            found[topic.id] = max(times)
    return found


def due_stage(finished_at: datetime, now: datetime, settled: Collection[int]) -> int | None:
    """The latest stage come due (a learner who was away is asked once, not for each stage
    missed), unless it or a later one is settled (answered, or asked in a nudge sent)."""
    come = [stage for stage, after in STAGES.items() if finished_at + after <= now]
    if not come or any(done >= max(come) for done in settled):
        return None
    return max(come)


def next_review(
    finished: Mapping[str, datetime], settled: Mapping[str, Collection[int]], now: datetime
) -> Due | None:
    """The one review a nudge asks: the stage that came due first (then by topic id)."""
    due = [
        Due(topic_id, stage, at + STAGES[stage])
        for topic_id, at in finished.items()
        if (stage := due_stage(at, now, settled.get(topic_id, ()))) is not None
    ]
    return min(due, key=lambda d: (d.due_at, d.topic_id), default=None)


class ReviewService:
    """Answers to review questions; each method is one transaction."""

    def __init__(self, units: UnitsOfWork, roadmap: RoadmapHolder, clock: Clock = utcnow) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock

    async def answer(
        self, who: Who, topic_id: str, stage: int, answer: Answer
    ) -> tuple[Snapshot, Topic]:
        """Record the answer to a stage a nudge asked (``UnknownItem`` for one never asked,
        or a topic that left the roadmap); progress is unchanged."""
        roadmap = self.roadmap.current
        topic = roadmap.topic(topic_id)
        if topic is None:
            raise UnknownItem(topic_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            if not await uow.reviews.answer(learner.id, topic_id, stage, answer, self.clock()):
                raise UnknownItem(topic_id)
            return await read_snapshot(uow, learner, roadmap), topic
