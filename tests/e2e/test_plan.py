"""The study plan end to end, on a clock the test controls: set by button and typed, the
finish dates moving as resources are done, ahead or behind, the nudge's line."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from fake_bot_api import BotMessage, FakeTelegram
from tests.e2e.harness import FakeClock, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard
from tests.e2e.test_persian import persian_problems

THURSDAY_NOON = datetime(2026, 11, 26, 12, tzinfo=UTC)
MONDAY_18 = datetime(2026, 11, 30, 18, tzinfo=UTC)  # the default English reminder
_PLAIN = re.compile("[\u2066-\u2069\u200e\u200f]")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(THURSDAY_NOON)


def plain(message: BotMessage) -> str:
    return _PLAIN.sub("", message.text)


def path_finish(message: BotMessage) -> date:
    found = re.search(r"Whole path: around (\d+ \w+ \d{4})", plain(message))
    assert found, message.text
    return datetime.strptime(found[1], "%d %b %Y").date()


async def test_an_english_plan_by_button_and_typed_its_finish_pace_and_nudge(
    start_bot: Callable[..., Awaitable[RunningBot]], fake: FakeTelegram, clock: FakeClock
) -> None:
    bot = await start_bot(clock=clock)
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning", "Yes, Mondays at 18:00")
    report = await say(user, "/progress")
    assert "Whole path" not in report.text  # no plan yet
    screen = await press(user, "🗓 Plan", report)
    assert "How many hours a week do you study?" in screen.text
    screen = await press(user, "5 h/week", screen)
    assert "Plan saved: 5 hours a week." in screen.text
    assert "You plan 5 hours a week (since 26 Nov 2026)." in plain(screen)
    assert "✓ 5 h/week" in screen.button_texts()
    before = await say(user, "/progress")
    assert "✅ On track: 0 hours done since you set it, 0 planned by now." in before.text
    # Grokking Algorithms, a book: 30 hours, six weeks at 5 hours a week.
    card = await say(user, "/next")
    await press(user, "✅ Done", card)
    after = await say(user, "/progress")
    assert path_finish(before) - path_finish(after) == timedelta(weeks=6)
    assert "🚀 Ahead of your plan: 30 hours done since you set it, 0 planned by now." in after.text
    clock.advance(timedelta(weeks=8))  # 40 hours planned by now, 30 done
    late = await say(user, "/progress")
    assert "🐢 Behind your plan: 30 hours done since you set it, 40 planned by now." in late.text
    assert path_finish(late) == path_finish(after) + timedelta(weeks=8)
    # Typed: a word is asked again, a command leaves the prompt, a number is the plan.
    screen = await press(user, "🗓 Plan", late)
    prompt = await press(user, "⌨️ Type the hours", screen)
    assert "Send a number from 1 to 80" in prompt.text
    again = await say(user, "lots")
    assert '"lots" is not a number of hours from 1 to 80' in again.text
    await say(user, "/next")
    assert "Plan saved" not in (await say(user, "12")).text  # the prompt had ended
    await press(user, "⌨️ Type the hours", await press(user, "🗓 Plan", await say(user, "/progress")))
    saved = await say(user, " 10 h ")
    assert "Plan saved: 10 hours a week." in saved.text
    assert "✅ On track: 0 hours done since you set it, 0 planned by now." in saved.text
    # The nudge a week later: behind (0 of 10 hours), in one line.
    clock.advance(timedelta(weeks=1))
    assert (await bot.dispatch())["sent"] == 1
    await settled(fake)
    nudge = plain(user.messages[-1])
    assert "Study time" in nudge
    [line] = [line for line in nudge.splitlines() if line.startswith("🗓")]
    found = re.fullmatch(r"🗓 Behind your plan · (\d+) h left · path done around (.+)\.", line)
    assert found, line
    removed = await press(
        user, "🗑 Remove the plan", await press(user, "🗓 Plan", await say(user, "/progress"))
    )
    assert "Plan removed." in removed.text and "You plan" not in removed.text


async def test_a_persian_plan_in_solar_hijri_dates_and_persian_digits(
    start_bot: Callable[..., Awaitable[RunningBot]], fake: FakeTelegram, clock: FakeClock
) -> None:
    bot = await start_bot(clock=clock)
    user = fake.user(first_name="رضا", language_code="fa")
    await onboard(user, "فارسی", "از اول", "✅ بله")
    screen = await press(user, "🗓 برنامه", await say(user, "/progress"))
    assert not persian_problems(screen.text)
    screen = await press(user, "۵ ساعت در هفته", screen)
    assert not persian_problems(screen.text), persian_problems(screen.text)
    assert "برنامه‌ی شما هفته‌ای ۵ ساعت است (از ۵ آذر ۱۴۰۵)." in plain(screen)
    before = re.search(r"کل مسیر: حدود (.+)\.", plain(screen))
    assert before, screen.text
    card = await say(user, "/next")
    await press(user, "✅", card)
    after = await say(user, "/progress")
    assert not persian_problems(after.text), persian_problems(after.text)
    moved = re.search(r"کل مسیر: حدود (.+)\.", plain(after))
    assert moved and moved[1] != before[1]
    assert "🚀 از برنامه جلوترید" in after.text
    prompt = await press(user, "⌨️", await press(user, "🗓", after))
    assert not persian_problems(prompt.text)
    saved = await say(user, "۱۰")
    assert "برنامه ذخیره شد: هفته‌ای ۱۰ ساعت." in plain(saved)
    assert not persian_problems(saved.text), persian_problems(saved.text)
    clock.advance(timedelta(weeks=3))
    late = await say(user, "/progress")
    assert "🐢 از برنامه عقب‌ترید" in late.text
    assert (await bot.dispatch())["sent"] == 1
    await settled(fake)
    nudge = user.messages[-1]
    assert not persian_problems(nudge.text), persian_problems(nudge.text)
    [line] = [line for line in plain(nudge).splitlines() if "🗓" in line]
    assert "از برنامه عقب‌ترید" in line and "ساعت باقی‌مانده" in line
