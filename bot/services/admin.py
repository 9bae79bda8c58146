"""What admins can do: usage statistics and reloading the roadmap file."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import assert_never

from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import Problem, RoadmapError
from bot.roadmap.models import Roadmap, Step
from bot.roadmap.summary import RoadmapChange, RoadmapSummary, compare, summarize
from bot.services import path
from bot.services.clock import Clock, utcnow
from bot.services.path import LearnerState
from bot.services.snapshot import learner_state
from bot.services.uow import UnitsOfWork

#: Learners read per transaction when placing them on the roadmap.
BATCH_SIZE = 500


@dataclass(frozen=True)
class UsageStats:
    learners: int
    #: Learners who have not finished the /start questions yet (not placed on a step).
    onboarding: int
    active_week: int
    active_month: int
    #: Onboarded learners by the step of their next resource (or choice), roadmap order.
    per_step: tuple[tuple[Step, int], ...]
    #: Onboarded learners with nothing left on the ordered path from their starting point
    #: (their next item is "pick an elective" or "all done"); those studying an elective
    #: count under the hands-on step instead.
    finished: int
    nudged_week: int
    blocked_week: int
    #: Review questions: asked (every time), answered "yes", "open again"; learners who
    #: turned them off.
    reviews_asked: int = 0
    reviews_yes: int = 0
    reviews_opened: int = 0
    review_off: int = 0


@dataclass(frozen=True)
class Reloaded:
    path: Path
    summary: RoadmapSummary
    change: RoadmapChange


@dataclass(frozen=True)
class ReloadFailed:
    path: Path
    problems: list[Problem]


def current_step(roadmap: Roadmap, state: LearnerState) -> Step | None:
    """The step a learner is working in; None once the ordered path is done."""
    match path.next_item(roadmap, state):
        case path.NextResource() | path.LanguageGap() | path.ChooseFramework() as item:
            return item.step
        case path.ChooseElective() | path.Finished():
            return None
        case unknown:
            assert_never(unknown)


class AdminService:
    """Usage statistics and the roadmap reload, for admins."""

    def __init__(
        self,
        units: UnitsOfWork,
        roadmap: RoadmapHolder,
        clock: Clock = utcnow,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock
        self.batch_size = batch_size

    async def stats(self) -> UsageStats:
        """Counts in one transaction, then every learner's place, one batch per transaction.

        Placing learners walks each one's path in Python: O(learners x resources), read
        in batches so the bot keeps serving learners meanwhile.
        """
        now = self.clock()
        async with self.units() as uow:
            counts = await uow.stats.counts(now - timedelta(days=7), now - timedelta(days=30))
        roadmap = self.roadmap.current
        places: Counter[str | None] = Counter()
        onboarding = 0
        after: int | None = None
        while True:
            async with self.units() as uow:
                batch = await uow.stats.learners_after(after, self.batch_size)
            for stored in batch:
                if not stored.onboarded:
                    onboarding += 1
                    continue
                step = current_step(
                    roadmap,
                    learner_state(
                        roadmap,
                        material=stored.material,
                        framework=stored.framework,
                        start_at=stored.start_at,
                        elective=stored.elective,
                        statuses=stored.statuses,
                        topics=stored.topics,
                        free_only=stored.free_only,
                        revision=stored.roadmap_revision,
                        other_language=stored.other_language,
                    ),
                )
                places[step.id if step else None] += 1
            if len(batch) < self.batch_size:
                break
            after = batch[-1].id
        return UsageStats(
            learners=counts.learners,
            onboarding=onboarding,
            active_week=counts.seen_since_week,
            active_month=counts.seen_since_month,
            per_step=tuple((step, places[step.id]) for step in roadmap.steps),
            finished=places[None],
            nudged_week=counts.nudged_since_week,
            blocked_week=counts.blocked_since_week,
            reviews_asked=counts.reviews_asked,
            reviews_yes=counts.reviews_yes,
            reviews_opened=counts.reviews_opened,
            review_off=counts.review_off,
        )

    async def reload(self) -> Reloaded | ReloadFailed:
        """Re-read the roadmap file; on any problem the current roadmap stays in use."""
        before = self.roadmap.current
        file = self.roadmap.path
        if file is None:
            raise RuntimeError("the roadmap was not loaded from a file")
        try:
            after = await asyncio.to_thread(self.roadmap.reload)
        except RoadmapError as exc:
            return ReloadFailed(exc.path, exc.problems)
        return Reloaded(file, summarize(after), compare(before, after))
