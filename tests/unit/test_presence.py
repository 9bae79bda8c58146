"""What an update writes about the learner's presence: usually nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.db.rows import LearnerRow, SettingsRow
from bot.services.presence import SEEN_RESOLUTION, presence_changes

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def row(**overrides: object) -> LearnerRow:
    values: dict[str, object] = {
        "id": 7,
        "chat_id": 7,
        "first_name": "Sara",
        "language_code": "fa",
        "last_seen_at": NOW - timedelta(minutes=1),
        "onboarded_at": NOW - timedelta(days=3),
        "blocked_at": None,
        "last_studied_at": None,
        "settings": SettingsRow("fa", "fa", None, None, None, None),
    }
    values.update(overrides)
    return LearnerRow(**values)  # type: ignore[arg-type]


def test_a_learner_seen_a_minute_ago_with_the_same_name_needs_no_write() -> None:
    assert presence_changes(row(), first_name="Sara", language_code="fa", now=NOW) == {}


def test_last_seen_moves_only_once_per_resolution() -> None:
    stale = row(last_seen_at=NOW - SEEN_RESOLUTION)
    assert presence_changes(stale, first_name="Sara", language_code="fa", now=NOW) == {
        "last_seen_at": NOW
    }


def test_a_returning_learner_is_unblocked_and_renamed_within_column_sizes() -> None:
    blocked = row(blocked_at=NOW - timedelta(days=9))
    changes = presence_changes(blocked, first_name="S\x00" + "a" * 300, language_code=None, now=NOW)
    assert changes == {"blocked_at": None, "first_name": "S" + "a" * 127}


def test_settings_change_returns_a_new_row() -> None:
    before = row()
    after = before.with_settings(framework="django")
    assert after.settings.framework == "django" and before.settings.framework is None
