"""Forged buttons, odd messages and group chats: a clear answer, never a crash."""

from __future__ import annotations

from fake_bot_api import FakeTelegram
from tests.e2e.harness import WAIT, RunningBot, say, settled
from tests.e2e.test_journeys import onboard, resource_url

FORGED = [
    "garbage",
    "1:d:no-such-book",
    "1:d:Not-A-Slug",
    "2:d:grokking-algorithms",
    "1:zz:",
    "1:d:" + "x" * 60,
    "1:d:فارسی",
    "1:f:algorithms",
    "1:rs:nowhere",
    "1:x:maybe",
]


async def test_forged_and_stale_buttons_get_an_answer(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    for data in FORGED:
        query = await user.press_data(data, message=card)
        answer = await user.wait_answer(query, timeout=WAIT)
        assert answer.answered
    await settled(fake)
    after = await say(user, "/next")
    assert resource_url(after) == resource_url(card)  # nothing moved
    assert "Progress: 0 of" in after.text


async def test_buttons_from_someone_who_never_started(bot: RunningBot, fake: FakeTelegram) -> None:
    """A stale card forwarded or left from a deleted account still gets an answer."""
    ana, bob = fake.user(first_name="Ana"), fake.user(first_name="Bob")
    card = await onboard(ana, "English", "From the beginning")
    query = await bob.press_data(card.find_button("✅ Done").callback_data or "", message=card)
    assert (await bob.wait_answer(query, timeout=WAIT)).answered


async def test_messages_that_are_not_commands(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    reply = await say(user, "/frobnicate now")
    assert "I don't know /frobnicate" in reply.text and "/help" in reply.text
    reply = await say(user, "/<b>bold</b>")  # not a command to Telegram: free text
    assert "/next" in reply.text
    reply = await say(user, "hello there")
    assert "/next" in reply.text
    reply = await say(user, "x" * 5000)
    assert "/next" in reply.text
    await user.send_sticker()
    assert "only read text" in (await user.wait_message(timeout=WAIT)).text
    await user.send_photo(caption="my notes")
    assert "only read text" in (await user.wait_message(timeout=WAIT)).text


async def test_names_are_escaped(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="<b>Ana</b> & <i>Co")
    welcome = await say(user, "/start")
    assert "Hi <b>Ana</b> & <i>Co!" in welcome.text  # shown literally, not as markup


async def test_group_chats_are_pointed_to_a_private_chat(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user()
    group = fake.group()
    await user.send("/start", chat=group)
    await user.send("hello everyone", chat=group)
    await user.send("/next", chat=group)
    await settled(fake)
    replies = fake.messages(group.id)
    assert len(replies) == 1
    assert "private chat" in replies[0].text and "@roadmap_test_bot" in replies[0].text
    assert fake.messages(user.chat_id) == []


async def test_edited_messages_and_unknown_updates_are_ignored(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user()
    await say(user, "/help")
    await user.edit(1, "/next")
    fake.push_update(
        {
            "poll": {
                "id": "1",
                "question": "?",
                "options": [],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
            }
        }
    )
    await settled(fake)
    assert len(fake.messages(user.chat_id)) == 1


async def test_blocked_learner_is_marked(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    await onboard(user, "English", "From the beginning")
    fake.block(user)
    await settled(fake)
    async with bot.sessions() as session:
        from bot.db.models import Learner

        learner = await session.get(Learner, user.id)
        assert learner is not None and learner.blocked_at is not None
