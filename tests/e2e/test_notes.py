"""Notes on resources through the fake Telegram, in English and in Persian."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from bidi import get_base_level
from sqlalchemy import select

from bot.bidi import CONTROLS
from bot.db.models import Note
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import WAIT, FakeClock, RunningBot, press, say
from tests.e2e.test_forget import rows_about
from tests.e2e.test_journeys import onboard, resource_url

#: Nowruz 1405: 21 March 2026 in English, 1 Farvardin 1405 in Persian (Tehran).
NOWRUZ = datetime(2026, 3, 21, 10, 0, tzinfo=UTC)
MARKUP = "read <b>chapter 1</b> & <i>2</i>"


@dataclass(frozen=True)
class Words:
    """What the learner presses and reads, in one interface language."""

    material: str
    start: str
    note: str
    prompt: str
    saved: str
    updated: str
    not_asked: str
    not_text: str
    date: str
    edit: str
    delete: str
    delete_yes: str
    deleted: str
    keep: str
    delete_notes: str
    kept: str
    one_note_deleted: str
    empty: str
    progress: str


ENGLISH = Words(
    material="English",
    start="From the beginning",
    note="📝 Note",
    prompt="Send me your note on",
    saved="Note saved on",
    updated="updated",
    not_asked="I work with commands and buttons",
    not_text="A note has to be text",
    date="21 Mar 2026",
    edit="✏️ ",
    delete="🗑 ",
    delete_yes="Yes, delete it",
    deleted="Note deleted",
    keep="keep my notes",
    delete_notes="delete my notes",
    kept="Your note is kept",
    one_note_deleted=", 1 note.",
    empty="You have no notes yet",
    progress="Progress: ",
)
PERSIAN = Words(
    material="فارسی",
    start="از اول",
    note="📝 یادداشت",
    prompt="یادداشتتان درباره‌ی",
    saved="ذخیره شد",
    updated="به‌روز شد",
    not_asked="من فقط با دستورها و دکمه‌ها کار می‌کنم",
    not_text="یادداشت باید متن باشد",
    date="۱ فروردین ۱۴۰۵",
    edit="✏️ ",
    delete="🗑 ",
    delete_yes="بله، پاکش کن",
    deleted="یادداشت پاک شد",
    keep="یادداشت‌ها بمانند",
    delete_notes="یادداشت‌ها را هم پاک کن",
    kept="۱ یادداشتتان سر جایش ماند",
    one_note_deleted="، ۱ یادداشت.",
    empty="هنوز یادداشتی ندارید",
    progress="پیشرفت: ",
)


@pytest.fixture
async def nowruz_bot(start_bot: Callable[..., Awaitable[RunningBot]]) -> RunningBot:
    return await start_bot(clock=FakeClock(NOWRUZ))


def learner(fake: FakeTelegram, words: Words) -> SimUser:
    return fake.user(first_name="Sara", language_code="fa" if words is PERSIAN else "en")


async def reply(user: SimUser, text: str, to: BotMessage) -> BotMessage:
    await user.send(text, reply_to=to.message_id)
    return await user.wait_message(timeout=WAIT)


def digits(words: Words, number: int) -> str:
    return (
        str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        if words is PERSIAN
        else str(number)
    )


def shown(message: BotMessage) -> str:
    """The message's text without the marks that lay Persian out (``bot.bidi``)."""
    return "".join(char for char in message.text if char not in CONTROLS)


def rtl_lines(message: BotMessage) -> None:
    for line in message.text.splitlines():
        if line.strip():
            assert get_base_level(line) == 1, line


@pytest.mark.parametrize("words", [ENGLISH, PERSIAN], ids=["en", "fa"])
async def test_a_note_saved_listed_edited_and_deleted(
    nowruz_bot: RunningBot, fake: FakeTelegram, words: Words
) -> None:
    user = learner(fake, words)
    card = await onboard(user, words.material, words.start)
    title_url = resource_url(card)
    assert title_url is not None

    prompt = await press(user, words.note, card)
    assert words.prompt in prompt.text and "/" not in prompt.text.split(words.prompt)[0]
    saved = await say(user, MARKUP)
    assert words.saved in saved.text, saved.text
    assert len(saved.buttons) == 2  # back to the card, and /notes
    not_asked = await say(user, "and this is not a note")  # the question ended
    assert not_asked.text.startswith(words.not_asked), not_asked.text

    by_reply = await reply(user, "second, by reply", card)
    assert words.saved in by_reply.text

    listed = await say(user, "/notes")
    assert MARKUP in shown(listed)  # escaped: shown as typed, not as formatting
    assert "second, by reply" in shown(listed) and words.date in listed.text
    assert shown(listed).index(MARKUP) < shown(listed).index("second, by reply")
    assert any(entity["type"] == "text_link" for entity in listed.entities)
    if words is PERSIAN:
        rtl_lines(listed)

    opened = await press(user, "📖 " + digits(words, 1), listed)  # the card, its status unchanged
    assert resource_url(opened) == title_url and words.progress + digits(words, 0) in opened.text

    prompt = await press(user, words.edit + digits(words, 1), await say(user, "/notes"))
    assert MARKUP in shown(prompt)  # the text it replaces
    edited = await say(user, "chapter 1 is enough")
    assert words.updated in edited.text
    listed = await say(user, "/notes")
    assert "chapter 1 is enough" in shown(listed) and MARKUP not in shown(listed)

    confirm = await press(user, words.delete + digits(words, 2), listed)
    assert "second, by reply" in shown(confirm)
    after = await press(user, words.delete_yes, confirm)
    assert words.deleted in after.text and "second, by reply" not in shown(after)
    assert "chapter 1 is enough" in shown(after)
    only = await press(user, words.delete + digits(words, 1), after)
    empty = await press(user, words.delete_yes, only)
    assert words.empty in empty.text


@pytest.mark.parametrize("words", [ENGLISH, PERSIAN], ids=["en", "fa"])
async def test_a_command_or_a_button_leaves_the_prompt(
    bot: RunningBot, fake: FakeTelegram, words: Words
) -> None:
    user = learner(fake, words)
    card = await onboard(user, words.material, words.start)
    await press(user, words.note, card)
    assert resource_url(await say(user, "/next")) == resource_url(card)  # does what it says
    assert (await say(user, "not a note")).text.startswith(words.not_asked)

    prompt = await press(user, words.note, card)
    cancelled = await press(user, prompt.button_texts()[0], prompt)  # Cancel: the card again
    assert resource_url(cancelled) == resource_url(card)
    assert (await say(user, "not a note either")).text.startswith(words.not_asked)

    await press(user, words.note, card)
    await say(user, "/nonsense")  # an unknown command cancels too
    assert (await say(user, "still no note")).text.startswith(words.not_asked)

    await press(user, words.note, card)
    await user.send_sticker()
    assert words.not_text in (await user.wait_message(timeout=WAIT)).text
    assert words.saved in (await say(user, "after all, a note")).text  # still asked
    assert (await rows_about(bot, user))["notes"] == 1


@pytest.mark.parametrize("words", [ENGLISH, PERSIAN], ids=["en", "fa"])
async def test_reset_keeps_or_deletes_notes_and_forget_deletes_them(
    bot: RunningBot, fake: FakeTelegram, words: Words
) -> None:
    user = learner(fake, words)
    card = await onboard(user, words.material, words.start)
    await reply(user, "keep me", card)
    await press(user, "✅", card)

    confirm = await say(user, "/reset")
    assert len(confirm.buttons) == 3
    done = await press(user, words.keep, confirm)
    assert words.kept in done.text and words.one_note_deleted not in done.text
    assert (await rows_about(bot, user))["notes"] == 1 and "keep me" in (
        await say(user, "/notes")
    ).text

    done = await press(user, words.delete_notes, await say(user, "/reset"))
    assert words.one_note_deleted in done.text, done.text
    assert (await rows_about(bot, user))["notes"] == 0
    assert words.empty in (await say(user, "/notes")).text
    no_notes = await say(user, "/reset")  # no notes: nothing to ask about them
    assert len(no_notes.button_texts()) == 2

    card = await say(user, "/next")
    await reply(user, "forget me", card)
    assert (await rows_about(bot, user))["notes"] == 1
    forget = await say(user, "/forget")
    await press(user, forget.button_texts()[0], forget)
    assert set((await rows_about(bot, user)).values()) == {0}


async def test_too_long_a_note_is_refused_and_the_prompt_stays(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = learner(fake, ENGLISH)
    card = await onboard(user, "English", "From the beginning")
    await press(user, ENGLISH.note, card)
    refused = await say(user, "x" * 4097)
    assert "4,097 characters" in refused.text or "4097 characters" in refused.text, refused.text
    assert ENGLISH.saved in (await say(user, "y" * 4096)).text


async def test_another_learners_note_and_a_deleted_one_are_answered_as_stale(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    ana, bea = learner(fake, ENGLISH), learner(fake, ENGLISH)
    await reply(bea, "Bea's note", await onboard(bea, "English", "From the beginning"))
    card = await onboard(ana, "English", "From the beginning")
    async with bot.sessions() as session:
        (theirs,) = (await session.scalars(select(Note.id))).all()
    for data in (f"1:ne:{theirs}", f"1:nd:{theirs}", "1:ne:999999999"):
        query = await ana.press_data(data, message=card)
        answer = (await ana.wait_answer(query, timeout=WAIT)).answer or {}
        assert "no longer in the roadmap" in str(answer.get("text")), (data, answer)
    query = await ana.press_data(f"1:ny:{theirs}", message=card)
    answer = (await ana.wait_answer(query, timeout=WAIT)).answer or {}
    assert not answer.get("text")  # nothing was deleted: no "Deleted"
    assert ENGLISH.empty in (await ana.wait_message(timeout=WAIT)).text
    query = await ana.press_data("1:ne:9999999999", message=card)  # over the id's range
    forged = (await ana.wait_answer(query, timeout=WAIT)).answer or {}
    assert "not valid" in str(forged.get("text"))
    assert "Bea's note" in shown(await say(bea, "/notes"))
    assert (await rows_about(bot, bea))["notes"] == 1
