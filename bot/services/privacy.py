"""A learner's right to be forgotten: everything stored about them, deleted at once."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.repositories import LearnerRepository

log = logging.getLogger(__name__)


class PrivacyService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def stored(self, user_id: int) -> bool:
        """Whether the bot stores anything about this Telegram user."""
        async with self.sessions() as session:
            return await LearnerRepository(session).get(user_id) is not None

    async def forget(self, user_id: int) -> bool:
        """Delete the learner; the database cascades to every row that refers to them.

        Returns whether there was anything to delete (pressing "yes" twice is harmless).
        """
        async with self.sessions.begin() as session:
            repo = LearnerRepository(session)
            existed = await repo.get(user_id) is not None
            await repo.delete(user_id)
        if existed:
            log.info("a learner asked to be forgotten; their data is deleted")
        return existed
