"""Streak of active weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.streak import active_week_streak

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)  # a Thursday


def test_no_activity() -> None:
    assert active_week_streak([], NOW) == 0


def test_this_week_and_the_two_before() -> None:
    moments = [NOW, NOW - timedelta(weeks=1), NOW - timedelta(weeks=2), NOW - timedelta(weeks=4)]
    assert active_week_streak(moments, NOW) == 3


def test_a_quiet_week_so_far_does_not_break_the_streak() -> None:
    assert active_week_streak([NOW - timedelta(weeks=1), NOW - timedelta(weeks=2)], NOW) == 2


def test_a_missed_week_breaks_it() -> None:
    assert active_week_streak([NOW - timedelta(weeks=2)], NOW) == 0
