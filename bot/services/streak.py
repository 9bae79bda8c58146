"""Streak of active weeks: consecutive ISO weeks with at least one resource done or skipped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def active_week_streak(activity: Iterable[datetime], now: datetime) -> int:
    """Weeks in a row, ending this week (or last week if this one has no activity yet)."""
    weeks = {_week_start(moment.date()) for moment in activity}
    week = _week_start(now.date())
    if week not in weeks:
        week -= timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak
