"""Screens that tell the truth, and the controls learners asked for, through the fake Telegram.

Each learner is driven by the button texts a person would read, in English and in Persian.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.db.models import Progress
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url

PROGRESS = re.compile(r"Progress: (\d+) of (\d+) on your path \((\d+)%\)")


async def stored(bot: RunningBot, user: SimUser) -> dict[str, str]:
    """The learner's progress rows: resource id -> status."""
    await settled(bot.fake)
    async with bot.sessions() as session:
        rows = await session.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == user.id)
        )
        return {resource_id: status for resource_id, status in rows}


def progress_of(card: BotMessage) -> tuple[int, int, int]:
    found = PROGRESS.search(card.text)
    assert found, card.text
    resolved, total, percent = map(int, found.groups())
    return resolved, total, percent


# -- defects ------------------------------------------------------------------------


async def test_reset_states_everything_it_deletes_whatever_the_material(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    for _ in range(3):
        card = await press(user, "✅ Done", card)
    await say(user, "/language")
    await press(user, "Persian")
    confirm = await say(user, "/reset")
    assert "3 done, 0 skipped, 0 in progress" in confirm.text, confirm.text
    await press(user, "Yes, start over", confirm)
    assert await stored(bot, user) == {}


async def test_a_learner_who_jumped_ahead_is_told_what_is_left_not_that_they_finished(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Sam")
    card = await onboard(user, "English", "Step 3: Operating System")
    for _ in range(300):
        if resource_url(card):
            card = await press(user, "✅ Done", card)
        elif "Pick a hands-on step" in card.text:
            card = await press(user, card.button_texts()[0], card)
        else:
            break
    assert "You finished the whole roadmap" not in card.text
    assert "You reached the end of your path" in card.text
    assert "Step 0: Prerequisites" in card.text and "Step 2: Python Web Frameworks" in card.text
    back = await press(user, "⏮ Go back to Step 0", card)
    assert "Step 0" in back.text and resource_url(back)


async def test_the_hands_on_congratulation_is_said_only_when_true(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    await onboard(user, "English", "From the beginning")
    await say(user, "/roadmap")
    hands_on = await press(user, "Hands-on Experience")
    assert "Congrats" not in hands_on.text and "passed steps" not in hands_on.text
    assert "don't have any order" in hands_on.text
    menu = await press(user, "🧪 Hands-on electives", await say(user, "/roadmap"))
    assert "Congrats" not in menu.text


async def test_accepting_the_other_language_keeps_the_total(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Reza", language_code="en")
    gap = await onboard(user, "Persian", "Python — Intermediate")
    assert resource_url(gap) is None  # the topic has nothing in Persian
    _, total, _ = progress_of(gap)
    card = await press(user, "Show English material", gap)
    assert resource_url(card) is not None
    assert progress_of(card)[1] == total
    roadmap = await say(user, "/roadmap")
    assert "0/0" not in roadmap.text and "(of 0)" not in roadmap.text


async def test_both_languages_show_one_book_once_with_both_links(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Sara")
    await onboard(user, "Both", "Python — Advanced")
    card = await say(user, "/next")
    for _ in range(10):
        if "Python Tricks" in card.text:
            break
        card = await press(user, "✅ Done", card)
    assert "Also in Persian" in card.text and "boby.cloud" in str(card.html), card.html
    done_before, total, _ = progress_of(card)
    after = await press(user, "✅ Done", card)
    assert "Python Tricks" not in after.text  # not offered a second time in Persian
    rows = await stored(bot, user)
    assert rows["python-tricks"] == rows["python-tricks-fa"] == "done"
    report = await say(user, "/progress")
    assert f"On your path: {done_before + 1} done, 0 skipped, {total - done_before - 1} left" in (
        report.text
    )


# -- started, undo, revisit, milestones ------------------------------------------------


async def test_started_moves_on_and_progress_lists_it_until_done(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    first = resource_url(card)
    card = await press(user, "⏳ Started", card)
    assert resource_url(card) not in (None, first)
    assert "is in progress" in card.text
    report = await say(user, "/progress")
    assert "In progress" in report.text and "Grokking Algorithms" in report.text
    assert (await stored(bot, user))["grokking-algorithms"] == "started"
    after = await press(user, "✅ Done: Grokking Algorithms", report)
    assert (await stored(bot, user))["grokking-algorithms"] == "done"
    assert "is in progress" not in after.text


async def test_undo_puts_back_the_last_mark_and_survives_a_restart(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    first = resource_url(card)
    card = await press(user, "✅ Done", card)
    assert "↩️ Undo" in card.button_texts()
    await settled(fake)
    await bot.restart()
    card = await press(user, "↩️ Undo", card)
    assert resource_url(card) == first
    assert await stored(bot, user) == {}
    # Undo after Started then Done goes back to "started".
    card = await press(user, "⏳ Started", card)
    await say(user, "/progress")
    card = await press(user, "✅ Done: Grokking")
    card = await press(user, "↩️ Undo", card)
    assert (await stored(bot, user))["grokking-algorithms"] == "started"


async def test_a_skipped_resource_can_be_studied_again_from_the_roadmap(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    await press(user, "⏭ Skip", card)
    await say(user, "/roadmap")
    step = await press(user, "Step 0: Prerequisites")
    assert "⏭" in step.text
    card = await press(user, "📖 Study now: Grokking Algorithms", step)
    assert resource_url(card) and "Grokking Algorithms" in card.text
    assert "grokking-algorithms" not in await stored(bot, user)


async def test_study_from_here_brings_skipped_items_back_on_request(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    for _ in range(2):
        card = await press(user, "⏭ Skip", card)
    await say(user, "/roadmap")
    step = await press(user, "Step 0: Prerequisites")
    card = await press(user, "📍 Study from here", step)
    assert "You skipped 2 resources from here on" in card.text
    card = await press(user, "↩️ Bring back 2 skipped", card)
    assert "Grokking Algorithms" in card.text
    assert await stored(bot, user) == {}


async def test_finishing_a_step_is_said_in_english_and_persian(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    for language, done, said in (
        ("en", "✅ Done", "🎉 You finished Step 0: Prerequisites!"),
        ("fa", "✅ انجام شد", "را تمام کردید"),
    ):
        user = fake.user(first_name="Ana", language_code=language)
        material = "English" if language == "en" else "انگلیسی"
        start = "From the beginning" if language == "en" else "از اول"
        card = await onboard(user, material, start)
        seen = []
        while resource_url(card) and len(seen) < 30:
            card = await press(user, done, card)
            seen.append(card.text)
            if "🎉" in card.text:
                break
        assert said in seen[-1], seen
        assert not any("🎉" in text for text in seen[:-1])
        card = await press(user, done, card)
        assert "🎉" not in card.text  # said once, when it happened


async def test_persian_learner_sees_started_undo_and_revisit_in_persian(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="سارا", language_code="fa")
    card = await onboard(user, "انگلیسی", "از اول")
    card = await press(user, "⏳ شروع کردم", card)
    assert "در حال مطالعه" in card.text
    card = await press(user, "↩️ برگرداندن", card)
    assert (await stored(bot, user)) == {}
    card = await press(user, "⏭ رد شدن", card)
    await say(user, "/roadmap")
    step = await press(user, "پیش‌نیازها")
    card = await press(user, "📖 حالا بخوانم", step)
    assert resource_url(card) and await stored(bot, user) == {}
