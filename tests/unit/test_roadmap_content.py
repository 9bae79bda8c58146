"""The shipped ``data/roadmap.yaml`` keeps every fact of the seed and fills its empty sections."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.roadmap.loader import load_roadmap
from bot.roadmap.models import Roadmap, StepMode

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "data" / "seed" / "python-backend-roadmap.md").read_text(encoding="utf-8")
RAW = yaml.safe_load((ROOT / "data" / "roadmap.yaml").read_text(encoding="utf-8"))

#: Seed heading -> topic id; ``None`` is the link listed directly under Step 2.
TOPIC_IDS = {
    "Algorithms & Data Structures": "algorithms",
    "System Design": "system-design",
    "Beginner": "python-beginner",
    "Intermediate": "python-intermediate",
    "Advanced": "python-advanced",
    "Django": "django",
    None: "all-frameworks",
}
EMPTY_SEED_TOPICS = ["fastapi", "flask", "sanic", "aiohttp", "bottle", "dash"]
EMPTY_SEED_STEPS = ["operating-system", "hands-on"]

SeedTuple = tuple[str, str, str | None, str, int, str, str | None]


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap(ROOT / "data" / "roadmap.yaml")


def _seed_tuples() -> set[SeedTuple]:
    """An independent, minimal reading of the seed: (title, url, language, kind, step, topic,
    level) for every link."""
    found: set[SeedTuple] = set()
    step, topic, kind, level = -1, None, None, None
    languages = {"English": "en", "Persian": "fa", None: None}
    for line in SEED.splitlines():
        if m := re.match(r"## Step (\d+):", line):
            step, topic, kind, level = int(m[1]), None, None, None
        elif m := re.match(r"- ### (.+)$", line):
            topic, kind = m[1], None
        elif m := re.match(r"\s+- \*\*(Beginner|Intermediate|Advanced)\*\*$", line):
            topic, level, kind = m[1], m[1].lower(), None
        elif m := re.match(r"\s+- \*\*(\w+)\*\*$", line):
            kind = m[1].lower()
        elif m := re.match(r"(\s*)- \[(.+)\]\((\S+)\)(?: \((English|Persian)\))?$", line):
            # a link at the left margin sits directly under the step, outside any topic
            margin = m[1] == ""
            where, how = (None, "link") if margin else (topic, kind)
            assert how is not None, line
            found.add((m[2], m[3], languages[m[4]], how, step, TOPIC_IDS[where], level))
    return found


def _roadmap_tuples(roadmap: Roadmap) -> set[SeedTuple]:
    return {
        (
            r.title,
            str(r.url),
            r.language.value if r.language else None,
            r.kind.value,
            step.number if step.number is not None else -1,
            topic.id,
            topic.level.value if topic.level else None,
        )
        for step in roadmap.steps
        for topic in step.topics
        for r in topic.resources
        if not r.added
    }


def test_seed_links_are_kept_exactly(roadmap: Roadmap) -> None:
    expected = _seed_tuples()
    assert len(expected) == 29
    assert _roadmap_tuples(roadmap) == expected


def test_raw_urls_and_titles_are_byte_exact() -> None:
    raw = {
        (r["title"], r["url"])
        for s in RAW["steps"]
        for t in s["topics"]
        for r in t["resources"]
        if not r.get("added")
    }
    assert raw == {(t[0], t[1]) for t in _seed_tuples()}


def test_seed_link_counts(roadmap: Roadmap) -> None:
    seed = [r for r in roadmap.resources() if not r.added]
    assert len(seed) == 29
    languages = Counter(r.language.value if r.language else None for r in seed)
    assert languages == {"en": 22, "fa": 6, None: 1}
    kinds = Counter(r.kind.value for r in seed)
    assert kinds == {"book": 19, "platform": 4, "video": 5, "link": 1}


def test_steps_and_modes(roadmap: Roadmap) -> None:
    shape = [(s.id, s.number, s.mode) for s in roadmap.steps]
    assert shape == [
        ("prerequisites", 0, StepMode.ORDERED),
        ("python", 1, StepMode.ORDERED),
        ("frameworks", 2, StepMode.CHOOSE_ONE),
        ("operating-system", 3, StepMode.ORDERED),
        ("hands-on", None, StepMode.ELECTIVES),
    ]
    assert [t.id for t in roadmap.steps[0].topics] == ["algorithms", "system-design"]
    levels = [(t.id, t.level.value if t.level else None) for t in roadmap.steps[1].topics]
    assert levels == [
        ("python-beginner", "beginner"),
        ("python-intermediate", "intermediate"),
        ("python-advanced", "advanced"),
    ]


def test_framework_choice(roadmap: Roadmap) -> None:
    step = roadmap.choice_step
    assert step is not None and step.id == "frameworks"
    assert [t.id for t in step.options] == ["django", *EMPTY_SEED_TOPICS]
    shared = [t for t in step.topics if t.shared]
    assert [t.id for t in shared] == ["all-frameworks"] and step.topics[-1] is shared[0]
    (wiki,) = shared[0].resources
    assert wiki.title == "List Of All Python Backend Web Frameworks"
    assert (wiki.kind.value, wiki.language, wiki.added) == ("link", None, False)
    assert step.intro is not None
    assert step.intro.en == (
        "Choose a library according to your project requirements and do not get confused "
        "between multiple frameworks."
    )


def test_hands_on_intro_is_repaired_plain_text(roadmap: Roadmap) -> None:
    (step,) = roadmap.elective_steps
    assert step.intro is not None and step.reached is not None
    lines = [*step.reached.en.splitlines(), *step.intro.en.splitlines()]
    assert [line.split()[0] for line in lines] == ["🎉", "👋", "⚠️", "✅"]
    assert lines[0] == "🎉 Congrats!"
    for text in (step.reached.en, step.reached.fa, step.intro.en, step.intro.fa):
        assert "**" not in text and "\\" not in text and "\uf8ff" not in text
        assert not re.search("[üÔ‚]", text)
    fa = [*step.reached.fa.splitlines(), *step.intro.fa.splitlines()]
    assert [line.split()[0] for line in fa] == ["🎉", "👋", "⚠️", "✅"]


def test_empty_seed_sections_are_filled_with_additions(roadmap: Roadmap) -> None:
    for topic_id in EMPTY_SEED_TOPICS:
        topic = roadmap.topic(topic_id)
        assert topic is not None and topic.resources
        assert all(r.added for r in topic.resources), topic_id
    for step_id in EMPTY_SEED_STEPS:
        step = roadmap.step(step_id)
        assert step is not None and step.topics
        assert all(t.resources and all(r.added for r in t.resources) for t in step.topics)
    hands_on = roadmap.step("hands-on")
    assert hands_on is not None and 5 <= len(hands_on.topics) <= 7
    assert all(1 <= len(t.resources) <= 2 for t in hands_on.topics)


def test_additions_only_where_the_seed_is_empty(roadmap: Roadmap) -> None:
    for topic_id in TOPIC_IDS.values():
        topic = roadmap.topic(topic_id)
        assert topic is not None and not any(r.added for r in topic.resources), topic_id
    for resource in roadmap.resources():
        if resource.added:
            assert resource.language is not None and resource.language.value == "en"
            assert resource.url.scheme == "https"


def test_ids_are_unique_short_slugs(roadmap: Roadmap) -> None:
    ids = [s.id for s in roadmap.steps]
    ids += [t.id for s in roadmap.steps for t in s.topics]
    ids += [r.id for r in roadmap.resources()]
    raw_ids = [r["id"] for s in RAW["steps"] for t in s["topics"] for r in t["resources"]]
    assert len(raw_ids) == len(set(raw_ids))  # no resource silently shadowed another
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", i) and len(i) <= 32 for i in ids)


def test_every_title_is_in_english_and_persian(roadmap: Roadmap) -> None:
    titles = [roadmap.title] + [s.title for s in roadmap.steps]
    titles += [t.title for s in roadmap.steps for t in s.topics]
    for title in titles:
        assert title.en.strip() and title.fa.strip()
    persian = re.compile("[\u0600-\u06ff]")
    assert persian.search(roadmap.title.fa)
    assert all(persian.search(s.title.fa) for s in roadmap.steps)
