"""OnboardingService: each answer is one transaction across two services."""

from __future__ import annotations

import pytest

from bot.db.rows import SettingsRow
from bot.services.errors import UnknownItem
from bot.services.learning import LearningService
from bot.services.onboarding import OnboardingService
from bot.services.path import LanguageGap
from bot.services.reminders import ReminderService, ReminderView
from tests.fakes.uow import InMemoryStore
from tests.unit.services.conftest import ANA, NOW, REZA, commits, stored


async def test_choose_start_is_one_commit_and_asks_about_reminders(
    onboarding: OnboardingService, store: InMemoryStore
) -> None:
    (snap, question), n = await commits(store, onboarding.choose_start(REZA, "python-beginner"))
    assert n == 1
    assert snap.onboarded and snap.state.start_at == "python-beginner"
    assert question == ReminderView.defaults(SettingsRow("fa", "fa"))
    saved = await stored(store, REZA.user_id)
    assert saved.learner is not None and saved.learner.onboarded_at == NOW
    assert saved.learner.settings.start_at == "python-beginner"
    assert saved.reminder is None  # asked, not answered yet


async def test_choose_start_from_the_beginning(
    onboarding: OnboardingService, store: InMemoryStore
) -> None:
    (snap, _), n = await commits(store, onboarding.choose_start(REZA, None))
    assert n == 1 and snap.state.start_at is None
    assert isinstance(snap.next, LanguageGap) and snap.next.topic.id == "algorithms"


async def test_the_reminder_question_is_asked_once(
    onboarding: OnboardingService, learning: LearningService
) -> None:
    await onboarding.choose_start(ANA, None)
    await onboarding.answer_reminder(ANA, enabled=False, finish=True)
    await learning.reset(ANA)
    snap, question = await onboarding.choose_start(ANA, "frameworks")
    assert snap.onboarded and question is None


async def test_an_unknown_start_rolls_back_everything(
    onboarding: OnboardingService, store: InMemoryStore
) -> None:
    before = (store.dump(), store.committed, store.rolled_back)
    with pytest.raises(UnknownItem):
        await onboarding.choose_start(ANA, "pro-git")
    assert (store.dump(), store.committed) == before[:2]
    assert store.rolled_back == before[2] + 1  # registering Ana went with it


async def test_yes_turns_reminders_on_and_finishes_in_one_commit(
    onboarding: OnboardingService, store: InMemoryStore
) -> None:
    (snap, view), n = await commits(
        store, onboarding.answer_reminder(ANA, enabled=True, finish=True)
    )
    assert n == 1 and snap.onboarded and view.enabled and view.next_at is not None
    saved = await stored(store, ANA.user_id)
    assert saved.learner is not None and saved.learner.onboarded_at == NOW
    assert saved.reminder is not None
    assert (saved.reminder.enabled, saved.reminder.next_at) == (True, view.next_at)


async def test_no_stores_the_answer_off(
    onboarding: OnboardingService, store: InMemoryStore
) -> None:
    (snap, view), n = await commits(
        store, onboarding.answer_reminder(REZA, enabled=False, finish=True)
    )
    assert n == 1 and snap.onboarded and not view.enabled
    saved = (await stored(store, REZA.user_id)).reminder
    assert saved is not None and not saved.enabled and saved.next_at is None
    assert (saved.weekday, saved.timezone) == (5, "Asia/Tehran")


async def test_custom_keeps_onboarding_open(
    onboarding: OnboardingService, reminders: ReminderService, store: InMemoryStore
) -> None:
    (snap, view), n = await commits(
        store, onboarding.answer_reminder(ANA, enabled=True, finish=False)
    )
    assert n == 1 and not snap.onboarded and view.enabled
    assert store.learners[ANA.user_id].onboarded_at is None
    assert await reminders.view(ANA) == view
