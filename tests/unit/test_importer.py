"""The Markdown seed + curation importer: reproducible output, repaired text, loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.roadmap.importer import cli, generate
from bot.roadmap.models import Kind, Language, Level
from bot.roadmap.seed import ImporterError, parse_seed, plain_text, repair_mojibake

ROOT = Path(__file__).resolve().parents[2]
SEED_PATH = ROOT / "data" / "seed" / "python-backend-roadmap.md"
CURATION_PATH = ROOT / "data" / "curation.yaml"
OUTPUT_PATH = ROOT / "data" / "roadmap.yaml"
SEED = SEED_PATH.read_text(encoding="utf-8")
CURATION = CURATION_PATH.read_text(encoding="utf-8")
GENERATED = generate(SEED, CURATION)


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def _problems(seed: str = SEED, curation: str = CURATION) -> str:
    with pytest.raises(ImporterError) as info:
        generate(seed, curation)
    return "\n".join(info.value.problems)


# -- reproducibility ------------------------------------------------------------------------


def test_committed_roadmap_is_what_the_importer_generates() -> None:
    assert OUTPUT_PATH.read_bytes() == GENERATED.encode("utf-8"), (
        "data/roadmap.yaml is out of date: run `python -m bot import-roadmap`"
    )


def test_generation_is_deterministic() -> None:
    assert generate(SEED, CURATION) == GENERATED


def test_cli_writes_identical_bytes_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nested" / "roadmap.yaml"
    args = ["--seed", str(SEED_PATH), "--curation", str(CURATION_PATH), "--output", str(out)]
    assert cli(args) == 0
    first = out.read_bytes()
    assert cli(args) == 0
    assert out.read_bytes() == first == GENERATED.encode("utf-8")
    assert f"wrote {out}" in capsys.readouterr().out


def test_cli_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "roadmap.yaml"
    args = ["--seed", str(SEED_PATH), "--curation", str(CURATION_PATH), "--output", str(out)]
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
    seed = tmp_path / "seed.md"
    seed.write_text(_edit(SEED, "- [LeetCode](https://leetcode.com/) (English)\n", ""))
    out = tmp_path / "roadmap.yaml"
    args = ["--seed", str(seed), "--curation", str(CURATION_PATH), "--output", str(out)]
    assert cli(args) == 2
    assert "'leetcode'" in capsys.readouterr().err
    assert not out.exists()
    assert cli(["--seed", str(tmp_path / "missing.md"), "--output", str(out)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_header_explains_generation_and_stable_ids() -> None:
    head = GENERATED.split("\nversion:", 1)[0]
    assert all(line.startswith("#") or not line for line in head.splitlines())
    assert "python -m bot import-roadmap" in head
    assert "KEEP IDS STABLE" in head and "Operators may edit" in head


def test_output_reads_back_as_plain_yaml() -> None:
    data = yaml.safe_load(GENERATED)
    assert data["version"] == 1
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
    assert (wiki.kind, wiki.language) == (Kind.LINK, None)
    assert seed.steps[2].sections[0].links[3].language is Language.FA
    assert seed.steps[2].prose == [
        "Choose a library according to your project requirements and do not get confused "
        "between multiple frameworks."
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - **Book**\n    - [Grokking",
            "  - **Article**\n    - [Grokking",
            "unknown bold heading",
        ),
        ("(https://leetcode.com/) (English)", "(https://leetcode.com/) (German)", "language tag"),
        ("- [CodeWars]", "- CodeWars without a link", "unrecognised list item"),
    ],
)
def test_seed_syntax_errors(old: str, new: str, expected: str) -> None:
    message = _problems(seed=_edit(SEED, old, new))
    assert expected in message and "seed line" in message


# -- pinned ids -----------------------------------------------------------------------------


def test_seed_link_without_pinned_id_fails() -> None:
    new = "    - [Two Scoops of Django](https://example.com/two-scoops) (English)\n  - **Video**"
    seed = _edit(SEED, "  - **Video**", new)
    message = _problems(seed=seed)
    assert "https://example.com/two-scoops" in message and "no pinned id" in message


def test_pinned_id_whose_link_vanished_fails() -> None:
    seed = _edit(SEED, "    - [LeetCode](https://leetcode.com/) (English)\n", "")
    message = _problems(seed=seed)
    assert "pinned id 'leetcode'" in message and "matches no seed link" in message


def test_changed_language_tag_breaks_the_pin() -> None:
    seed = _edit(
        SEED,
        "(http://boby.cloud/product/python-tricks/) (Persian)",
        "(http://boby.cloud/product/python-tricks/) (English)",
    )
    message = _problems(seed=seed)
    assert "no pinned id" in message and "pinned id 'python-tricks-fa'" in message


def test_retitled_seed_link_keeps_its_id() -> None:
    seed = _edit(SEED, "[Fluent Python]", "[Fluent Python, 2nd edition]")
    data = yaml.safe_load(generate(seed, CURATION))
    titles = {
        r["id"]: r["title"] for s in data["steps"] for t in s["topics"] for r in t["resources"]
    }
    assert titles["fluent-python"] == "Fluent Python, 2nd edition"


# -- curation rules -------------------------------------------------------------------------


def test_additions_are_refused_where_the_seed_has_links() -> None:
    curation = _edit(
        CURATION,
        "        title: {en: System Design, fa: طراحی سیستم}\n",
        "        title: {en: System Design, fa: طراحی سیستم}\n"
        "        additions:\n"
        "          - {id: extra, title: X, url: 'https://x.org/', kind: book, language: en, "
        "added: true}\n",
    )
    assert "additions only where the seed is empty" in _problems(curation=curation)


def test_new_seed_section_must_be_curated() -> None:
    seed = _edit(SEED, "- ### Dash\n", "- ### Dash\n- ### Litestar\n")
    assert "seed has" in _problems(seed=seed) and "Litestar" in _problems(seed=seed)


def test_curated_section_missing_from_seed_fails() -> None:
    seed = _edit(SEED, "- ### Bottle\n", "")
    assert "no seed section 'Bottle'" in _problems(seed=seed)


def test_new_seed_step_must_be_curated() -> None:
    seed = SEED + "\n\n## Step 4: Cloud\n"
    assert "must be the seed's steps" in _problems(seed=seed)


def test_addition_must_be_marked_added() -> None:
    marked = "            language: en\n            added: true\n"
    start = CURATION.index(marked, CURATION.index("id: sanic-guide"))
    curation = CURATION[:start] + "            language: en\n" + CURATION[start + len(marked) :]
    assert "added" in _problems(curation=curation)


def test_invalid_ids_are_caught_by_validation() -> None:
    curation = _edit(CURATION, "id: dash-tutorial", "id: Dash_Tutorial")
    message = _problems(curation=curation)
    assert "invalid id 'Dash_Tutorial'" in message


def test_duplicate_ids_are_caught_by_validation() -> None:
    curation = _edit(CURATION, "id: dash-tutorial", "id: bottle-tutorial")
    assert "duplicate resource id 'bottle-tutorial'" in _problems(curation=curation)


def test_seed_intro_needs_a_translation() -> None:
    curation = _edit(
        CURATION, "    intro:\n      fa: کتابخانه‌ای", "    xintro:\n      fa: کتابخانه‌ای"
    )
    assert "xintro" in _problems(curation=curation)
    start = CURATION.index("    # English intro: the seed's sentence")
    end = CURATION.index("    topics:", start)
    assert "translate it" in _problems(curation=CURATION[:start] + CURATION[end:])
