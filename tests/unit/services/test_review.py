"""Spaced review: which stage of which finished topic is due, and the nudge that asks it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.roadmap.models import Roadmap
from bot.services import review
from bot.services.errors import UnknownItem
from bot.services.learning import LearningService
from bot.services.nudges import NudgeService, Outcome
from bot.services.path import LearnerState, Status
from bot.services.review import Due, ReviewService
from bot.services.snapshot import learner_state
from bot.services.who import Who
from tests.fakes.store import LearnerRecord, ProgressRecord, ReminderRecord, SettingsRecord
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import NOW, FixedClock, commits

L1 = Who(user_id=1, chat_id=101, first_name="L1", language_code="en")
WEEK = timedelta(weeks=1)
T = NOW  # when the topic was finished


@pytest.mark.parametrize(
    ("after", "settled", "stage"),
    [
        (WEEK - timedelta(seconds=1), set(), None),  # not yet
        (WEEK, set(), 1),
        (2 * WEEK, set(), 1),  # the nudge that asked it failed: asked again
        (2 * WEEK, {1}, None),
        (4 * WEEK, {1}, 2),
        (4 * WEEK, set(), 2),  # stage 1 missed: only the latest is asked
        (11 * WEEK, {2}, None),
        (12 * WEEK, {2}, 3),
        (40 * WEEK, set(), 3),  # away for months: stage 3, once, not three questions
        (40 * WEEK, {3}, None),
        (40 * WEEK, {1, 2, 3}, None),
    ],
)
def test_the_due_stage_is_the_latest_come_due_and_not_settled(
    after: timedelta, settled: set[int], stage: int | None
) -> None:
    assert review.due_stage(T, T + after, settled) == stage


def test_one_review_per_nudge_the_stage_that_came_due_first() -> None:
    finished = {"sql": T, "git": T - 3 * WEEK, "http": T + 2 * WEEK}
    now = T + 4 * WEEK + timedelta(days=1)
    # git: stage 2 due at T+1w; sql: stage 2 due at T+4w; http: stage 1 due at T+3w.
    assert review.next_review(finished, {}, now) == Due("git", 2, T + WEEK)
    assert review.next_review(finished, {"git": {2}}, now) == Due("http", 1, T + 3 * WEEK)
    settled = {"git": {2}, "http": {1}, "sql": {2}}
    assert review.next_review(finished, settled, now) is None


def _state(roadmap: Roadmap, statuses: dict[str, str]) -> LearnerState:
    return learner_state(
        roadmap,
        material="en",
        framework=None,
        start_at=None,
        elective=None,
        statuses=statuses,
        topics=frozenset(),
    )


@pytest.mark.parametrize(
    ("statuses", "finished"),
    [
        ({"grokking-algorithms": "done", "leetcode": "done"}, True),
        ({"grokking-algorithms": "done", "leetcode": "skipped"}, True),
        ({"grokking-algorithms": "skipped", "leetcode": "skipped"}, False),  # nothing done
        ({"grokking-algorithms": "done", "leetcode": "started"}, False),
        ({"grokking-algorithms": "done"}, False),
    ],
)
def test_a_topic_is_finished_as_progress_counts_it_at_its_latest_change(
    small_roadmap: Roadmap, statuses: dict[str, str], finished: bool
) -> None:
    updated = {rid: T + timedelta(days=i) for i, rid in enumerate(sorted(statuses))}
    found = review.finished_topics(small_roadmap, _state(small_roadmap, statuses), updated)
    assert found == ({"algorithms": max(updated.values())} if finished else {})


def _finished_algorithms(store: InMemoryStore, at: datetime, *, review_on: bool = True) -> None:
    """Learner 1, nudged Mondays 11:00 UTC, who finished the topic "algorithms" at ``at``."""
    earlier = at - 30 * WEEK
    store.learners[1] = LearnerRecord(1, 101, "L1", "en", earlier, earlier, earlier)
    store.settings[1] = SettingsRecord(1, "en", "en", review=review_on)
    store.reminders[1] = ReminderRecord(1, enabled=True, weekday=0, hour=11, timezone="UTC")
    for rid, status in (("grokking-algorithms", "done"), ("leetcode", "skipped")):
        store.progress[1, rid] = ProgressRecord(1, rid, status, at)


async def _nudge(
    nudges: NudgeService, store: InMemoryStore, clock: FixedClock, *, sent: bool = True
) -> Due | None:
    """Make learner 1 due now and prepare their nudge; the review it asks. Then record
    that Telegram took it (``sent``) or refused it for good."""
    store.reminders[1].next_at = clock()
    store.reminders[1].claimed_until = store.reminders[1].sending_since = None
    (prepared, n) = await commits(store, nudges.prepare(await nudges.claim(limit=10)))
    assert n == 1  # the review is decided and recorded in the nudge's own transaction
    [nudge] = prepared.nudges
    await nudges.record([Outcome(1, "sent" if sent else "failed")])
    return nudge.review


async def test_each_stage_is_asked_by_one_nudge_that_went_out_answered_or_not(
    nudges: NudgeService, store: InMemoryStore, clock: FixedClock
) -> None:
    _finished_algorithms(store, NOW - WEEK)
    reviews = ReviewService(fake_units(store), nudges.roadmap, clock)
    assert await _nudge(nudges, store, clock, sent=False) == Due("algorithms", 1, NOW)
    clock.advance(weeks=1)
    assert await _nudge(nudges, store, clock) == Due("algorithms", 1, NOW)  # that one failed
    assert store.reviews[1, "algorithms", 1].asked == 2
    clock.advance(weeks=1)
    assert await _nudge(nudges, store, clock) is None  # asked: not again, unanswered
    statuses = dict(store.progress)
    await reviews.answer(L1, "algorithms", 1, "yes")  # a late answer still counts
    assert store.reviews[1, "algorithms", 1].answer == "yes"
    assert dict(store.progress) == statuses  # progress unchanged
    clock.now = NOW + 3 * WEEK
    assert await _nudge(nudges, store, clock) == Due("algorithms", 2, NOW + 3 * WEEK)
    clock.advance(weeks=1)
    assert await _nudge(nudges, store, clock) is None
    await reviews.answer(L1, "algorithms", 2, "open")
    clock.now = NOW + 20 * WEEK
    assert await _nudge(nudges, store, clock) == Due("algorithms", 3, NOW + 11 * WEEK)
    clock.advance(weeks=1)
    assert await _nudge(nudges, store, clock) is None
    answers = {key[2]: (r.asked, r.answer) for key, r in store.reviews.items()}
    assert answers == {1: (2, "yes"), 2: (1, "open"), 3: (1, None)}


async def test_no_review_question_for_a_learner_who_turned_them_off(
    nudges: NudgeService, store: InMemoryStore, clock: FixedClock
) -> None:
    _finished_algorithms(store, NOW - 2 * WEEK, review_on=False)
    assert await _nudge(nudges, store, clock) is None
    assert store.reviews == {}


async def test_answers_to_stages_never_asked_or_topics_gone_are_stale(
    nudges: NudgeService, store: InMemoryStore, clock: FixedClock, learning: LearningService
) -> None:
    _finished_algorithms(store, NOW - WEEK)
    reviews = ReviewService(fake_units(store), nudges.roadmap, clock)
    with pytest.raises(UnknownItem):
        await reviews.answer(L1, "algorithms", 1, "yes")  # never asked
    with pytest.raises(UnknownItem):
        await reviews.answer(L1, "no-such-topic", 1, "yes")
    await _nudge(nudges, store, clock)
    with pytest.raises(UnknownItem):
        await reviews.answer(L1, "algorithms", 2, "yes")  # stage 1 was asked
    await learning.reset(L1)
    assert store.reviews == {}  # /reset clears the stages
    assert Status.DONE not in {r.status for r in store.progress.values()}


def test_a_finished_hands_on_elective_comes_back_too(small_roadmap: Roadmap) -> None:
    statuses = {"pro-git": "done"}
    updated = {"pro-git": T}
    found = review.finished_topics(small_roadmap, _state(small_roadmap, statuses), updated)
    assert found == {"git": T}
