"""PrivacyService: what is stored about a user, and forgetting all of it."""

from __future__ import annotations

from bot.db.rows import ReviewAsk
from bot.services.learning import LearningService
from bot.services.notes import NoteService
from bot.services.path import Status
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.who import Who
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import ANA, NOW, REZA, commits


async def test_stored_registers_nobody(privacy: PrivacyService, store: InMemoryStore) -> None:
    locale, n = await commits(store, privacy.stored(REZA))
    assert n == 1 and locale is None
    assert store.dump() == InMemoryStore().dump()


async def test_forget_deletes_everything_and_answers_in_the_stored_language(
    privacy: PrivacyService,
    learning: LearningService,
    reminders: ReminderService,
    store: InMemoryStore,
) -> None:
    await learning.set_ui_language(ANA, "fa")  # Telegram says English; Ana chose Persian
    await learning.resolve(ANA, "leetcode", Status.DONE)
    await learning.accept_other_language(ANA, "python-beginner")
    await reminders.set_enabled(ANA, True)
    await NoteService(fake_units(store), learning.roadmap).add(ANA, "leetcode", "a note")
    async with fake_units(store)() as uow:  # a nudge asked about a finished topic
        await uow.reviews.ask([ReviewAsk(ANA.user_id, "python-beginner", 1)], NOW)
    await learning.open(REZA)
    assert await privacy.stored(ANA) == "fa"
    assert all(store.dump().values())  # a row in every table

    locale, n = await commits(store, privacy.forget(ANA))
    assert n == 1 and locale == "fa"
    tables = store.dump()
    for table, rows in tables.items():
        owners = {row["learner_id"] if "learner_id" in row else row["id"] for row in rows}
        assert ANA.user_id not in owners, table
    assert [row["id"] for row in tables["learners"]] == [REZA.user_id]
    assert await privacy.stored(ANA) is None


async def test_forgetting_nobody_changes_nothing(
    privacy: PrivacyService, store: InMemoryStore
) -> None:
    stranger = Who(user_id=5, chat_id=5, language_code="fa")
    assert await privacy.forget(stranger) == "fa"  # Telegram's language: nothing stored
    assert await privacy.forget(stranger) == "fa"  # "yes" pressed twice
    assert store.dump() == InMemoryStore().dump()


async def test_forget_asked_instead_of_a_zone_ends_the_wait_for_one(
    privacy: PrivacyService, reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.await_zone(ANA)
    assert await privacy.stored(ANA) == "en"
    assert store.settings[ANA.user_id].awaiting is None
