"""The in-memory unit of work: the services' storage in the unit-test tier.

    store = InMemoryStore()
    service = SomeService(fake_units(store), ...)
    ...
    assert store.committed == 1  # one transaction

Each unit of work works on a deep copy of the store's tables, taken at ``__aenter__``:
a clean exit commits it to the store, an exception discards it (like ``engine.begin()``).
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from bot.services.uow import UnitsOfWork
from tests.fakes.learners import FakeLearners
from tests.fakes.notes import FakeNotes
from tests.fakes.progress import FakeProgress, FakeTopics
from tests.fakes.reminders import FakeReminders
from tests.fakes.reviews import FakeReviews
from tests.fakes.stats import FakeStats
from tests.fakes.store import InMemoryStore, Transaction

__all__ = [
    "FakeLearners",
    "FakeNotes",
    "FakeProgress",
    "FakeReminders",
    "FakeReviews",
    "FakeStats",
    "FakeTopics",
    "FakeUnitOfWork",
    "InMemoryStore",
    "fake_units",
]


class FakeUnitOfWork:
    """``bot.services.uow.UnitOfWork`` over an ``InMemoryStore``.

    As with ``SqlUnitOfWork``, the repositories exist inside ``async with`` only, and a
    repository kept past the end of its unit of work refuses to run.
    """

    learners: FakeLearners
    progress: FakeProgress
    topics: FakeTopics
    reminders: FakeReminders
    stats: FakeStats
    notes: FakeNotes
    reviews: FakeReviews

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self._transaction: Transaction | None = None

    async def __aenter__(self) -> Self:
        transaction = Transaction(await self.store.begin())
        self._transaction = transaction
        self.learners = FakeLearners(transaction)
        self.progress = FakeProgress(transaction)
        self.topics = FakeTopics(transaction)
        self.reminders = FakeReminders(transaction)
        self.stats = FakeStats(transaction)
        self.notes = FakeNotes(transaction)
        self.reviews = FakeReviews(transaction)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is not None:
            tables = transaction.close()
            self.store.end(tables if exc_type is None else None)


def fake_units(store: InMemoryStore) -> UnitsOfWork:
    """A factory of units of work on ``store``, for the services.

    Typed ``UnitsOfWork`` so that mypy checks the fakes against the Protocols here, in a
    module that imports every fake repository: an incremental run rechecks it whenever
    one of them changes (a check only in a test module could be skipped from the cache).
    """
    return lambda: FakeUnitOfWork(store)
