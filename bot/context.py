"""The typed context handlers receive: the services, and who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.config import Settings
from bot.i18n import Text, Translator
from bot.roadmap.holder import RoadmapHolder
from bot.runtime.metrics import Metrics
from bot.services.admin import AdminService
from bot.services.learning import LearningService
from bot.services.maps import MapPictures
from bot.services.notes import NoteService
from bot.services.nudges import NudgeService
from bot.services.onboarding import OnboardingService
from bot.services.presence import PresenceService
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.review import ReviewService
from bot.services.study_plan import PlanService
from bot.services.who import Who, ui_language_for


@dataclass
class Services:
    """Everything the handlers use, opened once per process in ``post_init``."""

    settings: Settings
    engine: AsyncEngine
    roadmap: RoadmapHolder
    presence: PresenceService
    learning: LearningService
    reminders: ReminderService
    onboarding: OnboardingService
    privacy: PrivacyService
    admin: AdminService
    nudges: NudgeService
    notes: NoteService
    plans: PlanService
    review: ReviewService
    i18n: Translator
    maps: MapPictures
    #: The process's metrics (the composition root builds them before the services).
    metrics: Metrics = field(default_factory=Metrics)


def who_of(update: Update) -> Who | None:
    """The learner behind ``update``; None without both a user and a chat (inline mode).

    In a private chat the learner's chat is their own, whose id is their user id: an update
    forged onto another user's private chat must not make that chat theirs (the bot writes
    to the learner's chat, weekly nudges included).
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    chat_id = user.id if chat.type == ChatType.PRIVATE else chat.id
    return Who(user.id, chat_id, user.first_name, user.language_code)


class NoLearner(LookupError):
    """The update has no user and chat, so no learner (a handler was registered wrongly)."""


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """``CallbackContext`` with the services, and the learner behind the update: PTB builds
    one per update and hands it to every handler of that update."""

    _who: Who | None = None
    _language_code: str | None = None
    _locale: str | None = None

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, BotContext, Any, Any, Any, Any]
    ) -> BotContext:
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context._who = who_of(update)
            user = update.effective_user
            context._language_code = user.language_code if user else None
        return context

    @property
    def services(self) -> Services:
        return cast(Services, self.bot_data["services"])

    @property
    def learning(self) -> LearningService:
        return self.services.learning

    @property
    def who(self) -> Who:
        """The learner behind the update (handlers are registered for user chats only)."""
        if self._who is None:
            raise NoLearner("this update has no user chat")
        return self._who

    @property
    def has_learner(self) -> bool:
        return self._who is not None

    async def locale(self) -> str:
        """The learner's interface language, read from the database once per update."""
        if self._locale is None:
            self._locale = await self.learning.locale_for(self.who)
        return self._locale

    async def attend(self) -> str:
        """For a handler that calls no other service: marks a known learner present (which
        ends any question the bot was waiting for them to answer by typing); the learner's
        interface language, as ``locale`` reads it."""
        self._locale = await self.services.presence.locale(self.who)
        return self._locale

    def telegram_locale(self) -> str:
        """The interface language known without the database: read already, or Telegram's."""
        if self._locale is not None:
            return self._locale
        return ui_language_for(self._language_code)

    def text(self, locale: str) -> Text:
        """The catalogue for ``locale``; remembered as the update's interface language."""
        self._locale = locale
        return self.services.i18n.locale(locale)


BotApplication = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
