"""/forget deletes every row about the learner, and only after they confirm."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Table, func, select

from bot.db.models import Base, Reminder, Review
from fake_bot_api import FakeTelegram, SimUser
from tests.e2e.harness import WAIT, RunningBot, press, say


def _learner_column(table: Table) -> Column[int]:
    """The column of ``table`` that names a learner."""
    if table.name == "learners":
        return table.c.id
    (column,) = [
        c for c in table.c if any(fk.column.table.name == "learners" for fk in c.foreign_keys)
    ]
    return column


async def rows_about(bot: RunningBot, user: SimUser) -> dict[str, int]:
    """Rows per table about ``user``, in every table that refers to a learner."""
    tables = [
        t
        for t in Base.metadata.sorted_tables
        if t.name == "learners" or any(fk.column.table.name == "learners" for fk in t.foreign_keys)
    ]
    counts = {}
    async with bot.sessions() as session:
        for table in tables:
            query = select(func.count()).select_from(table)
            counts[table.name] = await session.scalar(
                query.where(_learner_column(table) == user.id)
            )
    return counts


async def studied(bot: RunningBot, user: SimUser) -> None:
    """A learner with a row in every table: settings, progress, a topic in another language
    (Persian material, then English for Python — Intermediate), a note, a reminder, and a
    review question a nudge asked."""
    await say(user, "/start")
    await press(user, "Persian")
    await press(user, "Python — Intermediate")
    gap = await say(user, "/next")
    card = await press(user, "English", gap)
    await press(user, "✅", card)
    await user.send("a note", reply_to=card.message_id)
    await user.wait_message(timeout=WAIT)
    async with bot.sessions.begin() as session:
        if await session.get(Reminder, user.id) is None:
            session.add(Reminder(learner_id=user.id))
        asked = datetime.now(UTC)
        session.add(Review(learner_id=user.id, topic_id="algorithms", stage=1, asked_at=asked))


async def test_yes_deletes_every_row_about_the_learner_and_nothing_else(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user, other = fake.user(), fake.user()
    await studied(bot, user)
    await studied(bot, other)
    before = await rows_about(bot, user)
    tables = {
        "learners",
        "learner_settings",
        "progress",
        "topic_languages",
        "reminders",
        "notes",
        "reviews",
    }
    assert tables <= set(before)
    assert all(count >= 1 for count in before.values()), before
    others = await rows_about(bot, other)

    confirm = await say(user, "/forget")
    assert "Delete everything I know about you?" in confirm.text
    done = await press(user, "Yes, delete everything", confirm)
    assert "everything I stored about you is deleted" in done.text and not done.buttons

    assert set((await rows_about(bot, user)).values()) == {0}
    assert await rows_about(bot, other) == others

    welcome = await say(user, "/start")  # a new learner again
    assert "Which material do you want?" in welcome.text
    assert "Welcome back" not in welcome.text


async def test_no_keeps_everything(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    await studied(bot, user)
    before = await rows_about(bot, user)
    kept = await press(user, "Cancel", await say(user, "/forget"))
    assert "Nothing was deleted" in kept.text
    assert await rows_about(bot, user) == before
    assert "Progress: 1 of" in (await say(user, "/next")).text


async def test_a_stranger_is_told_there_is_nothing_and_stays_unknown(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(language_code="fa")
    reply = await say(user, "/forget")
    assert "چیزی از شما ذخیره نکرده‌ام" in reply.text and not reply.buttons
    assert set((await rows_about(bot, user)).values()) == {0}
