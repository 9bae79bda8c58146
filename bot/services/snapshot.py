"""Where a learner stands, worked out from what is stored: the input of every screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.db.rows import LearnerRow, Position, SettingsRow
from bot.roadmap.models import Roadmap
from bot.services import extras, path
from bot.services.maps import MapPhoto
from bot.services.path import LearnerState, Material, NextItem, Status
from bot.services.plan import PlanStatus, StoredPlan, path_hours, plan_status
from bot.services.reminders import default_zone
from bot.services.tally import Progress, progress
from bot.services.uow import UnitOfWork


@dataclass(frozen=True)
class Snapshot:
    """A learner and where they stand, ready to render."""

    roadmap: Roadmap
    learner_id: int
    first_name: str | None
    ui_language: str
    onboarded: bool
    state: LearnerState
    next: NextItem
    progress: Progress
    streak_weeks: int = 0
    #: Every stored status by kind, whether or not on the path: what a reset deletes.
    stored: Counter[Status] = field(default_factory=Counter)
    #: Topics where the learner took material in another language (a reset forgets them).
    other_language_topics: int = 0
    #: The study plan's figures, where the learner has a plan and the reader asked for them.
    plan: PlanStatus | None = None
    #: The weekly nudge may ask whether a finished topic is still fresh.
    review: bool = True
    #: The map photo the learner's chat has, if any.
    map_photo: MapPhoto | None = None

    @property
    def material(self) -> Material:
        return self.state.material


def learner_state(
    roadmap: Roadmap,
    *,
    material: str,
    framework: str | None,
    start_at: str | None,
    elective: str | None,
    statuses: Mapping[str, str],
    topics: frozenset[str],
    free_only: bool = False,
    revision: int | None = None,
    other_language: bool | None = None,
) -> LearnerState:
    """The walk's input from stored values.

    Progress for resources that left the roadmap is kept in the database but not counted.
    One work in two languages has one status: the strongest stored for any of them.
    """
    known: dict[str, Status] = {}
    for rid, stored in statuses.items():
        if roadmap.resource(rid) is None:
            continue
        for member in roadmap.same_work(rid):
            if _STRENGTH[Status(stored)] > _STRENGTH.get(known.get(member), -1):
                known[member] = Status(stored)
    state = LearnerState(
        material=Material(material),
        framework=framework,
        start_at=start_at,
        elective=elective,
        statuses=known,
        other_language_topics=topics,
        free_only=free_only,
        revision=revision,
        other_language=other_language,
    )
    return extras.with_extras(roadmap, state)


_STRENGTH: dict[Status | None, int] = {
    Status.UNNEEDED: 0,
    Status.SKIPPED: 1,
    Status.STARTED: 2,
    Status.DONE: 3,
}


def stored_state(roadmap: Roadmap, settings: SettingsRow, position: Position) -> LearnerState:
    """``learner_state`` from a learner's stored settings and position."""
    statuses, topics = position
    return learner_state(
        roadmap,
        material=settings.material_language,
        framework=settings.framework,
        start_at=settings.start_at,
        elective=settings.elective,
        statuses=statuses,
        topics=topics,
        free_only=settings.free_only,
        revision=settings.roadmap_revision,
        other_language=settings.other_language,
    )


def stored_plan(settings: SettingsRow) -> StoredPlan | None:
    """The learner's study plan, if they set one."""
    if settings.plan_hours is None or settings.plan_set_at is None:
        return None
    return StoredPlan(settings.plan_hours, settings.plan_set_at, settings.plan_done_hours or 0)


def snapshot(
    roadmap: Roadmap,
    *,
    learner_id: int,
    first_name: str | None,
    onboarded: bool,
    settings: SettingsRow,
    position: Position,
    streak: int = 0,
    now: datetime | None = None,
    zone: str | None = None,
) -> Snapshot:
    """Where a learner stands, from their stored settings and position (no I/O); with
    ``now``, the study plan's figures at that moment too, its dates in ``zone`` (the
    learner's reminder time zone; None: the first guess for their language)."""
    statuses, topics = position
    state = stored_state(roadmap, settings, position)
    item = path.next_item(roadmap, state)
    plan = stored_plan(settings)
    status = None
    if plan is not None and now is not None:
        hours = path_hours(roadmap, state, item)
        status = plan_status(plan, hours, now, zone or default_zone(settings.ui_language))
    return Snapshot(
        roadmap=roadmap,
        learner_id=learner_id,
        first_name=first_name,
        ui_language=settings.ui_language,
        onboarded=onboarded,
        state=state,
        next=item,
        progress=progress(roadmap, state),
        streak_weeks=streak,
        stored=Counter(Status(s) for s in statuses.values()),
        other_language_topics=len(topics),
        plan=status,
        review=settings.review,
        map_photo=(
            MapPhoto(settings.map_message_id, settings.map_shown)
            if settings.map_message_id is not None and settings.map_shown is not None
            else None
        ),
    )


def learner_snapshot(
    roadmap: Roadmap,
    learner: LearnerRow,
    position: Position,
    streak: int = 0,
    now: datetime | None = None,
    zone: str | None = None,
) -> Snapshot:
    """Where ``learner`` stands with ``position`` (no I/O)."""
    return snapshot(
        roadmap,
        learner_id=learner.id,
        first_name=learner.first_name,
        onboarded=learner.onboarded_at is not None,
        settings=learner.settings,
        position=position,
        streak=streak,
        now=now,
        zone=zone,
    )


async def read_snapshot(
    uow: UnitOfWork,
    learner: LearnerRow,
    roadmap: Roadmap,
    streak: int = 0,
    now: datetime | None = None,
) -> Snapshot:
    """Read the learner's position and work out where they stand (``now``: and the plan)."""
    position = await uow.progress.position(learner.id)
    zone = None
    if now is not None and learner.settings.plan_hours is not None:
        reminder = await uow.reminders.get(learner.id)
        zone = reminder.timezone if reminder is not None else None
    return learner_snapshot(roadmap, learner, position, streak, now, zone)
