"""A learner's right to be forgotten: everything stored about them, deleted at once."""

from __future__ import annotations

import logging

from bot.services.clock import Clock, utcnow
from bot.services.presence import visit
from bot.services.uow import UnitsOfWork
from bot.services.who import Who, ui_language_for

log = logging.getLogger(__name__)


class PrivacyService:
    """What the bot stores about a Telegram user, and deleting it."""

    def __init__(self, units: UnitsOfWork, clock: Clock = utcnow) -> None:
        self.units = units
        self.clock = clock

    async def stored(self, who: Who) -> str | None:
        """The interface language of the learner if the bot stores anything about them
        (marked present then, as for any command); registers nobody."""
        async with self.units() as uow:
            learner = await visit(uow, who, self.clock())
        return learner.settings.ui_language if learner else None

    async def forget(self, who: Who) -> str:
        """Delete the learner (the database cascades to every row that refers to them).

        Returns the interface language to answer in; pressing "yes" twice is harmless.
        """
        async with self.units() as uow:
            learner = await uow.learners.row(who.user_id)
            if learner is None:
                return ui_language_for(who.language_code)
            await uow.learners.delete(learner.id)
        log.info("a learner asked to be forgotten; their data is deleted")
        return learner.settings.ui_language
