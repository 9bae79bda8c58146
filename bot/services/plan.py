"""The study plan's arithmetic: typed hours, hours left, finish dates, ahead or behind."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.roadmap.models import Roadmap, Step
from bot.services.path import (
    ChooseFramework,
    LanguageGap,
    LearnerState,
    NextItem,
    NextResource,
    Status,
    is_resolved,
    items,
    path_topics,
)

#: The hours a week a learner may plan: the buttons, and the range a typed number must fit.
CHOICES = (2, 5, 10, 20)
MIN_HOURS, MAX_HOURS = 1, 80
#: Ahead or behind by at most this share of a week's planned hours (and at least one hour)
#: is "on track": a learner is credited only when a whole resource is done.
TOLERANCE_WEEKS = 0.5

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TYPED = re.compile(r"(?i)\s*([0-9]{1,3})\s*(?:h|hours?|ساعت)?\s*")


def parse_hours(text: str) -> int | None:
    """Hours a week from typed text ("5", "۵", "10 h", "۱۰ ساعت"), or None if not 1-80."""
    found = _TYPED.fullmatch(text.translate(_DIGITS))
    if found is None:
        return None
    hours = int(found[1])
    return hours if MIN_HOURS <= hours <= MAX_HOURS else None


class Pace(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on-track"
    BEHIND = "behind"


@dataclass(frozen=True)
class StoredPlan:
    """The plan as stored: hours a week, when it was set, the path's hours done then."""

    hours_per_week: int
    set_at: datetime
    done_hours: int


@dataclass(frozen=True)
class PathHours:
    """Hours of the learner's path (the items /progress counts), and of the current step."""

    done: int
    left: int
    step: Step | None
    step_left: int


@dataclass(frozen=True)
class PlanStatus:
    """Where a learner stands against their plan at one moment."""

    plan: StoredPlan
    hours: PathHours
    #: The day the plan was set, in the learner's calendar zone.
    since: date
    #: Expected finish days (in the learner's calendar zone); ``None``: nothing left.
    finish: date | None
    step_finish: date | None
    pace: Pace
    #: Hours done since the plan was set, and the hours the plan expected by now.
    done_since: int
    expected: int


def path_hours(roadmap: Roadmap, state: LearnerState, item: NextItem) -> PathHours:
    """Hours done on the path, and left: a topic needs one resource studied.

    A topic's resources are alternatives ("you don't need them all"): a topic with a
    resource done needs nothing more; one without needs the first of its resources still
    open, in walking order (the one ``/next`` offers; one in progress first). Done hours
    count every resource done. The current step is that of the next item.
    """
    step = item.step if isinstance(item, NextResource | LanguageGap | ChooseFramework) else None
    done = left = step_left = 0
    for topic_step, topic in path_topics(roadmap, state):
        listed = items(topic, state)
        done_here = [r for r in listed if state.statuses.get(r.id) is Status.DONE]
        done += sum(roadmap.hours(r) for r in done_here)
        open_ = [r for r in listed if not is_resolved(state, r)]
        if done_here or not open_:
            continue
        started = [r for r in open_ if state.statuses.get(r.id) is Status.STARTED]
        hours = roadmap.hours((started or open_)[0])
        left += hours
        step_left += hours if topic_step == step else 0
    return PathHours(done, left, step, step_left)


def finish_day(now: datetime, hours_left: int, per_week: int, zone: str) -> date | None:
    """The day ``hours_left`` are done at ``per_week`` hours a week from ``now``."""
    if hours_left <= 0:
        return None
    end = now + timedelta(weeks=hours_left / per_week)
    return end.astimezone(ZoneInfo(zone)).date()


def pace(plan: StoredPlan, done_hours: int, now: datetime) -> tuple[Pace, int, int]:
    """Ahead, on track or behind: hours done since the plan vs hours a week × weeks gone."""
    weeks = max((now - plan.set_at) / timedelta(weeks=1), 0.0)
    expected = plan.hours_per_week * weeks
    done = max(done_hours - plan.done_hours, 0)
    tolerance = max(1.0, plan.hours_per_week * TOLERANCE_WEEKS)
    if done > expected + tolerance:
        verdict = Pace.AHEAD
    elif done < expected - tolerance:
        verdict = Pace.BEHIND
    else:
        verdict = Pace.ON_TRACK
    return verdict, done, math.floor(expected)


def plan_status(plan: StoredPlan, hours: PathHours, now: datetime, zone: str) -> PlanStatus:
    """The plan's figures at ``now``; dates are days in ``zone``."""
    verdict, done, expected = pace(plan, hours.done, now)
    per_week = plan.hours_per_week
    return PlanStatus(
        plan=plan,
        hours=hours,
        since=plan.set_at.astimezone(ZoneInfo(zone)).date(),
        finish=finish_day(now, hours.left, per_week, zone),
        step_finish=finish_day(now, hours.step_left, per_week, zone),
        pace=verdict,
        done_since=done,
        expected=expected,
    )
