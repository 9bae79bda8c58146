"""What the repositories read and write: frozen values, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

#: A learner's place as stored: resource statuses, and the topics where they accepted
#: material outside their language.
Position = tuple[dict[str, str], frozenset[str]]


def fit(value: str | None, size: int) -> str | None:
    """Telegram's text made storable in a ``String(size)`` column on every database.

    PostgreSQL refuses NUL characters and values longer than the column (a first name of
    64 emoji sequences is far over 128 code points); SQLite takes both, so the two must
    be handled here rather than found in production.
    """
    return None if value is None else value.replace("\x00", "")[:size]


@dataclass(frozen=True)
class SettingsRow:
    """A learner's stored choices."""

    ui_language: str
    material_language: str
    framework: str | None = None
    start_at: str | None = None
    elective: str | None = None
    #: What the bot expects the learner to type next (e.g. "timezone"), if anything.
    awaiting: str | None = None
    free_only: bool = False
    #: The roadmap revision the learner's path was built on; ``None``: not onboarded yet.
    roadmap_revision: int | None = None
    #: Other-language material where a topic has none in theirs; ``None``: not asked yet.
    other_language: bool | None = None
    #: The study plan: hours a week (``None``: none), when it was set, hours done then.
    plan_hours: int | None = None
    plan_set_at: datetime | None = None
    plan_done_hours: int | None = None
    #: The weekly nudge may ask whether a finished topic is still fresh.
    review: bool = True
    #: The map photo the chat has, and a digest of what it shows.
    map_message_id: int | None = None
    map_shown: str | None = None


@dataclass(frozen=True)
class LearnerRow:
    """A learner and their settings as stored, read in one statement."""

    id: int
    chat_id: int
    first_name: str | None
    language_code: str | None
    last_seen_at: datetime
    onboarded_at: datetime | None
    blocked_at: datetime | None
    last_studied_at: datetime | None
    settings: SettingsRow

    def with_settings(self, **values: Any) -> LearnerRow:
        return replace(self, settings=replace(self.settings, **values))


@dataclass(frozen=True)
class NewLearner:
    """A learner to register on first contact, with default settings."""

    id: int
    chat_id: int
    first_name: str | None
    language_code: str | None
    ui_language: str
    material_language: str
    now: datetime


@dataclass(frozen=True)
class ReminderRow:
    """A learner's weekly reminder settings and its next occurrence (UTC)."""

    learner_id: int
    enabled: bool
    weekday: int
    hour: int
    timezone: str
    next_at: datetime | None


@dataclass(frozen=True)
class DueRow:
    """A claimed learner's reminder, learner and settings, read in one query."""

    learner_id: int
    enabled: bool
    next_at: datetime | None
    claimed_until: datetime | None
    sending_since: datetime | None
    weekday: int
    hour: int
    timezone: str
    chat_id: int
    first_name: str | None
    onboarded_at: datetime | None
    blocked_at: datetime | None
    last_studied_at: datetime | None
    settings: SettingsRow


@dataclass(frozen=True)
class Schedule:
    """The columns that decide a reminder's next occurrence."""

    learner_id: int
    enabled: bool
    weekday: int
    hour: int
    timezone: str


@dataclass(frozen=True)
class MoveOn:
    """One reminder's new schedule after a send, a refusal or a quiet week."""

    learner_id: int
    next_at: datetime | None
    #: Whether a nudge went out (``last_sent_at``, ``sent_count``).
    sent: bool


@dataclass(frozen=True)
class Retry:
    """Keep a nudge due, leased to nobody until ``until``."""

    learner_id: int
    until: datetime
    #: Keep ``sending_since``: the request may have been delivered.
    uncertain: bool


@dataclass(frozen=True)
class Counts:
    """The counts behind /stats."""

    learners: int
    seen_since_week: int
    seen_since_month: int
    blocked_since_week: int
    nudged_since_week: int
    #: Review questions asked (every time), answered "yes", answered "open again".
    reviews_asked: int = 0
    reviews_yes: int = 0
    reviews_opened: int = 0
    #: Learners who turned review questions off.
    review_off: int = 0


@dataclass(frozen=True)
class StoredLearner:
    """What decides a learner's place on the roadmap, as stored."""

    id: int
    onboarded: bool
    material: str
    framework: str | None
    start_at: str | None
    elective: str | None
    statuses: dict[str, str]
    topics: frozenset[str]
    free_only: bool = False
    roadmap_revision: int | None = None
    other_language: bool | None = None


@dataclass(frozen=True)
class NoteRow:
    """A learner's note on a resource."""

    id: int
    learner_id: int
    resource_id: str
    text: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ReviewAsk:
    """A review stage one nudge asks about."""

    learner_id: int
    topic_id: str
    stage: int
