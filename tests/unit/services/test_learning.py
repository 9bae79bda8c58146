"""LearningService over the in-memory unit of work: each call is one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.services.errors import UnknownItem
from bot.services.learning import LearningService, Undo
from bot.services.path import (
    ChooseElective,
    ChooseFramework,
    Finished,
    LanguageGap,
    Material,
    NextResource,
    Status,
)
from bot.services.reminders import ReminderService
from bot.services.snapshot import Snapshot
from bot.services.who import Who
from tests.fakes.uow import InMemoryStore
from tests.unit.services.conftest import ANA, NOW, REZA, FixedClock, commits, stored


def resource_id(snap: Snapshot) -> str:
    assert isinstance(snap.next, NextResource), snap.next
    return snap.next.resource.id


async def test_first_contact_registers_with_the_language_from_telegram(
    learning: LearningService, store: InMemoryStore
) -> None:
    ana, n = await commits(store, learning.open(ANA))
    reza = await learning.open(REZA)
    assert n == 1
    assert (ana.ui_language, ana.material) == ("en", Material.EN)
    assert (reza.ui_language, reza.material) == ("fa", Material.FA)
    assert not ana.onboarded and ana.first_name == "Ana"
    row = (await stored(store, REZA.user_id)).learner
    assert row is not None
    assert (row.language_code, row.last_seen_at, row.onboarded_at) == ("fa-IR", NOW, None)


async def test_locale_for_registers_nobody(learning: LearningService, store: InMemoryStore) -> None:
    assert await learning.locale_for(REZA) == "fa"
    assert store.learners == {}
    await learning.open(ANA)
    await learning.set_ui_language(ANA, "fa")
    assert await learning.locale_for(ANA) == "fa"


async def test_the_path_through_the_small_roadmap(learning: LearningService) -> None:
    snap = await learning.open(ANA)
    assert resource_id(snap) == "grokking-algorithms"
    snap = await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    snap = await learning.resolve(ANA, resource_id(snap), Status.SKIPPED)
    assert isinstance(snap.next, LanguageGap) and snap.next.topic.id == "python-beginner"
    snap = await learning.accept_other_language(ANA, "python-beginner")
    snap = await learning.resolve(ANA, resource_id(snap), Status.DONE)
    assert isinstance(snap.next, ChooseFramework)
    snap = await learning.choose_framework(ANA, "flask")
    assert resource_id(snap) == "flask-tutorial"
    snap = await learning.resolve(ANA, "flask-tutorial", Status.DONE)
    snap = await learning.resolve(ANA, resource_id(snap), Status.DONE)  # the shared topic
    assert isinstance(snap.next, ChooseElective)
    assert [t.id for t in snap.next.options] == ["git"]
    snap = await learning.choose_elective(ANA, "git")
    snap = await learning.resolve(ANA, resource_id(snap), Status.DONE)
    assert isinstance(snap.next, Finished)
    assert (snap.progress.path.done, snap.progress.path.skipped) == (4, 1)


async def test_done_is_idempotent(learning: LearningService, store: InMemoryStore) -> None:
    await learning.open(ANA)
    first, n1 = await commits(store, learning.resolve(ANA, "grokking-algorithms", Status.DONE))
    again, n2 = await commits(store, learning.resolve(ANA, "grokking-algorithms", Status.DONE))
    assert (n1, n2) == (1, 1)
    assert first.next == again.next and resource_id(again) == "leetcode"
    assert again.progress.path.done == 1
    saved = await stored(store, ANA.user_id)
    assert saved.statuses == {"grokking-algorithms": "done"}
    assert saved.learner is not None and saved.learner.last_studied_at == NOW


async def test_skip_topic_leaves_the_done_ones(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    snap, n = await commits(store, learning.skip_topic(ANA, "algorithms"))
    assert n == 1
    assert snap.state.statuses == {
        "grokking-algorithms": Status.DONE,
        "leetcode": Status.SKIPPED,
    }
    assert isinstance(snap.next, LanguageGap)
    saved = await stored(store, ANA.user_id)
    assert saved.statuses == {"grokking-algorithms": "done", "leetcode": "skipped"}


async def test_skip_topic_skips_every_language_and_drops_the_elective(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.skip_topic(REZA, "python-beginner")  # Persian material, Reza's own
    await learning.choose_elective(REZA, "git")
    snap = await learning.skip_topic(REZA, "git")  # English only: skipped all the same
    assert snap.state.statuses["python-tricks-fa"] is Status.SKIPPED
    assert snap.state.statuses["pro-git"] is Status.SKIPPED
    assert snap.state.elective is None
    saved = await stored(store, REZA.user_id)
    assert saved.learner is not None and saved.learner.settings.elective is None


async def test_accept_other_language_shows_the_gap_topic(
    learning: LearningService, store: InMemoryStore
) -> None:
    snap = await learning.open(REZA)  # Persian: Algorithms has English books only
    assert isinstance(snap.next, LanguageGap) and snap.next.topic.id == "algorithms"
    snap, n = await commits(store, learning.accept_other_language(REZA, "algorithms"))
    assert n == 1 and resource_id(snap) == "grokking-algorithms"
    again = await learning.accept_other_language(REZA, "algorithms")  # a second press
    assert again.next == snap.next
    after = await stored(store, REZA.user_id)
    assert after.learner is not None and after.learner.settings.other_language is True
    assert after.topics == {"algorithms"}  # the topic where it was asked, on record


async def test_leaving_out_topics_without_persian_takes_them_off_the_path(
    learning: LearningService,
) -> None:
    snap = await learning.open(REZA)
    total = snap.progress.path.total
    assert isinstance(snap.next, LanguageGap) and snap.next.topic.id == "algorithms"
    snap = await learning.set_other_language(REZA, False)
    assert not isinstance(snap.next, LanguageGap) or snap.next.topic.id != "algorithms"
    assert snap.progress.path.total < total  # what is left out is not counted
    snap = await learning.set_other_language(REZA, True)
    assert resource_id(snap) == "grokking-algorithms" and snap.progress.path.total == total


async def test_choices_are_validated(learning: LearningService, store: InMemoryStore) -> None:
    snap = await learning.choose_framework(ANA, "django")
    assert snap.state.framework == "django"
    snap = await learning.choose_elective(ANA, "git")
    assert snap.state.elective == "git"
    before = (store.dump(), store.committed)
    for choose, topic in [
        (learning.choose_framework, "all-frameworks"),  # shared, not an option
        (learning.choose_framework, "algorithms"),
        (learning.choose_elective, "django"),
        (learning.choose_elective, "no-such-topic"),
    ]:
        with pytest.raises(UnknownItem):
            await choose(ANA, topic)
    assert (store.dump(), store.committed) == before
    saved = await stored(store, ANA.user_id)
    assert saved.learner is not None
    assert (saved.learner.settings.framework, saved.learner.settings.elective) == ("django", "git")


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.resolve(ANA, "no-such-book", Status.DONE),
        lambda s: s.skip_topic(ANA, "nope"),
        lambda s: s.accept_other_language(ANA, "nope"),
        lambda s: s.set_start(ANA, "git"),  # an elective is no starting point
        lambda s: s.set_start(ANA, "leetcode"),  # nor is a resource
        lambda s: s.set_ui_language(ANA, "de"),
    ],
    ids=["resolve", "skip_topic", "other_language", "start-elective", "start-resource", "ui"],
)
async def test_a_forged_id_is_refused_and_commits_nothing(
    learning: LearningService,
    store: InMemoryStore,
    call: Callable[[LearningService], Awaitable[Snapshot]],
) -> None:
    await learning.open(ANA)
    before = (store.dump(), store.committed)
    with pytest.raises(UnknownItem):
        await call(learning)
    assert (store.dump(), store.committed) == before


async def test_set_start_ends_onboarding(learning: LearningService, store: InMemoryStore) -> None:
    snap, n = await commits(store, learning.set_start(ANA, "frameworks"))
    assert n == 1 and snap.onboarded and isinstance(snap.next, ChooseFramework)
    saved = await stored(store, ANA.user_id)
    assert saved.learner is not None and saved.learner.onboarded_at == NOW
    assert saved.learner.settings.start_at == "frameworks"


async def test_reset_clears_progress_but_keeps_languages_and_reminders(
    learning: LearningService, reminders: ReminderService, store: InMemoryStore
) -> None:
    await learning.set_material(REZA, Material.BOTH)
    await learning.set_ui_language(REZA, "en")
    await learning.set_start(REZA, "python-beginner")
    await learning.resolve(REZA, "python-tricks-fa", Status.DONE)
    await learning.accept_other_language(REZA, "algorithms")
    await learning.choose_framework(REZA, "django")
    await learning.choose_elective(REZA, "git")
    await reminders.set_enabled(REZA, True)

    reset, n = await commits(store, learning.reset(REZA))
    snap = reset.snapshot
    assert n == 1
    assert snap.state.statuses == {} and snap.state.other_language_topics == frozenset()
    assert (snap.state.framework, snap.state.start_at, snap.state.elective) == (None, None, None)
    assert (snap.material, snap.ui_language, snap.onboarded) == (Material.BOTH, "en", False)
    saved = await stored(store, REZA.user_id)
    assert saved.statuses == {} and saved.topics == frozenset()
    assert saved.learner is not None and saved.learner.onboarded_at is None
    settings = saved.learner.settings
    assert (settings.ui_language, settings.material_language) == ("en", "both")
    assert (settings.framework, settings.start_at, settings.elective) == (None, None, None)
    assert saved.reminder is not None and saved.reminder.enabled
    assert saved.reminder.next_at is not None


async def test_report_counts_the_weeks_studied_in_a_row(
    learning: LearningService, clock: FixedClock
) -> None:
    clock.now = NOW - timedelta(weeks=1)
    await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    clock.now = NOW
    await learning.resolve(ANA, "leetcode", Status.DONE)
    assert (await learning.report(ANA)).streak_weeks == 2
    assert (await learning.open(ANA)).streak_weeks == 0  # only /progress counts them


async def test_mark_blocked_records_when(
    learning: LearningService, store: InMemoryStore, clock: FixedClock
) -> None:
    await learning.open(ANA)
    clock.advance(hours=1)
    _, n = await commits(store, learning.mark_blocked(ANA.user_id))
    saved = await stored(store, ANA.user_id)
    assert n == 1 and saved.learner is not None and saved.learner.blocked_at == clock.now


async def test_every_call_is_one_transaction(
    learning: LearningService, store: InMemoryStore
) -> None:
    who = Who(user_id=7, chat_id=7)
    calls: list[Callable[[], Awaitable[object]]] = [
        lambda: learning.open(who),
        lambda: learning.report(who),
        lambda: learning.set_material(who, Material.BOTH),
        lambda: learning.set_ui_language(who, "fa"),
        lambda: learning.finish_onboarding(who),
        lambda: learning.set_start(who, None),
        lambda: learning.resolve(who, "leetcode", Status.SKIPPED),
        lambda: learning.skip_topic(who, "algorithms"),
        lambda: learning.accept_other_language(who, "python-beginner"),
        lambda: learning.choose_framework(who, "django"),
        lambda: learning.choose_elective(who, "git"),
        lambda: learning.reset_preview(who),
        lambda: learning.reset(who),
        lambda: learning.reset(who, keep_notes=False),
    ]
    for call in calls:
        _, n = await commits(store, call())
        assert n == 1


async def test_mark_reports_the_step_it_completes_and_how_to_undo(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.open(ANA)
    first, n = await commits(store, learning.mark(ANA, "grokking-algorithms", Status.DONE))
    assert n == 1 and first.milestones == () and first.undo == Undo("grokking-algorithms", None)
    assert (await learning.mark(ANA, "leetcode", Status.SKIPPED)).milestones == ()
    # The last item of the step is in Persian only: counted, so the step ends with it.
    last = await learning.mark(ANA, "python-tricks-fa", Status.DONE)
    assert [part.id for part in last.milestones] == ["basics"]
    again = await learning.mark(ANA, "python-tricks-fa", Status.DONE)  # a double press
    assert again.milestones == () and again.undo == Undo("python-tricks-fa", None)


async def test_undo_restores_the_status_before_the_mark(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.open(ANA)
    await learning.mark(ANA, "grokking-algorithms", Status.STARTED)
    done = await learning.mark(ANA, "grokking-algorithms", Status.DONE)
    assert done.undo == Undo("grokking-algorithms", Status.STARTED)
    assert done.undo is not None
    await learning.undo(ANA, done.undo)
    assert (await stored(store, ANA.user_id)).statuses == {"grokking-algorithms": "started"}
    await learning.undo(ANA, Undo("grokking-algorithms", None))
    assert (await stored(store, ANA.user_id)).statuses == {}
    with pytest.raises(UnknownItem):
        await learning.undo(ANA, Undo("no-such-book", None))


async def test_started_moves_on_and_is_not_resolved(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.open(ANA)
    outcome = await learning.mark(ANA, "grokking-algorithms", Status.STARTED)
    assert resource_id(outcome.snapshot) == "leetcode"
    tally = outcome.snapshot.progress.path
    assert (tally.started, tally.resolved) == (1, 0)
    saved = await stored(store, ANA.user_id)
    assert saved.statuses == {"grokking-algorithms": "started"}
    assert saved.learner is not None and saved.learner.last_studied_at is None


async def test_revisit_removes_the_skip_and_shows_that_card(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.open(ANA)
    await learning.mark(ANA, "grokking-algorithms", Status.SKIPPED)
    await learning.mark(ANA, "leetcode", Status.DONE)
    snap = await learning.revisit(ANA, "grokking-algorithms")
    assert resource_id(snap) == "grokking-algorithms"
    assert (await stored(store, ANA.user_id)).statuses == {"leetcode": "done"}


async def test_unskip_from_a_step_brings_back_only_skips_on_the_path_from_there(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.open(ANA)
    await learning.mark(ANA, "grokking-algorithms", Status.SKIPPED)
    await learning.mark(ANA, "leetcode", Status.DONE)
    snap = await learning.unskip_from(ANA, "basics")
    assert resource_id(snap) == "grokking-algorithms"
    assert (await stored(store, ANA.user_id)).statuses == {"leetcode": "done"}
    with pytest.raises(UnknownItem):
        await learning.unskip_from(ANA, "no-such-step")


async def test_i_know_this_topic_marks_the_rest_not_needed_and_undo_takes_only_that_back(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.resolve(ANA, "grokking-algorithms", Status.DONE)
    outcome, n = await commits(store, learning.know_topic(ANA, "algorithms"))
    assert n == 1
    assert (await stored(store, ANA.user_id)).statuses == {
        "grokking-algorithms": "done",
        "leetcode": "unneeded",
    }
    assert outcome.undo is not None and outcome.snapshot.progress.path.unneeded == 1
    assert isinstance(outcome.snapshot.next, LanguageGap)  # the next topic: past algorithms
    await learning.unknow_topic(ANA, "algorithms")
    assert (await stored(store, ANA.user_id)).statuses == {"grokking-algorithms": "done"}
    with pytest.raises(UnknownItem):
        await learning.know_topic(ANA, "no-such-topic")


async def test_show_opens_any_card_and_changes_no_status(
    learning: LearningService, store: InMemoryStore
) -> None:
    snap = await learning.show(ANA, "leetcode")
    assert resource_id(snap) == "leetcode"
    assert (await stored(store, ANA.user_id)).statuses == {}


async def test_free_only_leaves_paid_resources_out_and_is_stored(
    learning: LearningService, store: InMemoryStore
) -> None:
    assert resource_id(await learning.open(ANA)) == "grokking-algorithms"  # paid
    snap = await learning.set_free_only(ANA, True)
    assert resource_id(snap) == "leetcode" and snap.state.free_only
    learner = (await stored(store, ANA.user_id)).learner
    assert learner is not None and learner.settings.free_only
    assert resource_id(await learning.set_free_only(ANA, False)) == "grokking-algorithms"


async def test_onboarding_records_the_roadmap_revision_and_a_reset_forgets_it(
    learning: LearningService, store: InMemoryStore
) -> None:
    await learning.set_start(ANA, None)
    learner = (await stored(store, ANA.user_id)).learner
    assert learner is not None and learner.settings.roadmap_revision == 2
    await learning.reset(ANA)
    learner = (await stored(store, ANA.user_id)).learner
    assert learner is not None and learner.settings.roadmap_revision is None
