"""The Persian learner's side, through the fake Telegram."""

from __future__ import annotations

import os
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bidi import get_base_level

from fake_bot_api import BotMessage, FakeTelegram
from tests.e2e.harness import FakeClock, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url


async def test_a_persian_learner_is_asked_once_about_english_and_can_change_it(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Reza", language_code="fa")
    card = await onboard(user, "فارسی", "از اول")
    questions = 0
    for _ in range(120):
        if resource_url(card):
            card = await press(user, "✅", card)
        elif any("نمایش منابع" in label for label in card.button_texts()):
            questions += 1
            card = await press(user, "نمایش منابع", card)
        elif any("جنگو" in label for label in card.button_texts()):
            card = await press(user, "جنگو", card)
        else:
            break
    assert questions == 1
    # /language shows the remembered answer and changes it.
    language = await say(user, "/language")
    toggle = next(label for label in language.button_texts() if label.startswith("🔁"))
    assert "✓" in toggle
    changed = await press(user, "🔁", language)
    assert not any("✓" in label for label in changed.button_texts() if label.startswith("🔁"))


async def test_leaving_out_topics_without_persian_is_remembered_and_not_counted(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Sara", language_code="fa")
    card = await onboard(user, "فارسی", "از اول")
    card = await press(user, "✅", card)  # Quera, Algorithms' Persian platform
    assert resource_url(card) is None  # System Design: nothing in Persian
    asked = progress_total(card)
    card = await press(user, "کنار بروند", card)
    assert progress_total(card) < asked  # what is left out is not counted
    assert resource_url(card) is not None  # Git: Jadi's Persian course
    served = []
    for _ in range(60):
        url = resource_url(card)
        if url is None:
            break
        served.append(url)
        card = await press(user, "✅", card)
    assert not any("amazon" in url for url in served)  # English books never come
    again = await say(user, "/next")  # remembered: no question at the next such topic
    assert "کنار بروند" not in " ".join(again.button_texts())


def progress_total(card: BotMessage) -> int:
    """The total of the card's progress line ("پیشرفت: ۱ از ۱۹ …"), Persian digits read."""
    found = re.search(
        r"پیشرفت: [۰-۹]+ از ([۰-۹]+)", card.text.replace("\u2066", "").replace("\u2069", "")
    )
    assert found, card.text
    return int(found[1].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))


# -- a Persian learner's week, every screen checked ------------------------------------------

FRIDAY_NOON = datetime(2026, 12, 4, 12, tzinfo=UTC)
_ISOLATED = re.compile("\u2066[^\u2069]*\u2069|\u2068[^\u2069]*\u2069")


def persian_problems(text: str) -> list[str]:
    """What breaks the Persian rules in a screen as Telegram shows it: a line laid out
    left to right, or an ASCII digit outside an isolated Latin run."""
    problems = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if get_base_level(line) != 1:
            problems.append(f"left-to-right line: {line!r}")
        if re.search(r"[0-9]", _ISOLATED.sub("", line)):
            problems.append(f"ASCII digit: {line!r}")
    return problems


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(FRIDAY_NOON)


async def test_a_persian_learners_week_reads_right_to_left_in_persian_digits_and_dates(
    start_bot: Callable[..., Awaitable[RunningBot]], fake: FakeTelegram, clock: FakeClock
) -> None:
    bot = await start_bot(clock=clock)
    user = fake.user(first_name="رضا", language_code="fa")
    transcript: list[tuple[str, BotMessage]] = []

    async def step(what: str, message: BotMessage) -> BotMessage:
        transcript.append((what, message))
        assert not persian_problems(message.text), (what, persian_problems(message.text))
        return message

    await step("/start", await say(user, "/start"))
    await step("فارسی", await press(user, "فارسی"))  # one button has the name
    question = await step("از اول", await press(user, "از اول"))
    assert "شنبه‌ها ساعت ۱۸:۰۰" in " ".join(question.button_texts())
    card = await step("✅ بله", await press(user, "✅ بله", question))
    assert "آذر" in card.text and "دسامبر" not in card.text  # Solar Hijri
    card = await step("/next", await say(user, "/next"))
    card = await step("⏳ شروع کردم", await press(user, "⏳", card))
    await step("/progress", await say(user, "/progress"))
    screen = await step("/reminders", await say(user, "/reminders"))
    screen = await step("🌍", await press(user, "🌍", screen))
    assert "تهران" in " ".join(screen.button_texts())
    await step("⌨️", await press(user, "⌨️", screen))
    saved = await step("Europe/Berlin", await say(user, "Europe/Berlin"))
    assert "Europe/Berlin" in saved.text
    days = await step("📅", await press(user, "📅", await say(user, "/reminders")))
    assert days.button_texts()[0].startswith("شنبه")  # the week starts on Saturday
    await step("/roadmap", await say(user, "/roadmap"))
    await step("/language", await say(user, "/language"))
    clock.set(datetime(2026, 12, 5, 17, 1, tzinfo=UTC))  # Saturday 18:01 in Berlin
    assert (await bot.dispatch())["sent"] == 1
    await settled(fake)
    nudge = user.messages[-1]
    await step("(weekly nudge)", nudge)
    assert "وقت مطالعه است" in nudge.text
    if path := os.environ.get("PERSIAN_TRANSCRIPT"):
        save(Path(path), transcript)


def save(path: Path, transcript: list[tuple[str, BotMessage]]) -> None:
    """Write what the learner did and saw, for a person to read."""
    path.write_text(
        "\n\n".join(f"> {what}\n{m.text}\n{m.button_texts()}" for what, m in transcript),
        encoding="utf-8",
    )


async def test_the_bot_language_is_one_button_away_and_never_clashes_with_material(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Sara", language_code="fa")
    welcome = await say(user, "/start")
    for name in ("فارسی", "انگلیسی", "English"):
        assert sum(name in label for label in welcome.button_texts()) == 1, name
    menu = await press(user, "🔤", welcome)
    english = await press(user, "English", menu)
    assert "Which material do you want?" in english.text  # the welcome, now in English
    assert "🔤 UI: FA" in english.button_texts()
