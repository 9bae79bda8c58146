"""Learners' notes on resources: asked for, typed, listed in roadmap order, edited, deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.db.rows import LearnerRow, NoteRow
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Resource, Roadmap, Step, Topic
from bot.services import schedule
from bot.services.clock import Clock, utcnow
from bot.services.errors import UnknownItem
from bot.services.presence import present
from bot.services.reminders import NotAsked, default_zone
from bot.services.uow import UnitOfWork, UnitsOfWork
from bot.services.who import Who, ui_language_for

#: ``awaiting`` while the bot waits for a new note: this prefix, then the resource id.
AWAITING_NOTE = "note:"
#: ``awaiting`` while the bot waits for a note's new text: this prefix, then the note id.
AWAITING_EDIT = "note-edit:"
#: The longest note, in characters: Telegram's longest text message.
MAX_NOTE = 4096


@dataclass(frozen=True)
class Entry:
    """A note with where its resource is on the roadmap (``resource`` None: it left)."""

    note: NoteRow
    resource: Resource | None
    step: Step | None
    topic: Topic | None
    #: The day it was written, in the learner's time zone.
    day: date


@dataclass(frozen=True)
class Prompt:
    """The bot waits for a note on ``resource_id`` (``editing``: a new text for that note)."""

    ui_language: str
    resource_id: str
    resource: Resource | None
    editing: Entry | None = None


@dataclass(frozen=True)
class Saved:
    """A note stored (``edited``: an existing note's text replaced)."""

    ui_language: str
    entry: Entry
    edited: bool


@dataclass(frozen=True)
class TooLong:
    """A note over ``MAX_NOTE`` characters: not stored; the bot still waits for it."""

    ui_language: str
    length: int


@dataclass(frozen=True)
class NotesView:
    """Every note of a learner: on the roadmap in its order, then the ones that left it."""

    ui_language: str
    entries: tuple[Entry, ...]


def _order(roadmap: Roadmap) -> dict[str, int]:
    return {
        resource.id: index
        for index, resource in enumerate(
            r for step in roadmap.steps for topic in step.topics for r in topic.resources
        )
    }


def entry(roadmap: Roadmap, note: NoteRow, zone: str) -> Entry:
    resource = roadmap.resource(note.resource_id)
    day = schedule.local_time(note.created_at, zone).date()
    if resource is None:
        return Entry(note, None, None, None, day)
    rid = resource.id
    return Entry(note, resource, roadmap.step_of(rid), roadmap.topic_of(rid), day)


def clean(text: str) -> str:
    """Text as stored: PostgreSQL refuses NUL characters; surrounding blanks mean nothing."""
    return text.replace("\x00", "").strip()


class NoteService:
    """Notes; each method is one transaction."""

    def __init__(self, units: UnitsOfWork, roadmap: RoadmapHolder, clock: Clock = utcnow) -> None:
        self.units = units
        self.roadmap = roadmap
        self.clock = clock

    async def ask(self, who: Who, resource_id: str) -> Prompt:
        """The learner pressed "Note" on a card: their next text is a note on it."""
        resource = self.roadmap.current.resource(resource_id)
        if resource is None:
            raise UnknownItem(resource_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            await self._await(uow, learner, AWAITING_NOTE + resource_id)
        return Prompt(learner.settings.ui_language, resource_id, resource)

    async def ask_edit(self, who: Who, note_id: int) -> Prompt:
        """The learner pressed "Edit" on a note: their next text replaces it."""
        roadmap = self.roadmap.current
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            note = await uow.notes.get(learner.id, note_id)
            if note is None:
                raise UnknownItem(str(note_id))
            await self._await(uow, learner, f"{AWAITING_EDIT}{note_id}")
            found = entry(roadmap, note, await self._zone(uow, learner))
        ui = learner.settings.ui_language
        return Prompt(ui, note.resource_id, found.resource, editing=found)

    async def typed(self, who: Who, text: str) -> Saved | TooLong | NotAsked:
        """Free text: a note (or a note's new text) if the bot asked for one."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock(), keep_question=True)
            ui, awaiting = learner.settings.ui_language, learner.settings.awaiting or ""
            if awaiting.startswith(AWAITING_NOTE):
                return await self._store(uow, learner, awaiting.removeprefix(AWAITING_NOTE), text)
            if awaiting.startswith(AWAITING_EDIT):
                note_id = awaiting.removeprefix(AWAITING_EDIT)
                return await self._replace(uow, learner, int(note_id), text)
            return NotAsked(ui)

    async def add(self, who: Who, resource_id: str, text: str) -> Saved | TooLong:
        """A note on a resource, typed as a reply to its card (any question asked ends)."""
        if self.roadmap.current.resource(resource_id) is None:
            raise UnknownItem(resource_id)
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            return await self._store(uow, learner, resource_id, text)

    async def waiting(self, who: Who) -> tuple[str, bool]:
        """The interface language, and whether the bot waits for a note; registers nobody
        and keeps the question (a photo is not an answer, but no reason to stop waiting)."""
        async with self.units() as uow:
            learner = await uow.learners.row(who.user_id)
        if learner is None:
            return ui_language_for(who.language_code), False
        awaiting = learner.settings.awaiting or ""
        asked = awaiting.startswith((AWAITING_NOTE, AWAITING_EDIT))
        return learner.settings.ui_language, asked

    async def notes(self, who: Who) -> NotesView:
        """Every note of the learner (a command: any question asked ends)."""
        async with self.units() as uow:
            return await self._view(uow, await present(uow, who, self.clock()))

    async def note(self, who: Who, note_id: int) -> tuple[str, Entry]:
        """The interface language, and one note of the learner's (``UnknownItem`` if they
        have none with that id)."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            note = await uow.notes.get(learner.id, note_id)
            if note is None:
                raise UnknownItem(str(note_id))
            found = entry(self.roadmap.current, note, await self._zone(uow, learner))
            return learner.settings.ui_language, found

    async def delete(self, who: Who, note_id: int) -> tuple[NotesView, bool]:
        """Delete a note; the notes left, and whether it was there (a second press is
        harmless)."""
        async with self.units() as uow:
            learner = await present(uow, who, self.clock())
            deleted = await uow.notes.delete(learner.id, note_id)
            return await self._view(uow, learner), deleted

    # -- helpers -------------------------------------------------------------------
    async def _await(self, uow: UnitOfWork, learner: LearnerRow, awaiting: str) -> None:
        if learner.settings.awaiting != awaiting:
            await uow.learners.update_settings(learner.id, awaiting=awaiting)

    async def _done(self, uow: UnitOfWork, learner: LearnerRow) -> None:
        if learner.settings.awaiting is not None:
            await uow.learners.update_settings(learner.id, awaiting=None)

    async def _zone(self, uow: UnitOfWork, learner: LearnerRow) -> str:
        """The learner's time zone: their reminder's, or the first guess it would have."""
        reminder = await uow.reminders.get(learner.id)
        return reminder.timezone if reminder else default_zone(learner.settings.ui_language)

    async def _store(
        self, uow: UnitOfWork, learner: LearnerRow, resource_id: str, text: str
    ) -> Saved | TooLong:
        ui, text = learner.settings.ui_language, clean(text)
        if len(text) > MAX_NOTE:
            return TooLong(ui, len(text))
        now = self.clock()
        await self._done(uow, learner)
        note_id = await uow.notes.add(learner.id, resource_id, text, now)
        note = NoteRow(note_id, learner.id, resource_id, text, now, now)
        return Saved(ui, entry(self.roadmap.current, note, await self._zone(uow, learner)), False)

    async def _replace(
        self, uow: UnitOfWork, learner: LearnerRow, note_id: int, text: str
    ) -> Saved | TooLong | NotAsked:
        ui, text = learner.settings.ui_language, clean(text)
        if len(text) > MAX_NOTE:
            return TooLong(ui, len(text))
        await self._done(uow, learner)
        now = self.clock()
        if not await uow.notes.update_text(learner.id, note_id, text, now):
            return NotAsked(ui)  # deleted meanwhile: the text was not asked for any more
        note = await uow.notes.get(learner.id, note_id)
        if note is None:
            return NotAsked(ui)
        return Saved(ui, entry(self.roadmap.current, note, await self._zone(uow, learner)), True)

    async def _view(self, uow: UnitOfWork, learner: LearnerRow) -> NotesView:
        roadmap = self.roadmap.current
        zone = await self._zone(uow, learner)
        order = _order(roadmap)
        entries = [entry(roadmap, note, zone) for note in await uow.notes.of_learner(learner.id)]
        entries.sort(key=lambda e: order.get(e.note.resource_id, len(order)))  # stable: by date
        return NotesView(learner.settings.ui_language, tuple(entries))
