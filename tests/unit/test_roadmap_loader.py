"""The roadmap loader: valid files load; every kind of broken file is reported precisely."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.roadmap.loader import (
    Problem,
    RoadmapError,
    default_roadmap_path,
    load_roadmap,
    parse_roadmap,
)
from bot.roadmap.models import Origin, Price, Roadmap, StepMode

VALID_PATH = Path(__file__).parent / "roadmaps" / "valid.yaml"
VALID = VALID_PATH.read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[2]


def _broken(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def _line(text: str, needle: str, occurrence: int = 1, *, exact: bool = False) -> int:
    """1-based line of the ``occurrence``-th line containing (or, if exact, being) ``needle``."""
    lines = enumerate(text.splitlines(), start=1)
    hits = [i for i, line in lines if (line.strip() == needle if exact else needle in line)]
    return hits[occurrence - 1]


def _problems(text: str) -> list[Problem]:
    with pytest.raises(RoadmapError) as info:
        parse_roadmap(text, path="data/roadmap.yaml")
    assert info.value.problems
    return info.value.problems


def _only(text: str) -> Problem:
    problems = _problems(text)
    assert len(problems) == 1, problems
    return problems[0]


# -- valid files ------------------------------------------------------------------------------


def test_valid_fixture_loads() -> None:
    roadmap = load_roadmap(VALID_PATH)
    assert isinstance(roadmap, Roadmap)
    assert [s.id for s in roadmap.steps] == ["basics", "frameworks", "hands-on"]
    assert roadmap.choice_step is not None and roadmap.choice_step.id == "frameworks"
    assert roadmap.elective_steps[0].mode is StepMode.ELECTIVES
    assert roadmap.resource("wiki-web-frameworks") is not None
    assert roadmap.steps[2].intro is not None and "🎉" in roadmap.steps[2].intro.en


def test_repository_roadmap_loads() -> None:
    path = default_roadmap_path()
    assert path == ROOT / "data" / "roadmap.yaml"
    assert load_roadmap(path).version == 1


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_roadmap(path).title.en == "Test Roadmap"


# -- whole-file problems --------------------------------------------------------------------


def test_yaml_syntax_error_has_line() -> None:
    text = _broken("title: Pro Git", "title: [Pro Git")
    problem = _only(text)
    assert problem.location == ""
    assert problem.message.startswith("YAML syntax error")
    assert problem.line in {_line(text, "[Pro Git"), _line(text, "[Pro Git") + 1}


def test_bad_indentation_is_a_syntax_error() -> None:
    text = _broken("    mode: electives", "   mode: electives")
    problem = _only(text)
    assert problem.message.startswith("YAML syntax error")
    assert problem.line is not None


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    problem = _only(text)
    assert problem.location == ""
    assert "empty" in problem.message


@pytest.mark.parametrize(("text", "found"), [("- a\n- b\n", "a list"), ("hello\n", "'hello'")])
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    problem = _only(text)
    assert (problem.location, problem.line) == ("", 1)
    assert "top level must be a mapping" in problem.message and found in problem.message


def test_several_documents() -> None:
    problem = _only(VALID + "---\nversion: 1\n")
    assert "single document" in problem.message


# -- field problems ---------------------------------------------------------------------------


def test_missing_field() -> None:
    text = _broken("            kind: platform\n", "")
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1]"
    assert problem.message == "missing field 'kind'"
    assert problem.line == _line(text, "- id: leetcode")


def test_missing_top_level_field() -> None:
    problem = _only(_broken("source: tests\n", ""))
    assert (problem.location, problem.message) == ("", "missing field 'source'")


def test_unknown_key() -> None:
    text = _broken("    mode: ordered\n", "    mode: ordered\n    colour: red\n")
    problem = _only(text)
    assert problem.location == "steps[0].colour"
    assert problem.line == _line(text, "colour: red")
    assert "unknown key 'colour'" in problem.message
    assert "allowed: id, number, title, mode, intro, reached, topics" in problem.message


def test_wrong_enum_value_lists_allowed_values() -> None:
    text = _broken("kind: platform", "kind: scroll")
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1].kind"
    assert problem.line == _line(text, "kind: scroll")
    assert "'scroll'" in problem.message
    for kind in ("book", "video", "platform", "docs", "link"):
        assert f"'{kind}'" in problem.message


def test_wrong_mode_and_language() -> None:
    text = _broken("mode: electives", "mode: random")
    text = _broken("language: fa", "language: de", text)
    problems = _problems(text)
    assert [p.location for p in problems] == [
        "steps[0].topics[1].resources[0].language",
        "steps[2].mode",
    ]
    assert "'choose_one'" in problems[1].message and "'fa'" in problems[0].message


@pytest.mark.parametrize("bad", ["Leet_Code", "-leetcode", "a" * 33, "leet code"])
def test_bad_id(bad: str) -> None:
    text = _broken("id: leetcode", f"id: {bad}")
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1].id"
    assert problem.line == _line(text, f"id: {bad}")
    assert "lowercase letters" in problem.message


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("not a url", "relative URL without a base"),
        ("ftp://x", "scheme"),
        ("https://", "empty host"),
    ],
)
def test_bad_url(url: str, reason: str) -> None:
    text = _broken("url: https://leetcode.com/", f"url: '{url}'")
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1].url"
    assert problem.line == _line(text, f"url: '{url}'")
    assert problem.message.startswith("invalid URL") and reason in problem.message


def test_wrong_type() -> None:
    text = _broken("number: 0", "number: [1]")
    problem = _only(text)
    assert problem.location == "steps[0].number"
    assert problem.message == "expected a whole number, got a list"


def test_wrong_version() -> None:
    problem = _only(_broken("version: 1", "version: 2"))
    assert (problem.location, problem.line) == ("version", 2)


def test_step_with_no_topics() -> None:
    start = VALID.index("    topics:\n      - id: git")
    text = VALID[:start] + "    topics: []\n"
    problem = _only(text)
    assert problem.location == "steps[2].topics"
    assert problem.line == _line(text, "topics: []")
    assert "must not be empty" in problem.message


def test_shared_topic_outside_choose_one() -> None:
    text = _broken("mode: choose_one", "mode: ordered")
    problem = _only(text)
    assert problem.location == "steps[1]"
    assert problem.line == _line(text, "- id: frameworks")
    assert "shared" in problem.message


def test_missing_translation() -> None:
    text = _broken("      fa: یکی را انتخاب کنید.\n", "")
    problem = _only(text)
    assert (problem.location, problem.message) == ("steps[1].intro", "missing field 'fa'")
    assert problem.line == _line(text, "intro:")


def test_persian_title_only_on_a_persian_resource() -> None:
    persian = _broken(
        "            title: Python Tricks\n",
        "            title: Python Tricks\n            title_fa: ترفندهای پایتون\n",
    )
    tricks = parse_roadmap(persian).resource("python-tricks-fa")
    assert tricks is not None and tricks.display_title == "ترفندهای پایتون"
    assert tricks.title == "Python Tricks"
    text = _broken(
        "            title: Grokking Algorithms\n",
        "            title: Grokking Algorithms\n            title_fa: الگوریتم‌ها\n",
    )
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[0].title_fa"
    assert "only a Persian resource" in problem.message
    assert problem.line == _line(text, "title_fa: الگوریتم‌ها")


# -- duplicates -----------------------------------------------------------------------------


def test_duplicate_resource_id() -> None:
    text = _broken("id: django-for-beginners", "id: leetcode")
    problem = _only(text)
    assert problem.location == "steps[1].topics[0].resources[0].id"
    assert problem.line == _line(text, "id: leetcode", occurrence=2)
    first = _line(text, "id: leetcode")
    assert problem.message == f"duplicate resource id 'leetcode' (first at line {first})"


def test_duplicate_topic_id() -> None:
    text = _broken("id: flask\n", "id: django\n")
    problem = _only(text)
    assert problem.location == "steps[1].topics[1].id"
    assert problem.line == _line(text, "- id: django", occurrence=2, exact=True)
    first = _line(text, "- id: django", exact=True)
    assert problem.message == f"duplicate topic id 'django' (first at line {first})"


def test_duplicate_step_id() -> None:
    text = _broken("- id: hands-on", "- id: basics")
    problem = _only(text)
    assert problem.location == "steps[2].id"
    assert "duplicate step id 'basics'" in problem.message


def test_duplicate_yaml_key() -> None:
    text = _broken("    mode: ordered\n", "    mode: ordered\n    mode: electives\n")
    problem = _only(text)
    assert problem.location == "steps[0].mode"
    assert problem.line == _line(text, "mode: electives")
    assert problem.message == f"duplicate key 'mode' (first at line {_line(text, 'mode: ordered')})"


def test_all_problems_are_collected_in_line_order() -> None:
    text = _broken("url: https://leetcode.com/", "url: not a url")
    text = _broken("id: pro-git", "id: leetcode", text)
    text = _broken("    mode: choose_one\n", "    mode: choose_one\n    colour: red\n", text)
    problems = _problems(text)
    assert [p.location for p in problems] == [
        "steps[0].topics[0].resources[1].url",
        "steps[1].colour",
        "steps[2].topics[0].resources[0].id",
    ]
    lines = [p.line for p in problems]
    assert lines == sorted(lines)  # type: ignore[type-var]


# -- the error's text and files -----------------------------------------------------------


def test_error_text_names_file_line_and_place(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.yaml"
    text = _broken("url: https://leetcode.com/", "url: not a url")
    text = _broken("kind: platform", "kind: scroll", text)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoadmapError) as info:
        load_roadmap(path)
    lines = str(info.value).splitlines()
    assert lines[0] == f"{path}: 2 problems in the roadmap file:"
    url_line = _line(text, "not a url")
    assert lines[1].startswith(
        f"{path}:{url_line}: steps[0].topics[0].resources[1].url: invalid URL"
    )
    assert info.value.path == path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError) as info:
        load_roadmap(tmp_path / "nope.yaml")
    assert "file not found" in str(info.value) and "nope.yaml" in str(info.value)


def test_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError, match="cannot read"):
        load_roadmap(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.yaml"
    path.write_bytes(b"version: 1\ntitle: \xff\n")
    with pytest.raises(RoadmapError) as info:
        load_roadmap(path)
    assert info.value.problems == [info.value.problems[0]]
    assert info.value.problems[0].line == 2 and "UTF-8" in info.value.problems[0].message


def test_impossible_date_is_reported() -> None:
    problem = _only("version: 2020-13-45\n")
    assert "invalid YAML value" in problem.message


# -- properties -----------------------------------------------------------------------------

YAMLISH = st.text(alphabet=" \n\t:-[]{},#&*!|>'\"%@`?abcxyz019_.\\", max_size=80)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


def _check_outcome(text: str) -> None:
    try:
        result = parse_roadmap(text)
    except RoadmapError as exc:
        assert exc.problems
        last = text.count("\n") + 2
        assert all(p.line is None or 1 <= p.line <= last for p in exc.problems)
        assert str(exc)
    else:
        assert isinstance(result, Roadmap)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200), YAMLISH, JSON.map(yaml.safe_dump)))
def test_arbitrary_text_never_escapes_as_another_exception(text: str) -> None:
    _check_outcome(text)


DOC = yaml.safe_load(VALID)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "x", "ordered", "choose_one", "book", "fa", "https://x.org", "leetcode"])
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.sampled_from(["id", "en", "x"]), st.text(max_size=3), max_size=2)
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, value in items:
        found += _paths(value, (*prefix, key))
    return found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_roadmap_gives_error_or_roadmap(data: st.DataObject) -> None:
    doc = copy.deepcopy(DOC)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = _paths(doc)
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans(), label="delete"):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(SCALARS, label="value")
    _check_outcome(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_edited_lines_give_error_or_roadmap(data: st.DataObject) -> None:
    lines = VALID.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "dedent", "indent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "dedent":
            lines[index] = lines[index][2:]
        else:
            lines[index] = "  " + lines[index]
    _check_outcome("\n".join(lines) + "\n")


# -- sources, prices, revisions ---------------------------------------------------------------


def test_new_fields_load() -> None:
    roadmap = load_roadmap(VALID_PATH)
    grokking, leetcode = roadmap.steps[0].topics[0].resources
    assert (grokking.source, grokking.price, grokking.since) == (Origin.SEED, Price.PAID, 1)
    assert grokking.earlier is not None and str(grokking.earlier.url).endswith("/grokking-1")
    assert (leetcode.source, leetcode.price, leetcode.since) == (Origin.UPSTREAM, None, 2)
    assert roadmap.revision == 2


def test_duplicate_url_is_refused_where_it_repeats() -> None:
    text = VALID.replace("url: https://leetcode.com/", "url: https://example.com/grokking", 1)
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1].url"
    assert problem.line == _line(text, "url: https://example.com/grokking", 3)
    assert problem.message == (
        "the same URL as resource 'grokking-algorithms': https://example.com/grokking"
    )


def test_since_after_the_revision_is_refused() -> None:
    problem = _only(VALID.replace("            since: 2\n", "            since: 3\n", 1))
    assert problem.location == "steps[0].topics[0].resources[1].since"
    assert "after the roadmap's revision 2" in problem.message


def test_unknown_price_and_source_are_refused() -> None:
    problem = _only(VALID.replace("price: paid", "price: cheap", 1))
    assert problem.location == "steps[0].topics[0].resources[0].price"
    problem = _only(VALID.replace("source: upstream", "source: elsewhere", 1))
    assert problem.location == "steps[0].topics[0].resources[1].source"


# -- effort estimates -------------------------------------------------------------------------

EFFORT = """\
effort:
  kinds: {book: 30, video: 2, course: 20, platform: 10, website: 3, docs: 5, tutorial: 3,
    article: 1, repository: 4, list: 2, template: 2, link: 2}
  levels:
    beginner: {book: 20}
"""


def test_effort_defaults_per_kind_and_level_and_a_resources_own_hours() -> None:
    without = parse_roadmap(VALID)
    assert {without.hours(r) for r in without.resources()} == {1}  # no effort block
    text = _broken("source: tests\n", "source: tests\n" + EFFORT)
    own = "            kind: platform\n            hours: 7\n"
    roadmap = parse_roadmap(_broken("            kind: platform\n", own, text))
    found = {
        (r.kind.value, roadmap.topic_of(r.id).level, roadmap.hours(r)) for r in roadmap.resources()
    }
    assert ("book", "beginner", 20) in found  # a beginner topic's book is shorter
    assert ("book", None, 30) in found
    assert ("platform", None, 7) in found  # its own hours
    assert ("docs", None, 5) in found


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        ("book: 30,", "book: 0,", "effort.kinds.book", "at least 1"),
        ("book: 30,", "book: lots,", "effort.kinds.book", "whole number"),
        (" link: 2}", "}", "effort.kinds", "no estimate for link"),
        ("beginner: {book: 20}", "beginner: {novel: 20}", "effort.levels.beginner.novel", "novel"),
    ],
)
def test_a_broken_effort_value_is_one_located_problem(
    old: str, new: str, location: str, message: str
) -> None:
    text = _broken("source: tests\n", "source: tests\n" + _broken(old, new, EFFORT))
    problem = _only(text)
    assert problem.location.startswith(location), problem
    assert message in problem.message, problem
    assert problem.line is not None and problem.line <= _line(text, "steps:")


def test_a_resources_hours_must_be_a_whole_number_of_hours() -> None:
    text = _broken(
        "            kind: platform\n", "            kind: platform\n            hours: 2.5\n"
    )
    problem = _only(text)
    assert problem.location == "steps[0].topics[0].resources[1].hours"
    assert problem.line == _line(text, "hours: 2.5")
