"""The weekly reminder's settings: on/off, weekday, hour, time zone, snooze."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.db.rows import LearnerRow, ReminderRow, SettingsRow
from bot.services import schedule
from bot.services.clock import Clock, utcnow
from bot.services.presence import LearnerVanished, present
from bot.services.uow import UnitOfWork, UnitsOfWork
from bot.services.who import Who

AWAITING_ZONE = "timezone"
DEFAULT_HOUR = 18


def default_zone(ui_language: str) -> str:
    """A first guess at the learner's zone: Telegram does not tell bots where users are."""
    return "Asia/Tehran" if ui_language == "fa" else "UTC"


def default_weekday(ui_language: str) -> int:
    """Saturday opens the week in Iran; Monday elsewhere."""
    return 5 if ui_language == "fa" else 0


@dataclass(frozen=True)
class ReminderView:
    """A learner's reminder as the screens show it."""

    ui_language: str
    enabled: bool
    weekday: int
    hour: int
    timezone: str
    next_at: datetime | None
    #: The nudge may ask whether a finished topic is still fresh.
    review: bool = True

    @property
    def next_local(self) -> datetime | None:
        return schedule.local_time(self.next_at, self.timezone) if self.next_at else None

    @classmethod
    def of(cls, settings: SettingsRow, reminder: ReminderRow) -> ReminderView:
        return cls(
            settings.ui_language,
            reminder.enabled,
            reminder.weekday,
            reminder.hour,
            reminder.timezone,
            reminder.next_at,
            settings.review,
        )

    @classmethod
    def defaults(cls, settings: SettingsRow) -> ReminderView:
        """What a learner who never set a reminder would get (off)."""
        ui = settings.ui_language
        zone, weekday = default_zone(ui), default_weekday(ui)
        return cls(ui, False, weekday, DEFAULT_HOUR, zone, None, settings.review)


@dataclass(frozen=True)
class TypedZone:
    """What became of text the learner typed while the bot waited for a time zone."""

    view: ReminderView
    accepted: bool
    typed: str


@dataclass(frozen=True)
class Snoozed:
    """What "snooze a week" did: ``changed`` is False when reminders are off (nothing is
    snoozed, nor turned on) or the coming nudge was skipped already."""

    view: ReminderView
    changed: bool


@dataclass(frozen=True)
class NotAsked:
    """Text the bot did not ask for; the learner's interface language to answer in."""

    ui_language: str


class ReminderService:
    """The weekly reminder's settings; each method is one transaction."""

    def __init__(self, units: UnitsOfWork, clock: Clock = utcnow) -> None:
        self.units = units
        self.clock = clock

    async def view(self, who: Who) -> ReminderView:
        """The learner's reminder, or the defaults they would get (no reminder is stored)."""
        async with self.units() as uow:
            return await self._view(uow, await present(uow, who, self.clock()))

    async def set_enabled(self, who: Who, enabled: bool) -> ReminderView:
        return await self._change(who, enabled=enabled)

    async def set_weekday(self, who: Who, weekday: int) -> ReminderView:
        if not 0 <= weekday <= 6:
            raise ValueError(weekday)
        return await self._change(who, weekday=weekday)

    async def set_hour(self, who: Who, hour: int) -> ReminderView:
        if not 0 <= hour <= 23:
            raise ValueError(hour)
        return await self._change(who, hour=hour)

    async def set_zone(self, who: Who, name: str) -> ReminderView:
        """Set the zone by IANA name (``UnknownTimeZone`` if it is not one)."""
        return await self._change(who, timezone=schedule.canonical_zone(name))

    async def set_review(self, who: Who, on: bool) -> ReminderView:
        """Turn the nudge's review questions on or off."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            if learner.settings.review != on:
                await uow.learners.update_settings(learner.id, review=on)
            return await self._view(uow, learner.with_settings(review=on))

    async def await_zone(self, who: Who) -> ReminderView:
        """The learner sees a screen that invites them to type a zone name: remember that
        their next text is one (until they do anything else)."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            if learner.settings.awaiting != AWAITING_ZONE:
                await uow.learners.update_settings(learner.id, awaiting=AWAITING_ZONE)
            return await self._view(uow, learner)

    async def typed(self, who: Who, text: str) -> TypedZone | NotAsked:
        """Free text: a zone name if the bot asked for one."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            ui = learner.settings.ui_language
            if learner.settings.awaiting != AWAITING_ZONE:
                return NotAsked(ui)
            try:
                zone = schedule.canonical_zone(text)
            except schedule.UnknownTimeZone:
                return TypedZone(await self._view(uow, learner), False, text)
            view = await self.change(uow, learner, timezone=zone)
            return TypedZone(view, True, zone)

    async def snooze(self, who: Who) -> Snoozed:
        """Skip the coming nudge, if reminders are on and it is not skipped already."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            reminder = await uow.reminders.get(learner.id)
            settings = learner.settings
            if reminder is None or not reminder.enabled:
                view = (
                    ReminderView.of(settings, reminder)
                    if reminder
                    else ReminderView.defaults(settings)
                )
                return Snoozed(view, changed=False)
            coming = schedule.next_occurrence(
                self.clock(), reminder.weekday, reminder.hour, reminder.timezone
            )
            next_at = schedule.snoozed(coming, reminder.weekday, reminder.hour, reminder.timezone)
            if reminder.next_at is not None and reminder.next_at >= next_at:
                return Snoozed(ReminderView.of(settings, reminder), changed=False)
            await uow.reminders.update(learner.id, next_at=next_at, claimed_until=None)
        view = ReminderView.of(settings, replace(reminder, next_at=next_at))
        return Snoozed(view, changed=True)

    async def change(self, uow: UnitOfWork, learner: LearnerRow, **changes: Any) -> ReminderView:
        """Change settings in the caller's unit of work; the next nudge counts from now."""
        reminder = await self._load(uow, learner)
        changed = replace(reminder, **changes)
        next_at = (
            schedule.next_occurrence(self.clock(), changed.weekday, changed.hour, changed.timezone)
            if changed.enabled
            else None
        )
        if learner.settings.awaiting is not None:
            await uow.learners.update_settings(learner.id, awaiting=None)
        await uow.reminders.update(learner.id, **changes, next_at=next_at, claimed_until=None)
        return ReminderView.of(learner.settings, replace(changed, next_at=next_at))

    # -- helpers -------------------------------------------------------------------
    async def _view(self, uow: UnitOfWork, learner: LearnerRow) -> ReminderView:
        """The learner's reminder, or the defaults they would get (storing none)."""
        reminder = await uow.reminders.get(learner.id)
        settings = learner.settings
        return ReminderView.of(settings, reminder) if reminder else ReminderView.defaults(settings)

    async def _load(self, uow: UnitOfWork, learner: LearnerRow) -> ReminderRow:
        """The learner's reminder, created (off, with defaults) if they have none."""
        reminder = await uow.reminders.get(learner.id)
        if reminder is None:
            ui = learner.settings.ui_language
            await uow.reminders.add(
                learner.id,
                weekday=default_weekday(ui),
                hour=DEFAULT_HOUR,
                timezone=default_zone(ui),
            )
            reminder = await uow.reminders.get(learner.id)
            if reminder is None:
                raise LearnerVanished(learner.id)
        return reminder

    async def _change(self, who: Who, **changes: Any) -> ReminderView:
        async with self.units() as uow:
            return await self.change(uow, await present(uow, who, self.clock()), **changes)
