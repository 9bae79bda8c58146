"""The walk through the roadmap: pure logic on the real roadmap file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.roadmap.models import Language, Roadmap
from bot.services.path import (
    ChooseElective,
    ChooseFramework,
    Finished,
    LanguageGap,
    LearnerState,
    Material,
    NextResource,
    Status,
    next_item,
    path_topics,
    start_points,
)
from bot.services.tally import progress


def walk(roadmap: Roadmap, state: LearnerState, *, status: Status = Status.DONE) -> list[str]:
    """Resolve every offered resource until the ordered path ends; return the ids in order."""
    seen: list[str] = []
    for _ in range(500):
        item = next_item(roadmap, state)
        if not isinstance(item, NextResource):
            return seen
        seen.append(item.resource.id)
        state = replace(state, statuses={**state.statuses, item.resource.id: status})
    raise AssertionError("the walk does not end")


def test_new_learner_starts_at_the_first_resource(roadmap: Roadmap) -> None:
    item = next_item(roadmap, LearnerState())
    assert isinstance(item, NextResource)
    assert item.resource == roadmap.steps[0].topics[0].resources[0]


def test_english_django_path_is_every_english_and_untagged_resource_in_order(
    roadmap: Roadmap,
) -> None:
    state = LearnerState(material=Material.EN, framework="django")
    seen = walk(roadmap, state)
    expected = [
        r.id
        for step, topic in path_topics(roadmap, state)
        for r in topic.resources
        if r.language in (Language.EN, None)
    ]
    assert seen == expected
    assert len(seen) == len(set(seen))
    fastapi = {r.id for r in roadmap.topic("fastapi").resources}  # type: ignore[union-attr]
    assert not fastapi & set(seen)
    assert "wiki-web-frameworks" in seen  # the untagged link is for everyone


def test_framework_is_asked_when_the_learner_reaches_step_two(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.EN)
    walk(roadmap, state)  # stops at the choice
    statuses = {r.id: Status.DONE for s in roadmap.steps[:2] for t in s.topics for r in t.resources}
    item = next_item(roadmap, replace(state, statuses=statuses))
    assert isinstance(item, ChooseFramework)
    assert {t.id for t in item.options} >= {"django", "fastapi", "flask"}
    assert all(not t.shared for t in item.options)


def test_fastapi_learner_never_sees_django(roadmap: Roadmap) -> None:
    seen = walk(roadmap, LearnerState(material=Material.BOTH, framework="fastapi"))
    django = {r.id for r in roadmap.topic("django").resources}  # type: ignore[union-attr]
    assert seen and not django & set(seen)
    assert {r.id for r in roadmap.topic("fastapi").resources} <= set(seen)  # type: ignore[union-attr]


def test_persian_learner_meets_a_gap_where_a_topic_has_no_persian(roadmap: Roadmap) -> None:
    first = next_item(roadmap, LearnerState(material=Material.FA))
    assert isinstance(first, NextResource) and first.resource.language is Language.FA
    state = LearnerState(material=Material.FA, statuses={first.resource.id: Status.DONE})
    item = next_item(roadmap, state)
    assert isinstance(item, LanguageGap)
    assert item.topic.id == "system-design"
    assert item.offered == (Language.EN,)


def test_accepting_english_for_a_topic_serves_its_english_material(roadmap: Roadmap) -> None:
    state = LearnerState(
        material=Material.FA,
        start_at="prerequisites",
        statuses={"quera-fa": Status.DONE},
        other_language_topics=frozenset({"system-design"}),
    )
    item = next_item(roadmap, state)
    assert isinstance(item, NextResource)
    assert item.topic.id == "system-design" and item.resource.language is Language.EN


def test_persian_learner_gets_persian_where_it_exists(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.FA, framework="django", start_at="python-advanced")
    item = next_item(roadmap, state)
    assert isinstance(item, NextResource)
    assert item.resource.language is Language.FA  # the Persian "Python Tricks"
    seen = walk(roadmap, state)
    assert all(roadmap.resource(r).language in (Language.FA, None) for r in seen)  # type: ignore[union-attr]
    persian = [
        r.id
        for topic_id in ("python-advanced", "django")
        for r in roadmap.topic(topic_id).resources  # type: ignore[union-attr]
        if r.language is Language.FA
    ]
    assert [r for r in seen if roadmap.resource(r).language is Language.FA] == persian  # type: ignore[union-attr]


def test_skipped_gap_topic_moves_on(roadmap: Roadmap) -> None:
    algorithms = roadmap.topic("algorithms")
    assert algorithms is not None
    statuses = {r.id: Status.SKIPPED for r in algorithms.resources}
    item = next_item(roadmap, LearnerState(material=Material.FA, statuses=statuses))
    assert isinstance(item, LanguageGap) and item.topic.id == "system-design"


def test_start_at_a_later_level(roadmap: Roadmap) -> None:
    item = next_item(roadmap, LearnerState(start_at="python-intermediate"))
    assert isinstance(item, NextResource) and item.topic.id == "python-intermediate"
    report = progress(roadmap, LearnerState(start_at="python-intermediate"))
    assert not report.steps[0].on_path and report.steps[1].on_path


def test_start_points_are_steps_and_later_levels(roadmap: Roadmap) -> None:
    points = [(s.id, t.id if t else None) for s, t in start_points(roadmap)]
    assert points[0] == ("prerequisites", None)
    assert ("python", "python-intermediate") in points
    assert ("python", "python-advanced") in points
    assert all(s != "hands-on" for s, _ in points)


def test_after_the_ordered_path_electives_then_finished(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.EN, framework="flask")
    done = dict.fromkeys(walk(roadmap, state), Status.DONE)
    state = replace(state, statuses=done)
    item = next_item(roadmap, state)
    assert isinstance(item, ChooseElective)
    assert item.step.reached is not None and "🎉" in item.step.reached.en
    for topic in item.options:
        state = replace(state, elective=topic.id)
        for rid in walk(roadmap, state):
            state = replace(state, statuses={**state.statuses, rid: Status.DONE})
    assert isinstance(next_item(roadmap, replace(state, elective=None)), Finished)


def test_a_chosen_elective_comes_first_then_the_path_resumes(roadmap: Roadmap) -> None:
    state = LearnerState(elective="docker")
    item = next_item(roadmap, state)
    assert isinstance(item, NextResource) and item.topic.id == "docker"
    docker = {r.id: Status.DONE for r in roadmap.topic("docker").resources}  # type: ignore[union-attr]
    item = next_item(roadmap, replace(state, statuses=docker))
    assert isinstance(item, NextResource) and item.topic.id == "algorithms"


def test_progress_counts_the_path(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.EN, framework="django")
    first = walk(roadmap, state)[:3]
    statuses = {first[0]: Status.DONE, first[1]: Status.SKIPPED}
    report = progress(roadmap, replace(state, statuses=statuses))
    assert report.path.done == 1 and report.path.skipped == 1
    assert report.path.total == len(walk(roadmap, state))
    assert report.steps[0].tally.resolved == 2


def test_unknown_ids_in_state_are_harmless(roadmap: Roadmap) -> None:
    state = LearnerState(framework="nope", start_at="gone", elective="vanished")
    assert isinstance(next_item(roadmap, state), NextResource)


@pytest.mark.parametrize("material", list(Material))
def test_walk_always_ends(roadmap: Roadmap, material: Material) -> None:
    for framework in [t.id for t in roadmap.choice_step.options]:  # type: ignore[union-attr]
        seen = walk(
            roadmap, LearnerState(material=material, framework=framework), status=Status.SKIPPED
        )
        assert len(seen) == len(set(seen))
