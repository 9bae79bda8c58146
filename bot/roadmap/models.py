"""Typed model of ``data/roadmap.yaml``: steps, topics and resources with stable ids."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

#: Ids are short, lowercase slugs: they travel inside 64-byte callback data and
#: are the keys of a learner's saved progress, so they must never change.
Slug = Annotated[str, Field(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]


class Kind(StrEnum):
    """What sort of material a resource is."""

    BOOK = "book"
    VIDEO = "video"
    COURSE = "course"
    PLATFORM = "platform"  # exercises and practice sites
    WEBSITE = "website"
    DOCS = "docs"
    TUTORIAL = "tutorial"
    ARTICLE = "article"
    REPOSITORY = "repository"
    LIST = "list"  # a curated list ("awesome" list)
    TEMPLATE = "template"  # a project generator
    LINK = "link"


class Price(StrEnum):
    """What a resource costs, as its source or our editors label it."""

    FREE = "free"
    PAID = "paid"


class Origin(StrEnum):
    """Where a resource comes from."""

    SEED = "seed"  # the roadmap as it was given to us
    UPSTREAM = "upstream"  # the same author's later document
    OURS = "ours"  # added by this project's editors


class Language(StrEnum):
    """The language a resource is written or spoken in."""

    EN = "en"
    FA = "fa"


class Level(StrEnum):
    """Python proficiency levels of Step 1."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class StepMode(StrEnum):
    """How a learner moves through a step."""

    ORDERED = "ordered"  # every topic, in file order
    CHOOSE_ONE = "choose_one"  # exactly one option topic plus the shared topics
    ELECTIVES = "electives"  # any topic, in any order


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


#: An effort estimate: whole hours of study, 1 to 1000.
Hours = Annotated[int, Field(strict=True, ge=1, le=1000)]

#: The estimate of a resource when the roadmap has no ``effort`` block and no ``hours``.
FALLBACK_HOURS = 1


class Effort(_Model):
    """Our editors' estimates of study hours: per kind, and per kind at a topic's level."""

    kinds: dict[Kind, Hours]
    levels: dict[Level, dict[Kind, Hours]] = {}

    @model_validator(mode="after")
    def _check_kinds(self) -> Effort:
        missing = [kind.value for kind in Kind if kind not in self.kinds]
        if missing:
            raise ValueError(f"kinds: no estimate for {', '.join(missing)}")
        return self

    def hours(self, kind: Kind, level: Level | None) -> int:
        """The estimate for a resource of ``kind`` in a topic at ``level``."""
        by_level = self.levels.get(level, {}) if level is not None else {}
        return by_level.get(kind, self.kinds[kind])


class LocalizedText(_Model):
    """A text in both interface languages."""

    en: Annotated[str, Field(min_length=1, max_length=1000)]
    fa: Annotated[str, Field(min_length=1, max_length=1000)]

    def get(self, locale: str) -> str:
        return self.fa if locale == "fa" else self.en


class Edition(_Model):
    """An earlier edition of a resource that the card still links."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    url: AnyHttpUrl


class Resource(_Model):
    id: Slug
    #: The title the source gives it (for a Persian resource, often an English one).
    title: Annotated[str, Field(min_length=1, max_length=200)]
    #: A Persian resource's Persian title, shown in its place (see ``display_title``).
    title_fa: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    url: AnyHttpUrl
    kind: Kind
    #: ``None`` is an untagged resource: useful whatever the learner's language.
    language: Language | None
    #: Written by the importer for every resource; a resource an operator adds by hand is ours.
    source: Origin = Origin.OURS
    #: ``None``: neither the source nor our editors know.
    price: Price | None = None
    #: The roadmap revision since which the resource is in its step: a learner who had
    #: passed the step before then is offered it as an extra, not sent back to it.
    since: Annotated[int, Field(ge=1)] = 1
    #: The id of the resource (same topic) this one translates: one work in two languages,
    #: one item on a path that shows both languages, and one status for both.
    translation_of: Slug | None = None
    #: The edition the seed linked, where the source now links a newer one.
    earlier: Edition | None = None
    #: Study hours, where our editors know better than the roadmap's ``effort`` defaults.
    hours: Hours | None = None

    @model_validator(mode="after")
    def _check_title_fa(self) -> Resource:
        if self.title_fa is not None and self.language is not Language.FA:
            raise ValueError("title_fa: only a Persian resource (language: fa) has a Persian title")
        return self

    @property
    def display_title(self) -> str:
        """The title a learner sees: a Persian resource's Persian title, else the original."""
        return self.title_fa if self.title_fa is not None else self.title


class Topic(_Model):
    id: Slug
    title: LocalizedText
    level: Level | None = None
    #: In a ``choose_one`` step: part of the step whatever option the learner chose.
    shared: bool = False
    resources: Annotated[list[Resource], Field(min_length=1)]

    def languages(self) -> set[Language]:
        return {r.language for r in self.resources if r.language is not None}


class Step(_Model):
    id: Slug
    #: The seed's step number; ``None`` for the unnumbered hands-on section.
    number: int | None = None
    title: LocalizedText
    mode: StepMode = StepMode.ORDERED
    intro: LocalizedText | None = None
    #: Said before the intro only to a learner who came through every ordered step
    #: (the seed's "Congrats! You have passed steps 1, 2, and 3").
    reached: LocalizedText | None = None
    topics: Annotated[list[Topic], Field(min_length=1)]

    @model_validator(mode="after")
    def _check_mode(self) -> Step:
        shared = [t.id for t in self.topics if t.shared]
        if shared and self.mode is not StepMode.CHOOSE_ONE:
            raise ValueError(f"only a choose_one step can have shared topics: {', '.join(shared)}")
        if self.mode is StepMode.CHOOSE_ONE and len(shared) == len(self.topics):
            raise ValueError("a choose_one step needs at least one topic that is not shared")
        return self

    @property
    def options(self) -> list[Topic]:
        """The topics a learner picks from (choose_one and electives steps)."""
        return [t for t in self.topics if not t.shared]


class Roadmap(_Model):
    version: Literal[1]
    #: Grows whenever steps gain resources; see ``Resource.since``.
    revision: Annotated[int, Field(ge=1)] = 1
    title: LocalizedText
    source: str
    #: Default study hours per kind and level; ``None``: every resource counts
    #: ``FALLBACK_HOURS`` unless it has its own ``hours``.
    effort: Effort | None = None
    steps: Annotated[list[Step], Field(min_length=1)]

    _resources: dict[str, Resource] = PrivateAttr(default_factory=dict)
    _topics: dict[str, Topic] = PrivateAttr(default_factory=dict)
    _steps: dict[str, Step] = PrivateAttr(default_factory=dict)
    _topic_of: dict[str, Topic] = PrivateAttr(default_factory=dict)
    _step_of: dict[str, Step] = PrivateAttr(default_factory=dict)
    _works: dict[str, tuple[str, ...]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_ids(self) -> Roadmap:
        problems: list[str] = []
        places: dict[str, str] = {}
        for si, step in enumerate(self.steps):
            if step.id in self._steps:
                problems.append(f"steps[{si}].id: duplicate step id {step.id!r}")
            self._steps[step.id] = step
            for ti, topic in enumerate(step.topics):
                where = f"steps[{si}].topics[{ti}]"
                if topic.id in self._topics:
                    problems.append(f"{where}.id: duplicate topic id {topic.id!r}")
                self._topics[topic.id] = topic
                self._step_of[topic.id] = step
                for ri, res in enumerate(topic.resources):
                    rwhere = f"{where}.resources[{ri}]"
                    if res.id in self._resources:
                        problems.append(f"{rwhere}.id: duplicate resource id {res.id!r}")
                    self._resources[res.id] = res
                    places[res.id] = rwhere
                    self._topic_of[res.id] = topic
                    self._step_of[res.id] = step
        problems.extend(self._link_translations())
        problems.extend(self._check_urls(places))
        modes = [s.mode for s in self.steps]
        if modes.count(StepMode.CHOOSE_ONE) > 1:
            problems.append("steps: at most one step can be choose_one (the framework choice)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _link_translations(self) -> list[str]:
        """Group each translation with its original; the problems found."""
        problems: list[str] = []
        for rid, res in self._resources.items():
            original = self._resources.get(res.translation_of or "")
            if res.translation_of is None:
                continue
            if original is None or self._topic_of[original.id] is not self._topic_of[rid]:
                problems.append(
                    f"resource {rid!r}: translation_of {res.translation_of!r} is not a resource"
                    " of the same topic"
                )
            elif original.translation_of is not None or original.language == res.language:
                problems.append(
                    f"resource {rid!r}: translation_of {original.id!r} must name an original"
                    " in another language"
                )
            else:
                work = (*self._works.get(original.id, (original.id,)), rid)
                for member in work:
                    self._works[member] = work
        return problems

    def _check_urls(self, places: dict[str, str]) -> list[str]:
        """One resource per URL, and no resource newer than the roadmap."""
        problems: list[str] = []
        seen: dict[str, str] = {}
        for rid, res in self._resources.items():
            url, where = str(res.url), places[rid]
            if url in seen:
                problems.append(f"{where}.url: the same URL as resource {seen[url]!r}: {url}")
            seen.setdefault(url, rid)
            if res.since > self.revision:
                problems.append(
                    f"{where}.since: {res.since} is after the roadmap's revision {self.revision}"
                )
        return problems

    # -- look-ups ---------------------------------------------------------------
    def resource(self, resource_id: str) -> Resource | None:
        return self._resources.get(resource_id)

    def topic(self, topic_id: str) -> Topic | None:
        return self._topics.get(topic_id)

    def step(self, step_id: str) -> Step | None:
        return self._steps.get(step_id)

    def topic_of(self, resource_id: str) -> Topic:
        return self._topic_of[resource_id]

    def step_of(self, topic_or_resource_id: str) -> Step:
        return self._step_of[topic_or_resource_id]

    def hours(self, resource: Resource) -> int:
        """The study hours of ``resource``: its own estimate, else the roadmap's default."""
        if resource.hours is not None:
            return resource.hours
        if self.effort is None:
            return FALLBACK_HOURS
        return self.effort.hours(resource.kind, self.topic_of(resource.id).level)

    def same_work(self, resource_id: str) -> tuple[str, ...]:
        """The resource and its translations (or original): one work, one status."""
        return self._works.get(resource_id, (resource_id,))

    def resources(self) -> Iterator[Resource]:
        return iter(self._resources.values())

    @property
    def resource_ids(self) -> frozenset[str]:
        return frozenset(self._resources)

    @property
    def choice_step(self) -> Step | None:
        """The step where the learner chooses one framework, if the roadmap has one."""
        return next((s for s in self.steps if s.mode is StepMode.CHOOSE_ONE), None)

    @property
    def elective_steps(self) -> list[Step]:
        return [s for s in self.steps if s.mode is StepMode.ELECTIVES]
