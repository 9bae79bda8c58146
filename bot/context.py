"""The typed context handlers receive: dependencies built in ``post_init``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.config import Settings
from bot.i18n import Text, Translator
from bot.roadmap.holder import RoadmapHolder
from bot.services.learning import LearningService
from bot.services.nudges import NudgeService
from bot.services.reminders import ReminderService


@dataclass
class Services:
    """Everything the handlers use, opened once per process."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    roadmap: RoadmapHolder
    learning: LearningService
    reminders: ReminderService
    nudges: NudgeService
    i18n: Translator


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """``CallbackContext`` with typed access to the services."""

    @property
    def services(self) -> Services:
        return cast(Services, self.bot_data["services"])

    @property
    def learning(self) -> LearningService:
        return self.services.learning

    def text(self, locale: str) -> Text:
        return self.services.i18n.locale(locale)


BotApplication = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
