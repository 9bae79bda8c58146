"""The Persian learner's side, through the fake Telegram."""

from __future__ import annotations

from fake_bot_api import FakeTelegram
from tests.e2e.harness import RunningBot, press, say
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
    card = await press(user, "کنار بروند", card)
    assert resource_url(card) is not None  # Git: Jadi's Persian course
    served = []
    for _ in range(60):
        url = resource_url(card)
        if url is None:
            break
        served.append(url)
        card = await press(user, "✅", card)
    assert not any("amazon" in url for url in served)  # English books never come
    report = await say(user, "/progress")
    assert "گام" in report.text
