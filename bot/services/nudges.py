"""Weekly nudges: who is due, what to send, and the record of each delivery.

The flow for one learner. The database work is batched: each step is one transaction
for however many learners are at that step at the moment, never one per learner.

1. ``claim``: lease due rows to this dispatcher (``claimed_until``), oldest first. A run
   holds one ``Lease`` for everything it claimed and has not finished with; it renews
   it (``renew``) once a third of it has passed, so a live run never loses its rows.
2. ``prepare``: decide. Not due any more, off, or blocked → release. Studied in the
   last ``quiet_days`` → no message, the schedule moves on. Otherwise:
3. ``sending``: in the same transaction, ``sending_since = now`` where our claim still
   holds (a settings change releases it) and the learner has not blocked the bot.
   The nudges are returned only once that is committed: nothing leaves unmarked.
4. The Telegram layer sends, then hands the outcome (sent, blocked, retry, failed) to
   ``Bookkeeper``, which writes outcomes in groups (group commit: whatever arrived while
   the previous transaction ran) and computes each learner's next nudge.

The dispatcher (``bot/runtime/dispatcher.py``) prepares only as many learners as it has free
places in its window (8 on the 30/s budget, 250 on the paid one); a place is freed
when the outcome's transaction ends. So at most that many learners have
``sending_since`` set by one dispatcher at any moment, and at 30 messages a second
every transaction holds one learner, as before; at 1,000 they hold dozens.

A crash between 3 and 4 leaves ``sending_since`` set: after the lease expires (nobody
renews a dead run's lease) the
nudge is sent again (at least once), because Telegram may or may not have delivered
it. Only those whose request reached Telegram get it twice; the others (marked, not
yet sent) get it once, with a warning. That window is the only way a learner can get
two nudges in a week (docs/nudges.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.db.rows import DueRow, MoveOn, Position, Retry, ReviewAsk, Schedule
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap
from bot.services import review, schedule
from bot.services.clock import Clock, utcnow
from bot.services.lease import RENEW_AFTER, Claim, Lease
from bot.services.review import Due
from bot.services.snapshot import Snapshot, snapshot
from bot.services.uow import UnitOfWork, UnitsOfWork

log = logging.getLogger(__name__)

Kind = Literal["sent", "blocked", "retry", "failed"]


@dataclass(frozen=True)
class Nudge:
    """One nudge to send now."""

    learner_id: int
    chat_id: int
    snapshot: Snapshot
    #: True when an earlier attempt may have reached Telegram before a crash.
    resend: bool
    #: The finished topic this nudge asks about (spaced review), if any.
    review: Due | None = None


@dataclass(frozen=True)
class Prepared:
    """A prepared chunk: the nudges to send, and how many claimed learners get none."""

    nudges: list[Nudge]
    skipped: int


@dataclass(frozen=True)
class Outcome:
    """What Telegram answered to one nudge, to be recorded.

    ``sent``: accepted. ``blocked``: 403. ``retry``: keep it due, try after ``delay``
    (``uncertain``: the request may have been delivered, so ``sending_since`` stays and
    the resend is logged as one that may repeat the message). ``failed``: refused for
    good (e.g. chat not found), skip this week.
    """

    learner_id: int
    kind: Kind
    delay: timedelta = timedelta(0)
    uncertain: bool = False


def snapshot_of(
    row: DueRow, position: Position, roadmap: Roadmap, now: datetime | None = None
) -> Snapshot:
    """``read_snapshot`` for a row read in a batch (``Reminders.due_rows``)."""
    return snapshot(
        roadmap,
        learner_id=row.learner_id,
        first_name=row.first_name,
        onboarded=row.onboarded_at is not None,
        settings=row.settings,
        position=position,
        now=now,
        zone=row.timezone,
    )


class NudgeService:
    """The database side of weekly nudges: claim, decide and mark, renew, record."""

    def __init__(
        self,
        units: UnitsOfWork,
        roadmap: RoadmapHolder,
        clock: Clock = utcnow,
        *,
        quiet_days: float = 3,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock
        self.quiet = timedelta(days=quiet_days)
        self.lease = lease

    async def backlog(self) -> int:
        """How many learners' nudges are due now and not yet sent (claimed ones too)."""
        async with self.units() as uow:
            return await uow.reminders.count_due(self.clock())

    async def claim(self, limit: int, lease: Lease | None = None) -> Claim:
        """Lease up to ``limit`` due learners to this dispatcher, oldest first.

        With a run's ``lease`` that still holds rows, the new ones join it: they carry
        its value, renewed first if a third of it has passed (so that our own rows are
        never due again here). Without one, they get a lease of their own.
        """
        lease = Lease() if lease is None else lease
        async with lease.token:
            if self._ageing(lease):
                async with lease.writes:
                    await self._renew(lease)
            now = self.clock()
            until = lease.until if lease.held and lease.until else now + self.lease
            async with self.units() as uow:
                ids = await uow.reminders.claim_due(now, limit, until - now)
            lease.until = until
            lease.held.update(ids)
        return Claim(ids, lease)

    async def renew(self, lease: Lease) -> bool:
        """Renew the lease if a third of it has passed; whether it did.

        ``claimed_until = now + lease`` on the held rows that still carry it, in one
        statement; rows that no longer do (recorded, released, or taken by another
        dispatcher after a stall longer than the lease) are no longer held.
        """
        if not self._ageing(lease):
            return False
        async with lease.token, lease.writes:
            if not self._ageing(lease):  # renewed meanwhile
                return False
            await self._renew(lease)
        return True

    def _ageing(self, lease: Lease) -> bool:
        """Whether the lease holds rows and a third of it has passed, by the service clock."""
        if not lease.held or lease.until is None:
            return False
        return lease.until - self.clock() < self.lease * (1 - RENEW_AFTER)

    async def _renew(self, lease: Lease) -> None:
        """Move the lease on (the caller holds both of its locks)."""
        if lease.until is None:
            return
        until = self.clock() + self.lease
        async with self.units() as uow:
            kept = await uow.reminders.renew(lease.held, lease.until, until)
        lease.held &= kept
        lease.until = until

    async def prepare(self, claim: Claim) -> Prepared:
        """Decide about claimed learners and mark the nudges to send, in one transaction.

        The nudges returned have ``sending_since`` committed: send them now. A row that
        no longer carries our claim (a settings change released it; after our lease ran
        out another dispatcher may have claimed it) is left alone and gets no nudge.
        """
        async with claim.lease.token:
            return await self._prepare(claim, claim.lease)

    async def _prepare(self, claim: Claim, lease: Lease) -> Prepared:
        now = self.clock()
        roadmap = self.roadmap.current
        ours = claim.until
        marked: set[int] = set()
        try:
            marked, send, snapshots, reviews = await self._decide(claim, ours, now, roadmap)
        finally:  # all but the marked are done with (or, if this failed, given up)
            lease.held.difference_update(i for i in claim.learner_ids if i not in marked)
        nudges = []
        for learner_id, row in send.items():
            if learner_id not in marked:
                continue
            resend = row.sending_since is not None
            if resend:
                log.warning(
                    "re-sending the nudge to %s: an earlier send is unconfirmed", learner_id
                )
            snap = snapshots[learner_id]
            nudges.append(Nudge(learner_id, row.chat_id, snap, resend, reviews.get(learner_id)))
        return Prepared(nudges, len(claim.learner_ids) - len(nudges))

    async def _decide(
        self, claim: Claim, ours: datetime, now: datetime, roadmap: Roadmap
    ) -> tuple[set[int], dict[int, DueRow], dict[int, Snapshot], dict[int, Due]]:
        """The transaction of ``prepare``: the learners marked, those to send, where the
        marked stand, and the review each one is asked (recorded as asked)."""
        async with self.units() as uow:
            repo = uow.reminders
            rows = await repo.due_rows(claim.learner_ids)
            release: list[int] = []
            stop: list[int] = []
            quiet: list[MoveOn] = []
            send: dict[int, DueRow] = {}
            for row in rows:
                if row.claimed_until != ours:
                    continue  # released (settings changed) or claimed by someone else
                if not row.enabled or row.next_at is None or row.next_at > now:
                    release.append(row.learner_id)
                elif row.blocked_at is not None:
                    stop.append(row.learner_id)
                elif row.last_studied_at is not None and now - row.last_studied_at < self.quiet:
                    quiet.append(MoveOn(row.learner_id, self._next(row, now), sent=False))
                else:
                    send[row.learner_id] = row
            await repo.release(release)
            await repo.stop(stop)
            await repo.move_on(quiet, now)  # studying already: no nagging this week
            marked = await repo.mark_sending(list(send), ours, now)
            await repo.release([i for i in send if i not in marked], ours)
            positions = await uow.progress.positions(marked)
            snapshots = {i: snapshot_of(send[i], positions[i], roadmap, now) for i in marked}
            reviews = await self._reviews(uow, [snapshots[i] for i in marked], now)
        return marked, send, snapshots, reviews

    async def _reviews(
        self, uow: UnitOfWork, snapshots: list[Snapshot], now: datetime
    ) -> dict[int, Due]:
        """The review each learner (who did not turn them off) is asked now, recorded."""
        asking = [snap for snap in snapshots if snap.review]
        if not asking:
            return {}
        ids = [snap.learner_id for snap in asking]
        updated = await uow.progress.updated(ids)
        settled = await uow.reviews.settled(ids)
        found: dict[int, Due] = {}
        for snap in asking:
            finished = review.finished_topics(snap.roadmap, snap.state, updated[snap.learner_id])
            due = review.next_review(finished, settled[snap.learner_id], now)
            if due is not None:
                found[snap.learner_id] = due
        asks = [ReviewAsk(i, due.topic_id, due.stage) for i, due in found.items()]
        await uow.reviews.ask(asks, now)
        return found

    async def retry_later(self, learner_ids: Sequence[int], delay: timedelta) -> None:
        """Keep these claimed learners due, to be tried again after ``delay``."""
        until = self.clock() + delay
        async with self.units() as uow:
            await uow.reminders.retry([Retry(i, until, False) for i in learner_ids])

    async def record(self, outcomes: Sequence[Outcome], lease: Lease | None = None) -> None:
        """Record what Telegram answered to these nudges, in one transaction.

        With the run's ``lease``: not beside its renewal, and the learners are no longer
        held once the transaction has ended (written, or failed: then the lease on them
        runs out and they come back, unconfirmed).
        """
        if lease is None:
            await self._record(outcomes)
            return
        try:
            async with lease.writes:
                await self._record(outcomes)
        finally:
            lease.held.difference_update(o.learner_id for o in outcomes)

    async def _record(self, outcomes: Sequence[Outcome]) -> None:
        now = self.clock()
        async with self.units() as uow:
            repo = uow.reminders
            moving = [o.learner_id for o in outcomes if o.kind in ("sent", "failed")]
            schedules = await repo.schedules(moving)
            moves = [
                MoveOn(o.learner_id, self._next(schedules[o.learner_id], now), o.kind == "sent")
                for o in outcomes
                if o.kind in ("sent", "failed") and o.learner_id in schedules
            ]
            await repo.move_on(moves, now)
            await repo.block([o.learner_id for o in outcomes if o.kind == "blocked"], now)
            retries = [
                Retry(o.learner_id, now + o.delay, o.uncertain)
                for o in outcomes
                if o.kind == "retry"
            ]
            await repo.retry(retries)

    @staticmethod
    def _next(reminder: DueRow | Schedule, now: datetime) -> datetime | None:
        """The next weekly occurrence after ``now``; none if reminders were turned off."""
        if not reminder.enabled:
            return None
        return schedule.after_send(now, reminder.weekday, reminder.hour, reminder.timezone)


class Bookkeeper:
    """Group commit of outcomes: whatever accumulated while a transaction ran goes in the next.

    ``record`` does not wait for the commit; ``written(n)`` is called once ``n``
    outcomes are written (or failed to be: then their nudges stay marked as sending
    and come back, unconfirmed, when the lease ends). One writer per dispatch run:
    ``run`` is its task, ``close`` ends it once everything recorded is written.
    """

    def __init__(
        self, service: NudgeService, written: Callable[[int], None], lease: Lease | None = None
    ) -> None:
        self.service = service
        self.written = written
        #: The run's lease: recorded learners leave it.
        self.lease = lease
        self._pending: list[Outcome] = []
        self._wake = asyncio.Event()
        self._closing = False
        #: Transactions and outcomes written so far.
        self.transactions = 0
        self.outcomes = 0

    def record(self, outcome: Outcome) -> None:
        self._pending.append(outcome)
        self._wake.set()

    def close(self) -> None:
        """Stop once everything recorded so far is written."""
        self._closing = True
        self._wake.set()

    async def run(self) -> None:
        while True:
            if not self._pending:
                if self._closing:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            batch, self._pending = self._pending, []
            try:
                await self._write(batch)
            finally:
                self.written(len(batch))

    async def _write(self, batch: list[Outcome]) -> None:
        self.transactions += 1
        try:
            await self.service.record(batch, self.lease)
        except Exception:
            if len(batch) == 1:
                log.exception("could not record the nudge outcome %s", batch[0])
                return
            for outcome in batch:  # one bad row must not fail the others
                await self._write([outcome])
            return
        self.outcomes += len(batch)
