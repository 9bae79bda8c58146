"""A dispatcher run's lease on the reminder rows it claimed, and the claims made under it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

#: A run's lease is renewed once this share of its length has passed.
RENEW_AFTER = 1 / 3


class Lease:
    """One dispatcher run's hold on the rows it claimed and has not finished with.

    ``until`` is the ``claimed_until`` that our rows carry: the token that ``prepare``
    and the mark compare. ``held`` are the learners claimed and neither decided against
    in ``prepare`` nor recorded: those marked as sending and not yet recorded among them.
    A renewal moves ``until`` on, for the held rows that still carry it, in one statement.
    """

    def __init__(self) -> None:
        self.until: datetime | None = None
        self.held: set[int] = set()
        #: Held while ``until`` is read or replaced (claim, prepare, renew): a prepare
        #: never compares against a value that is being replaced.
        self.token = asyncio.Lock()
        #: Held by a renewal and by each transaction recording outcomes: both update many
        #: of our rows, and on PostgreSQL the two side by side could deadlock.
        self.writes = asyncio.Lock()


@dataclass(frozen=True)
class Claim:
    """Learners leased to this dispatcher, under its lease: rows carrying it are ours."""

    learner_ids: list[int]
    lease: Lease

    @property
    def until(self) -> datetime:
        """The lease's value now (a renewal moves it on)."""
        if self.lease.until is None:
            raise RuntimeError("a claim is made under a lease that has a value")
        return self.lease.until

    def __bool__(self) -> bool:
        return bool(self.learner_ids)

    def __len__(self) -> int:
        return len(self.learner_ids)

    def split(self, count: int) -> tuple[Claim, Claim]:
        """The first ``count`` learners, and the rest, under the same lease."""
        return (
            Claim(self.learner_ids[:count], self.lease),
            Claim(self.learner_ids[count:], self.lease),
        )
