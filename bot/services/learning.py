"""What a learner can do: each method is one transaction and returns a fresh snapshot."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.db.models import Learner
from bot.db.reminders import ReminderRepository
from bot.db.repositories import (
    Db,
    LearnerRepository,
    LearnerRow,
    ProgressRepository,
    TopicLanguageRepository,
    presence_changes,
)
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap, StepMode
from bot.services import path, schedule
from bot.services.path import LearnerState, Material, NextItem, Status
from bot.services.streak import active_week_streak

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def ui_language_for(language_code: str | None) -> str:
    """The interface language for Telegram's ``language_code`` (Persian or English)."""
    return "fa" if (language_code or "").lower().split("-")[0] == "fa" else "en"


@dataclass(frozen=True)
class Who:
    """The Telegram user behind an update."""

    user_id: int
    chat_id: int
    first_name: str | None = None
    language_code: str | None = None


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
    progress: path.Progress
    streak_weeks: int = 0

    @property
    def material(self) -> Material:
        return self.state.material


class UnknownItem(LookupError):
    """A button named a resource, topic or step that is not (or no longer) in the roadmap."""


class LearningService:
    def __init__(
        self,
        engine: AsyncEngine,
        roadmap: RoadmapHolder,
        clock: Clock = utcnow,
    ) -> None:
        self.engine = engine  # Core statements on plain connections: no ORM db
        self.roadmap = roadmap
        self.clock = clock

    # -- reading -------------------------------------------------------------------
    async def open(self, who: Who) -> Snapshot:
        """The learner's snapshot, registering them on first contact."""
        async with self.engine.begin() as db:
            learner = await present(db, who, self.clock())
            return await build_snapshot(db, learner, self.roadmap.current)

    async def locale_for(self, who: Who) -> str:
        """The learner's interface language, without registering anyone."""
        async with self.engine.connect() as db:
            learner = await LearnerRepository(db).row(who.user_id)
            if learner is not None:
                return learner.settings.ui_language
        return ui_language_for(who.language_code)

    async def report(self, who: Who) -> Snapshot:
        """Like ``open``, plus the streak of active weeks (for /progress)."""
        async with self.engine.begin() as db:
            learner = await present(db, who, self.clock())
            moments = await ProgressRepository(db).timestamps(learner.id)
            streak = active_week_streak(moments, self.clock())
            return await build_snapshot(db, learner, self.roadmap.current, streak)

    # -- settings ------------------------------------------------------------------
    async def set_material(self, who: Who, material: Material) -> Snapshot:
        return await self._change_settings(who, material_language=material.value)

    async def set_ui_language(self, who: Who, locale: str) -> Snapshot:
        if locale not in ("en", "fa"):
            raise UnknownItem(locale)
        return await self._change_settings(who, ui_language=locale)

    async def set_start(self, who: Who, start_at: str | None) -> Snapshot:
        """Study from ``start_at`` (a step or topic id; None = the beginning); ends onboarding."""
        roadmap = self.roadmap.current
        if start_at is not None and not any(
            (topic or step).id == start_at for step, topic in path.start_points(roadmap)
        ):
            raise UnknownItem(start_at)
        return await self._change_settings(who, onboard=True, start_at=start_at, elective=None)

    async def finish_onboarding(self, who: Who) -> Snapshot:
        return await self._change_settings(who, onboard=True)

    # -- studying ------------------------------------------------------------------
    async def resolve(self, who: Who, resource_id: str, status: Status) -> Snapshot:
        """Mark a resource done or skipped (idempotent: pressing twice changes nothing)."""
        if self.roadmap.current.resource(resource_id) is None:
            raise UnknownItem(resource_id)
        async with self.engine.begin() as db:
            now = self.clock()
            learner = await present(db, who, now)
            await ProgressRepository(db).mark(learner.id, [resource_id], status, now)
            await LearnerRepository(db).update(learner.id, last_studied_at=now)
            return await build_snapshot(db, learner, self.roadmap.current)

    async def skip_topic(self, who: Who, topic_id: str) -> Snapshot:
        """Skip whatever is left of a topic, in every language."""
        topic = self.roadmap.current.topic(topic_id)
        if topic is None:
            raise UnknownItem(topic_id)
        async with self.engine.begin() as db:
            now = self.clock()
            learner = await present(db, who, now)
            progress, learners = ProgressRepository(db), LearnerRepository(db)
            statuses = await progress.statuses(learner.id)
            left = [r.id for r in topic.resources if r.id not in statuses]
            await progress.mark(learner.id, left, Status.SKIPPED, now)
            await learners.update(learner.id, last_studied_at=now)
            if learner.settings.elective == topic_id:
                await learners.update_settings(learner.id, elective=None)
                learner = learner.with_settings(elective=None)
            return await build_snapshot(db, learner, self.roadmap.current)

    async def accept_other_language(self, who: Who, topic_id: str) -> Snapshot:
        """Show this topic's material in every language (it has none in the learner's)."""
        if self.roadmap.current.topic(topic_id) is None:
            raise UnknownItem(topic_id)
        async with self.engine.begin() as db:
            learner = await present(db, who, self.clock())
            await TopicLanguageRepository(db).add(learner.id, topic_id, self.clock())
            return await build_snapshot(db, learner, self.roadmap.current)

    async def choose_framework(self, who: Who, topic_id: str) -> Snapshot:
        step = self.roadmap.current.choice_step
        if step is None or topic_id not in {t.id for t in step.options}:
            raise UnknownItem(topic_id)
        return await self._change_settings(who, framework=topic_id)

    async def choose_elective(self, who: Who, topic_id: str) -> Snapshot:
        roadmap = self.roadmap.current
        topic = roadmap.topic(topic_id)
        if topic is None or roadmap.step_of(topic_id).mode is not StepMode.ELECTIVES:
            raise UnknownItem(topic_id)
        return await self._change_settings(who, elective=topic_id)

    async def reset(self, who: Who) -> Snapshot:
        """Start over: progress and choices go; languages stay; onboarding asks again."""
        async with self.engine.begin() as db:
            learner = await present(db, who, self.clock())
            await ProgressRepository(db).clear(learner.id)
            await TopicLanguageRepository(db).clear(learner.id)
            learners = LearnerRepository(db)
            cleared = {"framework": None, "start_at": None, "elective": None}
            await learners.update_settings(learner.id, **cleared)
            await learners.update(learner.id, onboarded_at=None)
            learner = replace(learner.with_settings(**cleared), onboarded_at=None)
            return await build_snapshot(db, learner, self.roadmap.current)

    async def mark_blocked(self, user_id: int) -> None:
        """Telegram said the learner blocked the bot."""
        async with self.engine.begin() as db:
            await LearnerRepository(db).mark_blocked(user_id, self.clock())

    async def _change_settings(
        self, who: Who, *, onboard: bool = False, **values: str | None
    ) -> Snapshot:
        """Store some settings (``onboard``: and end onboarding) and return the new snapshot."""
        async with self.engine.begin() as db:
            now = self.clock()
            learner = await present(db, who, now)
            learners = LearnerRepository(db)
            if values:
                await learners.update_settings(learner.id, **values)
                learner = learner.with_settings(**values)
            if onboard and learner.onboarded_at is None:
                await learners.update(learner.id, onboarded_at=now)
                learner = replace(learner, onboarded_at=now)
            return await build_snapshot(db, learner, self.roadmap.current)


async def present(db: Db, who: Who, now: datetime) -> LearnerRow:
    """The learner behind ``who``, registered on first contact; marks them present.

    Usually one SELECT and no write (``presence_changes``): the hot path of every update.
    """
    repo = LearnerRepository(db)
    learner = await repo.row(who.user_id)
    if learner is None:
        ui = ui_language_for(who.language_code)
        await repo.create_if_missing(
            learner_id=who.user_id,
            chat_id=who.chat_id,
            first_name=who.first_name,
            language_code=who.language_code,
            ui_language=ui,
            material_language=ui,
            now=now,
        )
        learner = await repo.row(who.user_id)
        assert learner is not None
        return learner
    changes = presence_changes(
        learner, first_name=who.first_name, language_code=who.language_code, now=now
    )
    if changes:
        await repo.update(learner.id, **changes)
        if learner.blocked_at is not None:  # they blocked the bot and came back
            await rearm_reminder(db, learner.id, now)
        learner = replace(learner, **changes)
    return learner


async def ensure_learner(session: AsyncSession, who: Who, now: datetime) -> Learner:
    """``present``, then the learner as an ORM object, for services that edit objects."""
    await present(session, who, now)
    learner = await LearnerRepository(session).get(who.user_id)
    assert learner is not None
    return learner


def learner_state(
    roadmap: Roadmap,
    *,
    material: str,
    framework: str | None,
    start_at: str | None,
    elective: str | None,
    statuses: Mapping[str, str],
    topics: frozenset[str],
) -> LearnerState:
    """The walk's input from stored values.

    Progress for resources that left the roadmap is kept in the database but not counted.
    """
    return LearnerState(
        material=Material(material),
        framework=framework,
        start_at=start_at,
        elective=elective,
        statuses={rid: Status(s) for rid, s in statuses.items() if roadmap.resource(rid)},
        other_language_topics=topics,
    )


class SettingsLike(Protocol):
    @property
    def ui_language(self) -> str: ...
    @property
    def material_language(self) -> str: ...
    @property
    def framework(self) -> str | None: ...
    @property
    def start_at(self) -> str | None: ...
    @property
    def elective(self) -> str | None: ...


class LearnerLike(Protocol):
    """What a snapshot needs of a learner: a ``LearnerRow`` or the ORM ``Learner``."""

    @property
    def id(self) -> int: ...
    @property
    def first_name(self) -> str | None: ...
    @property
    def onboarded_at(self) -> datetime | None: ...
    @property
    def settings(self) -> SettingsLike: ...


def snapshot(
    roadmap: Roadmap,
    *,
    learner_id: int,
    first_name: str | None,
    onboarded: bool,
    settings: SettingsLike,
    statuses: Mapping[str, str],
    topics: frozenset[str],
    streak: int = 0,
) -> Snapshot:
    """Where a learner stands, from their stored settings and progress (no I/O)."""
    state = learner_state(
        roadmap,
        material=settings.material_language,
        framework=settings.framework,
        start_at=settings.start_at,
        elective=settings.elective,
        statuses=statuses,
        topics=topics,
    )
    return Snapshot(
        roadmap=roadmap,
        learner_id=learner_id,
        first_name=first_name,
        ui_language=settings.ui_language,
        onboarded=onboarded,
        state=state,
        next=path.next_item(roadmap, state),
        progress=path.progress(roadmap, state),
        streak_weeks=streak,
    )


async def build_snapshot(
    db: Db, learner: LearnerLike, roadmap: Roadmap, streak: int = 0
) -> Snapshot:
    """Read the learner's progress and work out where they stand."""
    statuses, topics = await ProgressRepository(db).position(learner.id)
    return snapshot(
        roadmap,
        learner_id=learner.id,
        first_name=learner.first_name,
        onboarded=learner.onboarded_at is not None,
        settings=learner.settings,
        statuses=statuses,
        topics=topics,
        streak=streak,
    )


async def rearm_reminder(db: Db, learner_id: int, now: datetime) -> None:
    """A learner who blocked the bot came back: their weekly reminder resumes."""
    # Rare, so the reminder is edited as an ORM object, in the caller's transaction.
    session = db if isinstance(db, AsyncSession) else AsyncSession(bind=db)
    try:
        reminder = await ReminderRepository(session).get(learner_id)
        if reminder is not None and reminder.enabled and reminder.next_at is None:
            reminder.next_at = schedule.next_occurrence(
                now, reminder.weekday, reminder.hour, reminder.timezone
            )
            await session.flush()
    finally:
        if session is not db:
            await session.close()
