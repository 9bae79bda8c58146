"""The study plan's arithmetic: typed hours, finish days, ahead or behind, path hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import Translator
from bot.roadmap.loader import load_roadmap
from bot.services.path import LearnerState, Status, items, next_item
from bot.services.plan import (
    Pace,
    PathHours,
    StoredPlan,
    finish_day,
    pace,
    parse_hours,
    path_hours,
    plan_status,
)
from bot.views.plan import day, plan_lines

SET_AT = datetime(2026, 12, 1, 10, tzinfo=UTC)  # a Tuesday
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@given(st.integers(min_value=1, max_value=80), st.sampled_from(["", " h", " hours", " ساعت"]))
def test_hours_from_1_to_80_are_read_in_latin_or_persian_digits(hours: int, unit: str) -> None:
    assert parse_hours(f" {hours}{unit} ") == hours
    assert parse_hours(str(hours).translate(PERSIAN) + unit) == hours


@given(st.text(max_size=12))
def test_any_text_gives_hours_from_1_to_80_or_none(text: str) -> None:
    hours = parse_hours(text)
    assert hours is None or 1 <= hours <= 80


@given(st.integers().filter(lambda n: not 1 <= n <= 80))
def test_numbers_outside_1_to_80_are_refused(hours: int) -> None:
    assert parse_hours(str(hours)) is None


def test_words_and_fractions_are_not_hours() -> None:
    assert [parse_hours(t) for t in ("five", "2.5", "", "5 5", "٥")] == [None, None, None, None, 5]


def test_finish_day_is_hours_left_over_hours_a_week_in_the_learners_zone() -> None:
    assert finish_day(SET_AT, 10, 5, "UTC") == date(2026, 12, 15)  # two weeks
    assert finish_day(SET_AT, 1, 20, "UTC") == date(2026, 12, 1)  # a few hours: that day
    assert finish_day(SET_AT, 0, 5, "UTC") is None  # nothing left
    late = datetime(2026, 12, 1, 22, tzinfo=UTC)
    assert finish_day(late, 5, 5, "Asia/Tehran") == date(2026, 12, 9)  # 01:30 in Tehran


def test_pace_compares_hours_done_since_the_plan_with_hours_a_week_times_weeks() -> None:
    plan = StoredPlan(hours_per_week=10, set_at=SET_AT, done_hours=30)
    two_weeks = SET_AT + timedelta(weeks=2)
    assert pace(plan, 50, two_weeks) == (Pace.ON_TRACK, 20, 20)
    assert pace(plan, 56, two_weeks) == (Pace.AHEAD, 26, 20)  # over half a week ahead
    assert pace(plan, 55, two_weeks) == (Pace.ON_TRACK, 25, 20)  # within half a week
    assert pace(plan, 44, two_weeks) == (Pace.BEHIND, 14, 20)
    assert pace(plan, 30, SET_AT) == (Pace.ON_TRACK, 0, 0)  # just set
    assert pace(plan, 20, two_weeks) == (Pace.BEHIND, 0, 20)  # undone work: never negative


def test_a_small_plan_has_a_tolerance_of_one_hour() -> None:
    plan = StoredPlan(hours_per_week=1, set_at=SET_AT, done_hours=0)
    assert pace(plan, 1, SET_AT)[0] is Pace.ON_TRACK
    assert pace(plan, 2, SET_AT)[0] is Pace.AHEAD


def test_path_hours_count_the_items_of_the_path_with_the_roadmaps_estimates() -> None:
    roadmap = load_roadmap("data/roadmap.yaml")
    fresh = LearnerState()
    before = path_hours(roadmap, fresh, next_item(roadmap, fresh))
    first = roadmap.steps[0].topics[0].resources[0]  # Grokking Algorithms: a book, 30 h
    assert roadmap.hours(first) == 30
    state = LearnerState(statuses={first.id: Status.DONE})
    after = path_hours(roadmap, state, next_item(roadmap, state))
    assert before.done == 0 and after.done == 30
    assert after.left == before.left - 30 and after.step_left == before.step_left - 30
    assert before.step == roadmap.steps[0]
    skipped = LearnerState(statuses={first.id: Status.SKIPPED})
    assert path_hours(roadmap, skipped, next_item(roadmap, skipped)).done == 0  # not studied
    status = plan_status(StoredPlan(5, SET_AT, 0), after, SET_AT, "UTC")
    assert status.finish == finish_day(SET_AT, after.left, 5, "UTC")
    assert status.since == date(2026, 12, 1)


def test_a_topic_needs_one_resource_the_one_next_offers_or_the_one_in_progress() -> None:
    roadmap = load_roadmap("data/roadmap.yaml")
    topic = roadmap.steps[0].topics[0]  # Algorithms & Data Structures: alternatives
    fresh = LearnerState()
    walk = items(topic, fresh)
    first = walk[0]
    second = next(r for r in walk if roadmap.hours(r) != roadmap.hours(first))
    everything = sum(roadmap.hours(r) for r in topic.resources)
    before = path_hours(roadmap, fresh, next_item(roadmap, fresh))
    assert before.step_left < everything  # not every alternative

    def topic_left(statuses: dict[str, Status]) -> int:
        state = LearnerState(statuses=statuses)
        return before.step_left - path_hours(roadmap, state, next_item(roadmap, state)).step_left

    # What a topic is estimated to need is taken off when it is resolved otherwise.
    assert topic_left({first.id: Status.DONE}) == roadmap.hours(first)
    assert topic_left({second.id: Status.DONE}) == roadmap.hours(first)  # any one will do
    started = LearnerState(statuses={second.id: Status.STARTED})
    in_progress = path_hours(roadmap, started, next_item(roadmap, started))
    assert in_progress.step_left == before.step_left - roadmap.hours(first) + roadmap.hours(second)
    skipped_first = LearnerState(statuses={first.id: Status.SKIPPED})
    next_one = path_hours(roadmap, skipped_first, next_item(roadmap, skipped_first))
    assert next_one.step_left == before.step_left - roadmap.hours(first) + roadmap.hours(walk[1])


@pytest.mark.parametrize("locale", ["en", "fa"])
def test_the_plan_lines_without_a_current_step_say_the_paths_hours_and_finish(
    locale: str,
) -> None:
    t = Translator().locale(locale)
    hours = PathHours(done=0, left=40, step=None, step_left=0)
    status = plan_status(StoredPlan(10, SET_AT, 0), hours, SET_AT, "UTC")
    text = plan_lines(t, status)
    assert t.plain("plan-left-path", left=40) in text
    assert day(t, date(2026, 12, 29)) in text  # four weeks at 10 hours a week
    assert "{" not in text and "None" not in text
