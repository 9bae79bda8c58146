"""Extras: resources that joined a step after the learner had passed it (pure functions).

A roadmap revision never sends a learner back: in a step where every item their path held
on their revision is behind them, the newer items are offered after the rest of the path
and counted apart (``docs/conversation.md``, rule 11).
"""

from __future__ import annotations

from dataclasses import replace

from bot.roadmap.models import Resource, Roadmap
from bot.services.path import LearnerState, every_item, is_resolved, items, path_topics


def newer_items(roadmap: Roadmap, state: LearnerState) -> int:
    """How many items of the learner's path (extras included) joined the roadmap after the
    revision their path was built on."""
    if state.revision is None:
        return 0
    return sum(
        r.since > state.revision
        for _, topic in path_topics(roadmap, state)
        for r in every_item(topic, state)
    )


def with_extras(roadmap: Roadmap, state: LearnerState) -> LearnerState:
    """``state`` with its extras: resources newer than the learner's revision, in the steps
    where every older resource on their path is behind them (so a step they had passed
    does not send them back when it grows)."""
    revision = state.revision
    if revision is None or revision >= roadmap.revision:
        return replace(state, extras=frozenset())
    base = replace(state, extras=frozenset())
    found: set[str] = set()
    per_step: dict[str, list[Resource]] = {}
    for step, topic in path_topics(roadmap, base):
        per_step.setdefault(step.id, []).extend(items(topic, base))
    for on_path in per_step.values():
        old = [r for r in on_path if r.since <= revision]
        if old and all(is_resolved(base, r) for r in old):
            found.update(r.id for r in on_path if r.since > revision)
    return replace(state, extras=frozenset(found))
