"""What a learner can do while studying: each method is one transaction and returns a
fresh snapshot."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from bot.db.rows import LearnerRow
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Step, StepMode, Topic
from bot.services import path
from bot.services.clock import Clock, utcnow
from bot.services.errors import UnknownItem
from bot.services.maps import MapPhoto
from bot.services.path import RESOLVED, Material, NextResource, Status
from bot.services.presence import present
from bot.services.snapshot import Snapshot, learner_snapshot, read_snapshot, stored_state
from bot.services.streak import active_week_streak
from bot.services.tally import milestones, progress
from bot.services.uow import UnitOfWork, UnitsOfWork
from bot.services.who import Who, ui_language_for


@dataclass(frozen=True)
class Undo:
    """What Undo puts back: the resource's status before the change (None: untouched)."""

    resource_id: str
    previous: Status | None


@dataclass(frozen=True)
class UndoKnown:
    """What Undo puts back after "I know this topic": its resources, not needed, are fresh."""

    topic_id: str


@dataclass(frozen=True)
class Outcome:
    """A resource marked: where the learner stands now, what it completed, how to undo it."""

    snapshot: Snapshot
    milestones: tuple[Step | Topic, ...] = ()
    undo: Undo | UndoKnown | None = None


@dataclass(frozen=True)
class Reset:
    """A reset done: where the learner stands now, and what it deleted (and kept)."""

    snapshot: Snapshot
    #: The statuses deleted, by kind.
    statuses: Counter[Status]
    #: Topics where the learner had taken the other language.
    topics: int
    notes_deleted: int
    notes_kept: int


class LearningService:
    """Studying: the next resource, done and skipped, languages, choices, starting over."""

    def __init__(self, units: UnitsOfWork, roadmap: RoadmapHolder, clock: Clock = utcnow) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock

    # -- reading -------------------------------------------------------------------
    async def open(self, who: Who) -> Snapshot:
        """The learner's snapshot, registering them on first contact."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            return await read_snapshot(uow, learner, self.roadmap.current)

    async def locale_for(self, who: Who) -> str:
        """The learner's interface language, without registering anyone."""
        async with self.units() as uow:
            learner = await uow.learners.row(who.user_id)
        return learner.settings.ui_language if learner else ui_language_for(who.language_code)

    async def report(self, who: Who) -> Snapshot:
        """Like ``open``, plus the streak of active weeks (for /progress)."""
        async with self.units() as uow:
            now = self.clock()
            learner = await present(uow, who, now)
            streak = active_week_streak(await uow.progress.timestamps(learner.id), now)
            return await read_snapshot(uow, learner, self.roadmap.current, streak, now)

    # -- settings ------------------------------------------------------------------
    async def set_material(self, who: Who, material: Material) -> Snapshot:
        return await self._change_settings(who, material_language=material.value)

    async def set_free_only(self, who: Who, free_only: bool) -> Snapshot:
        """Leave paid resources out of the learner's path (or bring them back)."""
        return await self._change_settings(who, free_only=free_only)

    async def set_ui_language(self, who: Who, locale: str) -> Snapshot:
        if locale not in ("en", "fa"):
            raise UnknownItem(locale)
        return await self._change_settings(who, ui_language=locale)

    async def set_start(self, who: Who, start_at: str | None) -> Snapshot:
        """Study from ``start_at`` (a step or topic id; None = the beginning); ends onboarding."""
        async with self.units() as uow:
            return await self.start_from(uow, await present(uow, who, self.clock()), start_at)

    async def finish_onboarding(self, who: Who) -> Snapshot:
        return await self._change_settings(who, onboard=True)

    async def remember_map(self, who: Who, photo: MapPhoto) -> None:
        """The learner's chat has this map photo now (the next changed map edits it)."""
        async with self.units() as uow:
            await uow.learners.update_settings(
                who.user_id, map_message_id=photo.message_id, map_shown=photo.shows
            )

    # -- studying ------------------------------------------------------------------
    async def resolve(self, who: Who, resource_id: str, status: Status) -> Snapshot:
        """``mark``, for callers that want only where the learner stands afterwards."""
        return (await self.mark(who, resource_id, status)).snapshot

    async def mark(self, who: Who, resource_id: str, status: Status) -> Outcome:
        """Mark a resource (and its translations) done, skipped or started.

        Idempotent: pressing twice changes nothing the second time.
        """
        roadmap = self.roadmap.current
        if roadmap.resource(resource_id) is None:
            raise UnknownItem(resource_id)
        async with self.units() as uow:
            now = self.clock()
            learner = await present(uow, who, now)
            statuses, topics = await uow.progress.position(learner.id)
            before = stored_state(roadmap, learner.settings, (statuses, topics))
            work = roadmap.same_work(resource_id)
            await uow.progress.mark(learner.id, work, status, now)
            if status in RESOLVED:
                await uow.learners.update(learner.id, last_studied_at=now)
        after = learner_snapshot(
            roadmap, learner, ({**statuses, **dict.fromkeys(work, status)}, topics)
        )
        previous = before.statuses.get(resource_id)
        return Outcome(
            after,
            milestones(progress(roadmap, before), after.progress),
            Undo(resource_id, None if previous is status else previous),
        )

    async def undo(self, who: Who, undo: Undo) -> Snapshot:
        """Put a resource (and its translations) back to the status it had."""
        roadmap = self.roadmap.current
        if roadmap.resource(undo.resource_id) is None:
            raise UnknownItem(undo.resource_id)
        async with self.units() as uow:
            now = self.clock()
            learner = await present(uow, who, now)
            work = roadmap.same_work(undo.resource_id)
            if undo.previous is None:
                await uow.progress.unmark(learner.id, work)
            else:
                await uow.progress.mark(learner.id, work, undo.previous, now)
            return await read_snapshot(uow, learner, roadmap)

    async def revisit(self, who: Who, resource_id: str) -> Snapshot:
        """Study a resolved resource again: its status goes and its card is shown."""
        return await self._card(who, resource_id, forget_status=True)

    async def show(self, who: Who, resource_id: str) -> Snapshot:
        """The card of one resource, whatever its place on the path; its status stays."""
        return await self._card(who, resource_id, forget_status=False)

    async def _card(self, who: Who, resource_id: str, *, forget_status: bool) -> Snapshot:
        """A snapshot whose next item is this resource; an elective becomes the one studied,
        so Done carries on there."""
        roadmap = self.roadmap.current
        resource = roadmap.resource(resource_id)
        if resource is None:
            raise UnknownItem(resource_id)
        topic, step = roadmap.topic_of(resource_id), roadmap.step_of(resource_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            if forget_status:
                await uow.progress.unmark(learner.id, roadmap.same_work(resource_id))
            if step.mode is StepMode.ELECTIVES and learner.settings.elective != topic.id:
                await uow.learners.update_settings(learner.id, elective=topic.id)
                learner = learner.with_settings(elective=topic.id)
            snap = await read_snapshot(uow, learner, roadmap)
        also = path.translations(roadmap, resource, snap.state)
        return replace(snap, next=NextResource(step, topic, resource, also))

    async def unskip_from(self, who: Who, step_id: str) -> Snapshot:
        """Bring back what the learner skipped on their path from ``step_id`` on."""
        roadmap = self.roadmap.current
        step = roadmap.step(step_id)
        if step is None:
            raise UnknownItem(step_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            snap = await read_snapshot(uow, learner, roadmap)
            skipped = path.skipped_from(roadmap, snap.state, step)
            await uow.progress.unmark(
                learner.id, [rid for r in skipped for rid in roadmap.same_work(r.id)]
            )
            return await read_snapshot(uow, learner, roadmap)

    async def skip_topic(self, who: Who, topic_id: str) -> Snapshot:
        """Skip whatever is left of a topic, in every language."""
        return (await self._close_topic(who, topic_id, Status.SKIPPED)).snapshot

    async def know_topic(self, who: Who, topic_id: str) -> Outcome:
        """The learner knows the topic now: what is left of it, in every language, is not
        needed (neither done nor skipped)."""
        outcome = await self._close_topic(who, topic_id, Status.UNNEEDED)
        return replace(outcome, undo=UndoKnown(topic_id))

    async def _close_topic(self, who: Who, topic_id: str, status: Status) -> Outcome:
        """Mark whatever is left of a topic ``status``; the topic stops being studied."""
        roadmap = self.roadmap.current
        topic = roadmap.topic(topic_id)
        if topic is None:
            raise UnknownItem(topic_id)
        async with self.units() as uow:
            now = self.clock()
            learner = await present(uow, who, now)
            statuses, topics = await uow.progress.position(learner.id)
            before = stored_state(roadmap, learner.settings, (statuses, topics))
            left = [r.id for r in topic.resources if statuses.get(r.id) not in RESOLVED]
            await uow.progress.mark(learner.id, left, status, now)
            await uow.learners.update(learner.id, last_studied_at=now)
            if learner.settings.elective == topic_id:
                await uow.learners.update_settings(learner.id, elective=None)
                learner = learner.with_settings(elective=None)
        marked = {**statuses, **dict.fromkeys(left, status.value)}
        after = learner_snapshot(roadmap, learner, (marked, topics))
        return Outcome(after, milestones(progress(roadmap, before), after.progress))

    async def unknow_topic(self, who: Who, topic_id: str) -> Snapshot:
        """Undo "I know this topic": its resources marked not needed are fresh again."""
        roadmap = self.roadmap.current
        topic = roadmap.topic(topic_id)
        if topic is None:
            raise UnknownItem(topic_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            statuses, _ = await uow.progress.position(learner.id)
            unneeded = [r.id for r in topic.resources if statuses.get(r.id) == Status.UNNEEDED]
            await uow.progress.unmark(learner.id, unneeded)
            return await read_snapshot(uow, learner, roadmap)

    async def accept_other_language(self, who: Who, topic_id: str) -> Snapshot:
        """Show this topic's material in another language (it has none in the learner's),
        and from now on every such topic's: the answer is remembered (/language changes it)."""
        if self.roadmap.current.topic(topic_id) is None:
            raise UnknownItem(topic_id)
        async with self.units() as uow:
            now = self.clock()
            learner = await present(uow, who, now)
            await uow.topics.add(learner.id, topic_id, now)
            return await self.change_settings(uow, learner, other_language=True)

    async def set_other_language(self, who: Who, show: bool) -> Snapshot:
        """Where a topic has nothing in the learner's language: show its other-language
        material, or leave the topic out of their path."""
        return await self._change_settings(who, other_language=show)

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

    async def reset_preview(self, who: Who) -> tuple[Snapshot, int]:
        """What a reset would delete: the snapshot (its stored statuses) and the notes."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            snap = await read_snapshot(uow, learner, self.roadmap.current)
            return snap, await uow.notes.count(learner.id)

    async def reset(self, who: Who, *, keep_notes: bool = True) -> Reset:
        """Start over: progress and choices go (notes too, unless kept); languages stay;
        onboarding asks again."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            before = await read_snapshot(uow, learner, self.roadmap.current)
            notes = await uow.notes.count(learner.id) if keep_notes else 0
            deleted_notes = 0 if keep_notes else await uow.notes.clear(learner.id)
            await uow.progress.clear(learner.id)
            await uow.topics.clear(learner.id)
            await uow.reviews.clear(learner.id)
            cleared = {
                "framework": None,
                "start_at": None,
                "elective": None,
                "roadmap_revision": None,
                "plan_hours": None,
                "plan_set_at": None,
                "plan_done_hours": None,
            }
            await uow.learners.update_settings(learner.id, **cleared)
            await uow.learners.update(learner.id, onboarded_at=None)
            learner = replace(learner.with_settings(**cleared), onboarded_at=None)
            snap = await read_snapshot(uow, learner, self.roadmap.current)
        return Reset(snap, before.stored, before.other_language_topics, deleted_notes, notes)

    async def mark_blocked(self, user_id: int) -> None:
        """Telegram said the learner blocked the bot."""
        async with self.units() as uow:
            await uow.learners.update(user_id, blocked_at=self.clock())

    # -- steps other services compose into their own transaction --------------------
    async def start_from(
        self, uow: UnitOfWork, learner: LearnerRow, start_at: str | None
    ) -> Snapshot:
        """``set_start`` inside the caller's unit of work."""
        roadmap = self.roadmap.current
        if start_at is not None and not any(
            (topic or step).id == start_at for step, topic in path.start_points(roadmap)
        ):
            raise UnknownItem(start_at)
        return await self.change_settings(
            uow, learner, onboard=True, start_at=start_at, elective=None
        )

    async def change_settings(
        self,
        uow: UnitOfWork,
        learner: LearnerRow,
        *,
        onboard: bool = False,
        **values: str | bool | int | None,
    ) -> Snapshot:
        """Store some settings (``onboard``: and end onboarding, on the current roadmap's
        revision); the new snapshot."""
        now = self.clock()
        roadmap = self.roadmap.current
        if onboard and learner.onboarded_at is None:
            values = {**values, "roadmap_revision": roadmap.revision}
        if values:
            await uow.learners.update_settings(learner.id, **values)
            learner = learner.with_settings(**values)
        if onboard and learner.onboarded_at is None:
            await uow.learners.update(learner.id, onboarded_at=now)
            learner = replace(learner, onboarded_at=now)
        return await read_snapshot(uow, learner, roadmap)

    async def _change_settings(
        self, who: Who, *, onboard: bool = False, **values: str | bool | int | None
    ) -> Snapshot:
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            return await self.change_settings(uow, learner, onboard=onboard, **values)
