"""The unit of work: one transaction, and the repositories that run in it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.learners import LearnerRepository
from bot.db.notes import NoteRepository
from bot.db.progress import ProgressRepository, TopicLanguageRepository
from bot.db.reminders import ReminderRepository
from bot.db.reviews import ReviewRepository
from bot.db.stats import StatsRepository


class SqlUnitOfWork:
    """``async with`` is ``engine.begin()``: a clean exit commits, an exception rolls back.

    The repositories run Core statements on that transaction's connection.
    """

    learners: LearnerRepository
    progress: ProgressRepository
    topics: TopicLanguageRepository
    reminders: ReminderRepository
    stats: StatsRepository
    notes: NoteRepository
    reviews: ReviewRepository

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._transaction: AbstractAsyncContextManager[AsyncConnection] | None = None

    async def __aenter__(self) -> Self:
        transaction = self.engine.begin()
        conn = await transaction.__aenter__()
        self._transaction = transaction
        self.learners = LearnerRepository(conn)
        self.progress = ProgressRepository(conn)
        self.topics = TopicLanguageRepository(conn)
        self.reminders = ReminderRepository(conn)
        self.stats = StatsRepository(conn)
        self.notes = NoteRepository(conn)
        self.reviews = ReviewRepository(conn)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is not None:
            await transaction.__aexit__(exc_type, exc, traceback)


def units_of_work(engine: AsyncEngine) -> Callable[[], SqlUnitOfWork]:
    """A factory of units of work on ``engine``, for the services."""
    return lambda: SqlUnitOfWork(engine)
