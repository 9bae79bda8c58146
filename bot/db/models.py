"""SQLAlchemy models: learners, their settings, per-resource progress, notes, reviews."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Learner(Base):
    """A Telegram user who studies with the bot; the id is their Telegram user id."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str | None] = mapped_column(String(128))
    language_code: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: Set when Telegram answered 403 (the learner blocked the bot); cleared by /start.
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The last time the learner marked a resource done or skipped.
    last_studied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    settings: Mapped[LearnerSettings] = relationship(
        back_populates="learner", lazy="joined", cascade="all, delete-orphan", uselist=False
    )


class LearnerSettings(Base):
    """A learner's choices: languages, framework, starting point and current elective."""

    __tablename__ = "learner_settings"
    __table_args__ = (
        CheckConstraint("ui_language IN ('en', 'fa')", name="ui_language"),
        CheckConstraint("material_language IN ('en', 'fa', 'both')", name="material_language"),
        CheckConstraint("plan_hours BETWEEN 1 AND 80", name="plan_hours"),
    )

    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    ui_language: Mapped[str] = mapped_column(String(2))
    material_language: Mapped[str] = mapped_column(String(4))
    framework: Mapped[str | None] = mapped_column(String(32))
    start_at: Mapped[str | None] = mapped_column(String(32))
    elective: Mapped[str | None] = mapped_column(String(32))
    #: What the bot expects the learner to type next (e.g. "timezone", or "note:<resource
    #: id>"), if anything.
    awaiting: Mapped[str | None] = mapped_column(String(64))
    #: Paid resources are left out of the learner's path.
    free_only: Mapped[bool] = mapped_column(Boolean, server_default=false())
    #: The roadmap revision the learner's path was built on (set when onboarding ends);
    #: ``None`` before that. Resources newer than it in steps they had passed are extras.
    roadmap_revision: Mapped[int | None] = mapped_column(Integer)
    #: Where a topic has nothing in the learner's language: show its other-language
    #: material (True) or leave the topic out (False); ``None``: not asked yet.
    other_language: Mapped[bool | None] = mapped_column(Boolean)
    #: The study plan: hours a week (``None``: no plan), when it was set, and the hours
    #: of the path done at that moment (what the plan's pace is measured from).
    plan_hours: Mapped[int | None] = mapped_column(SmallInteger)
    plan_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    plan_done_hours: Mapped[int | None] = mapped_column(Integer)
    #: The weekly nudge may ask whether a finished topic is still fresh.
    review: Mapped[bool] = mapped_column(Boolean, server_default=true())
    #: The map photo the learner's chat has (its message), and what it shows (a digest of
    #: the image and caption): a changed map edits it in place, from any instance.
    map_message_id: Mapped[int | None] = mapped_column(BigInteger)
    map_shown: Mapped[str | None] = mapped_column(String(40))

    learner: Mapped[Learner] = relationship(back_populates="settings")


class Progress(Base):
    """What a learner did with one resource, keyed by the roadmap's stable resource id."""

    __tablename__ = "progress"
    __table_args__ = (
        CheckConstraint("status IN ('done', 'skipped', 'started', 'unneeded')", name="status"),
    )

    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    resource_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TopicLanguage(Base):
    """A topic where the learner accepted material outside their chosen language."""

    __tablename__ = "topic_languages"

    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Reminder(Base):
    """A learner's weekly nudge: when, and the state of its delivery.

    ``next_at`` (UTC, indexed) is the whole schedule: the dispatcher asks for rows whose
    ``next_at`` has passed. ``claimed_until`` is a dispatcher's lease on the row;
    ``sending_since`` marks a send in flight (see docs/nudges.md for the guarantee).
    """

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("hour BETWEEN 0 AND 23", name="hour"),
    )

    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=false())
    weekday: Mapped[int] = mapped_column(SmallInteger, server_default=text("0"))  # Monday
    hour: Mapped[int] = mapped_column(SmallInteger, server_default=text("9"))
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sending_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class Note(Base):
    """A learner's note on one resource, keyed by the roadmap's stable resource id (kept
    when the resource leaves the roadmap)."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    resource_id: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Review(Base):
    """One spaced-review stage of a finished topic: asked in a nudge, and how it was answered."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("stage BETWEEN 1 AND 3", name="stage"),
        CheckConstraint("answer IN ('yes', 'open')", name="answer"),
    )

    learner_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    stage: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    #: How many nudges asked it (a nudge that failed asks it again when retried).
    asked: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answer: Mapped[str | None] = mapped_column(String(4))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
