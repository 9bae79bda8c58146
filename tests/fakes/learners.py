"""``Learners`` over the in-memory tables."""

from __future__ import annotations

from typing import Any

from bot.db.rows import LearnerRow, NewLearner, SettingsRow, fit
from tests.fakes.schema import checked, update
from tests.fakes.store import LearnerRecord, SettingsRecord, Transaction


def learner_row(learner: LearnerRecord, settings: SettingsRecord) -> LearnerRow:
    return LearnerRow(
        id=learner.id,
        chat_id=learner.chat_id,
        first_name=learner.first_name,
        language_code=learner.language_code,
        last_seen_at=learner.last_seen_at,
        onboarded_at=learner.onboarded_at,
        blocked_at=learner.blocked_at,
        last_studied_at=learner.last_studied_at,
        settings=settings_row(settings),
    )


def settings_row(settings: SettingsRecord) -> SettingsRow:
    return SettingsRow(
        ui_language=settings.ui_language,
        material_language=settings.material_language,
        framework=settings.framework,
        start_at=settings.start_at,
        elective=settings.elective,
        awaiting=settings.awaiting,
        free_only=settings.free_only,
        roadmap_revision=settings.roadmap_revision,
        other_language=settings.other_language,
        plan_hours=settings.plan_hours,
        plan_set_at=settings.plan_set_at,
        plan_done_hours=settings.plan_done_hours,
        review=settings.review,
    )


class FakeLearners:
    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    async def row(self, learner_id: int) -> LearnerRow | None:
        tables = self.transaction.tables
        learner = tables.learners.get(learner_id)
        settings = tables.settings.get(learner_id)
        if learner is None or settings is None:  # an inner join
            return None
        return learner_row(learner, settings)

    async def add(self, new: NewLearner) -> bool:
        tables = self.transaction.tables
        learner = LearnerRecord(
            id=new.id,
            chat_id=new.chat_id,
            first_name=fit(new.first_name, 128),
            language_code=fit(new.language_code, 16),
            created_at=new.now,
            last_seen_at=new.now,
        )
        checked("learners", learner, tables)
        if new.id in tables.learners:
            return False
        tables.learners[new.id] = learner
        settings = SettingsRecord(new.id, new.ui_language, new.material_language)
        checked("learner_settings", settings, tables)
        tables.settings.setdefault(new.id, settings)
        return True

    async def update(self, learner_id: int, **values: Any) -> None:
        tables = self.transaction.tables
        update("learners", tables.learners, [learner_id], values, tables)

    async def update_settings(self, learner_id: int, **values: Any) -> None:
        tables = self.transaction.tables
        update("learner_settings", tables.settings, [learner_id], values, tables)

    async def delete(self, learner_id: int) -> bool:
        """Delete the learner and, as the foreign keys cascade, every row of theirs."""
        tables = self.transaction.tables
        if tables.learners.pop(learner_id, None) is None:
            return False
        tables.settings.pop(learner_id, None)
        tables.reminders.pop(learner_id, None)
        for key in [key for key in tables.progress if key[0] == learner_id]:
            del tables.progress[key]
        for key in [key for key in tables.topic_languages if key[0] == learner_id]:
            del tables.topic_languages[key]
        for note_id in [i for i, note in tables.notes.items() if note.learner_id == learner_id]:
            del tables.notes[note_id]
        for review in [k for k in tables.reviews if k[0] == learner_id]:
            del tables.reviews[review]
        return True
