"""What a roadmap holds, counted: for ``python -m bot check`` and the admins' ``/reload``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.roadmap.models import Language, Origin, Price, Resource, Roadmap, Step


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
        found = Counter(r.language for r in resources)
        return cls(en=found[Language.EN], fa=found[Language.FA], untagged=found[None])


@dataclass(frozen=True)
class SourceCounts:
    """Resources by where they come from."""

    seed: int = 0
    upstream: int = 0
    ours: int = 0

    @classmethod
    def of(cls, resources: Iterable[Resource]) -> SourceCounts:
        found = Counter(r.source for r in resources)
        return cls(
            seed=found[Origin.SEED], upstream=found[Origin.UPSTREAM], ours=found[Origin.OURS]
        )


@dataclass(frozen=True)
class PriceCounts:
    """Resources by price; ``unknown`` where neither the source nor our editors say."""

    free: int = 0
    paid: int = 0
    unknown: int = 0

    @classmethod
    def of(cls, resources: Iterable[Resource]) -> PriceCounts:
        found = Counter(r.price for r in resources)
        return cls(free=found[Price.FREE], paid=found[Price.PAID], unknown=found[None])


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
    sources: SourceCounts
    prices: PriceCounts
    per_step: tuple[StepCounts, ...]


def summarize(roadmap: Roadmap) -> RoadmapSummary:
    resources = list(roadmap.resources())
    return RoadmapSummary(
        steps=len(roadmap.steps),
        topics=sum(len(step.topics) for step in roadmap.steps),
        resources=LanguageCounts.of(resources),
        sources=SourceCounts.of(resources),
        prices=PriceCounts.of(resources),
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
