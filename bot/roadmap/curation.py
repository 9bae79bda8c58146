"""The hand-curated ``data/curation.yaml``, and its merge with the seed.

The curation supplies ids, translations, modes and additions; :func:`build` joins them to
the seed's links into the plain data of ``roadmap.yaml``, checking that every seed link
has a pinned id and every seed section is taken exactly once.
"""

from __future__ import annotations

from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.roadmap.models import Kind, Language, Level, LocalizedText, StepMode
from bot.roadmap.seed import ImporterError, Seed, SeedLink, SeedStep
from bot.roadmap.writer import Data


class _Curated(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PinnedId(_Curated):
    """The id a seed link keeps, keyed by its URL and language."""

    id: str
    url: str
    language: Language | None
    #: The pinned id of the original this link translates (one work in two languages).
    translation_of: str | None = None


class Addition(_Curated):
    """A resource the seed does not have, for a topic where the seed is empty."""

    id: str
    title: str
    url: str
    kind: Kind
    language: Language | None
    added: Literal[True]


class CuratedIntro(_Curated):
    """A step's intro: its Persian translation, and English only where the seed has none."""

    en: str | None = None  # only where the seed step has no prose of its own
    fa: str
    #: How many first lines congratulate a learner who came through the ordered steps:
    #: they become the step's ``reached`` text, said only when it is true.
    reached_lines: int = 0


class CuratedTopic(_Curated):
    """A topic: which seed section (or the step's own links) it takes, or its additions."""

    id: str
    title: LocalizedText
    seed: str | None = None
    seed_step_links: bool = False
    shared: bool = False
    additions: list[Addition] = []


class CuratedStep(_Curated):
    """A seed step (named by its heading) with its id, translated title, mode and topics."""

    seed: str
    id: str
    title: LocalizedText
    mode: StepMode
    intro: CuratedIntro | None = None
    topics: list[CuratedTopic]


class Curation(_Curated):
    """The whole curation file: the roadmap's title and source, pinned ids, and steps."""

    title: LocalizedText
    source: str
    resource_ids: list[PinnedId]
    steps: list[CuratedStep]


def parse_curation(text: str) -> Curation:
    """Parse and type-check ``curation.yaml``."""
    try:
        return Curation.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise ImporterError([f"curation: invalid YAML: {exc}"]) from exc
    except ValidationError as exc:
        problems = [
            f"curation: {'.'.join(str(p) for p in err['loc']) or '<top>'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ImporterError(problems) from exc


def build(seed: Seed, curation: Curation) -> Data:
    """Merge seed and curation into the plain data of ``roadmap.yaml``."""
    errors: list[str] = []
    pins: dict[tuple[str, Language | None], str] = {}
    for pin in curation.resource_ids:
        key = (pin.url, pin.language)
        if key in pins:
            errors.append(f"curation: {pin.url} ({pin.language}) is pinned twice")
        pins[key] = pin.id
    translations = {pin.id: pin.translation_of for pin in curation.resource_ids}
    used: set[tuple[str, Language | None]] = set()
    seed_heads = [s.heading for s in seed.steps]
    curated_heads = [s.seed for s in curation.steps]
    if curated_heads != seed_heads:
        errors.append(f"curation: steps {curated_heads} must be the seed's steps {seed_heads}")
    steps = [
        _build_step(seed_step, cur, pins, translations, used, errors)
        for seed_step, cur in zip(seed.steps, curation.steps, strict=False)
        if seed_step.heading == cur.seed
    ]
    for (url, language), rid in pins.items():
        if (url, language) not in used:
            errors.append(f"curation: pinned id {rid!r} ({url}, {language}) matches no seed link")
    if errors:
        raise ImporterError(errors)
    return {
        "version": 1,
        "title": curation.title.model_dump(),
        "source": curation.source,
        "steps": steps,
    }


def _build_step(
    seed: SeedStep,
    cur: CuratedStep,
    pins: dict[tuple[str, Language | None], str],
    translations: dict[str, str | None],
    used: set[tuple[str, Language | None]],
    errors: list[str],
) -> Data:
    where = f"step {cur.id!r}"
    sections = {s.name: s for s in seed.sections}
    taken: list[str] = []
    topics: list[Data] = []
    for topic in cur.topics:
        links: list[SeedLink] = []
        level: Level | None = None
        if topic.seed is not None:
            section = sections.get(topic.seed)
            if section is None:
                errors.append(f"{where}: topic {topic.id!r}: no seed section {topic.seed!r}")
            else:
                links, level = section.links, section.level
                taken.append(section.name)
        elif topic.seed_step_links:
            links = seed.links
            taken.append("")
        if links and topic.additions:
            errors.append(f"{where}: topic {topic.id!r}: additions only where the seed is empty")
        resources: list[Data] = []
        for link in links:
            rid = pins.get((link.url, link.language))
            used.add((link.url, link.language))
            if rid is None:
                errors.append(
                    f"seed line {link.line}: link {link.title!r} {link.url} "
                    f"({link.language}) has no pinned id in curation resource_ids"
                )
                continue
            resource = _resource(rid, link.title, link.url, link.kind, link.language)
            if translations.get(rid):
                resource["translation_of"] = translations[rid]
            resources.append(resource)
        for add in topic.additions:
            resources.append(_resource(add.id, add.title, add.url, add.kind, add.language, True))
        if not resources:
            errors.append(f"{where}: topic {topic.id!r} has no resources")
        topics.append(_topic(topic, level, resources))
    expected = [s.name for s in seed.sections] + ([""] if seed.links else [])
    if taken != [name for name in expected if name in taken] or set(taken) != set(expected):
        errors.append(
            f"{where}: topics must take each seed section once, in seed order: "
            f"seed has {expected}, curation takes {taken} ('' = the step's own links)"
        )
    step: Data = {"id": cur.id, "number": seed.number, "title": cur.title.model_dump()}
    step["mode"] = cur.mode.value
    intro = _intro(seed, cur, errors)
    if intro and cur.intro and cur.intro.reached_lines:
        step["reached"], intro = _split(intro, cur.intro.reached_lines)
    if intro:
        step["intro"] = intro
    step["topics"] = topics
    return step


def _intro(seed: SeedStep, cur: CuratedStep, errors: list[str]) -> dict[str, str] | None:
    seed_en = "\n".join(line for line in seed.prose if line)
    if cur.intro is None:
        if seed_en:
            errors.append(f"step {cur.id!r}: the seed has an intro: translate it (intro.fa)")
        return None
    if seed_en and cur.intro.en:
        errors.append(f"step {cur.id!r}: intro.en comes from the seed; remove it from curation")
    en = seed_en or cur.intro.en
    if not en:
        errors.append(f"step {cur.id!r}: intro.fa without an English intro")
        return None
    return {"en": en, "fa": cur.intro.fa.strip()}


def _split(text: dict[str, str], lines: int) -> tuple[dict[str, str], dict[str, str]]:
    """The first ``lines`` lines of each language, and the rest."""
    head = {lang: "\n".join(value.splitlines()[:lines]) for lang, value in text.items()}
    rest = {lang: "\n".join(value.splitlines()[lines:]) for lang, value in text.items()}
    return head, rest


def _topic(topic: CuratedTopic, level: Level | None, resources: list[Data]) -> Data:
    data: Data = {"id": topic.id, "title": topic.title.model_dump()}
    if level is not None:
        data["level"] = level.value
    if topic.shared:
        data["shared"] = True
    data["resources"] = resources
    return data


def _resource(
    rid: str, title: str, url: str, kind: Kind, language: Language | None, added: bool = False
) -> Data:
    data: Data = {"id": rid, "title": title, "url": url, "kind": kind.value}
    data["language"] = language.value if language else None
    if added:
        data["added"] = True
    return data
