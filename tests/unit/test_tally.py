"""Progress that tells the truth: the % rule, gaps, translations, the finish, milestones."""

from __future__ import annotations

from dataclasses import replace

from bot.roadmap.models import Roadmap, Step
from bot.services.path import (
    ChooseElective,
    Finished,
    LanguageGap,
    LearnerState,
    Material,
    NextResource,
    Status,
    items,
    next_item,
    visible,
)
from bot.services.snapshot import learner_state
from bot.services.tally import Tally, milestones, progress
from bot.views.screen import bar


def resolve_all(
    roadmap: Roadmap, state: LearnerState, status: Status = Status.DONE
) -> LearnerState:
    """Resolve everything the walk offers (accepting gaps, choosing Flask and each elective)."""
    for _ in range(1000):
        item = next_item(roadmap, state)
        match item:
            case NextResource():
                state = replace(state, statuses={**state.statuses, item.resource.id: status})
            case LanguageGap():
                topics = state.other_language_topics | {item.topic.id}
                state = replace(state, other_language_topics=topics)
            case ChooseElective():
                state = replace(state, elective=item.options[0].id)
            case Finished():
                return state
            case _:
                state = replace(state, framework="flask")
    raise AssertionError("the walk does not end")


def test_the_percentage_rounds_down_and_only_complete_is_100() -> None:
    almost = Tally(done=19, total=20)
    assert almost.percent == 95 and bar(almost) == "▰" * 9 + "▱"
    assert Tally(done=199, total=200).percent == 99
    assert (
        Tally(done=2, skipped=1, total=3).percent == 100 and bar(Tally(done=3, total=3)) == "▰" * 10
    )
    undecided = Tally(done=3, total=3, open_choices=1)
    assert undecided.percent == 99 and not undecided.complete and bar(undecided).endswith("▱")


def test_accepting_the_other_language_does_not_grow_the_total(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.FA, statuses={"quera-fa": Status.DONE})
    item = next_item(roadmap, state)
    assert isinstance(item, LanguageGap)
    before = progress(roadmap, state).path.total
    accepted = replace(state, other_language_topics=frozenset({item.topic.id}))
    assert progress(roadmap, accepted).path.total == before
    assert isinstance(next_item(roadmap, accepted), NextResource)


def test_an_unresolved_gap_keeps_the_path_below_100(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.FA, framework="django")
    in_language = {
        r.id: Status.DONE
        for step in roadmap.steps
        for topic in step.topics
        for r in visible(topic, state)
    }
    report = progress(roadmap, replace(state, statuses=in_language))
    assert report.path.left > 0 and report.path.percent < 100 and not report.path.complete


def test_one_work_in_two_languages_is_one_item_with_one_status(roadmap: Roadmap) -> None:
    topic = roadmap.topic_of("python-tricks")
    both = LearnerState(material=Material.BOTH)
    assert [r.id for r in items(topic, both) if "tricks" in r.id] == ["python-tricks"]
    assert roadmap.same_work("python-tricks-fa") == ("python-tricks", "python-tricks-fa")
    # Read in English, then switched to Persian: the translation is done too.
    state = learner_state(
        roadmap,
        material="fa",
        framework=None,
        start_at=None,
        elective=None,
        statuses={"python-tricks": "done"},
        topics=frozenset(),
    )
    assert state.statuses["python-tricks-fa"] is Status.DONE


def test_a_learner_who_started_at_step_3_has_not_finished_the_roadmap(roadmap: Roadmap) -> None:
    state = resolve_all(roadmap, LearnerState(material=Material.EN, start_at="operating-system"))
    end = next_item(roadmap, state)
    assert isinstance(end, Finished)
    assert [step.id for step in end.behind] == ["prerequisites", "python", "frameworks"]
    from_start = resolve_all(roadmap, LearnerState(material=Material.EN))
    assert next_item(roadmap, from_start) == Finished(())


def test_started_items_let_the_walk_go_on_and_come_back_at_the_end(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.EN)
    first = next_item(roadmap, state)
    assert isinstance(first, NextResource)
    started = replace(state, statuses={first.resource.id: Status.STARTED})
    second = next_item(roadmap, started)
    assert isinstance(second, NextResource) and second.resource != first.resource
    report = progress(roadmap, started).path
    assert (report.started, report.resolved) == (1, 0)
    end = resolve_all(roadmap, started)  # resolves the started one too, when it comes back
    assert end.statuses[first.resource.id] is Status.DONE


def test_finishing_a_step_is_a_milestone_once(roadmap: Roadmap) -> None:
    state = LearnerState(material=Material.EN)
    step0: Step = roadmap.steps[0]
    ids = [r.id for topic in step0.topics for r in items(topic, state)]
    almost = replace(state, statuses=dict.fromkeys(ids[:-1], Status.DONE))
    done = replace(state, statuses=dict.fromkeys(ids, Status.DONE))
    assert milestones(progress(roadmap, almost), progress(roadmap, done)) == (step0,)
    assert milestones(progress(roadmap, done), progress(roadmap, done)) == ()
