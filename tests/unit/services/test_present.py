"""``present``: the learner behind an update, registered once, marked present, unblocked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.db.rows import LearnerRow
from bot.services.presence import SEEN_RESOLUTION, PresenceService, present
from bot.services.who import Who
from tests.fakes.store import LearnerRecord, ReminderRecord, SettingsRecord
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import NOW, REZA

EARLIER = NOW - timedelta(days=9)


async def arrive(store: InMemoryStore, who: Who, now: datetime = NOW) -> LearnerRow:
    async with fake_units(store)() as uow:
        return await present(uow, who, now)


def seed(store: InMemoryStore, learner_id: int = 7, **learner: object) -> None:
    values: dict[str, object] = {
        "first_name": "Sara",
        "language_code": "fa",
        "created_at": EARLIER,
        "last_seen_at": EARLIER,
    }
    values.update(learner)
    store.learners[learner_id] = LearnerRecord(learner_id, learner_id, **values)  # type: ignore[arg-type]
    store.settings[learner_id] = SettingsRecord(learner_id, "en", "both")


async def test_first_contact_registers_with_the_language_from_telegram() -> None:
    store = InMemoryStore()
    learner = await arrive(store, REZA)
    assert learner == await arrive(store, REZA)  # seen a moment ago: the same row
    assert (learner.settings.ui_language, learner.settings.material_language) == ("fa", "fa")
    assert (learner.first_name, learner.language_code, learner.last_seen_at) == (
        "Reza",
        "fa-IR",
        NOW,
    )
    record = store.learners[REZA.user_id]
    assert (record.chat_id, record.created_at, record.onboarded_at) == (REZA.chat_id, NOW, None)


async def test_telegram_text_is_fitted_to_the_columns() -> None:
    store = InMemoryStore()
    who = Who(user_id=8, chat_id=8, first_name="A\x00" + "b" * 200, language_code="x" * 40)
    learner = await arrive(store, who)
    assert learner.first_name == "A" + "b" * 127 and learner.language_code == "x" * 16
    assert store.learners[8].first_name == learner.first_name


async def test_a_learner_seen_a_moment_ago_needs_no_write() -> None:
    store = InMemoryStore()
    seed(store, last_seen_at=NOW - SEEN_RESOLUTION + timedelta(seconds=1))
    before = store.dump()
    learner = await arrive(store, Who(7, 7, "Sara", "fa"))
    assert store.dump() == before and learner.settings.ui_language == "en"


async def test_a_returning_learner_is_seen_and_renamed_keeping_their_choices() -> None:
    store = InMemoryStore()
    seed(store)
    learner = await arrive(store, Who(7, 7, "Sarah", "en-GB"))
    record = store.learners[7]
    assert (record.last_seen_at, record.first_name, record.language_code) == (NOW, "Sarah", "en-GB")
    assert learner.last_seen_at == NOW and learner.first_name == "Sarah"
    assert store.settings[7].ui_language == "en" and store.settings[7].material_language == "both"


async def test_a_blocked_learner_who_comes_back_is_unblocked_and_reminded_again() -> None:
    store = InMemoryStore()
    seed(store, blocked_at=EARLIER)
    store.reminders[7] = ReminderRecord(7, enabled=True, weekday=2, hour=9, timezone="UTC")
    learner = await arrive(store, Who(7, 7, "Sara", "fa"))
    assert learner.blocked_at is None and store.learners[7].blocked_at is None
    assert store.reminders[7].next_at == datetime(2026, 3, 4, 9, tzinfo=UTC)  # Wednesday


async def test_coming_back_leaves_a_reminder_that_is_off_or_already_scheduled() -> None:
    store = InMemoryStore()
    scheduled = NOW + timedelta(days=2)
    seed(store, 7, blocked_at=EARLIER)
    seed(store, 8, blocked_at=EARLIER)
    store.reminders[7] = ReminderRecord(7, enabled=False)
    store.reminders[8] = ReminderRecord(8, enabled=True, next_at=scheduled)
    await arrive(store, Who(7, 7))
    await arrive(store, Who(8, 8))
    assert store.reminders[7].next_at is None and store.reminders[8].next_at == scheduled
    assert store.learners[7].blocked_at is None and store.learners[8].blocked_at is None


async def test_registration_commits_with_the_unit_of_work_only() -> None:
    store = InMemoryStore()
    try:
        async with fake_units(store)() as uow:
            await present(uow, REZA, NOW)
            raise RuntimeError("the handler failed after registering")
    except RuntimeError:
        pass
    assert store.learners == {} and (store.committed, store.rolled_back) == (0, 1)


async def test_any_update_ends_the_question_the_bot_was_waiting_for() -> None:
    """A command or a button press the learner made instead of typing an answer."""
    store = InMemoryStore()
    seed(store, last_seen_at=NOW)
    store.settings[7].awaiting = "timezone"
    learner = await arrive(store, Who(7, 7, "Sara", "fa"))
    assert learner.settings.awaiting is None and store.settings[7].awaiting is None


async def test_a_service_answering_the_question_keeps_it() -> None:
    store = InMemoryStore()
    seed(store, last_seen_at=NOW)
    store.settings[7].awaiting = "timezone"
    before = store.dump()
    async with fake_units(store)() as uow:
        learner = await present(uow, Who(7, 7, "Sara", "fa"), NOW, keep_question=True)
    assert learner.settings.awaiting == "timezone" and store.dump() == before


async def test_a_command_that_needs_only_the_language_ends_the_question_too() -> None:
    """/help, an unknown command: the learner is marked present, the question ends, and
    nobody new is registered."""
    store = InMemoryStore()
    seed(store)
    store.settings[7].awaiting = "timezone"
    presence = PresenceService(fake_units(store), lambda: NOW)
    assert await presence.locale(Who(7, 7, "Sara", "fa")) == "en"
    assert store.settings[7].awaiting is None and store.learners[7].last_seen_at == NOW
    assert await presence.locale(REZA) == "fa"
    assert set(store.learners) == {7}
