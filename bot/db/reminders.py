"""Reminder rows: settings, the due query, and the delivery bookkeeping.

The dispatcher's reads and writes come in batches (one statement for many learners),
so a fan-out costs a few round trips per batch rather than a few per learner.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import fields
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
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.learners import LEARNERS, SETTINGS
from bot.db.models import Reminder, UTCDateTime
from bot.db.rows import DueRow, MoveOn, ReminderRow, Retry, Schedule, SettingsRow
from bot.db.sql import insert_for

_REMINDERS = cast("Table", Reminder.__table__)
_R = _REMINDERS.c


_SETTINGS_FIELDS = [f.name for f in fields(SettingsRow)]
_SETTINGS_COLUMNS = [SETTINGS.c[name] for name in _SETTINGS_FIELDS]
_DUE_FIELDS = [f.name for f in fields(DueRow) if f.name != "settings"]
_REMINDER_ROW = select(_R.learner_id, _R.enabled, _R.weekday, _R.hour, _R.timezone, _R.next_at)


class ReminderRepository:
    """Reminder rows: a learner's settings, and the dispatcher's batches (many learners in
    one statement)."""

    def __init__(self, conn: AsyncConnection) -> None:
        self.conn = conn

    async def get(self, learner_id: int) -> ReminderRow | None:
        found = (await self.conn.execute(_REMINDER_ROW.where(_R.learner_id == learner_id))).first()
        return None if found is None else ReminderRow(*found)

    async def add(self, learner_id: int, *, weekday: int, hour: int, timezone: str) -> None:
        """A reminder (off) with these settings, unless the learner has one."""
        await self.conn.execute(
            insert_for(self.conn, _REMINDERS)
            .values(learner_id=learner_id, weekday=weekday, hour=hour, timezone=timezone)
            .on_conflict_do_nothing(index_elements=["learner_id"])
        )

    async def update(self, learner_id: int, **values: Any) -> None:
        await self.conn.execute(
            update(_REMINDERS).where(_R.learner_id == learner_id).values(values)
        )

    async def count_due(self, now: datetime) -> int:
        """How many reminders are due at ``now``, leased or not (an index range count)."""
        due = select(func.count()).select_from(_REMINDERS).where(_R.next_at <= now)
        return int(await self.conn.scalar(due) or 0)

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[int]:
        """Lease up to ``limit`` due reminders to this dispatcher, oldest first.

        ``FOR UPDATE SKIP LOCKED`` lets several bot instances claim at once without
        taking the same rows (PostgreSQL); SQLite serialises writers instead.
        """
        due = (
            select(_R.learner_id)
            .where(
                _R.next_at <= now,
                or_(_R.claimed_until.is_(None), _R.claimed_until <= now),
            )
            .order_by(_R.next_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(await self.conn.scalars(due))
        if ids:
            await self.conn.execute(
                update(_REMINDERS).where(_R.learner_id.in_(ids)).values(claimed_until=now + lease)
            )
        return ids

    # -- the dispatcher's batches ---------------------------------------------------
    async def _execute(
        self, stmt: Executable, rows: Sequence[dict[str, Any]] | None = None
    ) -> Result[Any]:
        """Run a Core statement (once per row of ``rows``, if given) on the connection."""
        return await self.conn.execute(stmt, rows)

    async def due_rows(self, learner_ids: Collection[int]) -> list[DueRow]:
        """The reminder, learner and settings of each of these learners, in one query."""
        if not learner_ids:
            return []
        stmt = (
            select(
                _R.learner_id,
                _R.enabled,
                _R.next_at,
                _R.claimed_until,
                _R.sending_since,
                _R.weekday,
                _R.hour,
                _R.timezone,
                LEARNERS.c.chat_id,
                LEARNERS.c.first_name,
                LEARNERS.c.onboarded_at,
                LEARNERS.c.blocked_at,
                LEARNERS.c.last_studied_at,
                *_SETTINGS_COLUMNS,
            )
            .join(LEARNERS, LEARNERS.c.id == _R.learner_id)
            .join(SETTINGS, SETTINGS.c.learner_id == LEARNERS.c.id)
            .where(_R.learner_id.in_(learner_ids))
            .with_for_update(of=_REMINDERS)  # decided and written in this transaction
        )
        return [
            DueRow(
                **{name: row[name] for name in _DUE_FIELDS},
                settings=SettingsRow(**{name: row[name] for name in _SETTINGS_FIELDS}),
            )
            for row in (await self._execute(stmt)).mappings()
        ]

    async def schedules(self, learner_ids: Collection[int]) -> dict[int, Schedule]:
        """The current schedule settings of these reminders (they may have changed)."""
        if not learner_ids:
            return {}
        result = await self._execute(
            select(_R.learner_id, _R.enabled, _R.weekday, _R.hour, _R.timezone)
            .where(_R.learner_id.in_(learner_ids))
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
        blocked = exists().where(LEARNERS.c.id == _R.learner_id, LEARNERS.c.blocked_at.is_not(None))
        stmt = (
            update(_REMINDERS)
            .where(_R.learner_id.in_(learner_ids), _R.claimed_until == claim, ~blocked)
            .values(sending_since=now)
            .returning(_R.learner_id)
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
            update(_REMINDERS)
            .where(_R.learner_id.in_(learner_ids), _R.claimed_until == claim)
            .values(claimed_until=until)
            .returning(_R.learner_id)
        )
        return set((await self._execute(stmt)).scalars())

    async def release(self, learner_ids: Collection[int], claim: datetime | None = None) -> None:
        """End the lease on these rows (only where it is still ``claim``, if given)."""
        if not learner_ids:
            return
        conditions: list[ColumnElement[bool]] = [_R.learner_id.in_(learner_ids)]
        if claim is not None:
            conditions.append(_R.claimed_until == claim)
        await self._execute(update(_REMINDERS).where(and_(*conditions)).values(claimed_until=None))

    async def stop(self, learner_ids: Collection[int]) -> None:
        """No next nudge (the learner is blocked): schedule, lease and send mark cleared."""
        if not learner_ids:
            return
        await self._execute(
            update(_REMINDERS)
            .where(_R.learner_id.in_(learner_ids))
            .values(next_at=None, claimed_until=None, sending_since=None)
        )

    async def block(self, learner_ids: Collection[int], now: datetime) -> None:
        """Telegram answered 403: the learners are blocked and get no next nudge."""
        if not learner_ids:
            return
        await self._execute(
            update(LEARNERS).where(LEARNERS.c.id.in_(learner_ids)).values(blocked_at=now)
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
