"""Next-nudge maths with fixed clocks: zones, DST, half-hour offsets, snooze, catch-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.schedule import (
    UnknownTimeZone,
    after_send,
    canonical_zone,
    next_occurrence,
    snoozed,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(moment: datetime, tz: str) -> tuple[int, int, int]:
    wall = moment.astimezone(ZoneInfo(tz))
    return wall.weekday(), wall.hour, wall.minute


@pytest.mark.parametrize(
    "tz",
    ["UTC", "Asia/Tehran", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"],
)
def test_lands_on_the_local_weekday_and_hour(tz: str) -> None:
    now = utc(2026, 11, 26, 12)  # Thursday
    for weekday in range(7):
        for hour in (0, 9, 23):
            due = next_occurrence(now, weekday, hour, tz)
            assert due > now and due - now <= timedelta(weeks=1)
            assert local(due, tz) == (weekday, hour, 0)


def test_later_today_is_today_earlier_today_is_next_week() -> None:
    now = utc(2026, 11, 26, 12)  # Thursday 12:00 UTC
    assert next_occurrence(now, THU, 18, "UTC") == utc(2026, 11, 26, 18)
    assert next_occurrence(now, THU, 9, "UTC") == utc(2026, 12, 3, 9)
    assert next_occurrence(now, THU, 12, "UTC") == utc(2026, 12, 3, 12)  # strictly after


def test_tehran_is_three_and_a_half_hours_ahead() -> None:
    # Iran has kept UTC+03:30 all year since 2022.
    due = next_occurrence(utc(2026, 11, 26, 0), SAT, 9, "Asia/Tehran")
    assert due == utc(2026, 11, 28, 5, 30)
    summer = next_occurrence(utc(2026, 7, 1), SAT, 9, "Asia/Tehran")
    assert summer.astimezone(ZoneInfo("Asia/Tehran")).utcoffset() == timedelta(hours=3, minutes=30)


def test_berlin_across_the_spring_forward() -> None:
    # 2027-03-28: clocks go 02:00 CET -> 03:00 CEST.
    before = next_occurrence(utc(2027, 3, 20), SUN, 9, "Europe/Berlin")
    after = next_occurrence(before, SUN, 9, "Europe/Berlin")
    assert before == utc(2027, 3, 21, 8)  # 09:00 CET = 08:00 UTC
    assert after == utc(2027, 3, 28, 7)  # 09:00 CEST = 07:00 UTC
    assert after - before == timedelta(days=7) - timedelta(hours=1)


def test_berlin_hour_that_does_not_exist_is_sent_just_after_the_jump() -> None:
    due = next_occurrence(utc(2027, 3, 27), SUN, 2, "Europe/Berlin")
    assert due == utc(2027, 3, 28, 1)  # 03:00 CEST, the first moment after 02:00 CET
    assert local(due, "Europe/Berlin") == (SUN, 3, 0)


def test_berlin_hour_that_happens_twice_is_sent_once_at_the_first() -> None:
    # 2026-10-25: clocks go 03:00 CEST -> 02:00 CET; 02:00-03:00 happens twice.
    due = next_occurrence(utc(2026, 10, 24), SUN, 2, "Europe/Berlin")
    assert due == utc(2026, 10, 25, 0)  # 02:00 CEST
    following = after_send(due, SUN, 2, "Europe/Berlin")
    assert following == utc(2026, 11, 1, 1)  # not the second 02:00 an hour later


def test_new_york_across_both_transitions() -> None:
    # 2026-11-01 fall back, 2027-03-14 spring forward.
    fall = next_occurrence(utc(2026, 10, 30), SUN, 9, "America/New_York")
    assert fall == utc(2026, 11, 1, 14)  # 09:00 EST
    spring = next_occurrence(utc(2027, 3, 10), SUN, 9, "America/New_York")
    assert spring == utc(2027, 3, 14, 13)  # 09:00 EDT
    gap = next_occurrence(utc(2027, 3, 10), SUN, 2, "America/New_York")
    assert local(gap, "America/New_York") == (SUN, 3, 0)


def test_snooze_skips_exactly_one_week() -> None:
    due = next_occurrence(utc(2026, 11, 26), MON, 9, "Europe/Berlin")
    assert snoozed(due, MON, 9, "Europe/Berlin") == due + timedelta(weeks=1)


def test_catch_up_after_three_weeks_down_is_one_nudge() -> None:
    missed = next_occurrence(utc(2026, 11, 1), MON, 9, "UTC")  # 2026-11-02 09:00
    back = missed + timedelta(weeks=3, hours=5)
    assert missed <= back  # due now: one catch-up goes out ...
    following = after_send(back, MON, 9, "UTC")
    assert following > back and following - back < timedelta(weeks=1)  # ... then weekly again
    assert local(following, "UTC") == (MON, 9, 0)


def test_zone_names_are_validated_and_canonicalised() -> None:
    assert canonical_zone("asia/tehran") == "Asia/Tehran"
    assert canonical_zone(" America/New York ") == "America/New_York"
    for bad in ("Mars/Olympus", "", "../etc/passwd", "Tehran", "UTC+3:30" * 10):
        with pytest.raises(UnknownTimeZone):
            canonical_zone(bad)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        next_occurrence(datetime(2026, 1, 1), MON, 9, "UTC")


@given(
    after=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    tz=st.sampled_from(
        [
            "UTC",
            "Asia/Tehran",
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "America/Sao_Paulo",
        ]
    ),
)
def test_always_within_a_week_and_strictly_later(
    after: datetime, weekday: int, hour: int, tz: str
) -> None:
    due = next_occurrence(after, weekday, hour, tz)
    assert after < due <= after + timedelta(weeks=1, hours=2)
    assert due.astimezone(ZoneInfo(tz)).weekday() == weekday
