"""The shipped ``data/roadmap.yaml`` holds every link of the seed and the upstream document.

The two Markdown documents are read here with simple regexes, independently of the importer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.roadmap.loader import load_roadmap
from bot.roadmap.models import Language, Origin, Price, Resource, Roadmap, StepMode

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "data" / "seed" / "python-backend-roadmap.md").read_text(encoding="utf-8")
UPSTREAM_PATH = ROOT / "data" / "upstream" / "python-backend-roadmap-f56e40b.md"
UPSTREAM = UPSTREAM_PATH.read_text(encoding="utf-8")
RAW = yaml.safe_load((ROOT / "data" / "roadmap.yaml").read_text(encoding="utf-8"))
LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)((?:[ \t]*\([^()]*\))*)")
LANGUAGES = {"english": "en", "persian": "fa"}
FLUENT_1ST = "https://www.amazon.com/Fluent-Python-Concise-Effective-Programming/dp/1491946008"

HANDS_ON = {
    "databases": "Databases — General",
    "postgresql": "Databases — PostgreSQL",
    "clean-code": "Clean Code",
    "caching": "Caching",
    "testing": "Testing — Python unittest package",
    "testing-drf": "Testing — DRF test framework",
    "testing-pytest": "Testing — pytest",
    "docker": "Container Platforms — Docker",
    "kubernetes": "Container Platforms — Kubernetes",
    "programming-paradigms": "Programming Paradigms",
    "architectural-patterns": "Architectural Patterns",
    "design-principles": "Design Principles",
    "design-patterns": "Design Patterns",
    "rabbitmq": "Message Brokers — RabbitMQ",
    "nginx": "Web Servers — Nginx",
    "apache": "Web Servers — Apache",
    "availability-reliability": "Availability & Reliability",
    "distributed-systems": "Distributed Systems",
    "reactive-systems": "Reactive Systems",
    "security": "Security",
    "http-apis": "HTTP & REST APIs",
    "task-queues": "Task queues with Celery",
}
IN_PROGRESS = ["design-principles", "availability-reliability", "distributed-systems"]
IN_PROGRESS += ["reactive-systems"]


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap(ROOT / "data" / "roadmap.yaml")


def _labels(text: str) -> dict[str, str]:
    found = {}
    for label in re.findall(r"\(([^()]*)\)", text):
        word = label.strip().lower()
        found["language" if word in LANGUAGES else "price"] = LANGUAGES.get(word, word)
    return found


def _upstream_links() -> list[tuple[str, str, dict[str, str]]]:
    """(title, url, labels) of every content link: the table of contents (anchors) and
    everything from "Contribution" on are left out."""
    content = UPSTREAM.split("\n## Contribution", 1)[0]
    return [(m[1], m[2], _labels(m[3])) for m in LINK.finditer(content) if not m[2].startswith("#")]


def _seed_links() -> list[tuple[str, str, str | None]]:
    return [(m[1], m[2], _labels(m[3]).get("language")) for m in LINK.finditer(SEED)]


def _by_url(roadmap: Roadmap) -> dict[str, Resource]:
    """Resources by the URL as written in the file (the model normalises URLs)."""
    found: dict[str, Resource] = {}
    for raw in (r for s in RAW["steps"] for t in s["topics"] for r in t["resources"]):
        resource = roadmap.resource(raw["id"])
        assert resource is not None
        found[raw["url"]] = resource
        if "earlier" in raw:
            found[raw["earlier"]["url"]] = resource
    return found


def test_every_upstream_link_is_a_resource_exactly_once(roadmap: Roadmap) -> None:
    links = _upstream_links()
    assert len(links) == 132 and len({url for _, url, _ in links}) == 131
    raw_urls = Counter(r["url"] for s in RAW["steps"] for t in s["topics"] for r in t["resources"])
    for title, url, _ in links:
        assert raw_urls[url] == 1, (title, url)


def test_persian_upstream_links_are_persian(roadmap: Roadmap) -> None:
    persian = {url for _, url, labels in _upstream_links() if labels.get("language") == "fa"}
    assert len(persian) == 23
    by_url = _by_url(roadmap)
    assert all(by_url[url].language is Language.FA for url in persian)


def test_every_seed_link_is_kept_with_the_seeds_language(roadmap: Roadmap) -> None:
    seed = _seed_links()
    assert len(seed) == 29
    by_url = _by_url(roadmap)
    for title, url, language in seed:
        res = by_url[url]
        assert (res.language.value if res.language else None) == language, url
        assert res.source is Origin.SEED and title in res.title, url


def test_upstream_price_labels_are_kept(roadmap: Roadmap) -> None:
    by_url = _by_url(roadmap)
    labelled = [(url, labels["price"]) for _, url, labels in _upstream_links() if "price" in labels]
    assert len(labelled) > 100
    for url, price in labelled:
        assert by_url[url].price is Price(price), url


def test_no_duplicate_urls_and_every_resource_has_a_source(roadmap: Roadmap) -> None:
    raw = [r for s in RAW["steps"] for t in s["topics"] for r in t["resources"]]
    urls = Counter(r["url"] for r in raw)
    assert [u for u, n in urls.items() if n > 1] == []
    assert all(r.get("source") in {"seed", "upstream", "ours"} for r in raw)
    seed_urls = {url for _, url, _ in _seed_links()}
    seed_ids = {res.id for url, res in _by_url(roadmap).items() if url in seed_urls}
    for res in roadmap.resources():
        assert (res.source is Origin.SEED) == (res.id in seed_ids), res.id
    document_urls = {url for _, url, _ in _upstream_links()} | seed_urls
    for item in raw:
        assert (item["source"] == "ours") == (item["url"] not in document_urls), item["id"]


def test_fluent_python_links_the_second_edition(roadmap: Roadmap) -> None:
    fluent = roadmap.resource("fluent-python")
    assert fluent is not None and fluent.source is Origin.SEED and fluent.since == 1
    assert str(fluent.url).endswith("/dp/1492056359")
    assert fluent.earlier is not None and str(fluent.earlier.url) == FLUENT_1ST


def test_steps_and_modes(roadmap: Roadmap) -> None:
    shape = [(s.id, s.number, s.mode) for s in roadmap.steps]
    assert shape == [
        ("prerequisites", 0, StepMode.ORDERED),
        ("python", 1, StepMode.ORDERED),
        ("frameworks", 2, StepMode.CHOOSE_ONE),
        ("operating-system", 3, StepMode.ORDERED),
        ("hands-on", None, StepMode.ELECTIVES),
    ]
    assert roadmap.revision == 2
    assert [t.id for t in roadmap.steps[0].topics] == ["algorithms", "system-design", "git"]
    levels = [(t.id, t.level.value if t.level else None) for t in roadmap.steps[1].topics]
    assert levels == [
        ("python-beginner", "beginner"),
        ("python-intermediate", "intermediate"),
        ("python-advanced", "advanced"),
    ]
    assert [t.id for t in roadmap.steps[3].topics] == ["os-concepts", "linux-shell"]


def test_framework_choice(roadmap: Roadmap) -> None:
    step = roadmap.choice_step
    assert step is not None and step.id == "frameworks"
    options = ["django", "fastapi", "flask", "sanic", "aiohttp", "bottle", "dash"]
    assert [t.id for t in step.options] == options
    shared = [t for t in step.topics if t.shared]
    assert [t.id for t in shared] == ["all-frameworks"] and step.topics[-1] is shared[0]
    (wiki,) = shared[0].resources
    assert (wiki.kind.value, wiki.language, wiki.source) == ("link", None, Origin.SEED)
    assert step.intro is not None and step.intro.en.startswith("Choose a library")


def test_hands_on_electives_and_sub_topics(roadmap: Roadmap) -> None:
    (step,) = roadmap.elective_steps
    assert {t.id: t.title.en for t in step.topics} == HANDS_ON
    for topic_id in IN_PROGRESS:  # empty upstream: ours, with honest prices
        topic = roadmap.topic(topic_id)
        assert topic is not None and 1 <= len(topic.resources) <= 2
        assert all(r.source is Origin.OURS and r.price is not None for r in topic.resources)
    kept = {"databases": "sqlalchemy-tutorial", "postgresql": "postgresql-tutorial"}
    kept |= {"caching": "redis-docs", "docker": "docker-get-started"}
    kept |= {"testing-pytest": "pytest-get-started"}
    for topic_id, resource_id in kept.items():
        assert roadmap.topic_of(resource_id).id == topic_id


def test_hands_on_intro_is_upstreams_plain_text(roadmap: Roadmap) -> None:
    (step,) = roadmap.elective_steps
    assert step.intro is not None and step.reached is not None
    lines = [*step.reached.en.splitlines(), *step.intro.en.splitlines()]
    assert [line.split()[0] for line in lines] == ["🎉", "👋", "⚠️", "✅"]
    assert "Let's get your hands dirty!" in lines[1]
    for text in (step.reached.en, step.reached.fa, step.intro.en, step.intro.fa):
        assert "**" not in text and "\\" not in text
    fa = [*step.reached.fa.splitlines(), *step.intro.fa.splitlines()]
    assert [line.split()[0] for line in fa] == ["🎉", "👋", "⚠️", "✅"]


def test_moved_and_fixed_resources(roadmap: Roadmap) -> None:
    pro_git = roadmap.resource("pro-git")
    assert pro_git is not None and str(pro_git.url) == "https://git-scm.com/book/en/"
    assert (roadmap.topic_of("pro-git").id, pro_git.source, pro_git.since) == (
        "git",
        Origin.UPSTREAM,
        2,
    )
    urls = {r.id: str(r.url) for r in roadmap.resources()}
    assert urls["mdn-http-overview"].endswith("/Web/HTTP/Guides/Overview")
    assert urls["bottle-tutorial"] == "https://bottlepy.org/docs/stable/tutorial.html"
    assert urls["sqlalchemy-tutorial"] == "https://docs.sqlalchemy.org/en/latest/tutorial/"
    for original in ("django-for-apis", "django-for-professionals", "python-tricks"):
        assert len(roadmap.same_work(original)) == 2, original


def test_since_marks_what_is_new_in_its_step(roadmap: Roadmap) -> None:
    old = yaml.safe_load((ROOT / "data" / "revisions" / "1.yaml").read_text(encoding="utf-8"))
    for step in roadmap.steps:
        for topic in step.topics:
            for res in topic.resources:
                assert res.since == (1 if res.id in old.get(step.id, []) else 2), res.id


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
    persian = re.compile("[\u0600-\u06ff]")
    for title in titles:
        assert title.en.strip() and title.fa.strip()
    assert all(persian.search(s.title.fa) for s in roadmap.steps)
    assert not any(re.search(r"(^|[^ر])بات", t.fa) for t in titles)


def test_every_persian_resource_has_a_persian_title(roadmap: Roadmap) -> None:
    """Shown in place of the source's title, which the data keeps."""
    persian = [r for r in roadmap.resources() if r.language is Language.FA]
    assert len(persian) == 23
    for res in persian:
        assert res.title_fa is not None, res.id
        # Persian script, starting with a Persian letter (names such as FastAPI may follow).
        assert re.match("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]", res.title_fa), res.id
        assert res.display_title == res.title_fa and res.title != res.title_fa
    others = [r for r in roadmap.resources() if r.language is not Language.FA]
    assert all(r.title_fa is None and r.display_title == r.title for r in others)
