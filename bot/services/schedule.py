"""Weekly reminder times: pure functions over aware datetimes and IANA time zones.

A reminder is "weekday W at hour H, local time in zone Z". The database keeps only the
next moment it is due, in UTC; these functions compute that moment again whenever
something changes (settings, a send, a snooze), so DST is handled by ``zoneinfo``:

* a local hour that does not exist (clocks jump forward) is sent at the first moment
  after the jump, e.g. 02:30 on the spring-forward night in Berlin is sent at 03:30 CEST;
* a local hour that happens twice (clocks fall back) is sent at its first occurrence.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

#: Zones offered as buttons; any other IANA name can be typed.
COMMON_ZONES = ("Asia/Tehran", "Europe/Berlin", "Europe/London", "America/New_York", "UTC")

WEEK = timedelta(weeks=1)


class UnknownTimeZone(ValueError):
    """Not an IANA time zone name (such as Asia/Tehran)."""


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def canonical_zone(name: str) -> str:
    """The IANA name for ``name`` (case-insensitive), or ``UnknownTimeZone``."""
    cleaned = name.strip().replace(" ", "_")
    found = _zone_names().get(cleaned.lower())
    if found is None or len(found) > 64:
        raise UnknownTimeZone(name)
    return found


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(name) from None


def _local_moment(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """``day`` at ``hour`` in ``tz`` as UTC, moving a skipped (DST gap) hour forward."""
    wall = datetime.combine(day, time(hour), tzinfo=tz)
    moment = wall.astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        # The wall time does not exist; fold=1 reads it with the offset after the jump.
        moment = wall.replace(fold=1).astimezone(UTC)
        moment = max(moment, wall.replace(fold=0).astimezone(UTC))
    return moment


def next_occurrence(after: datetime, weekday: int, hour: int, tz_name: str) -> datetime:
    """The first weekly moment (``weekday`` 0 = Monday, ``hour`` local) strictly after ``after``."""
    if after.tzinfo is None:
        raise ValueError("after must be timezone-aware")
    if not (0 <= weekday <= 6 and 0 <= hour <= 23):
        raise ValueError("weekday must be 0-6 and hour 0-23")
    tz = zone(tz_name)
    local_day = after.astimezone(tz).date()
    day = local_day + timedelta(days=(weekday - local_day.weekday()) % 7)
    for _ in range(3):
        moment = _local_moment(day, hour, tz)
        if moment > after:
            return moment
        day += timedelta(days=7)
    raise AssertionError("unreachable: a week always has a next occurrence")


def after_send(now: datetime, weekday: int, hour: int, tz_name: str) -> datetime:
    """The next nudge once one went out (or was due) at ``now``.

    Counting from *now* rather than from the missed moment means a bot that was down
    for three weeks sends one catch-up nudge, not three.
    """
    return next_occurrence(now, weekday, hour, tz_name)


def snoozed(next_at: datetime, weekday: int, hour: int, tz_name: str) -> datetime:
    """Skip the coming nudge: the occurrence after ``next_at``."""
    return next_occurrence(next_at, weekday, hour, tz_name)


def local_time(moment: datetime, tz_name: str) -> datetime:
    return moment.astimezone(zone(tz_name))
