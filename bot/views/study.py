"""The study card (/next) and what stands in for it: gaps, choices, the finish."""

from __future__ import annotations

from typing import assert_never

from bot.callback_data import Action
from bot.i18n import Markup, Text, escape, link
from bot.keyboards import button, columns, keyboard, url_button
from bot.roadmap.models import Language
from bot.services.path import (
    ChooseElective,
    ChooseFramework,
    Finished,
    LanguageGap,
    NextResource,
    Tally,
)
from bot.services.snapshot import Snapshot
from bot.views.screen import KIND_ICONS, Screen, bar, join, language_name, lines, step_title


def progress_line(t: Text, tally: Tally) -> Markup:
    return lines(
        t("progress-line", resolved=tally.resolved, total=tally.total, percent=tally.percent),
        bar(tally),
    )


def study_screen(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """Whatever the learner should see for /next."""
    match snap.next:
        case NextResource() as item:
            return _resource(t, snap, item, notice)
        case LanguageGap() as item:
            return _gap(t, snap, item, notice)
        case ChooseFramework():
            return framework_menu(t, snap, notice=notice)
        case ChooseElective() as item:
            return _electives(t, snap, item, notice)
        case Finished():
            return Screen(
                join(notice, t("finished", done=snap.progress.path.done)),
                keyboard([button(t.plain("button-roadmap"), Action.ROADMAP)]),
            )
        case unknown:
            assert_never(unknown)


def _place(t: Text, item: NextResource | LanguageGap) -> Markup:
    topic = item.topic.title.get(t.locale)
    return t("place", step=step_title(t, item.step), topic=topic)


def _resource(t: Text, snap: Snapshot, item: NextResource, notice: str) -> Screen:
    res = item.resource
    details = t(
        "resource-details",
        kind=t(f"kind-{res.kind.value}"),
        language=language_name(t, res.language),
    )
    title = Markup(f"{KIND_ICONS[res.kind]} <b>{link(str(res.url), res.title)}</b>")
    text = join(
        notice,
        lines(_place(t, item), title, details, t("resource-added") if res.added else ""),
        progress_line(t, snap.progress.path),
    )
    markup = keyboard(
        [url_button(t.plain("button-open"), str(res.url))],
        [
            button(t.plain("button-done"), Action.DONE, res.id),
            button(t.plain("button-skip"), Action.SKIP, res.id),
        ],
        [
            button(t.plain("button-skip-topic"), Action.SKIP_TOPIC, item.topic.id),
            button(t.plain("button-language"), Action.LANGUAGE_MENU, "next"),
        ],
        [button(t.plain("button-roadmap"), Action.ROADMAP)],
    )
    return Screen(text, markup, preview_url=str(res.url))


def _gap(t: Text, snap: Snapshot, item: LanguageGap, notice: str) -> Screen:
    offered = Markup(", ").join(language_name(t, lang) for lang in item.offered)
    text = join(
        notice,
        lines(
            _place(t, item),
            t("gap", wanted=language_name(t, snap.material), offered=Markup(offered)),
        ),
        progress_line(t, snap.progress.path),
    )
    other = item.offered[0]  # a gap means the topic has material in exactly one other language
    markup = keyboard(
        [
            button(
                t("button-show-other", language=language_name(t, other) if other else ""),
                Action.OTHER_LANGUAGE,
                item.topic.id,
            )
        ],
        [button(t.plain("button-skip-topic"), Action.SKIP_TOPIC, item.topic.id)],
        [
            button(t.plain("button-language"), Action.LANGUAGE_MENU, "next"),
            button(t.plain("button-roadmap"), Action.ROADMAP),
        ],
    )
    return Screen(text, markup)


def framework_menu(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """Step 2: choose ONE framework."""
    step = snap.roadmap.choice_step
    if step is None:
        raise ValueError("this roadmap has no step where the learner chooses a framework")
    chosen = snap.state.framework
    options = []
    for topic in step.options:
        label = topic.title.get(t.locale)
        if Language.FA in topic.languages():
            label = t.plain("framework-has-persian", name=label)
        if topic.id == chosen:
            label = t.plain("chosen", label=label)
        options.append(button(label, Action.FRAMEWORK, topic.id))
    text = join(
        notice,
        lines(
            f"<b>{step_title(t, step)}</b>",
            f"<i>{escape(step.intro.get(t.locale))}</i>" if step.intro else "",
        ),
        t("framework-choose"),
    )
    rows = columns(options, 2)
    return Screen(text, keyboard(*rows, [button(t.plain("button-roadmap"), Action.ROADMAP)]))


def _electives(t: Text, snap: Snapshot, item: ChooseElective, notice: str) -> Screen:
    intro = item.step.intro.get(t.locale) if item.step.intro else ""
    text = join(
        notice,
        f"<b>{step_title(t, item.step)}</b>",
        escape(intro),
        t("electives-choose"),
    )
    options = [
        button(topic.title.get(t.locale), Action.ELECTIVE, topic.id) for topic in item.options
    ]
    return Screen(
        text, keyboard(*columns(options, 2), [button(t.plain("button-roadmap"), Action.ROADMAP)])
    )


def elective_menu(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """Every hands-on elective with its progress, to pick one any time."""
    rows = []
    for topic, tally in snap.progress.electives:
        label = t.plain(
            "elective-option",
            name=topic.title.get(t.locale),
            resolved=tally.resolved,
            total=tally.total,
        )
        if topic.id == snap.state.elective:
            label = t.plain("chosen", label=label)
        rows.append([button(label, Action.ELECTIVE, topic.id)])
    steps = snap.roadmap.elective_steps
    intro = steps[0].intro.get(t.locale) if steps and steps[0].intro else ""
    text = join(notice, escape(intro), t("electives-choose"))
    return Screen(text, keyboard(*rows, [button(t.plain("button-roadmap"), Action.ROADMAP)]))
