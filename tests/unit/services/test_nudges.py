"""NudgeService: claim the due, decide and mark in one transaction, record the outcomes."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.nudges import NudgeService, Outcome
from bot.services.path import NextResource
from tests.fakes.store import LearnerRecord, ReminderRecord, SettingsRecord
from tests.fakes.uow import FakeReminders, InMemoryStore
from tests.unit.services.conftest import NOW, commits

LEASE = timedelta(minutes=5)
EARLIER = NOW - timedelta(days=30)
#: Their reminder: Mondays 11:00 UTC, so due an hour ago; the next one a week later.
DUE = NOW - timedelta(hours=1)
NEXT_WEEK = datetime(2026, 3, 9, 11, tzinfo=UTC)


def learner(
    store: InMemoryStore, i: int, *, next_at: datetime | None = DUE, **values: object
) -> None:
    """An onboarded English learner with a weekly reminder, due unless told otherwise."""
    store.learners[i] = LearnerRecord(i, 100 + i, f"L{i}", "en", EARLIER, EARLIER, EARLIER)
    store.settings[i] = SettingsRecord(i, "en", "en")
    store.reminders[i] = ReminderRecord(
        i, enabled=True, weekday=0, hour=11, timezone="UTC", next_at=next_at
    )
    change(store, i, **values)


def change(store: InMemoryStore, i: int, **values: object) -> None:
    """Set columns of the learner's row or their reminder's (no column is in both)."""
    for name, value in values.items():
        record = store.learners[i] if hasattr(store.learners[i], name) else store.reminders[i]
        setattr(record, name, value)


async def test_claim_leases_the_due_oldest_first(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    learner(store, 1, next_at=DUE)
    learner(store, 2, next_at=DUE - timedelta(days=1))
    learner(store, 3, next_at=DUE - timedelta(days=2))
    learner(store, 4, next_at=NOW + timedelta(minutes=1))  # not yet
    learner(store, 5, claimed_until=NOW + timedelta(minutes=1))  # another dispatcher's
    claim, n = await commits(store, nudges.claim(limit=2))
    assert n == 1 and claim.learner_ids == [3, 2] and claim.until == NOW + LEASE
    assert len(claim) == 2
    assert [store.reminders[i].claimed_until for i in (1, 2, 3)] == [None, *[NOW + LEASE] * 2]
    assert (await nudges.claim(limit=10)).learner_ids == [1]


async def test_prepare_marks_and_returns_the_nudges_in_one_commit(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    learner(store, 1)
    learner(store, 2, sending_since=NOW - timedelta(minutes=9))  # a crash mid-send
    prepared, n = await commits(store, nudges.prepare(await nudges.claim(limit=10)))
    assert n == 1 and prepared.skipped == 0
    first, second = prepared.nudges
    assert (first.learner_id, first.chat_id, first.resend) == (1, 101, False)
    assert (second.learner_id, second.resend) == (2, True)  # it may reach them twice
    assert isinstance(first.snapshot.next, NextResource)
    assert first.snapshot.next.resource.id == "grokking-algorithms"
    assert [store.reminders[i].sending_since for i in (1, 2)] == [NOW, NOW]


@pytest.mark.parametrize(
    ("changes", "next_at", "sent_count"),
    [
        ({"next_at": NOW + timedelta(days=1)}, NOW + timedelta(days=1), 0),  # not due now
        ({"enabled": False}, DUE, 0),  # turned off
        ({"blocked_at": NOW - timedelta(hours=2)}, None, 0),  # blocked: stopped
        ({"last_studied_at": NOW - timedelta(days=2)}, NEXT_WEEK, 0),  # quiet week
    ],
    ids=["not-due", "off", "blocked", "quiet-week"],
)
async def test_prepare_decides_who_gets_no_nudge(
    nudges: NudgeService,
    store: InMemoryStore,
    changes: dict[str, object],
    next_at: datetime | None,
    sent_count: int,
) -> None:
    learner(store, 1)
    claim = await nudges.claim(limit=10)
    change(store, 1, **changes)  # after the claim
    prepared, n = await commits(store, nudges.prepare(claim))
    assert n == 1 and prepared.nudges == [] and prepared.skipped == 1
    reminder = store.reminders[1]
    assert (reminder.next_at, reminder.sent_count, reminder.last_sent_at) == (
        next_at,
        sent_count,
        None,
    )
    assert reminder.claimed_until is None and reminder.sending_since is None


async def test_studying_just_long_enough_ago_is_not_a_quiet_week(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    learner(store, 1, last_studied_at=NOW - timedelta(days=3))
    prepared = await nudges.prepare(await nudges.claim(limit=10))
    assert [n.learner_id for n in prepared.nudges] == [1]


async def test_rows_no_longer_ours_are_left_alone(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    learner(store, 1)
    learner(store, 2)
    claim = await nudges.claim(limit=10)
    store.reminders[1].claimed_until = None  # a settings change released it
    store.reminders[2].claimed_until = NOW + timedelta(hours=1)  # someone else's lease
    before = store.dump()
    prepared = await nudges.prepare(claim)
    assert prepared.nudges == [] and prepared.skipped == 2
    assert store.dump() == before


async def test_a_learner_who_blocks_the_bot_while_the_batch_is_decided_is_released(
    nudges: NudgeService, store: InMemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL another transaction may commit between the read and the mark."""
    learner(store, 1)
    learner(store, 2)
    mark_sending = FakeReminders.mark_sending

    async def blocked_meanwhile(
        self: FakeReminders, ids: Collection[int], claim: datetime, now: datetime
    ) -> set[int]:
        self.transaction.tables.learners[2].blocked_at = now
        return await mark_sending(self, ids, claim, now)

    monkeypatch.setattr(FakeReminders, "mark_sending", blocked_meanwhile)
    prepared = await nudges.prepare(await nudges.claim(limit=10))
    assert [n.learner_id for n in prepared.nudges] == [1] and prepared.skipped == 1
    assert (store.reminders[2].claimed_until, store.reminders[2].sending_since) == (None, None)


async def test_record_writes_every_outcome_in_one_commit(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    for i in range(1, 6):
        learner(store, i)
    prepared = await nudges.prepare(await nudges.claim(limit=10))
    assert len(prepared.nudges) == 5
    outcomes = [
        Outcome(1, "sent"),
        Outcome(2, "failed"),
        Outcome(3, "blocked"),
        Outcome(4, "retry", timedelta(seconds=30)),
        Outcome(5, "retry", timedelta(seconds=60), uncertain=True),
    ]
    _, n = await commits(store, nudges.record(outcomes))
    assert n == 1
    r = store.reminders

    def state(i: int) -> tuple[object, ...]:
        return (r[i].next_at, r[i].claimed_until, r[i].sending_since, r[i].sent_count)

    assert state(1) == (NEXT_WEEK, None, None, 1) and r[1].last_sent_at == NOW
    assert state(2) == (NEXT_WEEK, None, None, 0) and r[2].last_sent_at is None
    assert state(3) == (None, None, None, 0) and store.learners[3].blocked_at == NOW
    assert state(4) == (DUE, NOW + timedelta(seconds=30), None, 0)
    assert state(5) == (DUE, NOW + timedelta(seconds=60), NOW, 0)  # may have arrived


async def test_record_after_the_learner_turned_reminders_off_or_left(
    nudges: NudgeService, store: InMemoryStore
) -> None:
    learner(store, 1)
    learner(store, 2)
    await nudges.prepare(await nudges.claim(limit=10))
    store.reminders[1].enabled = False  # turned off while the nudge was in flight
    del store.reminders[2], store.settings[2], store.learners[2]  # /forget meanwhile
    await nudges.record([Outcome(1, "sent"), Outcome(2, "sent")])
    reminder = store.reminders[1]
    assert (reminder.next_at, reminder.sent_count, reminder.last_sent_at) == (None, 1, NOW)
    assert 2 not in store.reminders


async def test_retry_later_keeps_them_due(nudges: NudgeService, store: InMemoryStore) -> None:
    learner(store, 1)
    learner(store, 2)
    claim = await nudges.claim(limit=10)
    _, n = await commits(store, nudges.retry_later(claim.learner_ids, timedelta(minutes=2)))
    assert n == 1
    for i in (1, 2):
        assert store.reminders[i].claimed_until == NOW + timedelta(minutes=2)
        assert store.reminders[i].next_at == DUE
    assert (await nudges.claim(limit=10)).learner_ids == []
