"""PlanService on the fake unit of work: set by button or typed, pace, remove, reset, forget."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.roadmap.holder import RoadmapHolder
from bot.services.errors import UnknownItem
from bot.services.learning import LearningService
from bot.services.path import Status, is_resolved, items, path_topics
from bot.services.plan import Pace
from bot.services.privacy import PrivacyService
from bot.services.reminders import NotAsked, ReminderService
from bot.services.study_plan import PlanService, TypedHours
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import ANA, NOW, REZA, FixedClock, commits


@pytest.fixture
def plans(store: InMemoryStore, holder: RoadmapHolder, clock: FixedClock) -> PlanService:
    return PlanService(fake_units(store), holder, clock)


async def test_a_plan_stores_its_hours_its_start_and_the_hours_done_then(
    plans: PlanService, learning: LearningService, store: InMemoryStore
) -> None:
    await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    snap, n = await commits(store, plans.set_hours(ANA, 5))
    settings = store.settings[ANA.user_id]
    assert n == 1
    assert (settings.plan_hours, settings.plan_set_at, settings.plan_done_hours) == (5, NOW, 1)
    assert snap.plan is not None and snap.plan.pace is Pace.ON_TRACK
    # The small roadmap has no effort block: each item counts one hour, and each topic
    # with nothing done yet needs one of its items.
    state = snap.state
    open_topics = sum(
        1
        for _, topic in path_topics(snap.roadmap, state)
        if not any(state.statuses.get(r.id) is Status.DONE for r in items(topic, state))
        and any(not is_resolved(state, r) for r in items(topic, state))
    )
    assert open_topics and snap.plan.hours.left == open_topics < snap.progress.path.left
    assert snap.plan.since == date(2026, 3, 2)


async def test_the_finish_moves_as_resources_are_done_and_the_pace_with_the_clock(
    plans: PlanService, learning: LearningService, clock: FixedClock
) -> None:
    first = await plans.set_hours(ANA, 1)
    assert first.plan is not None and first.plan.finish is not None
    await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    later = await plans.view(ANA)
    assert later.plan is not None and later.plan.finish is not None
    assert (first.plan.finish - later.plan.finish).days == 7  # one hour at 1 h a week
    assert later.plan.pace is Pace.ON_TRACK  # 1 h done, 0 planned: within an hour
    clock.advance(weeks=3)
    behind = await plans.view(ANA)
    assert behind.plan is not None and behind.plan.pace is Pace.BEHIND
    assert (behind.plan.done_since, behind.plan.expected) == (1, 3)


async def test_typed_hours_only_after_the_prompt_and_a_bad_answer_asks_again(
    plans: PlanService, learning: LearningService, store: InMemoryStore
) -> None:
    assert isinstance(await plans.typed(ANA, "5"), NotAsked)
    await plans.ask(REZA)
    bad = await plans.typed(REZA, "lots")
    assert isinstance(bad, TypedHours) and bad.hours is None
    assert store.settings[REZA.user_id].awaiting == "plan-hours"  # still asked
    good, n = await commits(store, plans.typed(REZA, "۱۲"))
    assert n == 1 and isinstance(good, TypedHours) and good.hours == 12
    assert store.settings[REZA.user_id].plan_hours == 12
    assert isinstance(await plans.typed(REZA, "6"), NotAsked)  # the question has ended
    await plans.ask(REZA)
    await learning.open(REZA)  # any other action leaves the prompt
    assert isinstance(await plans.typed(REZA, "6"), NotAsked)


async def test_hours_outside_1_to_80_are_refused(plans: PlanService) -> None:
    for hours in (0, 81):
        with pytest.raises(UnknownItem):
            await plans.set_hours(ANA, hours)


async def test_remove_reset_and_forget_clear_the_plan(
    plans: PlanService,
    learning: LearningService,
    privacy: PrivacyService,
    store: InMemoryStore,
) -> None:
    await plans.set_hours(ANA, 10)
    snap = await plans.remove(ANA)
    assert snap.plan is None and store.settings[ANA.user_id].plan_hours is None
    await plans.set_hours(ANA, 10)
    await learning.reset(ANA)
    settings = store.settings[ANA.user_id]
    assert (settings.plan_hours, settings.plan_set_at, settings.plan_done_hours) == (None,) * 3
    await plans.set_hours(ANA, 10)
    await privacy.forget(ANA)
    assert ANA.user_id not in store.settings


async def test_the_plans_dates_are_days_in_the_learners_own_time_zone(
    plans: PlanService, learning: LearningService, reminders: ReminderService
) -> None:
    await learning.open(ANA)
    await reminders.set_zone(ANA, "Pacific/Kiritimati")  # UTC+14: already tomorrow
    snap = await plans.set_hours(ANA, 5)
    assert snap.plan is not None
    assert snap.plan.since == (NOW + timedelta(hours=14)).date() != NOW.date()
