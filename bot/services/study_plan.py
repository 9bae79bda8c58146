"""The learner's study plan: hours a week, set by button or typed, changed or removed."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.rows import LearnerRow
from bot.roadmap.holder import RoadmapHolder
from bot.services.clock import Clock, utcnow
from bot.services.errors import UnknownItem
from bot.services.path import next_item
from bot.services.plan import MAX_HOURS, MIN_HOURS, parse_hours, path_hours
from bot.services.presence import present
from bot.services.reminders import NotAsked
from bot.services.snapshot import Snapshot, read_snapshot, stored_state
from bot.services.uow import UnitOfWork, UnitsOfWork
from bot.services.who import Who

#: ``awaiting`` while the bot waits for the learner to type their hours a week.
AWAITING_HOURS = "plan-hours"


@dataclass(frozen=True)
class TypedHours:
    """What became of text typed while the bot waited for hours a week."""

    snapshot: Snapshot
    #: The hours now planned; ``None``: the text was not a number of hours from 1 to 80.
    hours: int | None


class PlanService:
    """Setting, changing and removing the study plan; each method is one transaction."""

    def __init__(self, units: UnitsOfWork, roadmap: RoadmapHolder, clock: Clock = utcnow) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock

    async def view(self, who: Who) -> Snapshot:
        """Where the learner stands, with the plan's figures now."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            return await read_snapshot(uow, learner, self.roadmap.current, now=self.clock())

    async def ask(self, who: Who) -> Snapshot:
        """The learner sees the hours prompt: their next text is hours a week."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            if learner.settings.awaiting != AWAITING_HOURS:
                await uow.learners.update_settings(learner.id, awaiting=AWAITING_HOURS)
            return await read_snapshot(uow, learner, self.roadmap.current, now=self.clock())

    async def set_hours(self, who: Who, hours: int) -> Snapshot:
        """Plan ``hours`` a week from now (a new plan: its pace is measured from now)."""
        if not MIN_HOURS <= hours <= MAX_HOURS:
            raise UnknownItem(str(hours))
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            return await self._store(uow, learner, hours)

    async def remove(self, who: Who) -> Snapshot:
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            cleared = {"plan_hours": None, "plan_set_at": None, "plan_done_hours": None}
            await uow.learners.update_settings(learner.id, **cleared)
            learner = learner.with_settings(**cleared)
            return await read_snapshot(uow, learner, self.roadmap.current, now=self.clock())

    async def typed(self, who: Who, text: str) -> TypedHours | NotAsked:
        """Free text: hours a week if the bot asked for them (asked again if not a number)."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            if learner.settings.awaiting != AWAITING_HOURS:
                return NotAsked(learner.settings.ui_language)
            hours = parse_hours(text)
            if hours is None:
                snap = await read_snapshot(uow, learner, self.roadmap.current, now=self.clock())
                return TypedHours(snap, None)
            return TypedHours(await self._store(uow, learner, hours), hours)

    async def _store(self, uow: UnitOfWork, learner: LearnerRow, hours: int) -> Snapshot:
        now, roadmap = self.clock(), self.roadmap.current
        position = await uow.progress.position(learner.id)
        state = stored_state(roadmap, learner.settings, position)
        done = path_hours(roadmap, state, next_item(roadmap, state)).done
        values = {"plan_hours": hours, "plan_set_at": now, "plan_done_hours": done}
        if learner.settings.awaiting is not None:
            values["awaiting"] = None
        await uow.learners.update_settings(learner.id, **values)
        learner = learner.with_settings(**values)
        return await read_snapshot(uow, learner, roadmap, now=now)
