"""Free-only paths, "not needed" and extras, on a small roadmap made for the purpose."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.roadmap.models import Roadmap
from bot.services.extras import newer_items, with_extras
from bot.services.path import Finished, LearnerState, NextResource, Status, next_item
from bot.services.tally import progress


def _res(rid: str, price: str | None = "free", since: int = 1) -> dict[str, Any]:
    return {
        "id": rid,
        "title": rid.upper(),
        "url": f"https://example.com/{rid}",
        "kind": "book",
        "language": "en",
        "price": price,
        "since": since,
    }


def _topic(tid: str, *resources: dict[str, Any]) -> dict[str, Any]:
    return {"id": tid, "title": {"en": tid, "fa": tid}, "resources": list(resources)}


ROADMAP = Roadmap.model_validate(
    {
        "version": 1,
        "revision": 2,
        "title": {"en": "R", "fa": "R"},
        "source": "tests",
        "steps": [
            {
                "id": "a",
                "number": 0,
                "title": {"en": "A", "fa": "A"},
                "topics": [
                    _topic("t1", _res("r1", "paid"), _res("r2"), _res("r3", since=2)),
                    _topic("t2", _res("r4", "paid", since=2)),
                ],
            },
            {
                "id": "b",
                "number": 1,
                "title": {"en": "B", "fa": "B"},
                "topics": [_topic("t3", _res("r5", None), _res("r6", since=2))],
            },
        ],
    }
)


def state(*, revision: int | None = None, **statuses: Status) -> LearnerState:
    return with_extras(ROADMAP, LearnerState(statuses=statuses, revision=revision))


def walk(start: LearnerState) -> list[str]:
    """Mark every offered resource done until nothing is left; the ids in order."""
    seen, current = [], start
    for _ in range(50):
        item = next_item(ROADMAP, current)
        if isinstance(item, Finished):
            return seen
        assert isinstance(item, NextResource)
        seen.append(item.resource.id)
        statuses = {**current.statuses, item.resource.id: Status.DONE}
        current = with_extras(ROADMAP, replace(current, statuses=statuses))
    raise AssertionError("the walk does not end")


def test_a_free_only_learner_is_never_offered_a_paid_resource_nor_counts_one() -> None:
    free = replace(state(), free_only=True)
    assert walk(free) == ["r2", "r3", "r5", "r6"]  # r5's price is unknown: it stays
    assert progress(ROADMAP, free).path.total == 4
    assert progress(ROADMAP, state()).path.total == 6


def test_not_needed_is_behind_the_learner_but_neither_done_nor_skipped() -> None:
    known = state(r1=Status.DONE, r2=Status.UNNEEDED, r3=Status.UNNEEDED)
    tally = progress(ROADMAP, known).path
    assert (tally.done, tally.skipped, tally.unneeded, tally.total) == (1, 0, 2, 6)
    assert tally.percent == 50  # 3 of 6 behind the learner
    item = next_item(ROADMAP, known)
    assert isinstance(item, NextResource) and item.resource.id == "r4"


def test_a_step_passed_before_it_grew_does_not_send_the_learner_back() -> None:
    old = state(revision=1, r1=Status.DONE, r2=Status.SKIPPED)
    assert old.extras == {"r3", "r4"}
    item = next_item(ROADMAP, old)
    assert isinstance(item, NextResource) and item.resource.id == "r5"
    report = progress(ROADMAP, old)
    assert (report.path.resolved, report.path.total) == (2, 4)  # r5, r6 left; extras apart
    assert [(step.id, tally.total) for step, tally in report.extras] == [("a", 2)]
    assert newer_items(ROADMAP, old) == 3  # r3, r4 and r6
    # After the old part of step b, r6 becomes an extra too; extras come last, in order.
    assert walk(old) == ["r5", "r3", "r4", "r6"]


def test_a_step_is_passed_when_what_it_held_on_the_learners_revision_is_behind_them() -> None:
    midway = state(revision=1, r1=Status.DONE)
    assert midway.extras == frozenset()  # still in step a: its new resources are on the path
    # Once step a's older resources are behind them, its newer ones are extras, offered last.
    assert walk(midway) == ["r2", "r5", "r3", "r4", "r6"]


@pytest.mark.parametrize("revision", [None, 2])
def test_a_learner_on_the_current_revision_has_no_extras(revision: int | None) -> None:
    assert state(revision=revision, r1=Status.DONE, r2=Status.DONE).extras == frozenset()
