"""Spaced review in the weekly nudge, end to end in English and Persian, on a test clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import Progress, Review
from bot.i18n import Translator
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import WAIT, FakeClock, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard

FINISHED = datetime(2026, 11, 26, 12, tzinfo=UTC)  # a Thursday
ADMIN = 4242


@dataclass(frozen=True)
class Words:
    """What the learner presses and reads, in one interface language."""

    language: str
    material: str
    start: str
    #: The topic "algorithms" has several English resources: "I know this topic" after
    #: the first is done; in Persian it has one, so Done finishes it.
    know: str | None
    topic: str
    turn_on: str
    asks: str
    yes: str
    thanks: str
    again: str
    stop: str
    stopped: str
    review_on: str
    review_off: str
    #: /stats: three questions asked, one "yes", one "open again", one learner turned off.
    stats: str


ENGLISH = Words(
    "en",
    "English",
    "From the beginning",
    "I know this topic",
    "Algorithms & Data Structures",
    "🔔 Turn on",
    "🧠 Still fresh:",
    "👍 Yes",
    "is still fresh",
    "📖 Open again",
    "Stop review questions",
    "No more review questions",
    "Turn review questions on",
    "Turn review questions off",
    "Review questions asked: 3 · still fresh: 1 · opened again: 1"
    " · learners who turned them off: 1",
)
PERSIAN = Words(
    "fa",
    "فارسی",
    "از اول",
    None,
    "الگوریتم‌ها و ساختمان داده‌ها",
    "🔔 روشن کن",
    "🧠 مرور:",
    "👍 بله",
    "هنوز یادتان هست.",
    "📖 دوباره باز کن",
    "دیگر مرور نپرس",
    "دیگر پرسش مرور نمی‌فرستم",
    "روشن کردن پرسش‌های مرور",
    "خاموش کردن پرسش‌های مرور",
    "پرسش‌های مرور: ۳ بار پرسیدم · «بله»: ۱ · «دوباره باز کن»: ۱ · ۱ نفر خاموششان کرده‌اند",
)


@pytest.fixture(autouse=True)
def admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", str(ADMIN))


def sent_to(fake: FakeTelegram, user: SimUser) -> list[str]:
    """Every message Telegram accepted for this learner, in order."""
    return [
        str(call.params["text"])
        for call in fake.calls_to("sendMessage")
        if call.ok and call.chat_id == user.chat_id
    ]


async def nudge(bot: RunningBot, fake: FakeTelegram, user: SimUser) -> BotMessage:
    """Dispatch; the learner's one new nudge."""
    before = len(sent_to(fake, user))
    assert (await bot.dispatch())["sent"] == 1
    await settled(fake)
    assert len(sent_to(fake, user)) == before + 1
    return user.last


async def statuses(bot: RunningBot, user: SimUser) -> dict[str, str]:
    async with bot.sessions() as session:
        rows = await session.execute(
            select(Progress.resource_id, Progress.status).where(Progress.learner_id == user.id)
        )
        return {rid: status for rid, status in rows}


@pytest.mark.parametrize("words", [ENGLISH, PERSIAN], ids=["en", "fa"])
async def test_a_finished_topic_comes_back_once_per_stage(
    start_bot: Callable[..., Awaitable[RunningBot]], fake: FakeTelegram, words: Words
) -> None:
    clock = FakeClock(FINISHED)
    bot = await start_bot(clock=clock)
    user = fake.user(first_name="Ana", language_code=words.language)
    card = await onboard(user, words.material, words.start)
    card = await press(user, "✅", card)
    if words.know:
        await press(user, words.know, card)
    await press(user, words.turn_on, await say(user, "/reminders"))
    finished = await statuses(bot, user)

    def at(days: int) -> None:
        clock.set(FINISHED + timedelta(days=days))

    at(5)  # the first nudge, before a week is out, asks nothing
    assert words.asks not in (await nudge(bot, fake, user)).text
    at(12)
    asked = await nudge(bot, fake, user)
    assert words.asks in asked.text and words.topic in asked.text
    stale = Translator().locale(words.language).plain("button-stale")
    for forged in ("1:rv:y1-no-such-topic", "1:rv:y2-algorithms", "1:rv:o3-algorithms"):
        pressed = await user.press_data(forged, message=card)  # the stale answer edits it
        query = await user.wait_answer(pressed, timeout=WAIT)
        assert query.answer is not None and query.answer.get("text") == stale, forged
    await settled(fake)
    async with bot.sessions() as session:
        assert (await session.scalars(select(Review.answer))).all() == [None]
    thanked = await press(user, words.yes, asked)
    assert words.thanks in thanked.text
    at(19)
    assert words.asks not in (await nudge(bot, fake, user)).text  # stage 1 answered
    at(33)
    asked = await nudge(bot, fake, user)
    assert words.asks in asked.text  # four weeks: stage 2
    at(40)
    assert words.asks not in (await nudge(bot, fake, user)).text  # asked once, unanswered
    opened = await press(user, words.again, asked)  # answered late
    assert words.topic in opened.text and "✅" in opened.text  # the topic's resources
    assert await statuses(bot, user) == finished  # progress unchanged
    at(47)
    assert words.asks not in (await nudge(bot, fake, user)).text
    await press(user, words.review_off, await say(user, "/reminders"))
    at(89)
    assert words.asks not in (await nudge(bot, fake, user)).text  # off: stage 3 not asked

    await press(user, words.review_on, await say(user, "/reminders"))
    at(96)
    asked = await nudge(bot, fake, user)
    assert words.asks in asked.text  # back on: twelve weeks, stage 3
    stopped = await press(user, words.stop, asked)
    assert words.stopped in stopped.text and words.review_on in stopped.button_texts()[-2]
    at(103)
    assert words.asks not in (await nudge(bot, fake, user)).text  # off again

    admin = fake.user(ADMIN, language_code=words.language)
    stats = await say(admin, "/stats")
    assert words.stats in stats.text  # asked 12, 33 and 96 days on
