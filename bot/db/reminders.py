"""Reminder rows: settings, the due query, and the delivery bookkeeping.

The dispatcher's reads and writes come in batches (one statement for many learners),
so a fan-out costs a few round trips per batch rather than a few per learner.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Executable,
    Result,
    Table,
    and_,
    bindparam,
    exists,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Learner,
    LearnerSettings,
    Progress,
    Reminder,
    TopicLanguage,
    UTCDateTime,
)
from bot.db.repositories import Db, connection, insert_for

#: What ``ProgressRepository.position`` returns for one learner: resource statuses and
#: the topics where they accepted the other language.
Position = tuple[dict[str, str], frozenset[str]]


@dataclass(frozen=True)
class DueRow:
    """A claimed learner's reminder, learner and settings, read in one query."""

    learner_id: int
    enabled: bool
    next_at: datetime | None
    claimed_until: datetime | None
    sending_since: datetime | None
    weekday: int
    hour: int
    timezone: str
    chat_id: int
    first_name: str | None
    onboarded_at: datetime | None
    blocked_at: datetime | None
    last_studied_at: datetime | None
    ui_language: str
    material_language: str
    framework: str | None
    start_at: str | None
    elective: str | None


@dataclass(frozen=True)
class Schedule:
    """The columns that decide a reminder's next occurrence."""

    learner_id: int
    enabled: bool
    weekday: int
    hour: int
    timezone: str


@dataclass(frozen=True)
class MoveOn:
    """One reminder's new schedule after a send, a refusal or a quiet week."""

    learner_id: int
    next_at: datetime | None
    #: Whether a nudge went out (``last_sent_at``, ``sent_count``).
    sent: bool


@dataclass(frozen=True)
class Retry:
    """Keep a nudge due, leased to nobody until ``until``."""

    learner_id: int
    until: datetime
    #: Keep ``sending_since``: the request may have been delivered.
    uncertain: bool


_REMINDERS = cast("Table", Reminder.__table__)
_R = _REMINDERS.c


class ReminderRepository:
    """Reminder rows through an ORM session or, for the dispatcher's batches (Core
    statements only, no ORM objects), a plain connection in a transaction."""

    def __init__(self, db: Db) -> None:
        self.db = db

    @property
    def session(self) -> AsyncSession:
        """The ORM session that ``get``, ``get_or_create`` and ``learner`` need."""
        assert isinstance(self.db, AsyncSession), "this needs an ORM session"
        return self.db

    async def get(self, learner_id: int) -> Reminder | None:
        return await self.session.get(Reminder, learner_id, populate_existing=True)

    async def get_or_create(
        self, learner_id: int, *, weekday: int, hour: int, timezone: str
    ) -> Reminder:
        """The learner's reminder; a new one (off) gets these defaults."""
        stmt = (
            insert_for(self.session, Reminder.__table__)  # type: ignore[arg-type]
            .values(learner_id=learner_id, weekday=weekday, hour=hour, timezone=timezone)
            .on_conflict_do_nothing(index_elements=["learner_id"])
        )
        await self.session.execute(stmt)
        reminder = await self.get(learner_id)
        assert reminder is not None
        return reminder

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[int]:
        """Lease up to ``limit`` due reminders to this dispatcher, oldest first.

        ``FOR UPDATE SKIP LOCKED`` lets several bot instances claim at once without
        taking the same rows (PostgreSQL); SQLite serialises writers instead.
        """
        due = (
            select(Reminder.learner_id)
            .where(
                Reminder.next_at <= now,
                or_(Reminder.claimed_until.is_(None), Reminder.claimed_until <= now),
            )
            .order_by(Reminder.next_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        conn = await connection(self.db)
        ids = list(await conn.scalars(due))
        if ids:
            await conn.execute(
                update(Reminder)
                .where(Reminder.learner_id.in_(ids))
                .values(claimed_until=now + lease)
            )
        return ids

    async def learner(self, learner_id: int) -> Learner | None:
        return await self.session.get(Learner, learner_id)

    # -- the dispatcher's batches ---------------------------------------------------
    async def _execute(
        self, stmt: Executable, rows: Sequence[dict[str, Any]] | None = None
    ) -> Result[Any]:
        """Run a Core statement (once per row of ``rows``, if given) on the connection."""
        return await (await connection(self.db)).execute(stmt, rows)

    async def due_rows(self, learner_ids: Collection[int]) -> list[DueRow]:
        """The reminder, learner and settings of each of these learners, in one query."""
        if not learner_ids:
            return []
        stmt = (
            select(
                Reminder.learner_id,
                Reminder.enabled,
                Reminder.next_at,
                Reminder.claimed_until,
                Reminder.sending_since,
                Reminder.weekday,
                Reminder.hour,
                Reminder.timezone,
                Learner.chat_id,
                Learner.first_name,
                Learner.onboarded_at,
                Learner.blocked_at,
                Learner.last_studied_at,
                LearnerSettings.ui_language,
                LearnerSettings.material_language,
                LearnerSettings.framework,
                LearnerSettings.start_at,
                LearnerSettings.elective,
            )
            .join(Learner, Learner.id == Reminder.learner_id)
            .join(LearnerSettings, LearnerSettings.learner_id == Learner.id)
            .where(Reminder.learner_id.in_(learner_ids))
            .with_for_update(of=Reminder)  # decided and written in this transaction
        )
        result = await self._execute(stmt)
        return [DueRow(*cast("tuple[Any, ...]", row)) for row in result]

    async def positions(self, learner_ids: Collection[int]) -> dict[int, Position]:
        """``ProgressRepository.position`` for many learners, in one round trip."""
        found: dict[int, tuple[dict[str, str], set[str]]] = {i: ({}, set()) for i in learner_ids}
        if not learner_ids:
            return {}
        result: Result[Any] = await self._execute(
            union_all(
                select(Progress.learner_id, Progress.resource_id, Progress.status).where(
                    Progress.learner_id.in_(learner_ids)
                ),
                select(TopicLanguage.learner_id, TopicLanguage.topic_id, null()).where(
                    TopicLanguage.learner_id.in_(learner_ids)
                ),
            )
        )
        for learner_id, key, status in cast("list[tuple[int, str, str | None]]", result.all()):
            statuses, topics = found[learner_id]
            if status is None:
                topics.add(key)
            else:
                statuses[key] = status
        return {i: (statuses, frozenset(topics)) for i, (statuses, topics) in found.items()}

    async def schedules(self, learner_ids: Collection[int]) -> dict[int, Schedule]:
        """The current schedule settings of these reminders (they may have changed)."""
        if not learner_ids:
            return {}
        result = await self._execute(
            select(
                Reminder.learner_id,
                Reminder.enabled,
                Reminder.weekday,
                Reminder.hour,
                Reminder.timezone,
            )
            .where(Reminder.learner_id.in_(learner_ids))
            .with_for_update()  # the next occurrence is computed from these
        )
        return {row[0]: Schedule(*cast("tuple[Any, ...]", row)) for row in result}

    async def mark_sending(
        self, learner_ids: Collection[int], claim: datetime, now: datetime
    ) -> set[int]:
        """Set ``sending_since`` where our claim still holds; return those learners.

        A claim no longer ours (a settings change released it, or another dispatcher
        took the row after our lease ran out) or a learner who blocked the bot
        meanwhile is left alone: that nudge must not go out from here.
        """
        if not learner_ids:
            return set()
        blocked = exists().where(Learner.id == Reminder.learner_id, Learner.blocked_at.is_not(None))
        stmt = (
            update(Reminder)
            .where(
                Reminder.learner_id.in_(learner_ids),
                Reminder.claimed_until == claim,
                ~blocked,
            )
            .values(sending_since=now)
            .returning(Reminder.learner_id)
        )
        return set((await self._execute(stmt)).scalars())

    async def renew(
        self, learner_ids: Collection[int], claim: datetime, until: datetime
    ) -> set[int]:
        """Move our lease on to ``until`` where rows still carry ``claim``; return those learners.

        A row recorded meanwhile (its lease ended or set for a retry), released by a
        settings change, or claimed by another dispatcher after our lease ran out does
        not carry ``claim`` any more and is left alone.
        """
        if not learner_ids:
            return set()
        stmt = (
            update(Reminder)
            .where(Reminder.learner_id.in_(learner_ids), Reminder.claimed_until == claim)
            .values(claimed_until=until)
            .returning(Reminder.learner_id)
        )
        return set((await self._execute(stmt)).scalars())

    async def release(self, learner_ids: Collection[int], claim: datetime | None = None) -> None:
        """End the lease on these rows (only where it is still ``claim``, if given)."""
        if not learner_ids:
            return
        conditions: list[ColumnElement[bool]] = [Reminder.learner_id.in_(learner_ids)]
        if claim is not None:
            conditions.append(Reminder.claimed_until == claim)
        await self._execute(update(Reminder).where(and_(*conditions)).values(claimed_until=None))

    async def stop(self, learner_ids: Collection[int]) -> None:
        """No next nudge (the learner is blocked): schedule, lease and send mark cleared."""
        if not learner_ids:
            return
        await self._execute(
            update(Reminder)
            .where(Reminder.learner_id.in_(learner_ids))
            .values(next_at=None, claimed_until=None, sending_since=None)
        )

    async def block(self, learner_ids: Collection[int], now: datetime) -> None:
        """Telegram answered 403: the learners are blocked and get no next nudge."""
        if not learner_ids:
            return
        await self._execute(
            update(Learner).where(Learner.id.in_(learner_ids)).values(blocked_at=now)
        )
        await self.stop(learner_ids)

    async def move_on(self, moves: Sequence[MoveOn], now: datetime) -> None:
        """Give each reminder its next occurrence and end its lease and send mark."""
        for sent in (True, False):
            rows = [{"b_id": m.learner_id, "b_next": m.next_at} for m in moves if m.sent is sent]
            if not rows:
                continue
            values: dict[str, Any] = {
                "next_at": bindparam("b_next", type_=UTCDateTime()),
                "claimed_until": None,
                "sending_since": None,
            }
            if sent:
                values |= {"last_sent_at": now, "sent_count": _R.sent_count + 1}
            stmt = update(_REMINDERS).where(_R.learner_id == bindparam("b_id"))
            await self._execute(stmt.values(values), rows)

    async def retry(self, retries: Sequence[Retry]) -> None:
        """Keep these nudges due, each leased to nobody until its ``until``."""
        for uncertain in (True, False):
            rows = [
                {"b_id": r.learner_id, "b_until": r.until}
                for r in retries
                if r.uncertain is uncertain
            ]
            if not rows:
                continue
            values: dict[str, Any] = {"claimed_until": bindparam("b_until", type_=UTCDateTime())}
            if not uncertain:
                values["sending_since"] = None
            stmt = update(_REMINDERS).where(_R.learner_id == bindparam("b_id"))
            await self._execute(stmt.values(values), rows)
