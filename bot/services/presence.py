"""The learner behind an update: registered on first contact, marked present after."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from bot.db.rows import LearnerRow, NewLearner, SettingsRow, fit
from bot.services import schedule
from bot.services.clock import Clock, utcnow
from bot.services.uow import UnitOfWork, UnitsOfWork
from bot.services.who import Who, ui_language_for

#: How precisely a learner's last visit is recorded.
SEEN_RESOLUTION = timedelta(minutes=10)


class LearnerVanished(LookupError):
    """The learner's row was deleted while the transaction that registers them ran."""


def presence_changes(
    row: LearnerRow, *, first_name: str | None, language_code: str | None, now: datetime
) -> dict[str, Any]:
    """What to write to record that the learner is here (and reachable again); often nothing.

    ``last_seen_at`` moves only every ``SEEN_RESOLUTION``: it feeds "active this week"
    statistics, and skipping the write keeps most requests read-only.
    """
    changes: dict[str, Any] = {}
    if now - row.last_seen_at >= SEEN_RESOLUTION:
        changes["last_seen_at"] = now
    if row.blocked_at is not None:
        changes["blocked_at"] = None
    first_name, language_code = fit(first_name, 128), fit(language_code, 16)
    if first_name is not None and row.first_name != first_name:
        changes["first_name"] = first_name
    if language_code is not None and row.language_code != language_code:
        changes["language_code"] = language_code
    return changes


async def present(
    uow: UnitOfWork, who: Who, now: datetime, *, keep_question: bool = False
) -> LearnerRow:
    """The learner behind ``who``, registered on first contact; marks them present.

    Usually one SELECT and no write (``presence_changes``): the hot path of every update.
    The learner did something other than answer a question the bot asked them to type
    (``awaiting``): that question ends, with one more UPDATE only when one was pending.
    ``keep_question``: for the services that take the answer, or ask again.
    """
    learner = await uow.learners.row(who.user_id)
    if learner is None:
        return await _register(uow, who, now)
    return await _mark_present(uow, learner, who, now, keep_question=keep_question)


async def visit(uow: UnitOfWork, who: Who, now: datetime) -> LearnerRow | None:
    """``present`` for a learner the bot knows already; None, registering nobody, else."""
    learner = await uow.learners.row(who.user_id)
    if learner is None:
        return None
    return await _mark_present(uow, learner, who, now, keep_question=False)


class PresenceService:
    """For updates that need nothing of the learner but the language to answer in."""

    def __init__(self, units: UnitsOfWork, clock: Clock = utcnow) -> None:
        self.units = units
        self.clock = clock

    async def locale(self, who: Who) -> str:
        """The interface language; a known learner is marked present (which ends the
        question the bot was waiting for them to answer); nobody is registered."""
        async with self.units() as uow:
            learner = await visit(uow, who, self.clock())
        return learner.settings.ui_language if learner else ui_language_for(who.language_code)


async def _mark_present(
    uow: UnitOfWork, learner: LearnerRow, who: Who, now: datetime, *, keep_question: bool
) -> LearnerRow:
    changes = presence_changes(
        learner, first_name=who.first_name, language_code=who.language_code, now=now
    )
    if changes:
        await uow.learners.update(learner.id, **changes)
        if learner.blocked_at is not None:  # they blocked the bot and came back
            await _rearm_reminder(uow, learner.id, now)
        learner = replace(learner, **changes)
    if learner.settings.awaiting is not None and not keep_question:
        await uow.learners.update_settings(learner.id, awaiting=None)
        learner = learner.with_settings(awaiting=None)
    return learner


async def _register(uow: UnitOfWork, who: Who, now: datetime) -> LearnerRow:
    ui = ui_language_for(who.language_code)
    new = NewLearner(who.user_id, who.chat_id, who.first_name, who.language_code, ui, ui, now)
    if await uow.learners.add(new):
        return LearnerRow(
            id=new.id,
            chat_id=new.chat_id,
            first_name=fit(new.first_name, 128),
            language_code=fit(new.language_code, 16),
            last_seen_at=now,
            onboarded_at=None,
            blocked_at=None,
            last_studied_at=None,
            settings=SettingsRow(ui_language=ui, material_language=ui),
        )
    learner = await uow.learners.row(who.user_id)  # registered meanwhile by another update
    if learner is None:
        raise LearnerVanished(who.user_id)
    return learner


async def _rearm_reminder(uow: UnitOfWork, learner_id: int, now: datetime) -> None:
    """A learner who blocked the bot came back: their weekly reminder resumes."""
    reminder = await uow.reminders.get(learner_id)
    if reminder is not None and reminder.enabled and reminder.next_at is None:
        next_at = schedule.next_occurrence(now, reminder.weekday, reminder.hour, reminder.timezone)
        await uow.reminders.update(learner_id, next_at=next_at)
