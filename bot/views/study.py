"""The study card (/next) and what stands in for it: gaps, choices, the finish."""

from __future__ import annotations

from typing import assert_never

from telegram import InlineKeyboardButton

from bot.callback_data import Action, undo_argument
from bot.i18n import Markup, Text, escape, link
from bot.keyboards import button, columns, keyboard, url_button
from bot.roadmap.models import Language, Origin, Resource, Step, Topic
from bot.services import path
from bot.services.learning import Undo, UndoKnown
from bot.services.path import (
    ChooseElective,
    ChooseFramework,
    Finished,
    LanguageGap,
    Material,
    NextResource,
    Status,
)
from bot.services.snapshot import Snapshot
from bot.services.tally import Tally
from bot.views.screen import (
    KIND_ICONS,
    STATUS_ICONS,
    Screen,
    bar,
    counts,
    join,
    language_name,
    lines,
    listed,
    price_label,
    short_title,
    some_titles,
    step_label,
    step_title,
)


def progress_line(t: Text, tally: Tally, elective: Topic | None = None) -> Markup:
    """The path's progress (``elective``: that elective's, which is counted apart)."""
    counted = dict(resolved=tally.resolved, total=tally.total, percent=tally.percent)
    line = (
        t("progress-line-elective", topic=elective.title.get(t.locale), **counted)
        if elective
        else t("progress-line", **counted)
    )
    if tally.done or tally.skipped or tally.started or tally.unneeded:
        line = t("progress-line-parts", line=line, parts=counts(t, tally))
    if tally.open_choices:
        line = lines(line, t("progress-open-choice"))
    return lines(line, bar(tally))


def came_through(snap: Snapshot) -> bool:
    """Every ordered step is behind the learner, from the beginning of the roadmap."""
    return snap.progress.path.complete and not path.behind_start(snap.roadmap, snap.state)


def milestone_notice(t: Text, finished: tuple[Step | Topic, ...]) -> Markup:
    """ "🎉 You finished Step 1: Python" for each step or elective a change completed."""
    return lines(
        *(
            t("milestone-step", step=step_title(t, part))
            if isinstance(part, Step)
            else t("milestone-elective", topic=part.title.get(t.locale))
            for part in finished
        )
    )


def study_screen(
    t: Text, snap: Snapshot, *, notice: str = "", undo: Undo | UndoKnown | None = None
) -> Screen:
    """Whatever the learner should see for /next (``undo``: offer to take back a change)."""
    match snap.next:
        case NextResource() as item:
            return _resource(t, snap, item, notice, undo)
        case LanguageGap() as item:
            return _gap(t, snap, item, notice)
        case ChooseFramework():
            return framework_menu(t, snap, notice=notice)
        case ChooseElective() as item:
            return _electives(t, snap, item, notice)
        case Finished() as item:
            return _finished(t, snap, item, notice, undo)
        case unknown:
            assert_never(unknown)


def _place(t: Text, item: NextResource | LanguageGap) -> Markup:
    topic = item.topic.title.get(t.locale)
    return t("place", step=step_title(t, item.step), topic=topic)


def _other_language_note(t: Text, snap: Snapshot, item: NextResource) -> Markup | str:
    """Says why a resource is not in the learner's language (they chose to see such)."""
    if snap.material is Material.BOTH or path.in_language(item.topic, snap.state):
        return ""
    return t(
        "resource-other-language",
        wanted=language_name(t, snap.material),
        language=language_name(t, item.resource.language),
    )


def details(t: Text, res: Resource) -> Markup:
    """ "Book · English · 💰 Paid": what a resource is, in what language, at what price."""
    return t(
        "resource-details",
        kind=t(f"kind-{res.kind.value}"),
        language=language_name(t, res.language),
        price=price_label(t, res.price),
    )


def _resource(
    t: Text, snap: Snapshot, item: NextResource, notice: str, undo: Undo | UndoKnown | None
) -> Screen:
    res = item.resource
    state = snap.state
    started = state.statuses.get(res.id) is Status.STARTED
    title = Markup(f"{KIND_ICONS[res.kind]} <b>{link(str(res.url), res.display_title)}</b>")
    also = [
        t(
            "resource-also",
            language=language_name(t, other.language),
            link=link(str(other.url), other.display_title),
        )
        for other in item.also
    ]
    if res.earlier is not None:
        also.append(t("resource-earlier", link=link(str(res.earlier.url), res.earlier.title)))
    topic_items = path.every_item(item.topic, state)
    alternatives = len(topic_items)
    # Said on the topic's first card only: nothing of it is marked yet.
    fresh_topic = not any(state.statuses.get(r.id) for r in topic_items)
    in_progress = [r.resource for r in path.started(snap.roadmap, snap.state) if r.resource != res]
    text = join(
        notice,
        lines(
            _place(t, item),
            title,
            details(t, res),
            *also,
            t("resource-started") if started else "",
            _other_language_note(t, snap, item),
            t("resource-extra", step=step_title(t, item.step)) if res.id in state.extras else "",
            t("resource-added") if res.source is Origin.OURS else "",
            t("resource-alternatives", count=alternatives)
            if alternatives > 1 and fresh_topic
            else "",
        ),
        t("also-in-progress", titles=some_titles(t, [r.display_title for r in in_progress]))
        if in_progress
        else "",
        _item_progress(t, snap, item),
    )
    marks = [button(t.plain("button-done"), Action.DONE, res.id)]
    if not started:
        marks.append(button(t.plain("button-started"), Action.STARTED, res.id))
    marks.append(button(t.plain("button-skip"), Action.SKIP, res.id))
    topic_row = [button(t.plain("button-know-topic"), Action.KNOW_TOPIC, item.topic.id)]
    if alternatives > 1:
        label = t.plain("button-topic", count=alternatives)
        topic_row.append(button(label, Action.TOPIC, item.topic.id))
    markup = keyboard(
        [url_button(t.plain("button-open"), str(res.url))],
        marks,
        topic_row,
        [
            button(t.plain("button-skip-topic"), Action.SKIP_TOPIC, item.topic.id),
            button(t.plain("button-language"), Action.LANGUAGE_MENU, "next"),
        ],
        [
            *_undo(t, undo),
            button(t.plain("button-note"), Action.NOTE, res.id),
            button(t.plain("button-roadmap"), Action.ROADMAP),
        ],
    )
    return t.screen(text, markup, preview_url=str(res.url))


def _item_progress(t: Text, snap: Snapshot, item: NextResource | LanguageGap) -> Markup:
    """Progress where the item is: the ordered path, or the elective it belongs to."""
    for topic, tally in snap.progress.electives:
        if topic == item.topic:
            return progress_line(t, tally, topic)
    return progress_line(t, snap.progress.path)


def _undo(t: Text, undo: Undo | UndoKnown | None) -> list[InlineKeyboardButton]:
    if undo is None:
        return []
    if isinstance(undo, UndoKnown):
        return [button(t.plain("button-undo"), Action.UNKNOW_TOPIC, undo.topic_id)]
    arg = undo_argument(undo.resource_id, undo.previous.value if undo.previous else None)
    return [button(t.plain("button-undo"), Action.UNDO, arg)]


def topic_screen(t: Text, snap: Snapshot, topic: Topic, *, notice: str = "") -> Screen:
    """Every resource of a topic on the learner's path, with its status; pick one to study."""
    state, roadmap = snap.state, snap.roadmap
    step = roadmap.step_of(topic.id)
    shown = path.every_item(topic, state)
    rows = []
    entries = []
    for res in shown:
        status = state.statuses.get(res.id)
        icon = STATUS_ICONS[status] if status else "▫️"
        entries.append(
            Markup(f"{icon} {KIND_ICONS[res.kind]} {link(str(res.url), res.display_title)} · ")
            + price_label(t, res.price)
        )
        label = short_title(res.display_title)
        if status is None or status is Status.STARTED:
            rows.append([button(t.plain("button-study", title=label), Action.SHOW, res.id)])
        elif status is not Status.DONE:
            rows.append([button(t.plain("button-revisit", title=label), Action.REVISIT, res.id)])
    hidden = len(topic.resources) - len(path.affordable(topic.resources, state))
    text = join(
        notice,
        lines(t("place", step=step_title(t, step), topic=topic.title.get(t.locale))),
        lines(*entries) if entries else t("topic-empty"),
        t("topic-paid-hidden", count=hidden) if hidden else "",
        t("topic-know-hint"),
    )
    last = [button(t.plain("button-know-topic"), Action.KNOW_TOPIC, topic.id)]
    last.append(button(t.plain("button-back"), Action.NEXT))
    return t.screen(text, keyboard(*rows, last))


def _finished(
    t: Text, snap: Snapshot, item: Finished, notice: str, undo: Undo | UndoKnown | None
) -> Screen:
    """The end of the learner's path: the whole roadmap, or what lies before their start."""
    last_row = [*_undo(t, undo), button(t.plain("button-roadmap"), Action.ROADMAP)]
    if not item.behind:
        text = join(notice, t("finished", counts=counts(t, snap.progress.everything)))
        return t.screen(text, keyboard(last_row))
    first = item.behind[0]
    text = join(
        notice,
        t(
            "finished-path",
            counts=counts(t, snap.progress.path_and_electives),
            steps=listed(t, [step_title(t, step) for step in item.behind]),
        ),
    )
    back = button(t.plain("button-go-back", step=step_label(t, first)), Action.START_HERE, first.id)
    return t.screen(text, keyboard([back], last_row))


def _gap(t: Text, snap: Snapshot, item: LanguageGap, notice: str) -> Screen:
    """A topic with nothing in the learner's language: asked once, for every such topic."""
    offered = listed(t, [language_name(t, lang) for lang in item.offered])
    wanted = language_name(t, snap.material)
    text = join(
        notice,
        lines(_place(t, item), t("gap-ask", wanted=wanted, offered=Markup(offered))),
        _item_progress(t, snap, item),
    )
    other = item.offered[0]  # a gap means the topic has material in exactly one other language
    markup = keyboard(
        [
            button(
                t.plain("button-show-other", language=language_name(t, other) if other else ""),
                Action.OTHER_LANGUAGE,
                item.topic.id,
            )
        ],
        [
            button(
                t.plain("button-leave-out-other"),
                Action.OTHER_LANGUAGE_ALWAYS,
                "no-c",
            )
        ],
        [button(t.plain("button-skip-topic"), Action.SKIP_TOPIC, item.topic.id)],
        [
            button(t.plain("button-language"), Action.LANGUAGE_MENU, "next"),
            button(t.plain("button-roadmap"), Action.ROADMAP),
        ],
    )
    return t.screen(text, markup)


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
    return t.screen(text, keyboard(*rows, [button(t.plain("button-roadmap"), Action.ROADMAP)]))


def electives_intro(t: Text, snap: Snapshot, step: Step) -> Markup:
    """The hands-on introduction; its congratulation only for a learner who earned it."""
    reached = step.reached.get(t.locale) if step.reached and came_through(snap) else ""
    intro = step.intro.get(t.locale) if step.intro else ""
    return lines(escape(reached), escape(intro))


def _electives(t: Text, snap: Snapshot, item: ChooseElective, notice: str) -> Screen:
    text = join(
        notice,
        f"<b>{step_title(t, item.step)}</b>",
        electives_intro(t, snap, item.step),
        t("electives-choose"),
    )
    options = [
        button(topic.title.get(t.locale), Action.ELECTIVE, topic.id) for topic in item.options
    ]
    return t.screen(
        text, keyboard(*columns(options, 2), [button(t.plain("button-roadmap"), Action.ROADMAP)])
    )


def elective_menu(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """Every hands-on elective with its progress, to pick one any time."""
    rows = []
    for topic, tally in snap.progress.electives:
        label = t.plain(
            "elective-option",
            name=topic.title.get(t.locale),
            done=tally.done,
            skipped=tally.skipped,
            unneeded=tally.unneeded,
            total=tally.total,
        )
        if topic.id == snap.state.elective:
            label = t.plain("chosen", label=label)
        rows.append([button(label, Action.ELECTIVE, topic.id)])
    steps = snap.roadmap.elective_steps
    intro = electives_intro(t, snap, steps[0]) if steps else ""
    text = join(notice, intro, t("electives-choose"))
    return t.screen(text, keyboard(*rows, [button(t.plain("button-roadmap"), Action.ROADMAP)]))
