"""Simulated learners walk the roadmap through the real bot and the fake Telegram."""

from __future__ import annotations

import re
from pathlib import Path

from bot.roadmap.models import Language, Roadmap
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import RunningBot, press, say

SEED = Path(__file__).parents[2] / "data" / "seed" / "python-backend-roadmap.md"
LINK = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)(?: \((?P<lang>English|Persian)\))?")


def seed_links(*, skip_sections: tuple[str, ...] = ()) -> list[tuple[str, str | None, str]]:
    """(url, language, section) for every link in the seed, in order, read independently."""
    links, section = [], ""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"\s*-?\s*#{2,3} (.+)", line):
            section = heading.group(1).strip()
        for match in LINK.finditer(line):
            lang = {"English": "en", "Persian": "fa"}.get(match.group("lang") or "")
            if section not in skip_sections:
                links.append((match.group("url"), lang, section))
    return links


def resource_url(message: BotMessage) -> str | None:
    """The study card's link (its "Open" button), or None for any other screen."""
    for row in message.buttons:
        for button in row:
            if button.url:
                return button.url
    return None


async def onboard(
    user: SimUser, material_label: str, start_label: str, reminder_label: str | None = None
) -> BotMessage:
    """/start, then answer the set-up questions: material, start, weekly reminder."""
    welcome = await say(user, "/start")
    assert welcome.buttons
    await press(user, material_label)
    question = await press(user, start_label)
    assert "⏰" in question.text  # the weekly reminder question
    if reminder_label is None:
        reminder_label = "نه، ممنون" if user.language_code == "fa" else "No, thanks"
    return await press(user, reminder_label, question)


async def study_all(
    user: SimUser, card: BotMessage, *, framework: str, gap_label: str | None = None
) -> tuple[list[str], BotMessage]:
    """Press Done on every card until the ordered path ends; return the URLs served."""
    served: list[str] = []
    for _ in range(200):
        url = resource_url(card)
        if url is not None:
            served.append(url)
            card = await press(user, "✅", card)
            continue
        labels = card.button_texts()
        if any(framework in label for label in labels):
            card = await press(user, framework, card)
            continue
        if gap_label is not None and any(gap_label in label for label in labels):
            card = await press(user, gap_label, card)
            continue
        return served, card
    raise AssertionError("the journey does not end")


async def test_english_django_learner_gets_every_link_once_in_order_then_completion(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Ana", language_code="en")
    card = await onboard(user, "English", "From the beginning")
    served, end = await study_all(user, card, framework="Django")

    # Every seed link, once, in order: tests/e2e/test_content.py (earlier editions included).
    assert len(served) == len(set(served))
    others = {str(r.url) for r in roadmap.resources() if r.language is Language.FA}
    assert not others & set(served)

    # The ordered path ends with the hands-on section (the seed's emoji, repaired).
    assert "🎉" in end.text and "Congrats" in end.text
    for elective in [t.title.en for t in roadmap.elective_steps[0].topics]:
        card = await press(user, elective, end)
        served_here, end = await study_all(user, card, framework="Django")
        assert served_here
    assert "You finished the whole roadmap" in end.text


async def test_persian_learner_gets_persian_where_it_exists_and_is_offered_english(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Reza", language_code="fa")
    card = await onboard(user, "🇮🇷 فارسی", "از اول")
    assert resource_url(card) == "https://quera.org/"  # Algorithms' Persian platform
    card = await press(user, "✅", card)
    # System Design has no Persian material: the bot says so and offers English.
    assert resource_url(card) is None
    assert "انگلیسی" in card.text
    card = await press(user, "نمایش منابع انگلیسی", card)
    assert resource_url(card) == str(roadmap.steps[0].topics[1].resources[0].url)

    served, _end = await study_all(user, card, framework="Django", gap_label="نمایش منابع")
    persian = [url for url, lang, _ in seed_links() if lang == "fa"]
    assert [u for u in served if u in persian] == persian
    # Where a topic has Persian material, the English material is not pushed on the learner.
    for topic_id in ("python-advanced", "django"):
        topic = roadmap.topic(topic_id)
        assert topic is not None
        english = {str(r.url) for r in topic.resources if r.language is Language.EN}
        assert not english & set(served), topic_id


async def test_fastapi_learner_never_sees_django(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Sam")
    card = await onboard(user, "Both", "Step 2: Python Web Frameworks")
    assert "Choose ONE framework" in card.text
    served, _ = await study_all(user, card, framework="FastAPI")
    django = {str(r.url) for r in roadmap.topic("django").resources}  # type: ignore[union-attr]
    fastapi = {str(r.url) for r in roadmap.topic("fastapi").resources}  # type: ignore[union-attr]
    assert fastapi <= set(served)
    assert not django & set(served)
