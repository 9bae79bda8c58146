"""The weekly reminder's settings: on/off, weekday, hour, time zone, snooze."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Learner, Reminder
from bot.db.reminders import ReminderRepository
from bot.services import schedule
from bot.services.learning import Clock, Who, ensure_learner, utcnow

AWAITING_ZONE = "timezone"


def default_zone(ui_language: str) -> str:
    """A first guess at the learner's zone: Telegram does not tell bots where users are."""
    return "Asia/Tehran" if ui_language == "fa" else "UTC"


def default_weekday(ui_language: str) -> int:
    """Saturday opens the week in Iran; Monday elsewhere."""
    return 5 if ui_language == "fa" else 0


DEFAULT_HOUR = 18


@dataclass(frozen=True)
class ReminderView:
    ui_language: str
    enabled: bool
    weekday: int
    hour: int
    timezone: str
    next_at: datetime | None

    @property
    def next_local(self) -> datetime | None:
        return schedule.local_time(self.next_at, self.timezone) if self.next_at else None


@dataclass(frozen=True)
class TypedZone:
    """What became of text the learner typed while the bot waited for a time zone."""

    view: ReminderView
    accepted: bool
    typed: str


class ReminderService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock = utcnow) -> None:
        self.sessions = sessions
        self.clock = clock

    async def view(self, who: Who) -> ReminderView:
        """The learner's reminder, or the defaults they would get (nothing is stored)."""
        async with self.sessions.begin() as session:
            learner = await ensure_learner(session, who, self.clock())
            reminder = await ReminderRepository(session).get(learner.id)
            if reminder is not None:
                return _view(learner, reminder)
            ui = learner.settings.ui_language
            return ReminderView(
                ui, False, default_weekday(ui), DEFAULT_HOUR, default_zone(ui), None
            )

    async def answered(self, who: Who) -> bool:
        """Whether the learner ever set their reminder (on or off)."""
        async with self.sessions() as session:
            return await ReminderRepository(session).get(who.user_id) is not None

    async def set_enabled(self, who: Who, enabled: bool) -> ReminderView:
        return await self._change(who, enabled=enabled)

    async def set_weekday(self, who: Who, weekday: int) -> ReminderView:
        if not 0 <= weekday <= 6:
            raise ValueError(weekday)
        return await self._change(who, weekday=weekday, enabled=True)

    async def set_hour(self, who: Who, hour: int) -> ReminderView:
        if not 0 <= hour <= 23:
            raise ValueError(hour)
        return await self._change(who, hour=hour, enabled=True)

    async def set_zone(self, who: Who, name: str) -> ReminderView:
        """Set the zone by IANA name (``UnknownTimeZone`` if it is not one)."""
        return await self._change(who, timezone=schedule.canonical_zone(name), enabled=True)

    async def await_zone(self, who: Who) -> ReminderView:
        """The learner wants to type a zone name: remember that their next text is one."""
        async with self.sessions.begin() as session:
            learner, reminder = await self._load(session, who)
            learner.settings.awaiting = AWAITING_ZONE
            return _view(learner, reminder)

    async def typed(self, who: Who, text: str) -> TypedZone | None:
        """Handle free text: a zone name if the bot asked for one, else ``None``."""
        async with self.sessions.begin() as session:
            learner = await ensure_learner(session, who, self.clock())
            if learner.settings.awaiting != AWAITING_ZONE:
                return None
            _, reminder = await self._load(session, who)
            try:
                zone = schedule.canonical_zone(text)
            except schedule.UnknownTimeZone:
                return TypedZone(_view(learner, reminder), False, text)
            learner.settings.awaiting = None
            self._apply(reminder, timezone=zone, enabled=True)
            return TypedZone(_view(learner, reminder), True, zone)

    async def snooze(self, who: Who) -> ReminderView:
        """Skip the coming nudge (turning reminders on if they were off)."""
        async with self.sessions.begin() as session:
            learner, reminder = await self._load(session, who)
            self._apply(reminder, enabled=True)
            assert reminder.next_at is not None
            reminder.next_at = schedule.snoozed(
                reminder.next_at, reminder.weekday, reminder.hour, reminder.timezone
            )
            return _view(learner, reminder)

    # -- helpers -------------------------------------------------------------------
    async def _load(self, session: AsyncSession, who: Who) -> tuple[Learner, Reminder]:
        learner = await ensure_learner(session, who, self.clock())
        ui = learner.settings.ui_language
        reminder = await ReminderRepository(session).get_or_create(
            learner.id, weekday=default_weekday(ui), hour=DEFAULT_HOUR, timezone=default_zone(ui)
        )
        return learner, reminder

    async def _change(self, who: Who, **changes: object) -> ReminderView:
        async with self.sessions.begin() as session:
            learner, reminder = await self._load(session, who)
            learner.settings.awaiting = None
            self._apply(reminder, **changes)
            return _view(learner, reminder)

    def _apply(self, reminder: Reminder, **changes: object) -> None:
        """Change settings and recompute the next nudge from now."""
        for name, value in changes.items():
            setattr(reminder, name, value)
        if reminder.enabled:
            reminder.next_at = schedule.next_occurrence(
                self.clock(), reminder.weekday, reminder.hour, reminder.timezone
            )
        else:
            reminder.next_at = None
        reminder.claimed_until = None


def _view(learner: Learner, reminder: Reminder) -> ReminderView:
    return ReminderView(
        ui_language=learner.settings.ui_language,
        enabled=reminder.enabled,
        weekday=reminder.weekday,
        hour=reminder.hour,
        timezone=reminder.timezone,
        next_at=reminder.next_at,
    )
