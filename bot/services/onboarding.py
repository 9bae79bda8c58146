"""The last onboarding questions, each answered in one transaction."""

from __future__ import annotations

from bot.services.learning import LearningService
from bot.services.presence import present
from bot.services.reminders import ReminderService, ReminderView
from bot.services.snapshot import Snapshot
from bot.services.uow import UnitsOfWork
from bot.services.who import Who


class OnboardingService:
    """Where to start, then the weekly reminder: settings of two services, one transaction."""

    def __init__(
        self, units: UnitsOfWork, learning: LearningService, reminders: ReminderService
    ) -> None:
        self.units = units
        self.learning = learning
        self.reminders = reminders

    async def choose_start(
        self, who: Who, start_at: str | None
    ) -> tuple[Snapshot, ReminderView | None]:
        """Set the starting point (ending onboarding); the reminder question to ask next, with
        its defaults, unless the learner answered it before (e.g. before a /reset)."""
        async with self.units() as uow:
            learner = await present(uow, who, self.learning.clock())
            snap = await self.learning.start_from(uow, learner, start_at)
            answered = await uow.reminders.get(snap.learner_id) is not None
        return snap, None if answered else ReminderView.defaults(learner.settings)

    async def answer_reminder(
        self, who: Who, *, enabled: bool, finish: bool
    ) -> tuple[Snapshot, ReminderView]:
        """Turn the weekly reminder on or off; ``finish``: and end onboarding."""
        async with self.units() as uow:
            learner = await present(uow, who, self.learning.clock())
            view = await self.reminders.change(uow, learner, enabled=enabled)
            snap = await self.learning.change_settings(uow, learner, onboard=finish)
        return snap, view
