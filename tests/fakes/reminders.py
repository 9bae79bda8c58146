"""``Reminders`` over the in-memory tables: settings, the due query, the bookkeeping."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.db.rows import DueRow, MoveOn, ReminderRow, Retry, Schedule
from tests.fakes.learners import settings_row
from tests.fakes.schema import checked, row_limit, update, utc
from tests.fakes.store import ReminderRecord, Tables, Transaction


def _blocked(tables: Tables, learner_id: int) -> bool:
    learner = tables.learners.get(learner_id)
    return learner is not None and learner.blocked_at is not None


class FakeReminders:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    @property
    def _tables(self) -> Tables:
        return self.transaction.tables

    def _update(self, learner_ids: Collection[int], **values: Any) -> list[int]:
        tables = self._tables
        return update("reminders", tables.reminders, learner_ids, values, tables)

    async def get(self, learner_id: int) -> ReminderRow | None:
        r = self._tables.reminders.get(learner_id)
        if r is None:
            return None
        return ReminderRow(r.learner_id, r.enabled, r.weekday, r.hour, r.timezone, r.next_at)

    async def add(self, learner_id: int, *, weekday: int, hour: int, timezone: str) -> None:
        """A reminder (off) with these settings, unless the learner has one."""
        tables = self._tables
        record = ReminderRecord(learner_id, weekday=weekday, hour=hour, timezone=timezone)
        tables.reminders.setdefault(learner_id, checked("reminders", record, tables))

    async def update(self, learner_id: int, **values: Any) -> None:
        self._update([learner_id], **values)

    async def count_due(self, now: datetime) -> int:
        """Reminders due at ``now``, leased or not."""
        now = utc(now)
        return sum(
            1 for r in self._tables.reminders.values() if r.next_at is not None and r.next_at <= now
        )

    async def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[int]:
        """Up to ``limit`` reminders due at ``now`` and not leased, oldest ``next_at`` first.

        Ties in ``next_at`` go by learner id here; SQL leaves them in no set order.
        """
        now, until = utc(now), utc(now + lease)
        due = sorted(
            (r.next_at, r.learner_id)
            for r in self._tables.reminders.values()
            if r.next_at is not None
            and r.next_at <= now
            and (r.claimed_until is None or r.claimed_until <= now)
        )
        return self._update([i for _, i in due[: row_limit(limit)]], claimed_until=until)

    async def due_rows(self, learner_ids: Collection[int]) -> list[DueRow]:
        """Reminder, learner and settings (inner joins), in learner id order."""
        tables = self._tables
        rows = []
        for i in sorted(set(learner_ids)):
            r, learner, settings = (
                tables.reminders.get(i),
                tables.learners.get(i),
                tables.settings.get(i),
            )
            if r is None or learner is None or settings is None:
                continue
            rows.append(
                DueRow(
                    learner_id=i,
                    enabled=r.enabled,
                    next_at=r.next_at,
                    claimed_until=r.claimed_until,
                    sending_since=r.sending_since,
                    weekday=r.weekday,
                    hour=r.hour,
                    timezone=r.timezone,
                    chat_id=learner.chat_id,
                    first_name=learner.first_name,
                    onboarded_at=learner.onboarded_at,
                    blocked_at=learner.blocked_at,
                    last_studied_at=learner.last_studied_at,
                    settings=settings_row(settings),
                )
            )
        return rows

    async def schedules(self, learner_ids: Collection[int]) -> dict[int, Schedule]:
        reminders = self._tables.reminders
        return {
            i: Schedule(i, r.enabled, r.weekday, r.hour, r.timezone)
            for i in learner_ids
            if (r := reminders.get(i)) is not None
        }

    async def mark_sending(
        self, learner_ids: Collection[int], claim: datetime, now: datetime
    ) -> set[int]:
        """``sending_since = now`` where the lease is still ``claim`` and nobody is blocked."""
        if not learner_ids:
            return set()
        tables, claim = self._tables, utc(claim)
        ours = [
            i
            for i in learner_ids
            if (r := tables.reminders.get(i)) is not None
            and r.claimed_until == claim
            and not _blocked(tables, i)
        ]
        return set(self._update(ours, sending_since=now))

    async def renew(
        self, learner_ids: Collection[int], claim: datetime, until: datetime
    ) -> set[int]:
        """``claimed_until = until`` where the lease is still ``claim``."""
        if not learner_ids:
            return set()
        reminders, claim = self._tables.reminders, utc(claim)
        ours = [
            i
            for i in learner_ids
            if (r := reminders.get(i)) is not None and r.claimed_until == claim
        ]
        return set(self._update(ours, claimed_until=until))

    async def release(self, learner_ids: Collection[int], claim: datetime | None = None) -> None:
        if not learner_ids:
            return
        if claim is not None:
            claim = utc(claim)
            reminders = self._tables.reminders
            learner_ids = [i for i in learner_ids if i in reminders]
            learner_ids = [i for i in learner_ids if reminders[i].claimed_until == claim]
        self._update(learner_ids, claimed_until=None)

    async def stop(self, learner_ids: Collection[int]) -> None:
        if learner_ids:
            self._update(learner_ids, next_at=None, claimed_until=None, sending_since=None)

    async def block(self, learner_ids: Collection[int], now: datetime) -> None:
        if not learner_ids:
            return
        tables = self._tables
        update("learners", tables.learners, learner_ids, {"blocked_at": now}, tables)
        await self.stop(learner_ids)

    async def move_on(self, moves: Sequence[MoveOn], now: datetime) -> None:
        """The sent moves first, then the others (SQL runs one statement for each kind)."""
        reminders = self._tables.reminders
        for sent in (True, False):
            for move in (m for m in moves if m.sent is sent):
                values: dict[str, Any] = {"claimed_until": None, "sending_since": None}
                if sent and (r := reminders.get(move.learner_id)) is not None:
                    values |= {"last_sent_at": now, "sent_count": r.sent_count + 1}
                self._update([move.learner_id], next_at=move.next_at, **values)

    async def retry(self, retries: Sequence[Retry]) -> None:
        """The uncertain retries first, then the others (as SQL's two statements)."""
        for uncertain in (True, False):
            for r in (r for r in retries if r.uncertain is uncertain):
                values: dict[str, Any] = {"claimed_until": r.until}
                if not uncertain:
                    values["sending_since"] = None
                self._update([r.learner_id], **values)
