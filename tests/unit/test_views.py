"""Every screen, in both languages and many learner states, obeys Telegram's rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.bidi import CONTROLS, LRI, PDI
from bot.callback_data import Action, decode, review_answer
from bot.i18n import LOCALES, Text, Translator, escape
from bot.roadmap.models import Roadmap
from bot.services import path
from bot.services.learning import Undo
from bot.services.path import LearnerState, Material, Status
from bot.services.reminders import ReminderView
from bot.services.review import Due
from bot.services.snapshot import Snapshot
from bot.services.tally import progress
from bot.views import Screen
from bot.views.onboarding import choose_start, welcome, welcome_back
from bot.views.progress import progress_screen
from bot.views.reminders import (
    day_menu,
    hour_menu,
    nudge_screen,
    onboarding_question,
    reminders_screen,
    when,
    zone_menu,
)
from bot.views.roadmap import roadmap_screen, start_here_screen, step_screen
from bot.views.settings import help_screen, language_screen, reset_confirm
from bot.views.study import (
    elective_menu,
    framework_menu,
    milestone_notice,
    study_screen,
    topic_screen,
)
from fake_bot_api.entities import utf16_len
from fake_bot_api.html import parse_html


def visible(text: str) -> str:
    """``text`` without its bidi marks: what a reader sees, in logical order."""
    return "".join(ch for ch in text if ch not in CONTROLS)


def snapshot(roadmap: Roadmap, state: LearnerState, locale: str = "en") -> Snapshot:
    return Snapshot(
        roadmap=roadmap,
        learner_id=1,
        first_name="<Ana & Co>",
        ui_language=locale,
        onboarded=True,
        state=state,
        next=path.next_item(roadmap, state),
        progress=progress(roadmap, state),
        streak_weeks=3,
    )


def states(roadmap: Roadmap) -> Iterator[LearnerState]:
    """A learner at every interesting point: new, gaps, choices, electives, finished."""
    everything = {r.id: Status.DONE for r in roadmap.resources()}
    for material in Material:
        yield LearnerState(material=material)
        yield LearnerState(material=material, start_at="frameworks")
        yield LearnerState(material=material, framework="django", start_at="python-advanced")
        yield LearnerState(material=material, framework="flask", elective="git")
        yield LearnerState(material=material, framework="dash", statuses=everything)
    ordered = {
        r.id: Status.SKIPPED
        for step in roadmap.steps
        if step.mode.value != "electives"
        for t in step.topics
        for r in t.resources
    }
    yield LearnerState(framework="fastapi", statuses=ordered)
    started = {r.id: Status.STARTED for r in roadmap.resources()}
    yield LearnerState(material=Material.BOTH, framework="django", statuses=started)
    yield LearnerState(start_at="operating-system", statuses=everything)  # jumped ahead


def screens(roadmap: Roadmap, t_locale: str, translator: Translator) -> Iterator[Screen]:
    t = translator.locale(t_locale)
    for state in states(roadmap):
        snap = snapshot(roadmap, state, t_locale)
        yield study_screen(t, snap)
        yield study_screen(t, snap, notice=t("onboarding-done"))
        yield welcome(t, snap)
        yield welcome_back(t, snap)
        yield choose_start(t, snap)
        yield roadmap_screen(t, snap)
        yield progress_screen(t, replace(snap, streak_weeks=0))
        yield progress_screen(t, snap)
        yield framework_menu(t, snap)
        yield elective_menu(t, snap)
        yield language_screen(t, snap)
        yield language_screen(t, snap, from_study=True)
        yield reset_confirm(t, snap)
        yield nudge_screen(t, snap)
        undo = Undo(next(iter(roadmap.resources())).id, Status.STARTED)
        yield study_screen(t, snap, notice=milestone_notice(t, tuple(roadmap.steps)), undo=undo)
        for step in roadmap.steps:
            yield step_screen(t, snap, step)
            yield start_here_screen(t, snap, step.id)
    yield help_screen(t)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screen_is_valid_telegram_html(roadmap: Roadmap, locale: str) -> None:
    translator = Translator()
    count = 0
    for screen in screens(roadmap, locale, translator):
        text, _entities = parse_html(screen.text)  # raises on invalid HTML
        assert 1 <= utf16_len(text) <= 4096
        assert "&amp;amp;" not in screen.text
        if screen.keyboard is not None:
            for row in screen.keyboard.inline_keyboard:
                for button in row:
                    assert button.text.strip()
                    assert "&amp;" not in button.text and "<" not in button.text
                    if button.callback_data is not None:
                        assert isinstance(button.callback_data, str)
                        decode(button.callback_data)  # our own codec accepts it
        count += 1
    assert count > 250


def test_user_text_is_escaped(roadmap: Roadmap) -> None:
    t = Translator().locale("en")
    screen = welcome(t, snapshot(roadmap, LearnerState()))
    assert "&lt;Ana &amp; Co&gt;" in screen.text


def test_study_card_shows_place_title_kind_language_link_and_progress(roadmap: Roadmap) -> None:
    t = Translator().locale("en")
    screen = study_screen(t, snapshot(roadmap, LearnerState()))
    text, _ = parse_html(screen.text)
    first = roadmap.steps[0].topics[0].resources[0]
    assert "Step 0: Prerequisites" in text and "Algorithms & Data Structures" in text
    assert first.title in text and "Book" in text and "English" in text
    assert f'href="{first.url}"' in screen.text
    assert "Progress: 0 of" in text
    labels = [b.text for row in screen.keyboard.inline_keyboard for b in row]  # type: ignore[union-attr]
    alternatives = len([r for r in roadmap.steps[0].topics[0].resources if r.language != "fa"])
    assert labels == [
        "📖 Open",
        "✅ Done",
        "⏳ Started",
        "⏭ Skip",
        "🎓 I know this topic",
        f"📚 All {alternatives} in this topic",
        "⏩ Skip topic",
        "🌐 Language",
        "📝 Note",
        "🗺 Roadmap",
    ]
    assert "Price" in text or "Free" in text or "Paid" in text


def test_added_material_is_marked(roadmap: Roadmap) -> None:
    t = Translator().locale("en")
    state = LearnerState(start_at="operating-system")
    text, _ = parse_html(study_screen(t, snapshot(roadmap, state)).text)
    assert "Added by the bot's editors" in text


def test_hands_on_intro_shows_real_emoji(roadmap: Roadmap) -> None:
    t = Translator().locale("en")
    ordered = {
        r.id: Status.DONE
        for s in roadmap.steps
        if s.mode.value != "electives"
        for tp in s.topics
        for r in tp.resources
    }
    screen = study_screen(t, snapshot(roadmap, LearnerState(framework="django", statuses=ordered)))
    for emoji in ("🎉", "👋", "⚠️", "✅"):
        assert emoji in screen.text
    assert "üéâ" not in screen.text


def test_persian_screens_are_in_persian(roadmap: Roadmap) -> None:
    t = Translator().locale("fa")
    text, _ = parse_html(study_screen(t, snapshot(roadmap, LearnerState(), "fa")).text)
    assert "گام ۰" in text or "گام 0" in text


@pytest.mark.parametrize("locale", LOCALES)
def test_persian_resources_are_shown_under_their_persian_titles(
    roadmap: Roadmap, locale: str
) -> None:
    t = Translator().locale(locale)
    quera, jadi = roadmap.resource("quera-fa"), roadmap.resource("jadi-git-fa")
    assert quera is not None and jadi is not None and quera.title_fa and jadi.title_fa
    state = LearnerState(material=Material.FA, statuses={jadi.id: Status.STARTED})
    snap = snapshot(roadmap, state, locale)
    topic = roadmap.topic_of(quera.id)
    screens = {
        "card": study_screen(t, snap),  # Quera is next; Jadi's course is in progress
        "topic": topic_screen(t, snap, topic),
        "step": step_screen(t, snap, roadmap.steps[0]),
        "progress": progress_screen(t, snap),
        "nudge": nudge_screen(t, snap),
    }
    for name, screen in screens.items():
        text, _ = parse_html(screen.text)
        labels = " ".join(b.text for row in screen.keyboard.inline_keyboard for b in row)  # type: ignore[union-attr]
        shown = text + " " + labels
        assert quera.title not in shown and jadi.title not in shown, name
        assert quera.title_fa in shown or jadi.title_fa in shown, name
    progress_labels = [b.text for row in screens["progress"].keyboard.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert t.plain("button-finish-started", title=jadi.title_fa) in progress_labels


def test_the_nudge_says_what_is_in_progress_and_never_calls_a_finish_a_choice(
    roadmap: Roadmap,
) -> None:
    t = Translator().locale("en")
    first = next(iter(roadmap.resources()))
    started = LearnerState(statuses={first.id: Status.STARTED})
    assert f"Still in progress: {first.title}" in nudge_screen(t, snapshot(roadmap, started)).text
    everything = {r.id: Status.DONE for r in roadmap.resources()}
    done = LearnerState(framework="django", statuses=everything)
    finished = nudge_screen(t, snapshot(roadmap, done)).text
    assert "finished the whole roadmap" in finished and "choice" not in finished


@pytest.mark.parametrize("locale", LOCALES)
def test_the_nudge_asks_about_any_topic_with_buttons_that_name_it(
    roadmap: Roadmap, locale: str
) -> None:
    t = Translator().locale(locale)
    snap = snapshot(roadmap, LearnerState(), locale)
    assert "🧠" not in nudge_screen(t, snap).text
    for topic in (topic for step in roadmap.steps for topic in step.topics):
        screen = nudge_screen(t, snap, Due(topic.id, 3, datetime(2026, 1, 5, tzinfo=UTC)))
        text, _entities = parse_html(screen.text)
        assert visible(topic.title.get(locale)) in visible(text)
        assert screen.keyboard is not None
        answers = [
            review_answer(data)
            for row in screen.keyboard.inline_keyboard
            for button in row
            if isinstance(button.callback_data, str)
            and (data := decode(button.callback_data)).action is Action.REVIEW
        ]
        assert [(a.answer, a.stage, a.topic_id) for a in answers] == [
            ("yes", 3, topic.id),
            ("open", 3, topic.id),
        ]


@pytest.mark.parametrize("locale", LOCALES)
def test_free_only_screens_say_what_is_hidden_and_never_show_a_paid_resource(
    roadmap: Roadmap, locale: str
) -> None:
    t = Translator().locale(locale)
    snap = snapshot(roadmap, LearnerState(free_only=True, framework="django"))
    paid = [r for r in roadmap.resources() if r.price is not None and r.price.value == "paid"]
    design = roadmap.topic("system-design")
    assert design is not None and all(r in paid for r in design.resources)
    hidden = t.plain("topic-paid-hidden", count=len(design.resources))
    for step in roadmap.steps:
        screen = step_screen(t, snap, step)
        assert not any(f'href="{escape(str(r.url))}"' in screen.text for r in paid), step.id
    text, _ = parse_html(step_screen(t, snap, roadmap.steps[0]).text)
    assert visible(hidden) in visible(text)
    card = visible(parse_html(study_screen(t, snap).text)[0])
    assert visible(t.plain("price-paid")) not in card and visible(t.plain("price-free")) in card


def _outside_isolates(text: str) -> str:
    """``text`` without its isolated Latin runs (titles, commands, zone names, URLs)."""
    return re.sub(f"{LRI}[^{PDI}]*{PDI}", "", text)


def _reminder_screens(t: Text) -> Iterator[Screen]:
    for enabled, zone in ((True, "Asia/Tehran"), (False, "America/New_York")):
        next_at = datetime(2026, 3, 20, 21, 0, tzinfo=UTC) if enabled else None
        view = ReminderView(t.locale, enabled, 4, 18, zone, next_at)
        yield reminders_screen(t, view, notice=t("reminder-saved", when=when(t, datetime.now(UTC))))
        yield day_menu(t, view)
        yield hour_menu(t, view)
        yield zone_menu(t, view)
        yield onboarding_question(t, view)


def test_the_persian_interface_shows_persian_digits(roadmap: Roadmap) -> None:
    """No ASCII digit outside the Latin runs (URLs, IANA names, commands, titles)."""
    t = Translator().locale("fa")
    found = set()
    for screen in [*screens(roadmap, "fa", t.translator), *_reminder_screens(t)]:
        text, _entities = parse_html(screen.text)
        labels = (
            [b.text for row in screen.keyboard.inline_keyboard for b in row]
            if screen.keyboard
            else []
        )
        for part in [*text.split("\n"), *labels]:
            if re.search("[0-9]", _outside_isolates(part)):
                found.add(part)
    assert not found, "\n".join(sorted(found))
