"""The importer: seed + upstream + curation + revisions, reproducible output, loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.roadmap.importer import cli, generate
from bot.roadmap.markdown import ImporterError, plain_text, repair_mojibake
from bot.roadmap.models import Kind, Language, Level, Price
from bot.roadmap.revisions import load_revisions
from bot.roadmap.seed import parse_seed
from bot.roadmap.upstream import parse_upstream

ROOT = Path(__file__).resolve().parents[2]
SEED_PATH = ROOT / "data" / "seed" / "python-backend-roadmap.md"
UPSTREAM_PATH = ROOT / "data" / "upstream" / "python-backend-roadmap-f56e40b.md"
CURATION_PATH = ROOT / "data" / "curation.yaml"
REVISIONS_PATH = ROOT / "data" / "revisions"
OUTPUT_PATH = ROOT / "data" / "roadmap.yaml"
SEED = SEED_PATH.read_text(encoding="utf-8")
UPSTREAM = UPSTREAM_PATH.read_text(encoding="utf-8")
CURATION = CURATION_PATH.read_text(encoding="utf-8")
REVISIONS = load_revisions(REVISIONS_PATH)
GENERATED = generate(SEED, UPSTREAM, CURATION, REVISIONS)
INPUTS = ["--seed", str(SEED_PATH), "--upstream", str(UPSTREAM_PATH)]
INPUTS += ["--curation", str(CURATION_PATH), "--revisions", str(REVISIONS_PATH)]


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def _generate(
    seed: str = SEED, upstream: str = UPSTREAM, curation: str = CURATION
) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(generate(seed, upstream, curation, REVISIONS))
    return data


def _resources(data: dict[str, object]) -> dict[str, dict[str, object]]:
    steps: list[dict[str, list[dict[str, list[dict[str, object]]]]]] = data["steps"]  # type: ignore[assignment]
    return {str(r["id"]): r for s in steps for t in s["topics"] for r in t["resources"]}


def _problems(seed: str = SEED, upstream: str = UPSTREAM, curation: str = CURATION) -> str:
    with pytest.raises(ImporterError) as info:
        generate(seed, upstream, curation, REVISIONS)
    return "\n".join(info.value.problems)


# -- reproducibility ------------------------------------------------------------------------


def test_committed_roadmap_is_what_the_importer_generates() -> None:
    assert OUTPUT_PATH.read_bytes() == GENERATED.encode("utf-8"), (
        "data/roadmap.yaml is out of date: run `python -m bot import-roadmap`"
    )


def test_generation_is_deterministic() -> None:
    assert generate(SEED, UPSTREAM, CURATION, REVISIONS) == GENERATED


def test_cli_writes_identical_bytes_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nested" / "roadmap.yaml"
    args = [*INPUTS, "--output", str(out)]
    assert cli(args) == 0
    first = out.read_bytes()
    assert cli(args) == 0
    assert out.read_bytes() == first == GENERATED.encode("utf-8")
    assert f"wrote {out}" in capsys.readouterr().out


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "roadmap.yaml"
    args = [*INPUTS, "--output", str(out)]
    assert cli([*args, "--check"]) == 1
    assert not out.exists()
    assert "is missing" in capsys.readouterr().err
    out.write_text(GENERATED, encoding="utf-8")
    assert cli([*args, "--check"]) == 0
    out.write_text(GENERATED.replace("Pro Git", "Pro Git!"), encoding="utf-8")
    assert cli([*args, "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert "Pro Git!" in out.read_text(encoding="utf-8")  # --check never writes


def test_cli_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upstream = tmp_path / "upstream.md"
    broken = _edit(UPSTREAM, "    - [Codeforces]", "    - Codeforces, without a link [")
    upstream.write_text(broken, encoding="utf-8")
    out = tmp_path / "roadmap.yaml"
    args = [*INPUTS, "--upstream", str(upstream), "--output", str(out)]
    assert cli(args) == 2
    err = capsys.readouterr().err
    line = (
        broken.splitlines().index(
            "    - Codeforces, without a link [(https://codeforces.com/) (English)"
        )
        + 1
    )
    assert f"{upstream}:{line}: unrecognised list item" in err
    assert not out.exists()
    assert cli([*INPUTS, "--seed", str(tmp_path / "missing.md"), "--output", str(out)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_header_explains_generation_and_stable_ids() -> None:
    head = GENERATED.split("\nversion:", 1)[0]
    assert all(line.startswith("#") or not line for line in head.splitlines())
    assert "python -m bot import-roadmap" in head
    assert "KEEP IDS STABLE" in head and "Operators may edit" in head


def test_output_reads_back_as_plain_yaml() -> None:
    data = yaml.safe_load(GENERATED)
    assert (data["version"], data["revision"]) == (1, 2)
    assert data["steps"][0]["id"] == "prerequisites"


# -- text repair ----------------------------------------------------------------------------


def test_mojibake_is_repaired_in_the_output() -> None:
    for garbled in ("ü", "‚", "Ô", "üé", "‚ö", "\uf8ff"):
        assert garbled not in GENERATED
    for emoji in ("🎉", "👋", "⚠️", "✅"):
        assert emoji in GENERATED


def test_repair_mojibake_leaves_good_text_alone() -> None:
    assert repair_mojibake("\uf8ffüéâ Congrats!") == "🎉 Congrats!"  # U+F8FF: Mac Roman 0xF0
    assert repair_mojibake("‚úÖ ok") == "✅ ok"
    assert repair_mojibake("plain ASCII") == "plain ASCII"
    assert repair_mojibake("پایتون") == "پایتون"
    assert repair_mojibake("café ü") == "café ü"  # not UTF-8 in disguise: unchanged


def test_plain_text_drops_markdown() -> None:
    line = "‚úÖ Choose a step that is **interesting for you**.\\"
    assert plain_text(line) == "✅ Choose a step that is interesting for you."
    assert plain_text("\uf8ffüëã  two  spaces\\") == "👋 two spaces"


# -- seed parsing ---------------------------------------------------------------------------


def test_seed_parse_finds_every_link() -> None:
    seed = parse_seed(SEED)
    assert seed.title == "Python Backend Engineer Roadmap"
    assert [s.number for s in seed.steps] == [0, 1, 2, 3, None]
    links = [
        link
        for step in seed.steps
        for section in [*step.sections, None]
        for link in (section.links if section else step.links)
    ]
    assert len(links) == 29
    assert [s.level for s in seed.steps[1].sections] == [
        Level.BEGINNER,
        Level.INTERMEDIATE,
        Level.ADVANCED,
    ]
    (wiki,) = seed.steps[2].links
    assert (wiki.kind, wiki.language, wiki.price) == (Kind.LINK, None, None)
    assert seed.steps[2].sections[0].links[3].language is Language.FA


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  - **Book**\n    - [Grokking", "  - **Scroll**\n    - [Grokking", "unknown bold"),
        ("(https://leetcode.com/) (English)", "(https://leetcode.com/) (German)", "label"),
        ("- [CodeWars]", "- CodeWars without a link", "unrecognised list item"),
    ],
)
def test_seed_syntax_errors_are_located(old: str, new: str, expected: str) -> None:
    seed = _edit(SEED, old, new)
    line = next(n for n, text in enumerate(seed.splitlines(), 1) if new.split("\n")[0] in text)
    message = _problems(seed=seed)
    assert f"data/seed/python-backend-roadmap.md:{line}: " in message and expected in message


# -- upstream parsing -----------------------------------------------------------------------


def _upstream_link(url_part: str) -> tuple[str, object]:
    upstream = parse_upstream(UPSTREAM)
    for section in upstream.sections:
        for part in section.parts:
            for link in part.links:
                if url_part in link.url:
                    return f"{section.heading} > {part.name}", link
    raise AssertionError(url_part)


def test_upstream_sections_parts_and_levels() -> None:
    upstream = parse_upstream(UPSTREAM)
    headings = [s.heading for s in upstream.sections]
    assert headings[:5] == [
        "Step 0: Prerequisites",
        "Step 1: Python",
        "Step 2: Python Web Frameworks",
        "Step 3: Operating System",
        "Hands-on Experience",
    ]
    assert headings[-1] == "Security" and "Contribution" not in headings
    assert all(s.elective for s in upstream.sections[5:])
    testing = next(s for s in upstream.sections if s.heading == "Testing")
    assert [p.name for p in testing.parts] == ["Python unittest package", "DRF test framework"]
    python = upstream.sections[1]
    assert [(p.name, p.level) for p in python.parts] == [
        ("Beginner", Level.BEGINNER),
        ("Intermediate", Level.INTERMEDIATE),
        ("Advanced", Level.ADVANCED),
    ]
    assert len(upstream.links()) == 132  # the asyncio book twice; nothing from the contents
    progress = [s.heading for s in upstream.sections if s.in_progress]
    assert progress == [
        "Programming Paradigms",
        "Design Principles",
        "Availability & Reliability",
        "Distributed Systems",
        "Reactive Systems",
    ]
    assert not next(s for s in upstream.sections if s.heading == "Design Principles").parts


def test_upstream_misindented_kinds_continue_the_level() -> None:
    place, link = _upstream_link("gotoclass.ir")
    assert place == "Step 1: Python > Beginner" and link.kind is Kind.VIDEO  # type: ignore[attr-defined]
    place, link = _upstream_link("sololearn")
    assert place == "Step 1: Python > Beginner" and link.kind is Kind.PLATFORM  # type: ignore[attr-defined]
    place, link = _upstream_link("udemy.com/course/python-3-deep-dive")
    assert place == "Step 1: Python > Advanced" and link.kind is Kind.VIDEO  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "kind", "language", "price"),
    [
        ("Django-Example-powerful", Kind.BOOK, Language.EN, Price.PAID),  # (English)(paid)
        ("Python-Object-Oriented", Kind.BOOK, Language.EN, Price.PAID),  # (paid)
        ("coderz.ir", Kind.BOOK, Language.FA, Price.FREE),
        ("leetcode.com", Kind.PLATFORM, Language.EN, None),  # no price
        ("wiki.python.org", Kind.LINK, None, None),  # no label at all
        ("awesome-fastapi", Kind.LIST, Language.EN, Price.FREE),
        ("full-stack-fastapi", Kind.TEMPLATE, Language.EN, Price.FREE),
        ("docs.python.org/3/library/unittest", Kind.DOCS, Language.EN, Price.FREE),  # - Document
        ("owasp.org", Kind.WEBSITE, Language.EN, Price.FREE),  # **WebSite**
        ("educative.io", Kind.COURSE, Language.EN, Price.PAID),
        ("coding-interview-university", Kind.REPOSITORY, Language.EN, None),
        ("tutorial-one-python", Kind.TUTORIAL, Language.EN, Price.FREE),
        ("python-functional-programming", Kind.ARTICLE, Language.EN, Price.FREE),
    ],
)
def test_upstream_labels_and_kinds(
    url: str, kind: Kind, language: Language | None, price: Price | None
) -> None:
    _, link = _upstream_link(url)
    assert (link.kind, link.language, link.price) == (kind, language, price)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("(https://leetcode.com/) (English)", "(https://leetcode.com/) (Klingon)", "label"),
        ("(https://leetcode.com/) (English)", "(https://leetcode.com/) (Free) (Paid)", "label"),
        ("  - **Platform**\n    - [LeetCode]", "  - **Scroll**\n    - [LeetCode]", "list item"),
        ("\n(In Progress)\n\n## Architectural", "\nSome prose.\n\n## Architectural", "prose"),
    ],
)
def test_upstream_errors_are_located(old: str, new: str, expected: str) -> None:
    upstream = _edit(UPSTREAM, old, new)
    first = new.strip("\n").split("\n")[0]
    line = next(n for n, text in enumerate(upstream.splitlines(), 1) if first in text)
    message = _problems(upstream=upstream)
    assert f"data/upstream/python-backend-roadmap-f56e40b.md:{line}: " in message, message
    assert expected in message


def test_an_empty_list_item_is_ignored() -> None:
    assert "  - \n  - **Platform**\n    - [GeeksForGeeks]" in UPSTREAM
    upstream = UPSTREAM.replace("  - \n  - **Platform**", "  - **Platform**")
    assert generate(SEED, upstream, CURATION, REVISIONS) == GENERATED


# -- merge ----------------------------------------------------------------------------------


def test_sources_prices_and_titles() -> None:
    resources = _resources(yaml.safe_load(GENERATED))
    grokking = resources["grokking-algorithms"]
    assert (grokking["source"], grokking["price"]) == ("seed", "paid")
    assert grokking["title"] == "Grokking Algorithms by Aditya Bhargava"  # upstream's title
    assert (resources["leetcode"]["source"], resources["leetcode"]["price"]) == ("seed", "free")
    assert resources["codeforces"]["source"] == "upstream"
    assert resources["ostep"]["source"] == "ours"


def test_fluent_python_keeps_its_id_with_the_earlier_edition() -> None:
    fluent = _resources(yaml.safe_load(GENERATED))["fluent-python"]
    assert str(fluent["url"]).endswith("/dp/1492056359") and fluent["source"] == "seed"
    assert fluent["earlier"] == {
        "title": "Fluent Python (1st edition)",
        "url": "https://www.amazon.com/Fluent-Python-Concise-Effective-Programming/dp/1491946008",
    }


def test_a_seed_link_upstream_dropped_must_be_declared() -> None:
    curation = _edit(CURATION, "replaced:\n  - seed_url:", "replaced_not:\n  - seed_url:")
    assert "replaced_not" in _problems(curation=curation)
    start = CURATION.index("replaced:\n")
    end = CURATION.index("# Upstream lists")
    message = _problems(curation=CURATION[:start] + CURATION[end:])
    assert "seed link https://www.amazon.com/Fluent-Python" in message
    assert "data/seed/python-backend-roadmap.md:26: " in message


def test_seed_facts_win_and_seed_titles_must_survive() -> None:
    upstream = _edit(
        UPSTREAM,
        "(https://www.codewars.com/) (English)",
        "(https://www.codewars.com/) (Persian)",
    )
    assert _resources(_generate(upstream=upstream))["codewars"]["language"] == "en"
    upstream = _edit(UPSTREAM, "[CodeWars](", "[Code Wars](")
    assert "does not contain the seed's title 'CodeWars'" in _problems(upstream=upstream)


def test_duplicate_urls_are_refused_unless_merged() -> None:
    resources = _resources(yaml.safe_load(GENERATED))
    asyncio = [r for r in resources.values() if "python-concurrency" in str(r["url"])]
    assert [r["id"] for r in asyncio] == ["python-concurrency-asyncio"]
    start = CURATION.index("merged_duplicates:")
    end = CURATION.index("# Seed links the upstream document dropped")
    message = _problems(curation=CURATION[:start] + CURATION[end:])
    line = UPSTREAM.splitlines().index(
        "    - [Python Concurrency with asyncio by Matthew Fowler]"
        "(https://www.manning.com/books/python-concurrency-with-asyncio) (English) (Paid)"
    )
    assert f"python-backend-roadmap-f56e40b.md:{line + 1}: duplicate URL" in message
    curation = _edit(
        CURATION,
        "url: https://docs.pytest.org/en/stable/getting-started.html",
        "url: https://leetcode.com/",
    )
    message = _problems(curation=curation)
    line = curation.splitlines().index("          - id: pytest-get-started") + 1
    assert f"data/curation.yaml:{line}: duplicate URL https://leetcode.com/" in message


def test_every_link_needs_a_pinned_id_and_every_pin_a_link() -> None:
    upstream = _edit(
        UPSTREAM,
        "    - [Codeforces](https://codeforces.com/) (English)\n",
        "    - [Codeforces](https://codeforces.com/) (English)\n"
        "    - [AtCoder](https://atcoder.jp/) (English) (Free)\n",
    )
    assert "https://atcoder.jp/ (en) has no pinned id" in _problems(upstream=upstream)
    upstream = _edit(UPSTREAM, "    - [Codeforces](https://codeforces.com/) (English)\n", "")
    assert "pinned id 'codeforces'" in _problems(upstream=upstream)


def test_retitled_link_keeps_its_id() -> None:
    upstream = _edit(UPSTREAM, "[Linux Journey]", "[Linux Journey (new title)]")
    assert _resources(_generate(upstream=upstream))["linux-journey"]["title"] == (
        "Linux Journey (new title)"
    )


def test_every_upstream_place_must_be_taken() -> None:
    upstream = _edit(UPSTREAM, "- ### Dash\n", "- ### Dash\n\n- ### Litestar\n")
    assert "no topic takes the upstream place 'Step 2: Python Web Frameworks > Litestar'" in (
        _problems(upstream=upstream)
    )


def test_our_price_only_where_the_source_has_none() -> None:
    curation = _edit(
        CURATION,
        "    url: https://git-scm.com/book/en/\n    language: en\n",
        "    url: https://git-scm.com/book/en/\n    language: en\n    price: free\n",
    )
    assert "'pro-git': the source already labels its price" in _problems(curation=curation)


def test_a_persian_resource_keeps_its_title_and_gains_its_persian_one() -> None:
    jadi = _resources(yaml.safe_load(GENERATED))["jadi-git-fa"]
    assert (jadi["title"], jadi["title_fa"]) == ("Git Course by Jadi", "دوره\u200cی گیت جادی")
    assert list(jadi)[:3] == ["id", "title", "title_fa"]
    assert "title_fa" not in _resources(yaml.safe_load(GENERATED))["pro-git"]


def test_only_a_persian_resource_has_a_persian_title() -> None:
    curation = _edit(
        CURATION,
        "    url: https://git-scm.com/book/en/\n    language: en\n",
        "    url: https://git-scm.com/book/en/\n    language: en\n    title_fa: کتاب گیت\n",
    )
    line = curation.splitlines().index("    url: https://git-scm.com/book/en/") + 1
    message = _problems(curation=curation)
    assert (
        f"data/curation.yaml:{line}: 'pro-git': title_fa on a resource that is not in Persian"
        in (message)
    )


# -- since ----------------------------------------------------------------------------------


def test_since_is_computed_from_the_revisions() -> None:
    resources = _resources(yaml.safe_load(GENERATED))
    assert resources["grokking-algorithms"]["since"] == 1
    assert resources["pro-git"]["since"] == 2  # moved from hands-on to Step 0
    assert resources["codeforces"]["since"] == 2  # new
    assert resources["redis-docs"]["since"] == 1  # same step, another topic
    two = {**REVISIONS, 2: {"prerequisites": ["pro-git", "codeforces"]}}
    data = yaml.safe_load(generate(SEED, UPSTREAM, CURATION, two))
    assert data["revision"] == 3
    resources = _resources(data)
    assert [resources[r]["since"] for r in ("pro-git", "grokking-algorithms", "ostep")] == [
        2,
        3,
        3,
    ]
