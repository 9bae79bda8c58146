"""NoteService: asking for a note, taking it, listing, editing and deleting notes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap
from bot.services.errors import UnknownItem
from bot.services.learning import LearningService
from bot.services.notes import MAX_NOTE, NoteService, Saved, TooLong
from bot.services.path import Status
from bot.services.presence import PresenceService
from bot.services.reminders import NotAsked, ReminderService
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import ANA, NOW, REZA, FixedClock, commits


@pytest.fixture
def notes(store: InMemoryStore, holder: RoadmapHolder, clock: FixedClock) -> NoteService:
    return NoteService(fake_units(store), holder, clock)


async def saved(notes: NoteService, text: str) -> Saved:
    outcome = await notes.typed(ANA, text)
    assert isinstance(outcome, Saved), outcome
    return outcome


async def test_the_text_after_the_note_button_is_a_note_and_only_that_one(
    notes: NoteService, store: InMemoryStore
) -> None:
    prompt, n = await commits(store, notes.ask(ANA, "leetcode"))
    assert n == 1 and prompt.resource is not None and prompt.resource.id == "leetcode"
    outcome, n = await commits(store, notes.typed(ANA, "  two pointers <b>first</b>\n"))
    assert n == 1 and isinstance(outcome, Saved) and not outcome.edited
    assert outcome.entry.note.text == "two pointers <b>first</b>"  # stored as typed
    assert outcome.entry.topic is not None and outcome.entry.topic.id == "algorithms"
    assert isinstance(await notes.typed(ANA, "hello"), NotAsked)  # the question has ended
    assert [n.text for n in store.notes.values()] == ["two pointers <b>first</b>"]
    assert store.settings[ANA.user_id].awaiting is None


async def test_several_notes_per_resource(notes: NoteService) -> None:
    for text in ("one", "two"):
        await notes.ask(ANA, "leetcode")
        await saved(notes, text)
    view = await notes.notes(ANA)
    assert [e.note.text for e in view.entries] == ["one", "two"]


async def test_any_other_action_ends_the_question(
    notes: NoteService, learning: LearningService, store: InMemoryStore
) -> None:
    await notes.ask(ANA, "leetcode")
    await learning.open(ANA)  # /next, or any button
    assert isinstance(await notes.typed(ANA, "not a note"), NotAsked)
    await notes.ask(ANA, "leetcode")
    await PresenceService(fake_units(store)).locale(ANA)  # an unknown command
    assert isinstance(await notes.typed(ANA, "not a note"), NotAsked)
    assert store.notes == {}


async def test_a_time_zone_question_is_not_a_note_question(
    notes: NoteService, reminders: ReminderService
) -> None:
    await reminders.await_zone(ANA)
    assert isinstance(await notes.typed(ANA, "Europe/Berlin"), NotAsked)
    typed = await reminders.typed(ANA, "Europe/Berlin")
    assert not isinstance(typed, NotAsked) and typed.accepted


async def test_a_note_too_long_is_refused_and_the_question_stays(
    notes: NoteService, store: InMemoryStore
) -> None:
    await notes.ask(ANA, "leetcode")
    refused = await notes.typed(ANA, "x" * (MAX_NOTE + 1))
    assert refused == TooLong("en", MAX_NOTE + 1)
    assert store.notes == {}
    longest = await saved(notes, "y" * MAX_NOTE)
    assert len(longest.entry.note.text) == MAX_NOTE


async def test_a_reply_to_a_card_is_a_note_without_asking(
    notes: NoteService, store: InMemoryStore
) -> None:
    await notes.ask(ANA, "leetcode")  # asked for another resource: the reply wins, and ends it
    outcome = await notes.add(ANA, "grokking-algorithms", "chapter 3")
    assert isinstance(outcome, Saved) and outcome.entry.note.resource_id == "grokking-algorithms"
    assert store.settings[ANA.user_id].awaiting is None
    with pytest.raises(UnknownItem):
        await notes.add(ANA, "no-such-resource", "text")
    with pytest.raises(UnknownItem):
        await notes.ask(ANA, "no-such-resource")


async def test_notes_are_listed_in_roadmap_order_then_those_that_left_it(
    notes: NoteService, store: InMemoryStore, holder: RoadmapHolder, small_roadmap: Roadmap
) -> None:
    for resource_id in ("pro-git", "leetcode", "grokking-algorithms"):
        await notes.add(ANA, resource_id, resource_id)
    data = small_roadmap.model_dump(mode="json")
    algorithms = data["steps"][0]["topics"][0]["resources"]
    data["steps"][0]["topics"][0]["resources"] = [r for r in algorithms if r["id"] != "leetcode"]
    holder.current = Roadmap.model_validate(data)
    view = await notes.notes(ANA)
    assert [e.note.resource_id for e in view.entries] == [
        "grokking-algorithms",
        "pro-git",
        "leetcode",  # no longer on the roadmap: last, kept
    ]
    assert view.entries[-1].resource is None and view.entries[-1].step is None
    assert len(store.notes) == 3


async def test_dates_are_the_learners_days(
    notes: NoteService, reminders: ReminderService, clock: FixedClock
) -> None:
    clock.now = NOW.replace(hour=22)  # Monday 22:00 UTC: Tuesday 01:30 in Tehran
    await notes.add(REZA, "leetcode", "late")  # Persian: Tehran by default
    await notes.add(ANA, "leetcode", "late")  # English: UTC by default
    assert (await notes.notes(REZA)).entries[0].day == date(2026, 3, 3)
    assert (await notes.notes(ANA)).entries[0].day == date(2026, 3, 2)
    await reminders.set_zone(ANA, "Asia/Tokyo")
    assert (await notes.notes(ANA)).entries[0].day == date(2026, 3, 3)


async def test_edit_replaces_the_text_and_delete_removes_only_that_note(
    notes: NoteService, store: InMemoryStore, clock: FixedClock
) -> None:
    first = (await notes.add(ANA, "leetcode", "first")).entry.note  # type: ignore[union-attr]
    await notes.add(ANA, "leetcode", "second")
    clock.advance(hours=1)
    prompt = await notes.ask_edit(ANA, first.id)
    assert prompt.editing is not None and prompt.editing.note.text == "first"
    edited = await saved(notes, "first, better")
    assert edited.edited and edited.entry.note.id == first.id
    assert edited.entry.note.updated_at == clock.now and edited.entry.note.created_at == NOW
    view, deleted = await notes.delete(ANA, first.id)
    assert deleted and [e.note.text for e in view.entries] == ["second"]
    _, deleted = await notes.delete(ANA, first.id)  # pressed twice
    assert not deleted and len(store.notes) == 1


async def test_a_learner_cannot_reach_another_learners_notes(
    notes: NoteService, store: InMemoryStore
) -> None:
    theirs = (await notes.add(REZA, "leetcode", "Reza's")).entry.note  # type: ignore[union-attr]
    with pytest.raises(UnknownItem):
        await notes.ask_edit(ANA, theirs.id)
    with pytest.raises(UnknownItem):
        await notes.note(ANA, theirs.id)
    _, deleted = await notes.delete(ANA, theirs.id)
    assert not deleted and [n.text for n in store.notes.values()] == ["Reza's"]
    assert (await notes.notes(ANA)).entries == ()


async def test_waiting_registers_nobody_and_keeps_the_question(
    notes: NoteService, store: InMemoryStore
) -> None:
    assert await notes.waiting(REZA) == ("fa", False)
    assert REZA.user_id not in store.learners
    await notes.ask(ANA, "leetcode")
    assert await notes.waiting(ANA) == ("en", True)  # a photo: still waiting
    assert isinstance(await notes.typed(ANA, "now text"), Saved)


async def test_reset_keeps_or_deletes_notes_and_counts_what_it_deleted(
    notes: NoteService, learning: LearningService, store: InMemoryStore
) -> None:
    await learning.resolve(ANA, "leetcode", Status.DONE)
    await learning.resolve(ANA, "grokking-algorithms", Status.SKIPPED)
    await notes.add(ANA, "leetcode", "kept")
    snap, count = await learning.reset_preview(ANA)
    assert count == 1 and snap.stored[Status.DONE] == 1
    kept = await learning.reset(ANA)
    assert (kept.statuses[Status.DONE], kept.statuses[Status.SKIPPED]) == (1, 1)
    assert (kept.notes_deleted, kept.notes_kept) == (0, 1) and len(store.notes) == 1
    await learning.resolve(ANA, "leetcode", Status.DONE)
    gone = await learning.reset(ANA, keep_notes=False)
    assert (gone.statuses[Status.DONE], gone.notes_deleted, gone.notes_kept) == (1, 1, 0)
    assert store.notes == {} and store.progress == {}
