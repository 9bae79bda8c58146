"""What a roadmap holds, counted: for ``python -m bot check`` and the admins' ``/reload``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.roadmap.models import Language, Resource, Roadmap, Step


@dataclass(frozen=True)
class LanguageCounts:
    """Resources by material language; ``untagged`` is for any language."""

    en: int = 0
    fa: int = 0
    untagged: int = 0

    @property
    def total(self) -> int:
        return self.en + self.fa + self.untagged

    @classmethod
    def of(cls, resources: Iterable[Resource]) -> LanguageCounts:
        items = list(resources)
        return cls(
            en=sum(r.language is Language.EN for r in items),
            fa=sum(r.language is Language.FA for r in items),
            untagged=sum(r.language is None for r in items),
        )


@dataclass(frozen=True)
class StepCounts:
    step: Step
    topics: int
    resources: int


@dataclass(frozen=True)
class RoadmapSummary:
    steps: int
    topics: int
    resources: LanguageCounts
    #: Resources from the seed Markdown, and those the editors added (``added: true``).
    seed: LanguageCounts
    added: LanguageCounts
    per_step: tuple[StepCounts, ...]


def summarize(roadmap: Roadmap) -> RoadmapSummary:
    resources = list(roadmap.resources())
    return RoadmapSummary(
        steps=len(roadmap.steps),
        topics=sum(len(step.topics) for step in roadmap.steps),
        resources=LanguageCounts.of(resources),
        seed=LanguageCounts.of(r for r in resources if not r.added),
        added=LanguageCounts.of(r for r in resources if r.added),
        per_step=tuple(
            StepCounts(step, len(step.topics), sum(len(t.resources) for t in step.topics))
            for step in roadmap.steps
        ),
    )


@dataclass(frozen=True)
class RoadmapChange:
    """Resource ids that appeared or disappeared between two versions of the file."""

    new: frozenset[str]
    removed: frozenset[str]


def compare(before: Roadmap, after: Roadmap) -> RoadmapChange:
    return RoadmapChange(
        new=after.resource_ids - before.resource_ids,
        removed=before.resource_ids - after.resource_ids,
    )
