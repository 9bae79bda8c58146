"""Weekly nudges: who is due, what to send, and the record of each delivery.

The flow for one learner, each step its own transaction:

1. ``claim``: lease due rows to this dispatcher (``claimed_until``), oldest first.
2. ``prepare``: decide. Not due any more, off, or blocked → release. Studied in the
   last ``quiet_days`` → no message, the schedule moves on. Otherwise return what
   to send.
3. ``sending``: mark ``sending_since``, right before the request goes to Telegram
   (after the rate limiter let it through).
4. The Telegram layer sends, then calls ``sent``, ``blocked``, ``retry_later`` or
   ``failed``, which record the outcome and compute the next nudge.

A crash between 3 and 4 leaves ``sending_since`` set: after the lease expires the
nudge is sent again (at least once), because Telegram may or may not have
delivered it. That window, one HTTP round trip for the few requests in flight, is
the only way a learner can get two nudges in a week (docs/nudges.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Reminder
from bot.db.reminders import ReminderRepository
from bot.roadmap.holder import RoadmapHolder
from bot.services import schedule
from bot.services.learning import Clock, Snapshot, build_snapshot, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Nudge:
    """One nudge to send now."""

    learner_id: int
    chat_id: int
    snapshot: Snapshot
    #: True when an earlier attempt may have reached Telegram before a crash.
    resend: bool


class NudgeService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        roadmap: RoadmapHolder,
        clock: Clock = utcnow,
        *,
        quiet_days: float = 3,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        self.sessions = sessions
        self.roadmap = roadmap
        self.clock = clock
        self.quiet = timedelta(days=quiet_days)
        self.lease = lease

    async def claim(self, limit: int) -> list[int]:
        async with self.sessions.begin() as session:
            return await ReminderRepository(session).claim_due(self.clock(), limit, self.lease)

    async def prepare(self, learner_id: int) -> Nudge | None:
        """Decide about one claimed learner; ``None`` means nothing to send."""
        now = self.clock()
        async with self.sessions.begin() as session:
            repo = ReminderRepository(session)
            reminder = await repo.get(learner_id)
            learner = await repo.learner(learner_id)
            if reminder is None or learner is None:
                return None
            if not reminder.enabled or reminder.next_at is None or reminder.next_at > now:
                reminder.claimed_until = None  # settings changed meanwhile
                return None
            if learner.blocked_at is not None:
                reminder.next_at, reminder.claimed_until = None, None
                return None
            if learner.last_studied_at is not None and now - learner.last_studied_at < self.quiet:
                self._move_on(reminder, now)  # studying already: no nagging this week
                return None
            resend = reminder.sending_since is not None
            if resend:
                log.warning(
                    "re-sending the nudge to %s: an earlier send is unconfirmed", learner_id
                )
            snapshot = await build_snapshot(session, learner, self.roadmap.current)
            return Nudge(learner_id, learner.chat_id, snapshot, resend)

    async def sending(self, learner_id: int) -> None:
        """The request is about to leave: from here on, a crash makes delivery uncertain."""
        async with self.sessions.begin() as session:
            reminder = await ReminderRepository(session).get(learner_id)
            if reminder is not None:
                reminder.sending_since = self.clock()

    async def sent(self, learner_id: int) -> None:
        """Telegram accepted the nudge."""
        now = self.clock()
        async with self.sessions.begin() as session:
            reminder = await ReminderRepository(session).get(learner_id)
            if reminder is not None:
                reminder.last_sent_at = now
                reminder.sent_count += 1
                self._move_on(reminder, now)

    async def blocked(self, learner_id: int) -> None:
        """Telegram answered 403: no more nudges until the learner comes back."""
        now = self.clock()
        async with self.sessions.begin() as session:
            repo = ReminderRepository(session)
            reminder, learner = await repo.get(learner_id), await repo.learner(learner_id)
            if learner is not None:
                learner.blocked_at = now
            if reminder is not None:
                reminder.next_at = reminder.claimed_until = reminder.sending_since = None

    async def retry_later(
        self, learner_id: int, delay: timedelta, *, uncertain: bool = False
    ) -> None:
        """Telegram did not take it (429, network, 5xx): keep it due, try after ``delay``.

        ``uncertain``: the request may have been delivered (a timeout): ``sending_since``
        stays, so the resend is logged as one that may repeat the message.
        """
        async with self.sessions.begin() as session:
            reminder = await ReminderRepository(session).get(learner_id)
            if reminder is not None:
                if not uncertain:
                    reminder.sending_since = None
                reminder.claimed_until = self.clock() + delay

    async def failed(self, learner_id: int) -> None:
        """Telegram refused this nudge for good (e.g. chat not found): skip this week."""
        async with self.sessions.begin() as session:
            reminder = await ReminderRepository(session).get(learner_id)
            if reminder is not None:
                self._move_on(reminder, self.clock())

    @staticmethod
    def _move_on(reminder: Reminder, now: datetime) -> None:
        reminder.next_at = schedule.after_send(
            now, reminder.weekday, reminder.hour, reminder.timezone
        )
        reminder.claimed_until = reminder.sending_since = None
