"""Simulated users: what their actions put in the update queue, and their waiting helpers."""

from __future__ import annotations

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update

from fake_bot_api import FakeTelegram


def menu(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(x, callback_data=x.lower())] for x in labels]
    )


async def test_ids_chats_and_message_kinds(fake: FakeTelegram, bot: Bot) -> None:
    first, second = fake.user(), fake.user(username="reza", language_code=None)
    assert (first.id, second.id, first.chat_id) == (100001, 100002, 100001)
    assert fake.user(100001) is first
    group = fake.group(title="Backend study")
    assert group.id < 0
    await first.send("hi all", chat=group)
    await first.send_sticker()
    await first.send_photo(caption="my notes")
    updates = await bot.get_updates()
    assert [u.effective_chat.type for u in updates if u.effective_chat] == [
        "supergroup",
        "private",
        "private",
    ]
    assert updates[1].message is not None and updates[1].message.sticker is not None
    assert updates[2].message is not None and updates[2].message.caption == "my notes"
    assert updates[2].message.photo[-1].width == 800


async def test_user_edit_becomes_edited_message(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    await user.send("/nxt")
    [sent] = await bot.get_updates()
    assert sent.message is not None
    await user.edit(sent.message.message_id, "/next")
    [edited] = await bot.get_updates(offset=sent.update_id + 1)
    assert edited.edited_message is not None
    assert edited.edited_message.text == "/next" and edited.edited_message.edit_date is not None
    with pytest.raises(AssertionError):
        await user.edit(999, "nope")


async def test_press_sends_the_full_message_and_finds_buttons(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    older = await bot.send_message(user.id, "language?", reply_markup=menu("English", "فارسی"))
    await bot.send_message(user.id, "no keyboard here")
    query_id = await user.press("فارسی")  # newest message *with* a keyboard
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query is not None and query.id == query_id and query.data == "فارسی"
    assert query.message is not None and query.message.message_id == older.message_id
    assert query.from_user.id == user.id and query.chat_instance
    with pytest.raises(AssertionError, match=r"no button matches: 'German'.*'English', 'فارسی'"):
        await user.press("German")
    await bot.send_message(user.id, "level?", reply_markup=menu("Level 1", "Level 2"))
    with pytest.raises(AssertionError, match="several buttons contain it"):
        await user.press("Level")
    forged = await user.press_data("x" * 100, message=user.messages[0])
    assert fake.callback_queries[forged].data == "x" * 100
    assert fake.callback_queries[forged].message_id == older.message_id


async def test_wait_message_follows_the_users_last_action(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    await bot.send_message(user.id, "before")
    await user.send("/start")
    sent = await bot.send_message(user.id, "one")
    await bot.send_message(user.id, "two")
    await bot.edit_message_text("one!", user.id, sent.message_id)
    assert (await user.wait_message()).text == "one!"  # the current snapshot of "one"
    assert (await user.wait_message()).text == "two"
    assert (await user.wait_message()).edits == 1
    with pytest.raises(TimeoutError, match=r"(?s)no new or edited bot message.*editMessageText"):
        await user.wait_message(timeout=0.05)


async def test_block_queues_my_chat_member(fake: FakeTelegram, bot: Bot) -> None:
    user = fake.user()
    fake.block(user)
    [update] = await bot.get_updates(allowed_updates=Update.ALL_TYPES)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
