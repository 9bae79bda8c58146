"""Seed + upstream + curation → the plain data of ``roadmap.yaml``.

The structure, titles, levels, prices and intros follow the upstream document; a seed link
keeps the seed's facts (language, kind, topic) and ``source: seed``; the curation supplies
ids (pinned by URL and language), Persian texts, modes, prices of ours and additions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.roadmap.curation import (
    Addition,
    CuratedStep,
    CuratedTopic,
    Curation,
    PinnedId,
    line_of,
)
from bot.roadmap.markdown import ImporterError, Link
from bot.roadmap.models import Language, Origin
from bot.roadmap.revisions import Revisions, current_revision, since
from bot.roadmap.seed import Seed
from bot.roadmap.upstream import Upstream
from bot.roadmap.writer import Data


@dataclass(frozen=True)
class Inputs:
    """Everything the importer reads, with the names its problems are reported under."""

    seed: Seed
    upstream: Upstream
    curation: Curation
    revisions: Revisions
    curation_text: str = ""
    seed_path: str = "seed"
    upstream_path: str = "upstream"
    curation_path: str = "curation"


@dataclass(frozen=True)
class _Placed:
    """A link with the topic it goes to and, for a seed link, the seed's own link."""

    link: Link
    topic: str
    seed: Link | None


@dataclass
class _Merge:
    inputs: Inputs
    errors: list[str] = field(default_factory=list)
    used_pins: set[str] = field(default_factory=set)

    def at(self, path: str, line: int | None, problem: str) -> None:
        self.errors.append(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


def build(inputs: Inputs) -> Data:
    """Merge the inputs into the plain data of ``roadmap.yaml``."""
    merge = _Merge(inputs)
    cur = inputs.curation
    upstream_topic = _claims(merge, "upstream", _upstream_places(inputs.upstream))
    seed_topic = _claims(merge, "seed", _seed_places(inputs.seed))
    seed_links = _seed_links(merge, seed_topic)
    placed = _place(merge, upstream_topic, seed_links)
    pins = _pins(merge)
    _check_additions(merge, {p.link.url for items in placed.values() for p in items})
    steps = [_step(merge, step, placed, pins) for step in cur.steps]
    for key, pin in pins.items():
        if pin.id not in merge.used_pins:
            line = line_of(inputs.curation_text, pin.url)
            merge.at(inputs.curation_path, line, f"pinned id {pin.id!r} {key} matches no link")
    if merge.errors:
        raise ImporterError(merge.errors)
    data: Data = {
        "version": 1,
        "revision": current_revision(inputs.revisions),
        "title": cur.title.model_dump(),
        "source": cur.source,
    }
    if cur.effort is not None:
        data["effort"] = cur.effort.model_dump(mode="json")
    data["steps"] = steps
    return data


# -- places ---------------------------------------------------------------------------------


def _upstream_places(upstream: Upstream) -> dict[str, list[Link]]:
    """Every part of the document by place (``"Section > Part"``), links deduplicated later."""
    places: dict[str, list[Link]] = {}
    for section in upstream.sections:
        if section.heading == "Hands-on Experience":
            continue
        if not section.parts:
            places[section.heading] = []
        for part in section.parts:
            key = f"{section.heading} > {part.name}" if part.name else section.heading
            places[key] = part.links
    return places


def _seed_places(seed: Seed) -> dict[str, list[Link]]:
    places: dict[str, list[Link]] = {}
    for step in seed.steps:
        for section in step.sections:
            if section.links:
                places[f"{step.heading} > {section.name}"] = section.links
        if step.links:
            places[step.heading] = step.links
    return places


def _claims(merge: _Merge, which: str, places: dict[str, list[Link]]) -> dict[str, list[Link]]:
    """Topic id -> the links of the place it takes; every place taken exactly once."""
    taken: dict[str, str] = {}
    by_topic: dict[str, list[Link]] = {}
    where = merge.inputs.curation_path
    for step in merge.inputs.curation.steps:
        for topic in step.topics:
            place = topic.upstream if which == "upstream" else topic.seed
            if place is None:
                continue
            if place not in places:
                merge.at(where, None, f"topic {topic.id!r}: no {which} place {place!r}")
            elif place in taken:
                merge.at(where, None, f"{which} place {place!r} taken by {taken[place]!r} too")
            else:
                taken[place] = topic.id
                by_topic[topic.id] = places[place]
    for place in places:
        if place not in taken:
            merge.at(where, None, f"no topic takes the {which} place {place!r}")
    return by_topic


def _seed_links(merge: _Merge, seed_topic: dict[str, list[Link]]) -> dict[str, tuple[Link, str]]:
    """Seed URL -> its link and the topic the seed puts it in; duplicates refused."""
    found: dict[str, tuple[Link, str]] = {}
    for topic, links in seed_topic.items():
        for link in links:
            if link.url in found:
                first = found[link.url][0].line
                path = merge.inputs.seed_path
                merge.at(path, link.line, f"duplicate URL {link.url} (first at line {first})")
            else:
                found[link.url] = (link, topic)
    return found


def _place(
    merge: _Merge,
    upstream_topic: dict[str, list[Link]],
    seed_links: dict[str, tuple[Link, str]],
) -> dict[str, list[_Placed]]:
    """Topic id -> its links: upstream's, each seed link in the seed's topic."""
    cur, path = merge.inputs.curation, merge.inputs.upstream_path
    replaced = {r.url: r.seed_url for r in cur.replaced}
    placed: dict[str, list[_Placed]] = {}
    first: dict[str, Link] = {}
    for topic, links in upstream_topic.items():
        for link in links:
            if link.url in first:
                if link.url not in cur.merged_duplicates:
                    earlier = first[link.url].line
                    merge.at(path, link.line, f"duplicate URL {link.url} (first at line {earlier})")
                continue
            first[link.url] = link
            seed = seed_links.get(replaced.get(link.url, link.url))
            target = seed[1] if seed else topic
            placed.setdefault(target, []).append(_Placed(link, target, seed[0] if seed else None))
    for url in cur.merged_duplicates:
        if sum(link.url == url for links in upstream_topic.values() for link in links) < 2:
            merge.at(merge.inputs.curation_path, None, f"merged duplicate {url} is not repeated")
    for replacement in cur.replaced:
        if replacement.seed_url not in seed_links or replacement.url not in first:
            where = merge.inputs.curation_path
            merge.at(where, None, f"replacement {replacement.url}: not a seed → upstream link")
    _place_seed_only(merge, seed_links, set(first) | set(replaced.values()), placed)
    return placed


def _place_seed_only(
    merge: _Merge,
    seed_links: dict[str, tuple[Link, str]],
    covered: set[str],
    placed: dict[str, list[_Placed]],
) -> None:
    """Seed links upstream dropped: kept where declared, errors otherwise."""
    for url, (link, topic) in seed_links.items():
        if url in covered:
            continue
        if url in merge.inputs.curation.seed_only:
            placed.setdefault(topic, []).append(_Placed(link, topic, link))
        else:
            merge.at(
                merge.inputs.seed_path,
                link.line,
                f"seed link {url} is neither in the upstream document nor declared"
                " replaced nor kept (seed_only) in the curation",
            )


def _pins(merge: _Merge) -> dict[tuple[str, Language | None], PinnedId]:
    pins: dict[tuple[str, Language | None], PinnedId] = {}
    for pin in merge.inputs.curation.resource_ids:
        key = (pin.url, pin.language)
        if key in pins:
            line = line_of(merge.inputs.curation_text, pin.url)
            merge.at(merge.inputs.curation_path, line, f"{pin.url} is pinned twice")
        pins[key] = pin
    return pins


def _check_additions(merge: _Merge, linked: set[str]) -> None:
    """No addition repeats a URL of the documents or of another addition."""
    seen = linked | set(_seed_urls(merge.inputs.seed))
    for step in merge.inputs.curation.steps:
        for topic in step.topics:
            for add in topic.additions:
                if add.url in seen:
                    line = line_of(merge.inputs.curation_text, f"id: {add.id}")
                    merge.at(merge.inputs.curation_path, line, f"duplicate URL {add.url}")
                seen.add(add.url)


def _seed_urls(seed: Seed) -> list[str]:
    return [link.url for links in _seed_places(seed).values() for link in links]


# -- steps, topics, resources -----------------------------------------------------------------


def _step(
    merge: _Merge,
    cur: CuratedStep,
    placed: dict[str, list[_Placed]],
    pins: dict[tuple[str, Language | None], PinnedId],
) -> Data:
    section = next((s for s in merge.inputs.upstream.sections if s.heading == cur.upstream), None)
    if section is None:
        merge.at(merge.inputs.curation_path, None, f"step {cur.id!r}: no section {cur.upstream!r}")
    step: Data = {"id": cur.id, "number": section.number if section else None}
    step["title"] = cur.title.model_dump()
    step["mode"] = cur.mode.value
    intro = _intro(merge, cur, section.prose if section else [])
    if intro and cur.intro and cur.intro.reached_lines:
        step["reached"], intro = _split(intro, cur.intro.reached_lines)
    if intro:
        step["intro"] = intro
    step["topics"] = [_topic(merge, cur.id, t, placed.get(t.id, []), pins) for t in cur.topics]
    return step


def _topic(
    merge: _Merge,
    step_id: str,
    cur: CuratedTopic,
    placed: list[_Placed],
    pins: dict[tuple[str, Language | None], PinnedId],
) -> Data:
    resources = [_resource(merge, step_id, item, pins) for item in placed]
    resources += [_addition(merge, step_id, add) for add in cur.additions]
    if not resources:
        merge.at(merge.inputs.curation_path, None, f"topic {cur.id!r} has no resources")
    data: Data = {"id": cur.id, "title": cur.title.model_dump()}
    level = _level(merge, cur)
    if level is not None:
        data["level"] = level
    if cur.shared:
        data["shared"] = True
    data["resources"] = [r for r in resources if r]
    return data


def _level(merge: _Merge, cur: CuratedTopic) -> str | None:
    for section in merge.inputs.upstream.sections:
        for part in section.parts:
            if cur.upstream == f"{section.heading} > {part.name}" and part.level:
                return part.level.value
    return None


def _resource(
    merge: _Merge,
    step_id: str,
    item: _Placed,
    pins: dict[tuple[str, Language | None], PinnedId],
) -> Data:
    link, seed = item.link, item.seed
    inputs = merge.inputs
    language = seed.language if seed else link.language
    pin = pins.get((link.url, language))
    if pin is None:
        path = inputs.seed_path if seed is link else inputs.upstream_path
        merge.at(path, link.line, f"link {link.url} ({language}) has no pinned id in the curation")
        return {}
    merge.used_pins.add(pin.id)
    if seed and seed.title not in link.title:
        merge.at(
            inputs.upstream_path,
            link.line,
            f"title {link.title!r} does not contain the seed's title {seed.title!r}",
        )
    if link.price and pin.price:
        where = line_of(inputs.curation_text, pin.url)
        merge.at(inputs.curation_path, where, f"{pin.id!r}: the source already labels its price")
    _check_title_fa(merge, pin.id, pin.title_fa, language, pin.url)
    kind = (seed or link).kind.value
    data = _fields(pin.id, (link.title, pin.title_fa), link.url, kind, language)
    data["source"] = (Origin.SEED if seed else Origin.UPSTREAM).value
    price = link.price or pin.price
    data["price"] = price.value if price else None
    data["since"] = since(inputs.revisions, step_id, pin.id)
    if pin.translation_of:
        data["translation_of"] = pin.translation_of
    if pin.hours is not None:
        data["hours"] = pin.hours
    if seed and seed.url != link.url:
        earlier = next(r for r in inputs.curation.replaced if r.url == link.url)
        data["earlier"] = {"title": earlier.earlier_title, "url": seed.url}
    return data


def _addition(merge: _Merge, step_id: str, add: Addition) -> Data:
    _check_title_fa(merge, add.id, add.title_fa, add.language, f"id: {add.id}")
    data = _fields(add.id, (add.title, add.title_fa), add.url, add.kind.value, add.language)
    data["source"] = Origin.OURS.value
    data["price"] = add.price.value if add.price else None
    data["since"] = since(merge.inputs.revisions, step_id, add.id)
    if add.hours is not None:
        data["hours"] = add.hours
    return data


def _fields(
    rid: str, titles: tuple[str, str | None], url: str, kind: str, language: Language | None
) -> Data:
    """The first fields of a resource; ``titles``: its own title and its Persian one, if any."""
    title, title_fa = titles
    data: Data = {"id": rid, "title": title}
    if title_fa is not None and language is Language.FA:
        data["title_fa"] = title_fa.strip()
    data.update(url=url, kind=kind, language=language.value if language else None)
    return data


def _check_title_fa(
    merge: _Merge, rid: str, title_fa: str | None, language: Language | None, needle: str
) -> None:
    """Only a Persian resource has a Persian title."""
    if title_fa is not None and language is not Language.FA:
        where = line_of(merge.inputs.curation_text, needle)
        problem = f"{rid!r}: title_fa on a resource that is not in Persian"
        merge.at(merge.inputs.curation_path, where, problem)


# -- intros ---------------------------------------------------------------------------------


def _intro(merge: _Merge, cur: CuratedStep, prose: list[str]) -> dict[str, str] | None:
    en = "\n".join(line for line in prose if line)
    where = merge.inputs.curation_path
    if cur.intro is None:
        if en:
            merge.at(where, None, f"step {cur.id!r}: the upstream has an intro: translate it")
        return None
    if not en:
        merge.at(where, None, f"step {cur.id!r}: intro.fa without an English intro upstream")
        return None
    return {"en": en, "fa": cur.intro.fa.strip()}


def _split(text: dict[str, str], lines: int) -> tuple[dict[str, str], dict[str, str]]:
    """The first ``lines`` lines of each language, and the rest."""
    head = {lang: "\n".join(value.splitlines()[:lines]) for lang, value in text.items()}
    rest = {lang: "\n".join(value.splitlines()[lines:]) for lang, value in text.items()}
    return head, rest
