"""ReminderService over the in-memory unit of work: settings, the typed zone, snooze."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.services.learning import LearningService
from bot.services.reminders import AWAITING_ZONE, NotAsked, ReminderService, TypedZone
from bot.services.schedule import UnknownTimeZone
from tests.fakes.uow import InMemoryStore
from tests.unit.services.conftest import ANA, NOW, REZA, FixedClock, commits, stored

#: Ana's default reminder (Monday 18:00 UTC) falls later today; the one after, next week.
TODAY_18 = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
NEXT_MONDAY_18 = TODAY_18 + timedelta(weeks=1)


async def test_view_shows_the_defaults_and_stores_no_reminder(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    ana, n = await commits(store, reminders.view(ANA))
    reza = await reminders.view(REZA)
    assert n == 1
    assert (ana.enabled, ana.weekday, ana.hour, ana.timezone) == (False, 0, 18, "UTC")
    assert (reza.weekday, reza.hour, reza.timezone, reza.ui_language) == (
        5,
        18,
        "Asia/Tehran",
        "fa",
    )
    assert ana.next_at is None and store.reminders == {}
    assert set(store.learners) == {ANA.user_id, REZA.user_id}  # registered, though


async def test_turning_reminders_on_schedules_the_next_one(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    view, n = await commits(store, reminders.set_enabled(ANA, True))
    assert n == 1 and view.enabled and view.next_at == TODAY_18
    saved = (await stored(store, ANA.user_id)).reminder
    assert saved is not None and (saved.enabled, saved.next_at) == (True, TODAY_18)


async def test_a_persian_learners_first_reminder_is_saturday_evening_in_tehran(
    reminders: ReminderService,
) -> None:
    view = await reminders.set_enabled(REZA, True)
    assert view.next_at == datetime(2026, 3, 7, 14, 30, tzinfo=UTC)  # 18:00 at UTC+3:30
    assert view.next_local is not None and view.next_local.hour == 18


async def test_turning_reminders_off_clears_next_at_and_the_claim(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.set_enabled(ANA, True)
    store.reminders[ANA.user_id].claimed_until = NOW + timedelta(minutes=5)  # being sent
    view, n = await commits(store, reminders.set_enabled(ANA, False))
    assert n == 1 and not view.enabled and view.next_at is None
    record = store.reminders[ANA.user_id]
    assert (record.enabled, record.next_at, record.claimed_until) == (False, None, None)


async def test_day_hour_and_zone_leave_reminders_off(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    view, n = await commits(store, reminders.set_weekday(ANA, 3))
    assert n == 1 and not view.enabled and view.next_at is None
    view = await reminders.set_hour(ANA, 7)
    view = await reminders.set_zone(ANA, "Asia/Tehran")
    assert not view.enabled and view.next_at is None
    record = store.reminders[ANA.user_id]
    assert (record.weekday, record.hour, record.timezone) == (3, 7, "Asia/Tehran")
    assert (record.enabled, record.next_at) == (False, None)


async def test_day_and_hour_reschedule_reminders_that_are_on(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.set_enabled(ANA, True)
    view, n = await commits(store, reminders.set_weekday(ANA, 3))
    assert n == 1 and view.enabled and view.next_at == datetime(2026, 3, 5, 18, tzinfo=UTC)
    view = await reminders.set_hour(ANA, 7)
    assert view.next_at == datetime(2026, 3, 5, 7, tzinfo=UTC)
    record = store.reminders[ANA.user_id]
    assert (record.weekday, record.hour, record.enabled) == (3, 7, True)


@pytest.mark.parametrize(("weekday", "hour"), [(7, None), (-1, None), (None, 24), (None, -1)])
async def test_out_of_range_day_or_hour_commits_nothing(
    reminders: ReminderService, store: InMemoryStore, weekday: int | None, hour: int | None
) -> None:
    await reminders.set_enabled(ANA, True)
    before = (store.dump(), store.committed)
    with pytest.raises(ValueError):
        if weekday is not None:
            await reminders.set_weekday(ANA, weekday)
        else:
            assert hour is not None
            await reminders.set_hour(ANA, hour)
    assert (store.dump(), store.committed) == before


async def test_a_zone_is_stored_by_its_iana_name(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.set_enabled(ANA, True)
    view = await reminders.set_zone(ANA, " europe/berlin ")
    assert view.timezone == "Europe/Berlin"
    assert view.next_at == datetime(2026, 3, 2, 17, tzinfo=UTC)  # 18:00 CET
    before = (store.dump(), store.committed)
    with pytest.raises(UnknownTimeZone):
        await reminders.set_zone(ANA, "Mars/Olympus")
    assert (store.dump(), store.committed) == before


async def test_text_the_bot_did_not_ask_for_is_not_a_zone(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    answer, n = await commits(store, reminders.typed(REZA, "Europe/Berlin"))
    assert n == 1 and answer == NotAsked("fa")
    assert store.reminders == {}


async def test_a_typed_zone_is_accepted_once_asked_for(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    _, n = await commits(store, reminders.await_zone(ANA))
    assert n == 1 and store.settings[ANA.user_id].awaiting == AWAITING_ZONE
    answer, n = await commits(store, reminders.typed(ANA, "asia/tehran"))
    assert n == 1 and isinstance(answer, TypedZone)
    assert answer.accepted and answer.typed == answer.view.timezone == "Asia/Tehran"
    assert not answer.view.enabled and answer.view.next_at is None  # still off
    assert store.settings[ANA.user_id].awaiting is None
    assert store.reminders[ANA.user_id].timezone == "Asia/Tehran"
    assert isinstance(await reminders.typed(ANA, "Europe/Berlin"), NotAsked)  # asked once


async def test_an_unknown_typed_zone_is_refused_and_still_awaited(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.await_zone(ANA)
    answer = await reminders.typed(ANA, "Atlantis")
    assert isinstance(answer, TypedZone)
    assert (answer.accepted, answer.typed, answer.view.timezone) == (False, "Atlantis", "UTC")
    assert store.settings[ANA.user_id].awaiting == AWAITING_ZONE
    assert store.reminders == {}  # asking for a zone stores no reminder


async def test_any_setting_stops_waiting_for_a_typed_zone(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.await_zone(ANA)
    await reminders.set_hour(ANA, 9)
    assert store.settings[ANA.user_id].awaiting is None


async def test_snooze_skips_the_coming_nudge(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.set_enabled(ANA, True)
    store.reminders[ANA.user_id].claimed_until = NOW + timedelta(minutes=5)
    snoozed, n = await commits(store, reminders.snooze(ANA))
    assert n == 1 and snoozed.changed
    assert snoozed.view.enabled and snoozed.view.next_at == NEXT_MONDAY_18
    record = store.reminders[ANA.user_id]
    assert (record.next_at, record.claimed_until) == (NEXT_MONDAY_18, None)


async def test_a_second_snooze_changes_nothing_and_says_so(
    reminders: ReminderService, store: InMemoryStore
) -> None:
    await reminders.set_enabled(ANA, True)
    await reminders.snooze(ANA)
    before = store.dump()
    snoozed = await reminders.snooze(ANA)
    assert not snoozed.changed and snoozed.view.next_at == NEXT_MONDAY_18
    assert store.dump() == before


@pytest.mark.parametrize("stored", [False, True], ids=["never set", "turned off"])
async def test_snooze_while_reminders_are_off_changes_nothing(
    reminders: ReminderService, store: InMemoryStore, stored: bool
) -> None:
    """An old nudge's button: it neither turns reminders on nor schedules one."""
    if stored:
        await reminders.set_enabled(ANA, True)
        await reminders.set_enabled(ANA, False)
    await reminders.view(ANA)
    before = store.dump()
    snoozed = await reminders.snooze(ANA)
    assert not snoozed.changed and not snoozed.view.enabled and snoozed.view.next_at is None
    assert store.dump() == before


async def test_a_change_counts_the_next_nudge_from_now(
    reminders: ReminderService, clock: FixedClock
) -> None:
    await reminders.set_enabled(ANA, True)
    clock.now = TODAY_18 + timedelta(minutes=1)  # just missed today's
    view = await reminders.set_hour(ANA, 18)
    assert view.next_at == NEXT_MONDAY_18


async def test_anything_else_the_learner_does_ends_the_wait_for_a_zone(
    reminders: ReminderService, learning: LearningService, store: InMemoryStore
) -> None:
    await reminders.await_zone(ANA)
    await learning.open(ANA)  # /next
    assert store.settings[ANA.user_id].awaiting is None
    assert await reminders.typed(ANA, "thanks!") == NotAsked("en")
    await reminders.await_zone(ANA)
    await reminders.view(ANA)  # Back to the settings
    assert await reminders.typed(ANA, "Europe/Berlin") == NotAsked("en")
